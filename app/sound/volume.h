#pragma once
// Volume steps. 0 mutes; 10..100 % spans -27 dB .. 0 dB, a range wide enough for a quiet
// office and a factory floor. The operator sets the kiosk's level in the operator menu; the
// participant has three levels around it (participant_levels), one button that cycles them.
#include <array>

namespace wk {

float volume_gain(int percent);
float volume_db(int percent);  // 20 log10 of the gain; -inf when muted

// One participant step is 20 % = 6 dB: a change anyone hears, and twice two steps is the
// operator's level +-6 dB, enough for a hard-of-hearing person or a quiet office.
inline constexpr int kParticipantStepPercent = 20;
// With headphones the top is 70 % (-9 dB from full scale): a speaker-level setting must not
// reach the ears at full level (headphone output limits, EN 50332; the operator sets the
// level with the headphones on, the participant can only go lower or back up to it).
inline constexpr int kHeadphonesMaxPercent = 70;

int participant_max_percent(bool headphones);
// Where a new person starts: the operator's level, capped when headphones are on.
int participant_start_percent(int operator_percent, bool headphones);
// The three levels, quietest first, one of them the start level; all within the cap.
std::array<int, 3> participant_levels(int operator_percent, bool headphones);
// The level after current (one step louder; after the loudest, the quietest again).
int next_participant_percent(int current, int operator_percent, bool headphones);
// 0, 1 or 2: which of the three levels current is (the nearest), for the button's picture.
int participant_level_index(int current, int operator_percent, bool headphones);

}  // namespace wk
