#pragma once
// The automation hook (WERKCHECK_UI_DUMP): the current screen as JSON, for end-to-end
// tests that tap the real window like a finger. Format documented in README.md.
#include <string>

#include "screens/layout.h"
#include "screens/screen_model.h"

namespace wk {
std::string screen_dump_json(const ScreenModel& s, const Metrics& m, long frame);
}
