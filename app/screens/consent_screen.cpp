// May a coach see the result? Saying plainly who sees what; "no" as big as "yes". It must be
// answered before the closing screen: "next" without an answer says so and stays. (A stop or
// the idle time before it still ends the session, with consent not asked.)
#include "platform/log.h"
#include "screens/page_parts.h"
#include "screens/screen_unit.h"

namespace wk {

namespace {

constexpr const char* kChooseFirstKey = "ui.closing.share_first";

class ConsentScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::Consent; }
  Idle idle() const override { return Idle::Participant; }
  bool after_questions() const override { return true; }
  void enter(ScreenContext&, Screen) override { nudged_ = false; }
  void reset() override { nudged_ = false; }

  void tap(ScreenContext& ctx, const TapEvent& tap, double now) override {
    if (tap.is("consent", "yes") || tap.is("consent", "no")) {
      const bool yes = tap.arg == "yes";
      try {
        ctx.store().set_consent(*ctx.session(), yes);
      } catch (const StoreError& e) {
        ctx.fail_storage(std::string("cannot store the consent: ") + e.what());
        return;
      }
      ctx.set_consent(yes);
      nudged_ = false;
      log::info("session", std::string("consent to share with a coach: ") + (yes ? "yes" : "no"));
      ctx.effects().speak = std::vector<Clip>{{ctx.locale(), yes ? "ui.closing.share_yes" : "ui.closing.share_no"}};
    } else if (tap.is("nav", "next")) {
      if (!ctx.consent()) {
        nudged_ = true;
        log::info("session", "consent not answered yet: asked to choose first");
        ctx.effects().speak = std::vector<Clip>{{ctx.locale(), kChooseFirstKey}};
        ctx.hold_taps(now);
        return;
      }
      ctx.go(Screen::Closing, now);
    } else if (tap.is("nav", "back")) {
      ctx.go(Screen::Result, now);  // its last page
    } else if (tap.is("nav", "stop")) {
      ctx.ask_stop(now);
    }
  }

  std::vector<Clip> speech(const ScreenContext& ctx) const override {
    return {{ctx.locale(), "ui.closing.share_question"}, {ctx.locale(), "ui.closing.share_who"}};
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    const ContentPack& content = ctx.pack();
    auto t = [&](const std::string& key) { return ctx.t(key); };
    ScreenModel s;
    const PageRegions r = end_regions(m);
    const Rect speaker = end_speaker(m, r);
    s.targets.push_back({"speak", t("ui.speaker"), content.ui_picture("speaker"), speaker, TargetStyle::Speaker});
    const float pic = r.prompt.h;
    s.pictures.push_back({content.ui_picture("private"), {r.prompt.x, r.prompt.y, pic, pic}});
    const float text_x = r.prompt.x + pic + m.mm(5);
    const float text_w = speaker.x - m.mm(5) - text_x;
    const std::string question = t("ui.closing.share_question");
    const FittedText q = fit_text(m, question, TextRole::Title, text_w, r.prompt.h);
    const float prompt_h = std::max(r.prompt.h, q.h);
    s.texts.push_back({question, {text_x, r.prompt.y + (prompt_h - q.h) / 2, text_w, q.h}, q.role, false});
    // Until yes or no is chosen, "next" asks for it; that request stands where "who sees it" was.
    // Its room is the taller of the two, measured, so the cards stay where they are.
    const float body_y = r.body.y + (prompt_h - r.prompt.h);
    const float who_h = std::max(m.measure(t("ui.closing.share_who"), TextRole::Body, r.body.w).height,
                                 m.measure(t(kChooseFirstKey), TextRole::Body, r.body.w).height);
    s.texts.push_back({t(nudged_ ? kChooseFirstKey : "ui.closing.share_who"), {r.body.x, body_y, r.body.w, who_h},
                       TextRole::Body, false, false});
    const float choices_y = body_y + who_h + m.mm(3);
    const Rect choices{r.body.x, choices_y, r.body.w, r.body.y + r.body.h - choices_y};
    auto cells = grid_cells(choices, 2, m.mm(10), m.mm(110), m.mm(90));
    const auto& consent = ctx.consent();
    s.targets.push_back({"consent:yes", t("ui.closing.share_yes"), content.ui_picture("yes"), cells[0],
                         TargetStyle::Answer, consent == true});
    s.targets.push_back({"consent:no", t("ui.closing.share_no"), content.ui_picture("none"), cells[1],
                         TargetStyle::Answer, consent == false});
    add_nav(s, ctx, m, true, "ui.next", "next", "nav:next");
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    return {"ui.closing.share_question", "ui.closing.share_who", "ui.closing.share_yes", "ui.closing.share_no",
            "ui.speaker", "ui.back", "ui.stop", "ui.next", kChooseFirstKey};
  }
  std::vector<std::string> picture_roles() const override {
    return {"speaker", "private", "yes", "none", "back", "stop", "next"};
  }

 private:
  bool nudged_ = false;  // "next" was tapped before yes or no: the screen says to choose first
};

}  // namespace

std::unique_ptr<ScreenUnit> make_consent_screen() { return std::make_unique<ConsentScreen>(); }

}  // namespace wk
