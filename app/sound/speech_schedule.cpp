#include "sound/speech_schedule.h"

#include <algorithm>

namespace wk {

void SpeechSchedule::add(std::size_t samples, std::size_t gap) {
  if (!starts_.empty()) total_ += gap;
  starts_.push_back(total_);
  total_ += samples;
}

int SpeechSchedule::index_at(std::size_t played) const {
  if (starts_.empty()) return -1;
  if (played >= total_) return size();
  const auto after = std::upper_bound(starts_.begin(), starts_.end(), played);
  return static_cast<int>(after - starts_.begin()) - 1;
}

}  // namespace wk
