#pragma once
// How much room words need: the screens lay out from what the text really takes, so text is
// never cut and never shrunk below the reading rule. The window hands in the text engine's
// measure (text/engine_measure.h); without one (a headless test that does not ask for it) the
// screens use a cautious estimate (estimate_text in layout.h).
#include <string>

namespace wk {

struct TextSize {
  float width = 0, height = 0;  // the laid-out block, pixels (width: the widest line)
  int lines = 0;
  bool word_too_wide = false;  // a single word is wider than the width asked for
};

class TextMeasure {
 public:
  // The block of utf8 at a cap height (pixels, a capital H), wrapped at words to width_px
  // (0: one line per paragraph).
  virtual TextSize measure(const std::string& utf8, float cap_px, bool bold, float width_px) const = 0;

 protected:
  ~TextMeasure() = default;
};

}  // namespace wk
