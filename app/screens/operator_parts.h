#pragma once
// What the staff screens (PIN, menu, credits, enrollment) share: their words, also when the
// content pack could not be loaded, their keys and buttons, and the menu's actions.
#include <string>
#include <vector>

#include "screens/screen_context.h"
#include "screens/screen_model.h"

namespace wk {

inline constexpr int kPinAttempts = 5;     // wrong PINs before the keypad locks
inline constexpr double kPinLockS = 60.0;  // for this long

// Staff text: from the content pack, or built in when it could not be loaded.
std::string operator_text(const ScreenContext& ctx, const std::string& key);
// The built-in Dutch staff words (operator.*), for a kiosk whose content pack did not load.
std::string builtin_operator_text(const std::string& key);
// A staff button: held to staff, not participant, sizes.
Target operator_target(const std::string& id, const std::string& label, const Rect& r, TargetStyle style);
// An "op:..." button of the menu (the credits and enrollment screens share "back").
void operator_action(ScreenContext& ctx, const std::string& action);
// Whether a native speaker reviewed a language, in staff words ("niet nagekeken door een moedertaalspreker").
std::string language_review_words(const ScreenContext& ctx, const LocaleCatalog& cat);
// The operator status's line per language: on or off on this kiosk, and reviewed or not.
std::vector<std::string> language_status_lines(const ScreenContext& ctx);

}  // namespace wk
