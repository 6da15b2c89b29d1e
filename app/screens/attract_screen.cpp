// Attract screen: one big picture and "tik om te beginnen"; the whole screen is the button.
#include <algorithm>

#include "screens/screen_unit.h"

namespace wk {

namespace {

class AttractScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::Attract; }

  void tap(ScreenContext& ctx, const TapEvent& tap, double now) override {
    if (tap.is("returning")) {
      ctx.go(Screen::CodeEntry, now);
    } else if (tap.is("start")) {
      // The welcome, then the language screen speaks its choices.
      ctx.go(Screen::Language, now);
      auto& speak = ctx.effects().speak;
      if (speak) speak->insert(speak->begin(), Clip{ctx.locale(), "ui.attract.title"});
    }
  }

  std::vector<Clip> speech(const ScreenContext& ctx) const override {
    return {{ctx.locale(), "ui.attract.title"}, {ctx.locale(), "ui.attract.tap"}};
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    const ContentPack& content = ctx.pack();
    auto t = [&](const std::string& key) { return ctx.t(key); };
    ScreenModel s;
    // Everything above the "I have a code" button: picture, welcome, tap hand, "tik om te beginnen".
    const float button_h = m.mm(26), margin = m.mm(6);
    const float room = m.height - 2 * margin - button_h - m.mm(4);
    const float line = m.title_px * 1.4f;
    const float tap = std::min(m.mm(28), room * 0.18f);
    const float pic = std::min({room - 2 * line - tap - m.mm(12), m.width * 0.4f, m.mm(110)});
    float y = margin + std::max(0.0f, (room - (pic + 2 * line + tap + m.mm(12))) / 2);
    s.pictures.push_back({content.ui_picture("attract"), {(m.width - pic) / 2, y, pic, pic}});
    y += pic + m.mm(4);
    s.texts.push_back({t("ui.attract.title"), {0, y, m.width, line}, TextRole::Title});
    y += line + m.mm(4);
    s.pictures.push_back({content.ui_picture("tap"), {(m.width - tap) / 2, y, tap, tap}});
    y += tap + m.mm(4);
    s.texts.push_back({t("ui.attract.tap"), {0, y, m.width, line}, TextRole::Title});
    // The corner and the "I have a code" button come first so that they win over the full-screen target.
    s.targets.push_back({"operator-corner", "", "", operator_corner_rect(m), TargetStyle::Hidden, false, false});
    const float rw = std::min(m.mm(90), m.width * 0.4f), rh = m.mm(26);
    s.targets.push_back({"returning", t("ui.attract.returning"), content.ui_picture("returning"),
                         {m.width - m.mm(6) - rw, m.height - m.mm(6) - rh, rw, rh}, TargetStyle::Nav});
    s.targets.push_back({"start", t("ui.attract.tap"), content.ui_picture("tap"), {0, 0, m.width, m.height},
                         TargetStyle::FullScreen});
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    return {"ui.attract.title", "ui.attract.tap", "ui.attract.returning"};
  }
  std::vector<std::string> picture_roles() const override { return {"attract", "tap", "returning"}; }
};

}  // namespace

std::unique_ptr<ScreenUnit> make_attract_screen() { return std::make_unique<AttractScreen>(); }

}  // namespace wk
