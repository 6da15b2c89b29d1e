// "Ben je er nog?": shown after the idle time, with one large target to carry on.
// It covers the whole screen so the answers behind it are not on view while nobody is there.
// The flow times it (idle/tick); this unit only shows and answers it.
#include <algorithm>

#include "screens/page_parts.h"
#include "screens/screen_unit.h"

namespace wk {

namespace {

class IdlePromptScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::IdlePrompt; }

  void tap(ScreenContext& ctx, const TapEvent& tap, double now) override {
    if (tap.is("idle", "continue")) ctx.go(ctx.return_to(), now);
  }

  std::vector<Clip> speech(const ScreenContext& ctx) const override {
    return {{ctx.locale(), "ui.idle.question"}, {ctx.locale(), "ui.idle.continue"}};
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    const ContentPack& content = ctx.pack();
    ScreenModel s;
    const float y = add_centred_heading(s, m, content.ui_picture("continue"), ctx.t("ui.idle.question"),
                                        std::min(m.height * 0.3f, m.mm(60)));
    const float w = std::min(m.width - m.mm(20), m.mm(160));
    const float h = std::min(m.height - y - m.mm(8), m.mm(60));
    s.targets.push_back({"idle:continue", ctx.t("ui.idle.continue"), content.ui_picture("yes"),
                         {(m.width - w) / 2, y, w, h}, TargetStyle::Primary});
    add_speaker(s, ctx, m);
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    return {"ui.idle.question", "ui.idle.continue", "ui.speaker"};
  }
  std::vector<std::string> picture_roles() const override { return {"continue", "yes", "speaker"}; }
};

}  // namespace

std::unique_ptr<ScreenUnit> make_idle_prompt_screen() { return std::make_unique<IdlePromptScreen>(); }

}  // namespace wk
