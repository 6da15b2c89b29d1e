#include "sound/volume.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wk {

float volume_db(int percent) {
  if (percent <= 0) return -std::numeric_limits<float>::infinity();
  return (std::clamp(percent, 10, 100) - 100) * 0.3f;
}

float volume_gain(int percent) {
  if (percent <= 0) return 0.0f;
  return std::pow(10.0f, volume_db(percent) / 20.0f);
}

}  // namespace wk
