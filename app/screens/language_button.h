#pragma once
// The language button on every question screen (the flow adds it, beside the volume button):
// a person who finds halfway that another language is easier opens the language screen from
// any question and comes back to the same question, with the answers kept. A globe (OpenMoji
// 1F310), the one picture that means "language" here, with the word "Taal" beside it where the
// word fits; where it does not, the picture alone (the word stays in the model and is said).
// What it does is said once per check, with the other buttons' explanations (question screen).
#include <string>
#include <vector>

#include "screens/layout.h"
#include "screens/screen_context.h"
#include "screens/screen_model.h"

namespace wk {

inline constexpr const char* kLanguageButtonId = "language";
inline constexpr const char* kLanguageExplainKey = "ui.explain.language";

// Where the button goes on this screen, for this language's word.
Rect language_button_rect(const ScreenContext& ctx, const Metrics& m);
void add_language_button(ScreenModel& s, const ScreenContext& ctx, const Metrics& m);
// Where the buttons of the top right corner begin: the step pictures end left of it.
float header_buttons_left(const ScreenContext& ctx, const Metrics& m);

std::vector<std::string> language_button_text_keys();
std::vector<std::string> language_button_picture_roles();

}  // namespace wk
