// The end of a check: the participant code again (the result began with it), large and spoken
// digit by digit, what it is for, and the invitation to come back in a year (the yearly check).
#include <algorithm>

#include "platform/log.h"
#include "screens/code_parts.h"
#include "screens/page_parts.h"
#include "screens/screen_unit.h"

namespace wk {

namespace {

class ClosingScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::Closing; }
  Idle idle() const override { return Idle::Participant; }
  bool after_questions() const override { return true; }

  void tap(ScreenContext& ctx, const TapEvent& tap, double now) override {
    if (tap.is("done")) {
      log::info("session", "finished " + ctx.session()->uuid);
      ctx.reset_to_attract(SessionStatus::Finished);
    } else if (tap.is("nav", "back")) {
      ctx.go(Screen::Consent, now);
    }
  }

  std::vector<Clip> speech(const ScreenContext& ctx) const override {
    std::vector<Clip> clips;
    auto say = [&](const std::string& key) { clips.push_back({ctx.locale(), key}); };
    say("ui.closing.title");
    for (auto& c : code_speech(ctx)) clips.push_back(std::move(c));
    say("ui.closing.come_back");
    return clips;
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    const ContentPack& content = ctx.pack();
    auto t = [&](const std::string& key) { return ctx.t(key); };
    ScreenModel s;
    const PageRegions r = end_regions(m);
    const Rect speaker = end_speaker(m, r);
    s.targets.push_back({"speak", t("ui.speaker"), content.ui_picture("speaker"), speaker, TargetStyle::Speaker});
    const float title_w = speaker.x - m.mm(5) - r.prompt.x;
    const FittedText title = fit_text(m, t("ui.closing.title"), TextRole::Title, title_w, r.prompt.h);
    s.texts.push_back({t("ui.closing.title"), {r.prompt.x, r.prompt.y, title_w, std::max(r.prompt.h, title.h)}, title.role});
    const float lift = std::max(0.0f, title.h - r.prompt.h);
    const Rect body{r.body.x, r.body.y + lift, r.body.w, r.body.h - lift};
    // The code in a card, large; what it is for beside it.
    const float code_h = add_code_card(s, ctx, m, body);
    // Come back in a year.
    const float y = body.y + code_h + m.mm(6);
    const float come_h = body.y + body.h - y;
    const float pic = std::min(come_h, m.mm(30));
    s.pictures.push_back({content.ui_picture("come_back"), {body.x, y + (come_h - pic) / 2, pic, pic}});
    const float come_w = body.w - pic - m.mm(6);
    const FittedText come = fit_text(m, t("ui.closing.come_back"), TextRole::Title, come_w, come_h);
    s.texts.push_back({t("ui.closing.come_back"), {body.x + pic + m.mm(6), y, come_w, come_h}, come.role, false});
    s.targets.push_back({"nav:back", t("ui.back"), content.ui_picture("back"), nav_back_rect(m), TargetStyle::Nav});
    s.targets.push_back({"done", t("ui.done"), content.ui_picture("done"), nav_next_rect(m), TargetStyle::Primary});
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    std::vector<std::string> keys = {"ui.closing.title", "ui.closing.come_back", "ui.speaker", "ui.back", "ui.done"};
    for (auto& k : code_text_keys()) keys.push_back(std::move(k));
    return keys;
  }
  std::vector<std::string> picture_roles() const override { return {"speaker", "come_back", "back", "done"}; }
};

}  // namespace

std::unique_ptr<ScreenUnit> make_closing_screen() { return std::make_unique<ClosingScreen>(); }

}  // namespace wk
