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
  void play(const std::vector<std::string>& wav_paths);
  void stop();
  void set_volume_percent(int percent);  // see sound/volume.h
  bool playing() const;
  const CacheUse& cache_use() const { return cache_.use(); }

 private:
  const std::vector<int16_t>* load(const std::string& path);
  SDL_AudioDeviceID device_ = 0;
  SDL_AudioSpec spec_{};
  float gain_ = 1.0f;
  LruCache<std::string, std::vector<int16_t>> cache_;
  std::set<std::string> missing_logged_;
};

}  // namespace wk
