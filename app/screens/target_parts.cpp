#include "screens/target_parts.h"

#include <algorithm>

namespace wk {

namespace {
constexpr float kPadMm = 2.5f;

// A square button (the speaker, a square bar or keypad button): the picture above its word.
TargetParts picture_over_word(const Metrics& m, const Rect& r, float pad) {
  TargetParts p;
  const float label_h = m.line_height(TextRole::Small);
  const float side = std::max(0.0f, std::min(r.w - 2 * pad, r.h - label_h - 2 * pad));
  p.picture = {r.x + (r.w - side) / 2, r.y + pad, side, side};
  p.label = {r.x + 2, r.y + r.h - label_h - pad / 2, r.w - 4, label_h};
  p.role = TextRole::Small;
  return p;
}
}  // namespace

TargetParts target_parts(const Metrics& m, const Target& t) {
  TargetParts p;
  const Rect& r = t.rect;
  const float pad = m.mm(kPadMm);
  switch (t.style) {
    case TargetStyle::Hidden:
    case TargetStyle::FullScreen:
    case TargetStyle::Listen:  // a card's own speaker: a picture only (the card has the words)
      return p;
    case TargetStyle::Answer: {
      if (r.w > r.h * 1.8f) {
        // A wide, low card: picture on the left, words beside it.
        p.wide = true;
        // The picture is as tall as the card, but leaves the words most of its width.
        const float side = std::max(0.0f, std::min(r.h - 2 * pad, r.w * 0.3f));
        p.picture = {r.x + pad, r.y + (r.h - side) / 2, side, side};
        p.label = {r.x + 2 * pad + side, r.y + pad, std::max(0.0f, r.w - 3 * pad - side), r.h - 2 * pad};
        p.centered = false;
        return p;
      }
      // Picture over its words; the words take the lines they need at the card's width.
      const float label_w = std::max(0.0f, r.w - 2 * pad);
      const float label_h = std::max(m.line_height(TextRole::Body), m.measure(t.label, TextRole::Body, label_w).height);
      const float side = std::max(0.0f, std::min(r.w - 2 * pad, r.h - label_h - 3 * pad));
      const float block = side + pad + label_h;
      p.picture = {r.x + (r.w - side) / 2, r.y + (r.h - block) / 2, side, side};
      p.label = {r.x + pad, p.picture.y + side + pad, label_w, label_h};
      return p;
    }
    case TargetStyle::Volume: {
      // The level picture fills the button: the word for the level stays in the model (the UI
      // dump), but no word of it fits a 21 mm button at the reading size.
      const float side = std::max(0.0f, std::min(r.w, r.h) - 2 * pad);
      p.picture = {r.x + (r.w - side) / 2, r.y + (r.h - side) / 2, side, side};
      return p;
    }
    case TargetStyle::Speaker:
      return picture_over_word(m, r, pad);
    case TargetStyle::Nav:
    case TargetStyle::Primary:
    case TargetStyle::Operator:
    case TargetStyle::Key: {
      const bool primary = t.style == TargetStyle::Primary;
      if (!t.picture.empty() && r.w < r.h * 1.6f) return picture_over_word(m, r, pad);  // a square button
      float x = r.x + pad;
      if (!t.picture.empty()) {
        // The picture gives way to the word (down to kMinCardPictureMm); then the word wraps.
        const TextRole want = (t.style == TargetStyle::Key || primary) ? TextRole::Title : TextRole::Body;
        const float word_w = m.measure(t.label, want, 0).width;
        float side = std::min({r.h - 2 * pad, r.w * 0.4f, m.mm(24)});
        side = std::max(std::min(side, r.w - 3 * pad - word_w - 2), std::min(side, m.mm(kMinCardPictureMm)));
        p.picture = {x, r.y + (r.h - side) / 2, side, side};
        x += side + pad;
      }
      p.label = {x, r.y, r.x + r.w - pad - x, r.h};
      p.role = (t.style == TargetStyle::Key || primary) ? TextRole::Title : TextRole::Body;
      // A title-sized word that does not fit its button is drawn at body size (still the rule).
      if (p.role == TextRole::Title && !m.fits(t.label, TextRole::Title, p.label)) p.role = TextRole::Body;
      return p;
    }
  }
  return p;
}

bool target_fits(const Metrics& m, const Target& t) {
  if (t.style == TargetStyle::Listen || t.style == TargetStyle::Volume) return true;  // pictures only
  const TargetParts p = target_parts(m, t);
  // A card's picture keeps its size (an empty one: the words took the card's whole height).
  if (t.style == TargetStyle::Answer && !t.picture.empty() && p.picture.w < m.mm(kMinCardPictureMm)) return false;
  return m.fits(t.label, p.role, p.label);
}

}  // namespace wk
