#pragma once
// The participant code as the result, stop and closing screens show and say it: large, in
// groups, with what it is for ("Geef deze code aan je coach."), and spoken one digit at a time
// in the person's language with a pause between the groups (see platform/random_ids.h).
#include <string>
#include <vector>

#include "screens/layout.h"
#include "screens/screen_context.h"
#include "screens/screen_model.h"

namespace wk {

// The code in a card with its words beside it (or under it where the row is narrow), from the
// top of area; nothing is drawn without a session. Returns the height it took: the card, or
// the words where they need more (a small screen).
float add_code_card(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Rect& area);
// Only the card, centred in area (where the words are the page's title).
void add_code_alone(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Rect& area);
// The code as a text: left to right on any screen (a right-to-left one would swap its groups).
TextBlock code_text(const std::string& code, const Rect& box, TextRole role);
// The largest type (display, title, body) in which a code fits box on one line.
TextRole code_role(const Metrics& m, const std::string& code, const Rect& box);
// "This is your code. Give this code to your coach.", then the digits in groups.
std::vector<Clip> code_speech(const ScreenContext& ctx);
// Every word the code parts may need, whatever code the session has (new or earlier alphabet).
std::vector<std::string> code_text_keys();

}  // namespace wk
