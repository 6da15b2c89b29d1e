#include "screens/language_button.h"

#include <algorithm>

namespace wk {

namespace {
constexpr const char* kWordKey = "ui.language.button";
constexpr float kPadMm = 2.5f;  // as target_parts pads a button
// Wider than this the word leaves the step pictures too little room on a 10" tablet: then the
// picture alone.
constexpr float kMaxWidthMm = 70;

struct ButtonSize {
  float width;
  bool picture_only;
};

// The picture as tall as the button, the word beside it at the reading size (measured). As
// wide in every language of the pack (for the widest word): the step pictures and the button
// stay where they were when the person changes language.
ButtonSize button_size(const ScreenContext& ctx, const Metrics& m) {
  const float h = volume_rect(m).h, pad = m.mm(kPadMm);
  float word = 0;
  for (const auto& cat : ctx.pack().locales)
    word = std::max(word, m.measure(ctx.pack().text(cat.code, kWordKey), TextRole::Small, 0).width);
  const float wide = (h - 2 * pad) + word + 3 * pad + 2;
  if (wide <= m.mm(kMaxWidthMm)) return {std::max(wide, h * 1.6f), false};
  return {h, true};
}
}  // namespace

Rect language_button_rect(const ScreenContext& ctx, const Metrics& m) { return language_rect(m, button_size(ctx, m).width); }

void add_language_button(ScreenModel& s, const ScreenContext& ctx, const Metrics& m) {
  Target t{kLanguageButtonId, ctx.t(kWordKey), ctx.pack().ui_picture("language"), language_button_rect(ctx, m),
           TargetStyle::Speaker};
  t.picture_only = button_size(ctx, m).picture_only;
  s.targets.push_back(t);
}

float header_buttons_left(const ScreenContext& ctx, const Metrics& m) {
  return ctx.language_button() ? language_button_rect(ctx, m).x : volume_rect(m).x;
}

std::vector<std::string> language_button_text_keys() { return {kWordKey, kLanguageExplainKey}; }
std::vector<std::string> language_button_picture_roles() { return {"language"}; }

}  // namespace wk
