// Language choice: a flag and the language's own name per language, spoken in that language.
// With headphones set, the start of a check first says to put them on (shown and spoken).
#include <algorithm>

#include "screens/languages_offered.h"
#include "screens/page_parts.h"
#include "screens/target_parts.h"
#include "screens/screen_unit.h"
#include "screens/volume_parts.h"

namespace wk {

namespace {

class LanguageScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::Language; }
  Idle idle() const override { return Idle::Participant; }

  void tap(ScreenContext& ctx, const TapEvent& tap, double now) override {
    if (tap.is("lang") && language_offered(ctx.pack(), ctx.config(), tap.arg)) {
      ctx.set_locale(tap.arg);
      if (!ctx.session()) {
        ctx.start_session(ctx.locale(), now);
        return;
      }
      try {
        ctx.store().set_locale(*ctx.session(), ctx.locale());
      } catch (const StoreError& e) {
        ctx.fail_storage(std::string("cannot store the language: ") + e.what());
        return;
      }
      ctx.go(Screen::Question, now);
    } else if (tap.is("nav", "back")) {
      // Changing the language during a check returns to the question; before one, to the start.
      if (ctx.session())
        ctx.go(Screen::Question, now);
      else
        ctx.reset_to_attract(SessionStatus::Stopped);
    } else if (tap.is("nav", "stop")) {
      if (ctx.session())
        ctx.ask_stop(now);
      else
        ctx.reset_to_attract(SessionStatus::Stopped);
    }
  }

  std::vector<Clip> speech(const ScreenContext& ctx) const override {
    std::vector<Clip> clips;
    if (headphones_notice(ctx)) clips.push_back({ctx.locale(), "ui.headphones.put_on"});
    for (const auto* cat : offered_languages(ctx.pack(), ctx.config())) {
      clips.push_back({cat->code, "ui.language.choose"});
      clips.push_back({cat->code, "language.name"});
    }
    return clips;
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    const ContentPack& content = ctx.pack();
    ScreenModel s;
    const PageRegions r = page_regions(m);
    // Title in every language, since the person has not chosen yet.
    std::string title;
    const auto offered = offered_languages(content, ctx.config());  // not those switched off
    for (const auto* cat : offered) {
      if (!title.empty()) title += "  /  ";
      title += content.text(cat->code, "ui.language.choose");
    }
    Rect speaker = speaker_rect(m);
    const float title_w = r.prompt.w - speaker.w - m.mm(5);
    const FittedText f = fit_text(m, title, TextRole::Title, title_w, r.prompt.h);
    const float prompt_h = std::max(r.prompt.h, f.h);
    s.texts.push_back({title, {r.prompt.x, r.prompt.y, title_w, prompt_h}, f.role});
    add_speaker(s, ctx, m);

    if (headphones_notice(ctx))  // in the top row, which has no step pictures here
      add_headphones_notice(s, ctx, {r.progress.x, r.progress.y, volume_rect(m).x - m.mm(5) - r.progress.x, r.progress.h},
                            m);
    const int n = static_cast<int>(offered.size());
    const Rect body{r.body.x, r.body.y + prompt_h - r.prompt.h, r.body.w, r.body.h - (prompt_h - r.prompt.h)};
    auto cards = [&](const std::vector<Rect>& cells) {
      std::vector<Target> out;
      for (int i = 0; i < n; ++i) {
        const auto& cat = *offered[i];
        out.push_back({"lang:" + cat.code, content.text(cat.code, "language.name"), cat.flag_picture, cells[i],
                       TargetStyle::Answer, ctx.session() && cat.code == ctx.locale()});
      }
      return out;
    };
    auto all_fit = [&](const std::vector<Target>& ts) {
      return std::all_of(ts.begin(), ts.end(), [&](const Target& t) { return target_fits(m, t); });
    };
    // The squarest grid; where a name would be cut (a long name on a small screen), fewer in a row.
    auto langs = cards(grid_cells(body, n, m.mm(10), m.mm(100), m.mm(100)));
    for (int cols = n; cols >= 1 && !all_fit(langs); --cols)
      langs = cards(grid_cells_in(body, n, cols, m.mm(10), m.mm(100), m.mm(100)));
    s.targets.insert(s.targets.end(), langs.begin(), langs.end());
    s.targets.push_back({"nav:back", ctx.t("ui.back"), content.ui_picture("back"), nav_back_rect(m), TargetStyle::Nav});
    s.targets.push_back({"nav:stop", ctx.t("ui.stop"), content.ui_picture("stop"), nav_stop_rect(m), TargetStyle::Nav});
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    return {"language.name", "ui.language.choose", "ui.speaker", "ui.back", "ui.stop"};
  }
  std::vector<std::string> picture_roles() const override { return {"speaker", "back", "stop"}; }

 private:
  // At the start of a check (not when changing the language midway), on a kiosk with headphones.
  static bool headphones_notice(const ScreenContext& ctx) { return ctx.config().headphones && !ctx.session(); }
};

}  // namespace

std::unique_ptr<ScreenUnit> make_language_screen() { return std::make_unique<LanguageScreen>(); }

}  // namespace wk
