#pragma once
// The take-home slip on the code page: a printer button (a picture of a printer, its word,
// 20 mm and more) where a printer is set, then what happens to the slip, shown and said:
// printing, in the printer, or that it could not be printed (the code stays on the screen).
#include <string>
#include <vector>

#include "screens/layout.h"
#include "screens/screen_context.h"
#include "screens/screen_model.h"

namespace wk {

// The room the slip's row takes at the bottom of the code page; 0 without a printer.
float slip_row_height(const ScreenContext& ctx, const Metrics& m);
// The button or what happens to the slip, in row (the bottom of the code page).
void add_slip_row(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Rect& row);
// What the row says now: the button's word, or printing, printed, or failed (with_code: and
// the code again, when the failure is news).
std::vector<Clip> slip_speech(const ScreenContext& ctx, bool with_code);
std::vector<std::string> slip_picture_roles();

}  // namespace wk
