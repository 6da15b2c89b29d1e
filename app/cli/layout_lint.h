#pragma once
// The layout linter: every question of a pack laid out by the kiosk's own screens, with the
// real text engine, at each supported screen size and in each language. Words that do not fit
// even when the options are paged (one card a page) are named with their question, language
// and screen size, so they are fixed before the pack ships. Run by `werkcheck lint`.
#include <string>
#include <vector>

#include "content/content_pack.h"

namespace wk {

struct ScreenSize {
  const char* name;
  float width_px, height_px, width_mm;  // width_mm 0: no size set (96 dpi assumed)
};
// The screens werkcheck supports (issue 10): 24" and 15.6" full HD, a 10" tablet, and
// 1280x800 whose size the kiosk was not told.
const std::vector<ScreenSize>& supported_screen_sizes();

// One line per text that does not fit; empty when all fit.
std::vector<std::string> lint_layout(const ContentPack& pack);

}  // namespace wk
