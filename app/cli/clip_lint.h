#pragma once
// The clip linter: every spoken clip of a pack is decoded as the kiosk would play it, so a
// damaged or cut-off clip is named before the pack ships (a missing one is the core linter's).
// Run by `werkcheck lint`.
#include <string>
#include <vector>

#include "content/content_pack.h"

namespace wk {

// One line per clip that is there but does not play ("<path>: spoken clip does not play: <why>").
std::vector<std::string> lint_clips(const ContentPack& pack);

}  // namespace wk
