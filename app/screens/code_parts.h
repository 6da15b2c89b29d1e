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

// The code in a card, as large as area allows, with its words beside it (or under it on a
// narrow area). with_keep adds "take a photo of it"; nothing is drawn without a session.
void add_code_card(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Rect& area, bool with_keep);
// "This is your code. Give it to your coach.", the characters in groups, [and "take a photo"].
std::vector<Clip> code_speech(const ScreenContext& ctx, bool with_keep);
// Every word the code parts may need, whatever code the session has (new or earlier alphabet).
std::vector<std::string> code_text_keys();

}  // namespace wk
