#pragma once
// The screens' TextMeasure (screens/text_measure.h) answered by the text engine, so the
// layout sizes its boxes by the same shaping, fallback and line breaking that draws them.
// Answers are remembered (a screen is laid out every frame); the memory is bounded.
#include <string>
#include <unordered_map>

#include "screens/text_measure.h"
#include "text/text_engine.h"

namespace wk {

class EngineMeasure final : public TextMeasure {
 public:
  explicit EngineMeasure(TextEngine& engine) : engine_(engine) {}
  TextSize measure(const std::string& utf8, float cap_px, bool bold, float width_px) const override;

 private:
  static constexpr std::size_t kMaxRemembered = 8192;
  TextEngine& engine_;
  mutable std::unordered_map<std::string, TextSize> remembered_;
};

}  // namespace wk
