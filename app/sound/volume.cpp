#include "sound/volume.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
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

int participant_max_percent(bool headphones) { return headphones ? kHeadphonesMaxPercent : 100; }

int participant_start_percent(int operator_percent, bool headphones) {
  return std::clamp(operator_percent, 0, participant_max_percent(headphones));
}

std::array<int, 3> participant_levels(int operator_percent, bool headphones) {
  const int max = participant_max_percent(headphones), step = kParticipantStepPercent;
  // A muted kiosk (0) still gives the participant audible levels from the quietest up.
  const int base = std::clamp(operator_percent, 10, max);
  if (base + step > max) return {base - 2 * step, base - step, base};  // at the top: two steps down
  if (base - step < 10) return {base, base + step, base + 2 * step};   // at the bottom: two steps up
  return {base - step, base, base + step};
}

int next_participant_percent(int current, int operator_percent, bool headphones) {
  const auto levels = participant_levels(operator_percent, headphones);
  for (int level : levels)
    if (level > current) return level;
  return levels[0];
}

int participant_level_index(int current, int operator_percent, bool headphones) {
  const auto levels = participant_levels(operator_percent, headphones);
  int best = 0;
  for (int i = 1; i < 3; ++i)
    if (std::abs(levels[i] - current) < std::abs(levels[best] - current)) best = i;
  return best;
}

}  // namespace wk
