#pragma once
// Where a target's picture and words go inside its rectangle. The window draws them there and
// the screens measure the words against the same box, so what a screen lays out is what is
// drawn: a label that would not fit is found by the layout, not cut by the drawing.
#include "screens/layout.h"
#include "screens/screen_model.h"

namespace wk {

struct TargetParts {
  Rect picture;  // w == 0: no picture
  Rect label;    // the box the words must fit in
  TextRole role = TextRole::Body;
  bool centered = true;
  bool vcenter = true;
  bool wide = false;  // picture beside the words instead of above them
  // An answer card's own speaker (Target::own_listen), kListenMm square, clear of the picture
  // and the words: the top left corner of a tall card, the right end of a wide one. w == 0:
  // the card is too small for one (target_fits says no).
  Rect listen;
};

TargetParts target_parts(const Metrics& m, const Target& t);
// Whether the target's words fit their box (and on a card, the picture keeps kMinCardPictureMm).
bool target_fits(const Metrics& m, const Target& t);

// A card's picture is never smaller than this: the picture is what a person who cannot read
// chooses by.
inline constexpr float kMinCardPictureMm = 12;
// A card's own speaker: a target of its own, so at least 20 x 20 mm.
inline constexpr float kListenMm = 20.5f;

}  // namespace wk
