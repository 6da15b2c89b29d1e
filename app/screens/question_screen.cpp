// One question per screen: its picture and words, a speaker, the answers as picture cards.
// A follow-up check starts with "which of your steps did you take?" (the flow builds it).
// Input forgives: "next" with nothing chosen first says so (a second "next" skips), and a pick
// past the item's limit is refused with the reason, spoken and shown.
#include <algorithm>
#include <optional>
#include <utility>
#include <set>

#include "platform/log.h"
#include "screens/card_pages.h"
#include "screens/page_parts.h"
#include "screens/target_parts.h"
#include "screens/screen_unit.h"

namespace wk {

namespace {

// Said when a pick is refused: "Je kunt er maar 3 kiezen. ..." (one text per limit).
std::string limit_key(int max_choices) { return "ui.question.limit." + std::to_string(max_choices); }
constexpr const char* kNothingChosenKey = "ui.question.nothing_chosen";
// The card that shows the next page of options ("Andere keuzes"), when they do not fit one page.
constexpr const char* kMoreKey = "ui.question.more";

// Whether a person can reach the item's limit (more options to pick than it allows).
// Said the first time a person meets each button, while it is highlighted (in screen order).
const std::pair<const char*, const char*> kButtonExplanations[] = {
    {"speak", "ui.explain.listen"}, {"nav:back", "ui.explain.back"}, {"nav:stop", "ui.explain.stop"}, {"nav:next", "ui.explain.next"}};
std::string explained_tag(const std::string& target) { return "explained:" + target; }

// An answer set is known by what is said for it (its options' words), within one part.
std::string answer_set_tag(const std::string& part, const Item& item) {
  std::string tag = "answers:" + part;
  for (const auto& o : item.options) tag += "|" + o.text_key;
  return tag;
}

// The answers the speech walks through: those on the page the person sees (the view's
// page_options), in their order.
std::vector<const Option*> spoken_options(const Item& item, const ScreenModel& shown) {
  std::vector<const Option*> out;
  for (const auto& id : shown.page_options)
    for (const auto& o : item.options)
      if (o.id == id) out.push_back(&o);
  return out;
}

bool limit_reachable(const Item& item) {
  if (item.max_choices <= 1) return false;
  const auto pickable = std::count_if(item.options.begin(), item.options.end(), [](const Option& o) { return !o.exclusive; });
  return pickable > item.max_choices;
}

class QuestionScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::Question; }
  Idle idle() const override { return Idle::Participant; }

  void enter(ScreenContext& ctx, Screen from) override {
    if (from == Screen::Result) ctx.set_position(static_cast<int>(ctx.steps().size()) - 1);  // back from the result
    clear_notice();
  }
  void reset() override {
    clear_notice();
    page_position_ = -1;
  }

  void tap(ScreenContext& ctx, const TapEvent& tap, double now) override {
    if (tap.is("answer"))
      choose_option(ctx, tap.arg);
    else if (tap.is("page", "more"))
      turn_page(ctx, now);
    else if (tap.is("listen"))
      listen(ctx, tap.arg);
    else if (tap.is("nav", "next"))
      next(ctx, now);
    else if (tap.is("nav", "back"))
      back(ctx, now);
    else if (tap.is("nav", "stop"))
      ctx.ask_stop(now);
  }

  // The question, then each answer while its card is highlighted, then (the first time a
  // person meets them) what the buttons do, then how to go on. An answer set that a part uses
  // again (the five-point scale) and how to go on are said once per part; after that only the
  // new question.
  std::vector<Clip> speech(const ScreenContext& ctx) const override {
    std::vector<Clip> clips;
    auto say = [&](const std::string& key, const std::string& target = "", const std::string& once = "") {
      clips.push_back({ctx.locale(), key, target, once});
    };
    const auto step = ctx.current_step();
    const Item* item = ctx.current_item();
    if (!step || !item) return clips;
    std::string part = "followup";
    if (step->module == kFollowUpModule) {
      say("followup.title");
      say(item->key);
    } else {
      const ContentPack& content = ctx.pack();
      const Module& mod = content.modules[step->module];
      part = mod.id;
      // The first question of a part starts with the part's name: "Wat doe je graag?"
      if (step->item == 0) say(mod.title_key);
      if (!step->for_option.empty())
        if (const Item* of = content.find_item(mod.id, item->of))
          for (const auto& o : of->options)
            if (o.id == step->for_option) say(o.text_key);
      say(item->key);
    }
    const std::string set_tag = answer_set_tag(part, *item);
    const ScreenModel shown = view(ctx, ctx.metrics());
    if (!ctx.heard(set_tag) || ctx.listening_again()) {
      const auto options = spoken_options(*item, shown);
      for (size_t i = 0; i < options.size(); ++i)
        say(options[i]->text_key, "answer:" + options[i]->id, i + 1 == options.size() ? set_tag : "");
    }
    // More answers on other pages: "Andere keuzes", with its card highlighted, so that a person
    // who does not read knows there are more.
    if (shown.pages > 1) say(kMoreKey, "page:more");
    for (const auto& [target, key] : kButtonExplanations)
      if (!ctx.heard(explained_tag(target))) say(key, target, explained_tag(target));
    // How to go on ("... Tik dan op Verder."), said once in the check for each kind of question:
    // the same sentence on every screen was one of the things that made the check long (issue 11:
    // "Kies één antwoord" 60 times; once per part was still 9 times). It stays on the screen, and
    // the speaker says it again.
    const std::string hint = item->max_choices > 1 ? "ui.question.pick_many" : "ui.question.pick_one";
    const std::string hint_tag = "hint:" + hint;
    if (!ctx.heard(hint_tag) || ctx.listening_again()) say(hint, "", hint_tag);
    return clips;
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    const ContentPack& content = ctx.pack();
    auto t = [&](const std::string& key) { return ctx.t(key); };
    ScreenModel s;
    const Item* item = ctx.current_item();
    const auto step = ctx.current_step();
    if (!item || !step) return s;
    const std::string key = item->answer_key(step->for_option);
    s.item = key;
    add_progress(s, ctx, m);
    const PageRegions r = page_regions(m);
    const Rect speaker = speaker_rect(m);
    // A per-choice question is about one earlier choice: show that choice's picture and words.
    std::string picture = item->picture, question = t(item->key);
    if (!step->for_option.empty())
      if (const Item* of = content.find_item(item->module_id, item->of))
        for (const auto& o : of->options)
          if (o.id == step->for_option) {
            picture = o.picture;
            question = t(o.text_key) + "\n" + question;
          }
    const float pic = r.prompt.h;
    const float text_x = r.prompt.x + pic + m.mm(5);
    const float text_w = speaker.x - m.mm(5) - text_x;
    std::string hint = t(item->max_choices > 1 ? "ui.question.pick_many" : "ui.question.pick_one");
    const std::string notice = notice_key(ctx, *item);
    if (!notice.empty()) hint = t(notice);  // "you have not chosen anything yet", "you can choose only 3"
    // The prompt takes the room its words need, measured: the question as a title, or at body
    // size when a long question would not leave room for the answers; the hint line is as tall
    // as the longest hint this question can show, so the cards do not move when a notice comes.
    float longest_hint_h = 0;
    for (const auto& k : hint_keys(*item))
      longest_hint_h = std::max(longest_hint_h, m.measure(t(k), TextRole::Body, text_w).height);
    const float hint_now_h = m.measure(hint, TextRole::Body, text_w).height;
    const auto& answers = ctx.answers();
    const auto chosen_it = answers.find(key);
    const int n = static_cast<int>(item->options.size());
    std::vector<std::string> labels;
    for (const auto& o : item->options) labels.push_back(t(o.text_key));
    // Tried in turn until the options fit (as pages if need be): the question as a title; at
    // body size; and on a short screen, with room for only the hint shown now (a notice that
    // comes later may then move the cards); and, when no notice is shown, without the hint on
    // the screen (it is said at the end of the speech all the same): as a last resort, or on a
    // short screen where it puts more options on a page (a 10-inch tablet showed one reason a
    // page with the hint, so a person heard and saw nine pages for one question).
    struct Prompt {
      TextRole title_role;
      float hint_h;
    };
    std::vector<Prompt> tries = {{TextRole::Title, longest_hint_h}, {TextRole::Body, longest_hint_h}, {TextRole::Body, hint_now_h}};
    if (notice.empty()) tries.push_back({TextRole::Body, 0});
    // Of these, the one that puts the most options on a page (the first on a tie).
    TextRole title_role = TextRole::Title;
    float title_h = 0, hint_h = 0, prompt_h = 0;
    Rect body;
    CardPages pages;
    bool chosen = false;
    const float card_gap = m.mm(short_screen(m) ? 3 : 5);
    for (const Prompt& p : tries) {
      if (p.hint_h == 0 && chosen && pages.fits && !short_screen(m)) break;  // the last resort
      const float th = m.measure(question, p.title_role, text_w).height;
      if (p.title_role == TextRole::Title && th + p.hint_h > r.prompt.h + 1) continue;
      const float ph = std::max(r.prompt.h, th + p.hint_h);
      Rect b = r.body;
      b.y += ph - r.prompt.h;
      b.h -= ph - r.prompt.h;
      CardPages cp = card_pages(m, b, labels, t(kMoreKey), true, card_gap, m.mm(90), m.mm(100));
      const bool better = !chosen || (cp.fits && !pages.fits) || (cp.fits == pages.fits && cp.per_page > pages.per_page);
      if (!better) continue;
      chosen = true;
      title_role = p.title_role;
      title_h = th;
      hint_h = p.hint_h;
      prompt_h = ph;
      body = b;
      pages = std::move(cp);
    }
    const float text_top = r.prompt.y + (prompt_h - title_h - hint_h) / 2;
    s.pictures.push_back({picture, {r.prompt.x, r.prompt.y + (prompt_h - pic) / 2, pic, pic}});
    s.texts.push_back({question, {text_x, text_top, text_w, title_h}, title_role, false});
    if (hint_h > 0) s.texts.push_back({hint, {text_x, text_top + title_h, text_w, hint_h}, TextRole::Body, false, false});
    add_speaker(s, ctx, m);
    for (auto& target : s.targets)
      if (target.id == "speak") target.rect.y = r.prompt.y + (prompt_h - target.rect.h) / 2;

    // The options, as many a page as fit (measured), with "other choices" to turn the page.
    s.pages = pages.pages;
    s.page = page_position_ == ctx.position() ? page_ % pages.pages : 0;
    const PageSpan span = page_span(pages, n, s.page);
    for (int i = 0; i < span.count; ++i) {
      const Option& o = item->options[span.first + i];
      bool selected = chosen_it != answers.end() &&
                      std::find(chosen_it->second.begin(), chosen_it->second.end(), o.id) != chosen_it->second.end();
      s.targets.push_back({"answer:" + o.id, labels[span.first + i], o.picture, pages.cells[i], TargetStyle::Answer, selected});
      s.targets.back().own_listen = true;
      s.page_options.push_back(o.id);
    }
    // The cards' pictures all as large as the smallest (where one card's words take more room):
    // a smaller picture must not look like a lesser answer.
    const size_t first_card = s.targets.size() - span.count;  // the cards just added
    float picture_px = 0;
    for (int i = 0; i < span.count; ++i) {
      const float w = target_parts(m, s.targets[first_card + i]).picture.w;
      picture_px = i == 0 ? w : std::min(picture_px, w);
    }
    for (int i = 0; i < span.count; ++i) s.targets[first_card + i].picture_max = picture_px;
    // Each card's own speaker, in the place its card keeps free (target_parts); after the
    // cards: drawn over them, and hit first.
    for (int i = 0; i < span.count; ++i) {
      const TargetParts parts = target_parts(m, s.targets[first_card + i]);
      if (parts.listen.w > 0)
        s.targets.push_back({"listen:" + item->options[span.first + i].id, t("ui.speaker"), content.ui_picture("speaker"),
                             parts.listen, TargetStyle::Listen});
    }
    if (pages.pages > 1)
      s.targets.push_back({"page:more", t(kMoreKey), content.ui_picture("more"), pages.more(), TargetStyle::Answer});
    add_nav(s, ctx, m, true, "ui.next", "next", "nav:next");
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack& content) const override {
    std::vector<std::string> keys = {"ui.question.pick_one", "ui.question.pick_many", "ui.speaker", "ui.back", "ui.stop",
                                     "ui.next", kNothingChosenKey, kMoreKey};
    for (const auto& [target, key] : kButtonExplanations) keys.push_back(key);
    std::set<int> limits;
    for (const auto& mod : content.modules)
      for (const auto& item : mod.items)
        if (limit_reachable(item)) limits.insert(item.max_choices);
    for (int n : limits) keys.push_back(limit_key(n));
    // A follow-up (content that measures career behaviours) asks which planned steps were taken.
    if (!content.tag_values("behaviour").empty()) {
      keys.push_back("followup.title");
      if (!content.tag_values("action").empty()) keys.insert(keys.end(), {"followup.steps", "followup.none"});
    }
    return keys;
  }
  std::vector<std::string> picture_roles() const override { return {"speaker", "back", "stop", "next", "done", "returning", "none", "more"}; }

 private:
  enum class Notice { None, NothingChosen, Limit };
  Notice notice_ = Notice::None;
  int notice_position_ = -1;  // the question the notice is about
  int nudged_position_ = -1;  // "nothing chosen" was said here on this visit: the next "next" skips

  int page_ = 0;               // the page of options shown (view wraps it to the pages there are)
  int page_position_ = -1;     // the question it belongs to

  // Every hint this question can show under it: how many to pick, and the notices.
  static std::vector<std::string> hint_keys(const Item& item) {
    std::vector<std::string> keys = {item.max_choices > 1 ? "ui.question.pick_many" : "ui.question.pick_one",
                                     kNothingChosenKey};
    if (limit_reachable(item)) keys.push_back(limit_key(item.max_choices));
    return keys;
  }

  void turn_page(ScreenContext& ctx, double now) {
    if (page_position_ != ctx.position()) page_ = 0;
    page_position_ = ctx.position();
    ++page_;
    ctx.go(Screen::Question, now);
  }

  void clear_notice() {
    notice_ = Notice::None;
    notice_position_ = -1;
    nudged_position_ = -1;
  }
  void set_notice(ScreenContext& ctx, Notice n, const std::string& key) {
    notice_ = n;
    notice_position_ = ctx.position();
    ctx.effects().speak = std::vector<Clip>{{ctx.locale(), key}};
  }
  std::string notice_key(const ScreenContext& ctx, const Item& item) const {
    if (notice_position_ != ctx.position()) return "";
    if (notice_ == Notice::NothingChosen) return kNothingChosenKey;
    if (notice_ == Notice::Limit) return limit_key(item.max_choices);
    return "";
  }

  // The card's own speaker: that one answer, with its card highlighted; nothing is chosen.
  void listen(ScreenContext& ctx, const std::string& option_id) {
    const Item* item = ctx.current_item();
    if (!item) return;
    for (const auto& o : item->options)
      if (o.id == option_id) ctx.effects().speak = std::vector<Clip>{{ctx.locale(), o.text_key, "answer:" + o.id}};
  }

  void choose_option(ScreenContext& ctx, const std::string& option_id) {
    const auto step = ctx.current_step();
    const Item* item = ctx.current_item();
    if (!item || !step) return;
    const std::string key = item->answer_key(step->for_option);
    const Option* opt = nullptr;
    for (const auto& o : item->options)
      if (o.id == option_id) opt = &o;
    if (!opt) return;

    const auto& answers = ctx.answers();
    std::vector<std::string> chosen = answers.count(key) ? answers.at(key) : std::vector<std::string>{};
    if (item->max_choices == 1) {
      chosen = {opt->id};
    } else {
      auto it = std::find(chosen.begin(), chosen.end(), opt->id);
      if (it != chosen.end()) {
        chosen.erase(it);
      } else {
        if (opt->exclusive) {
          chosen.clear();
        } else {
          std::erase_if(chosen, [&](const std::string& id) {
            for (const auto& o : item->options)
              if (o.id == id) return o.exclusive;
            return false;
          });
        }
        if (static_cast<int>(chosen.size()) >= item->max_choices) {
          // At the limit: the earlier picks stay; say why this one was not taken.
          log::info("answer", "pick refused at the limit of " + std::to_string(item->max_choices) + ": " + key);
          set_notice(ctx, Notice::Limit, limit_key(item->max_choices));
          return;
        }
        chosen.push_back(opt->id);
      }
    }
    // Commit first: the screen only shows what is on disk.
    try {
      ctx.store().record_answer(*ctx.session(), key, chosen);
    } catch (const StoreError& e) {
      ctx.fail_storage(std::string("cannot store an answer: ") + e.what());
      return;
    }
    log::info("answer", "committed " + ctx.session()->uuid + " " + key);
    notice_ = Notice::None;
    ctx.set_answer(key, std::move(chosen));
    ctx.effects().speak = std::vector<Clip>{{ctx.locale(), opt->text_key, "answer:" + opt->id}};
  }

  void next(ScreenContext& ctx, double now) {
    const auto step = ctx.current_step();
    const Item* item = ctx.current_item();
    if (!item || !step) return;
    const std::string key = item->answer_key(step->for_option);
    const auto& answers = ctx.answers();
    if (!answers.count(key) || answers.at(key).empty()) {
      if (nudged_position_ != ctx.position()) {
        // The first time: say so and stay. Taps are held a moment, so a double tap does not skip.
        nudged_position_ = ctx.position();
        set_notice(ctx, Notice::NothingChosen, kNothingChosenKey);
        ctx.hold_taps(now);
        return;
      }
      try {
        ctx.store().record_skip(*ctx.session(), key);
      } catch (const StoreError& e) {
        ctx.fail_storage(std::string("cannot store a skip: ") + e.what());
        return;
      }
    }
    clear_notice();
    if (ctx.position() + 1 < static_cast<int>(ctx.steps().size())) {
      ctx.set_position(ctx.position() + 1);
      ctx.go(Screen::Question, now);
      return;
    }
    // The session is closed as finished only when the person leaves the closing screen:
    // until then they may still go back and change an answer.
    ctx.go(Screen::Result, now);
  }

  void back(ScreenContext& ctx, double now) {
    clear_notice();
    if (ctx.position() > 0) {
      ctx.set_position(ctx.position() - 1);
      ctx.go(Screen::Question, now);
    } else {
      ctx.go(Screen::Language, now);
    }
  }
};

}  // namespace

std::unique_ptr<ScreenUnit> make_question_screen() { return std::make_unique<QuestionScreen>(); }

}  // namespace wk
