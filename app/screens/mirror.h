#pragma once
// Right to left (Arabic): a participant screen is laid out left to right by its screen unit,
// then mirrored here, in one place, for every screen: each rectangle changes sides, so Back
// and Next swap, the step pictures run from the right, cards flow from the right; the words
// start at the right (the window draws them with a right-to-left base direction); pictures
// with a direction (pictures.json "mirror_rtl", ContentPack::mirror_rtl) are drawn mirrored.
// What stays: the participant code reads left to right (TextBlock::ltr), and the operator
// corner stays where staff expect it.
#include <set>
#include <string>

#include "screens/layout.h"
#include "screens/screen_model.h"

namespace wk {

void mirror_for_rtl(ScreenModel& s, const Metrics& m, const std::set<std::string>& mirror_pictures);

// A rectangle's place on the other side of the box it lies in.
inline Rect mirrored_in(const Rect& r, float left, float width) { return {2 * left + width - r.x - r.w, r.y, r.w, r.h}; }

}  // namespace wk
