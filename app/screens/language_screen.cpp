// Language choice: each language by its own name in its own script (language.name of its PO),
// never a flag (a flag names a country, not a language; Arabic has no one flag). Each name is
// said in its own voice in turn while its card is framed, and again on its card's own speaker.
// As many languages a page as fit at 20 mm (card_pages), with "Andere keuzes" to turn the page.
// With headphones set, the start of a check first says to put them on (shown and spoken).
// Before a language is chosen the person may read none of the kiosk's default language: the
// title has the globe (the picture of the language button), and the title and the words of
// Listen, Back and Stop are shown in the language whose name is being said, changing with the
// speech (each language says its own "Kies je taal." before its name); the buttons keep their
// pictures. "Andere keuzes" follows too, with its picture: the pages are counted with its words
// in every offered language, so they do not change while the languages are said and no word is
// cut. During a check they stay in the person's language.
// Back and Stop are not explained in each language's turn: measured with the shipped clips
// (espeak-ng, soxi, 2026-12-07), a turn ("Kies je taal." and the name) is 2.3 to 3.2 s, 16.0 s
// for all six; "Tik hier om terug te gaan." and "Tik hier als je wilt stoppen." add 4.5 to 6.3 s
// a language (33.1 s for six), a sequence of 49 s: three times as long, and the last language's
// speaker waits 40 s for its own turn. Instead, before a language is chosen, the
// first tap on Back or Stop says what it does in the language shown at that moment, its button
// framed; the next tap on it does it.
#include <algorithm>
#include <set>

#include "screens/card_pages.h"
#include "screens/languages_offered.h"
#include "screens/page_parts.h"
#include "screens/screen_unit.h"
#include "screens/target_parts.h"
#include "screens/volume_parts.h"

namespace wk {

namespace {

constexpr const char* kMoreKey = "ui.question.more";

class LanguageScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::Language; }
  Idle idle() const override { return Idle::Participant; }

  void enter(ScreenContext&, Screen) override { reset(); }
  void reset() override {
    page_ = 0;
    explained_.clear();
  }

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
    } else if (tap.is("listen") && language_offered(ctx.pack(), ctx.config(), tap.arg)) {
      // The name again, in its own voice, without choosing it.
      ctx.effects().speak = std::vector<Clip>{{tap.arg, "language.name", "lang:" + tap.arg}};
    } else if (tap.is("page", "more")) {
      ++page_;
      ctx.go(Screen::Language, now);
    } else if ((tap.is("nav", "back") || tap.is("nav", "stop")) && !ctx.session() && !explained_.count("nav:" + tap.arg)) {
      explained_.insert("nav:" + tap.arg);
      explained_in_ = words_language(ctx);
      ctx.effects().speak =
          std::vector<Clip>{{explained_in_, tap.arg == "back" ? "ui.explain.back" : "ui.explain.stop", "nav:" + tap.arg}};
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

  // For each language on the page: "Kies je taal." and its name, in its own voice, its card
  // framed; then, on a page of several, "Andere keuzes".
  std::vector<Clip> speech(const ScreenContext& ctx) const override {
    std::vector<Clip> clips;
    if (headphones_notice(ctx)) clips.push_back({ctx.locale(), "ui.headphones.put_on"});
    const ScreenModel shown = view(ctx, ctx.metrics());
    for (const auto& t : shown.targets) {
      if (t.id.rfind("lang:", 0) != 0) continue;
      const std::string code = t.id.substr(5);
      clips.push_back({code, "ui.language.choose", t.id});
      clips.push_back({code, "language.name", t.id});
    }
    if (shown.pages > 1) clips.push_back({ctx.locale(), kMoreKey, "page:more"});
    return clips;
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    const ContentPack& content = ctx.pack();
    ScreenModel s;
    const PageRegions r = page_regions(m);
    // The title in the language of the screen; each card is in its own language and script,
    // and each prompt is said in each language.
    const std::string words = words_language(ctx);
    const std::string title = content.text(words, "ui.language.choose");
    Rect speaker = speaker_rect(m);
    float title_x = r.prompt.x, title_w = r.prompt.w - speaker.w - m.mm(5);
    if (!ctx.session()) {  // the globe says "language" to a person who reads none of the words
      const float globe = std::min(r.prompt.h, m.mm(20));
      s.pictures.push_back({content.ui_picture("language"), {title_x, r.prompt.y + (r.prompt.h - globe) / 2, globe, globe}});
      title_x += globe + m.mm(3);
      title_w -= globe + m.mm(3);
    }
    const FittedText f = fit_text(m, title, TextRole::Title, title_w, r.prompt.h);
    const float prompt_h = std::max(r.prompt.h, f.h);
    s.texts.push_back({title, {title_x, r.prompt.y, title_w, prompt_h}, f.role});
    add_speaker(s, ctx, m);
    s.targets.back().label = content.text(words, "ui.speaker");

    if (headphones_notice(ctx))  // in the top row, which has no step pictures here
      add_headphones_notice(s, ctx, {r.progress.x, r.progress.y, volume_rect(m).x - m.mm(5) - r.progress.x, r.progress.h},
                            m);
    const Rect body{r.body.x, r.body.y + prompt_h - r.prompt.h, r.body.w, r.body.h - (prompt_h - r.prompt.h)};
    const auto offered = offered_languages(content, ctx.config());  // not those switched off
    std::vector<std::string> names;
    for (const auto* cat : offered) names.push_back(content.text(cat->code, "language.name"));
    const int n = static_cast<int>(names.size());
    std::vector<std::string> more_words;  // "Andere keuzes" in each offered language: all must fit
    for (const auto* cat : offered) more_words.push_back(content.text(cat->code, kMoreKey));
    if (ctx.session()) more_words = {ctx.t(kMoreKey)};
    const CardPages pages =
        card_pages(m, body, names, more_words, true, m.mm(short_screen(m) ? 3 : 6), m.mm(100), m.mm(60));
    s.pages = pages.pages;
    s.page = page_ % pages.pages;
    const PageSpan span = page_span(pages, n, s.page);
    for (int i = 0; i < span.count; ++i) {
      const auto& cat = *offered[span.first + i];
      Target card{"lang:" + cat.code, names[span.first + i], "", pages.cells[i], TargetStyle::Answer,
                  ctx.session() && cat.code == ctx.locale()};
      card.own_listen = true;
      s.targets.push_back(card);
      s.page_options.push_back(cat.code);
    }
    // Each card's own speaker, where its card keeps room for it; after the cards: hit first.
    const size_t first_card = s.targets.size() - span.count;
    for (int i = 0; i < span.count; ++i) {
      const TargetParts parts = target_parts(m, s.targets[first_card + i]);
      if (parts.listen.w > 0)
        s.targets.push_back({"listen:" + offered[span.first + i]->code, ctx.t("ui.speaker"),
                             content.ui_picture("speaker"), parts.listen, TargetStyle::Listen});
    }
    if (pages.pages > 1)
      s.targets.push_back({"page:more", content.text(words, kMoreKey), content.ui_picture("more"), pages.more(),
                           TargetStyle::Answer});
    s.targets.push_back({"nav:back", content.text(words, "ui.back"), content.ui_picture("back"), nav_back_rect(m), TargetStyle::Nav});
    s.targets.push_back({"nav:stop", content.text(words, "ui.stop"), content.ui_picture("stop"), nav_stop_rect(m), TargetStyle::Nav});
    return s;
  }

  // The language of the screen's own words: during a check the person's; before one, the
  // language whose card is being said (its prompt or name playing), or in which Back or Stop is
  // being explained, else the kiosk's.
  std::string words_language(const ScreenContext& ctx) const {
    const std::string speaking = ctx.speaking_target();
    if (ctx.session()) return ctx.locale();
    if (speaking.rfind("lang:", 0) == 0) return speaking.substr(5);
    if (explained_.count(speaking)) return explained_in_;
    return ctx.locale();
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    return {"language.name", "ui.language.choose", "ui.speaker", "ui.back", "ui.stop", kMoreKey, "ui.explain.back",
            "ui.explain.stop"};
  }
  std::vector<std::string> picture_roles() const override { return {"speaker", "back", "stop", "more", "language"}; }

 private:
  int page_ = 0;  // the page of languages shown (view wraps it to the pages there are)
  std::set<std::string> explained_;  // before a check: "nav:back", "nav:stop" once a first tap explained it
  std::string explained_in_;         // the language of the last explanation

  // At the start of a check (not when changing the language midway), on a kiosk with headphones.
  static bool headphones_notice(const ScreenContext& ctx) { return ctx.config().headphones && !ctx.session(); }
};

}  // namespace

std::unique_ptr<ScreenUnit> make_language_screen() { return std::make_unique<LanguageScreen>(); }

}  // namespace wk
