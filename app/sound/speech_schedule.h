#pragma once
// Where each clip of a spoken sequence lies in the samples handed to the audio device, so
// the screen can follow what is heard: given how many samples have played, which clip plays.
// A clip that is missing still has its place (a short pause), so the highlight moves on.
#include <cstddef>
#include <vector>

namespace wk {

class SpeechSchedule {
 public:
  void clear() { starts_.clear(), total_ = 0; }
  // Appends a clip of `samples` samples; `gap` samples of silence go before it unless it is first.
  void add(std::size_t samples, std::size_t gap);
  std::size_t total() const { return total_; }
  int size() const { return static_cast<int>(starts_.size()); }
  // The clip playing after `played` samples: the last one that has started (the pause after a
  // clip still counts as that clip); size() once all has played; -1 for an empty sequence.
  int index_at(std::size_t played) const;

 private:
  std::vector<std::size_t> starts_;
  std::size_t total_ = 0;
};

}  // namespace wk
