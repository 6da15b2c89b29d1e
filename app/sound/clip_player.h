#pragma once
// Plays spoken clips through SDL audio, one sequence at a time: a new request cuts off
// whatever is playing (speech can be interrupted and repeated, EN 301 549 5.1.3.4).
#include <SDL.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace wk {

class ClipPlayer {
 public:
  ClipPlayer() = default;
  ~ClipPlayer();
  // Opens the default audio device. Without one the kiosk runs silently (logged).
  bool open();
  bool available() const { return device_ != 0; }
  void play(const std::vector<std::string>& wav_paths);
  void stop();
  void set_volume_percent(int percent);  // see sound/volume.h
  bool playing() const;

 private:
  const std::vector<int16_t>* load(const std::string& path);
  SDL_AudioDeviceID device_ = 0;
  SDL_AudioSpec spec_{};
  float gain_ = 1.0f;
  std::map<std::string, std::vector<int16_t>> cache_;
  std::set<std::string> missing_logged_;
};

}  // namespace wk
