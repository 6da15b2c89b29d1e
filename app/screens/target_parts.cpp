#include "screens/target_parts.h"

#include <algorithm>

#include "screens/mirror.h"

namespace wk {

namespace {
constexpr float kPadMm = 2.5f;
constexpr float kListenInsetMm = 1.5f;  // between a card's own speaker and the card's edge

// A square button (the speaker, a square bar or keypad button): the picture above its word.
TargetParts picture_over_word(const Metrics& m, const Target& t, float pad) {
  const Rect& r = t.rect;
  TargetParts p;
  // The word's own height: an Arabic line is taller than a Latin one.
  const float label_h = std::max(m.line_height(TextRole::Small), m.measure(t.label, TextRole::Small, 0).height);
  const float side = std::max(0.0f, std::min(r.w - 2 * pad, r.h - label_h - 2 * pad));
  p.picture = {r.x + (r.w - side) / 2, r.y + pad, side, side};
  p.label = {r.x + 2, r.y + r.h - label_h - pad / 2, r.w - 4, label_h};
  p.role = TextRole::Small;
  return p;
}

// A button that shows only its picture (the volume button, a key whose word does not fit).
TargetParts picture_filling(const Rect& r, float pad) {
  TargetParts p;
  const float side = std::max(0.0f, std::min(r.w, r.h) - 2 * pad);
  p.picture = {r.x + (r.w - side) / 2, r.y + (r.h - side) / 2, side, side};
  return p;
}
}  // namespace

// Laid out left to right; target_parts mirrors it inside the target for a right-to-left screen.
static TargetParts parts_ltr(const Metrics& m, const Target& t) {
  TargetParts p;
  const Rect& r = t.rect;
  const float pad = m.mm(kPadMm);
  switch (t.style) {
    case TargetStyle::Hidden:
    case TargetStyle::FullScreen:
    case TargetStyle::Listen:  // a card's own speaker: a picture only (the card has the words)
      return p;
    case TargetStyle::Answer: {
      // The card's own speaker, when it has one: its side and the gap around it.
      const float listen = t.own_listen ? m.mm(kListenMm) : 0, inset = t.own_listen ? m.mm(kListenInsetMm) : 0;
      if (r.w > r.h * 1.8f) {
        // A wide, low card: picture on the left, words beside it, the speaker at the right end.
        p.wide = true;
        // The picture is as tall as the card, but leaves the words most of its width; where
        // the words do not fit beside it, it gives way to them (down to kMinCardPictureMm).
        const float words_right = t.own_listen ? r.x + r.w - 2 * inset - listen : r.x + r.w - pad;
        auto words_box = [&](float side) {
          return Rect{r.x + 2 * pad + side, r.y + pad, std::max(0.0f, words_right - (r.x + 2 * pad + side)), r.h - 2 * pad};
        };
        // A card without a picture (a language's name): the words take its room.
        float side = t.picture.empty() ? 0.0f : std::max(0.0f, std::min(r.h - 2 * pad, r.w * 0.3f));
        if (side > 0 && !m.fits(t.label, TextRole::Body, words_box(side))) {
          const float one_line = m.measure(t.label, TextRole::Body, 0).width;
          side = std::max(std::min(side, words_right - (r.x + 2 * pad) - one_line - 2), std::min(side, m.mm(kMinCardPictureMm)));
        }
        if (t.picture_max > 0) side = std::min(side, t.picture_max);
        p.picture = {r.x + pad, r.y + (r.h - side) / 2, side, side};
        p.label = words_box(side);
        p.centered = false;
        // (on a low card it may take all but half a millimetre of its height)
        if (t.own_listen && r.h >= listen + m.mm(0.5f)) p.listen = {r.x + r.w - inset - listen, r.y + (r.h - listen) / 2, listen, listen};
        return p;
      }
      // Picture over its words; the words take the lines they need at the card's width. With a
      // speaker, it takes the top left corner: the picture stands beside it, the words below.
      const float label_w = std::max(0.0f, r.w - 2 * pad);
      const float label_h = std::max(m.line_height(TextRole::Body), m.measure(t.label, TextRole::Body, label_w).height);
      const float pic_left = t.own_listen ? r.x + 2 * inset + listen : r.x + pad;
      float side = t.picture.empty() ? 0.0f : std::max(0.0f, std::min(r.x + r.w - pad - pic_left, r.h - label_h - 3 * pad));
      if (t.picture_max > 0) side = std::min(side, t.picture_max);
      const float band = std::max(side, listen);  // the picture and the speaker side by side
      const float block = band + pad + label_h;
      const float top = std::max(r.y + inset, r.y + (r.h - block) / 2);
      p.picture = {std::max(pic_left, r.x + (r.w - side) / 2), top + (band - side) / 2, side, side};
      p.label = {r.x + pad, top + band + pad, label_w, label_h};
      if (t.own_listen && p.label.y + label_h <= r.y + r.h - pad / 2 + 0.01f) p.listen = {r.x + inset, top, listen, listen};
      return p;
    }
    case TargetStyle::Volume:
      // The level picture fills the button: the word for the level stays in the model (the UI
      // dump), but no word of it fits a 21 mm button at the reading size.
      return picture_filling(r, pad);
    case TargetStyle::Speaker:
      if (t.picture_only) return picture_filling(r, pad);  // a keypad's Luister key
      return picture_over_word(m, t, pad);
    case TargetStyle::Nav:
    case TargetStyle::Primary:
    case TargetStyle::Operator:
    case TargetStyle::Key: {
      const bool primary = t.style == TargetStyle::Primary;
      if (t.picture_only && !t.picture.empty()) return picture_filling(r, pad);
      if (!t.picture.empty() && r.w < r.h * 1.6f) return picture_over_word(m, t, pad);  // a square button
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

TargetParts target_parts(const Metrics& m, const Target& t) {
  TargetParts p = parts_ltr(m, t);
  if (t.rtl) {
    for (Rect* r : {&p.picture, &p.label, &p.listen})
      if (r->w > 0) *r = mirrored_in(*r, t.rect.x, t.rect.w);
  }
  return p;
}

bool target_fits(const Metrics& m, const Target& t) {
  if (t.style == TargetStyle::Listen || t.style == TargetStyle::Volume) return true;  // pictures only
  if (t.picture_only && !t.picture.empty()) return true;
  const TargetParts p = target_parts(m, t);
  // A card's picture keeps its size (an empty one: the words took the card's whole height).
  if (t.style == TargetStyle::Answer && !t.picture.empty() && p.picture.w < m.mm(kMinCardPictureMm)) return false;
  if (t.own_listen && p.listen.w == 0) return false;
  return m.fits(t.label, p.role, p.label);
}

}  // namespace wk
