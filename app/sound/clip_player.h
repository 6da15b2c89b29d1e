#pragma once
// Plays spoken clips through SDL audio, one sequence at a time: a new request cuts off
// whatever is playing (speech can be interrupted and repeated, EN 301 549 5.1.3.4).
// Decoded clips are kept in a cache with a budget in bytes (least recently used out); a clip
// that went and is asked for again is decoded again. A sequence is copied into SDL's queue
// when it starts, so nothing that plays depends on the cache.
#include <SDL.h>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "platform/lru_cache.h"
#include "sound/clip_decode.h"
#include "sound/speech_schedule.h"

namespace wk {

class ClipPlayer {
 public:
  // About 47 s of speech at 22050 Hz mono: a question screen's whole sequence (the question
  // and nine options is under 20 s) twice over, so hearing it again decodes nothing.
  static constexpr std::size_t kDefaultBudget = 2u << 20;

  explicit ClipPlayer(std::size_t cache_budget_bytes = kDefaultBudget) : cache_(cache_budget_bytes) {}
  ~ClipPlayer();
  // Opens the default audio device. Without one the kiosk runs silently (logged).
  bool open();
  bool available() const { return device_ != 0; }
  // Plays the clips in order (now: the caller's clock, in seconds). A clip that is missing or
  // unreadable becomes a short pause (logged), so what follows it keeps its place.
  void play(const std::vector<std::string>& wav_paths, double now);
  void stop();
  void set_volume_percent(int percent);  // see sound/volume.h
  // Which clip of the last sequence plays now: by the samples the device has taken from the
  // queue, or without a device by the clock, so a silent kiosk moves the highlight the same.
  // size of the sequence once all has played; -1 when nothing was played or it was stopped.
  int clip_at(double now) const;
  bool busy(double now) const;
  const CacheUse& cache_use() const { return cache_.use(); }
  // Clips that could not be played (missing, damaged, cut off): how many, and the last with why.
  int unreadable_count() const { return static_cast<int>(unreadable_.size()); }
  const ClipProblem& last_problem() const { return last_problem_; }

 private:
  const std::vector<int16_t>* load(const std::string& path);
  SDL_AudioDeviceID device_ = 0;
  SpeechSchedule schedule_;
  double started_ = 0;  // when the sequence started (the clock of a kiosk without sound)
  SDL_AudioSpec spec_{};
  float gain_ = 1.0f;
  LruCache<std::string, std::vector<int16_t>> cache_;
  std::set<std::string> unreadable_;  // each logged once
  ClipProblem last_problem_;
};

}  // namespace wk
