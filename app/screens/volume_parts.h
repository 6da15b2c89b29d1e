#pragma once
// The participant's volume button, on every participant screen (the flow adds it): one
// button that cycles three levels, its picture showing the level (a speaker with one, two or
// three waves). One button rather than a quieter/louder pair: it takes one 21 mm place in the
// top corner instead of two, it needs no choice between two look-alike pictures, and each tap
// is heard at once (a short sample at the new level). After the loudest it goes to the quietest,
// never from quiet straight to loud.
#include <string>
#include <vector>

#include "screens/layout.h"
#include "screens/screen_context.h"
#include "screens/screen_model.h"

namespace wk {

void add_volume_control(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, int percent);
// "Zet de koptelefoon op.": the headphones notice at the start of a check, with its picture.
void add_headphones_notice(ScreenModel& s, const ScreenContext& ctx, const Rect& area, const Metrics& m);

std::vector<std::string> volume_text_keys();
std::vector<std::string> volume_picture_roles();

}  // namespace wk
