// The kiosk's behaviour, headless: taps and clock ticks in, screens, speech and stored
// answers out. Runs on the built demo pack and a real SessionStore in a temp directory.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

#include "flow/kiosk_flow.h"
#include "platform/random_ids.h"
#include "screens/target_parts.h"
#include "test_support.h"

using namespace wk;
using wktest::TempDir;

namespace {

const Metrics kMetrics = make_metrics(1280, 800, 96.0f / 25.4f, 50);

std::vector<std::string> strings_of(const ScreenModel& s) {
  std::vector<std::string> out;
  for (const auto& t : s.texts) out.push_back(t.text);
  for (const auto& t : s.targets) out.push_back(t.label);
  return out;
}

bool mentions(const ScreenModel& s, const std::string& needle) {
  for (const auto& str : strings_of(s))
    if (str.find(needle) != std::string::npos) return true;
  return false;
}

bool speaks(const Effects& e, const Clip& c) {
  return e.speak && std::find(e.speak->begin(), e.speak->end(), c) != e.speak->end();
}

struct Rig {
  // The built fixture pack, or a pack a test put together.
  explicit Rig(const ContentPack& content = wktest::built_pack()) : pack(content) {}

  TempDir dir;
  const ContentPack& pack;
  std::unique_ptr<SessionStore> store = SessionStore::open(dir.file("data"));
  KioskConfig config;
  std::unique_ptr<KioskFlow> flow = std::make_unique<KioskFlow>(&pack, store.get(), &config);
  double now = 1000;
  // The person hears what is said to its end before the next tap (the player reports it all
  // played); tests of the spoken sequence itself turn this off and report progress themselves.
  bool listens_to_the_end = true;

  // Taps a target the current screen really shows, dt seconds after the last event.
  Effects tap(const std::string& id, double dt = 1.0) {
    ScreenModel v = flow->view(kMetrics);
    INFO("screen " << v.id << ", target " << id);
    REQUIRE(v.find_target(id) != nullptr);
    now += dt;
    flow->tap(id, now);
    Effects e = flow->take_effects();
    if (listens_to_the_end && e.speak) flow->speech_progress(static_cast<int>(e.speak->size()), now);
    return e;
  }
  Effects tick(double dt) {
    now += dt;
    flow->tick(now);
    return flow->take_effects();
  }
  void start(const std::string& locale) {
    tap("start");
    tap("lang:" + locale);
    REQUIRE(flow->screen() == Screen::Question);
  }
  SessionRecord only_session() {
    auto all = store->all_sessions();
    REQUIRE(all.size() == 1);
    return all[0];
  }
  // From a question: "next" until the result pages, then "next" through them to the consent screen.
  void to_consent() {
    while (flow->screen() == Screen::Question) tap("nav:next");
    REQUIRE(flow->screen() == Screen::Result);
    while (flow->screen() == Screen::Result) tap("nav:next");
    REQUIRE(flow->screen() == Screen::Consent);
  }
  // ... and on to the closing screen with the code (consent must be answered first).
  void to_closing(const std::string& consent = "consent:yes") {
    to_consent();
    tap(consent);
    tap("nav:next");
    REQUIRE(flow->screen() == Screen::Closing);
  }
  void enter_pin(const std::string& pin) {
    // The first key waits until the keypad takes taps (they are held just after it opens).
    for (char c : pin) tap(std::string("pin:") + c, c == pin.front() ? 0.5 : 0.2);
    tap("pin:ok", 0.2);
  }
  void open_operator_corner() {
    REQUIRE(flow->screen() == Screen::Attract);
    for (int i = 0; i < KioskFlow::kCornerTapsToOpen; ++i) tap("operator-corner", 0.5);
    REQUIRE(flow->screen() == Screen::OperatorPin);
  }
};

}  // namespace

TEST_CASE("attract -> start -> language -> lang:en starts a session on the first question") {
  Rig r;
  CHECK(r.flow->screen() == Screen::Attract);
  CHECK(r.flow->locale() == "nl");
  CHECK_FALSE(r.flow->session().has_value());
  CHECK(r.flow->view(kMetrics).id == "attract");

  Effects e = r.tap("start");
  CHECK(r.flow->screen() == Screen::Language);
  REQUIRE(e.speak);
  CHECK(e.speak->front() == Clip{"nl", "ui.attract.title"});
  CHECK(speaks(e, {"nl", "ui.language.choose", "lang:nl"}));
  CHECK(speaks(e, {"en", "ui.language.choose", "lang:en"}));
  CHECK(speaks(e, {"en", "language.name", "lang:en"}));
  CHECK_FALSE(r.flow->session().has_value());
  CHECK(r.store->count_sessions() == 0);  // no session before a language is chosen
  ScreenModel lang = r.flow->view(kMetrics);
  CHECK(lang.id == "language");
  REQUIRE(lang.find_target("lang:en"));
  CHECK(lang.find_target("lang:en")->label == "English");
  CHECK(lang.find_target("lang:nl")->label == "Nederlands");

  e = r.tap("lang:en");
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(r.flow->position() == 0);
  CHECK(r.flow->locale() == "en");
  REQUIRE(r.flow->session().has_value());
  REQUIRE(r.flow->current_item());
  CHECK(r.flow->current_item()->key == "werk_plezier.handen");
  REQUIRE(e.speak);
  // The question, each answer with its card, the buttons explained (the first time), how to go on.
  CHECK(*e.speak == std::vector<Clip>{{"en", "werk_plezier.title"},
                                       {"en", "werk_plezier.handen"},
                                       {"en", "answers.faces3.leuk", "answer:leuk"},
                                       {"en", "answers.faces3.weet_niet", "answer:weet_niet"},
                                       {"en", "answers.faces3.niet_leuk", "answer:niet_leuk", "answers:werk_plezier|answers.faces3.leuk|answers.faces3.weet_niet|answers.faces3.niet_leuk"},
                                       {"en", "ui.explain.listen", "speak", "explained:speak"},
                                       {"en", "ui.explain.back", "nav:back", "explained:nav:back"},
                                       {"en", "ui.explain.stop", "nav:stop", "explained:nav:stop"},
                                       {"en", "ui.explain.next", "nav:next", "explained:nav:next"},
                                       {"en", "ui.explain.language", "language", "explained:language"},
                                       {"en", "ui.question.pick_one", "", "hint:ui.question.pick_one"}});

  SessionRecord s = r.only_session();
  CHECK(s.uuid == r.flow->session()->uuid);
  CHECK(s.code == r.flow->session()->code);
  CHECK(s.locale == "en");
  CHECK(s.status == "in_progress");
  CHECK(s.content_id == r.pack.id);
  CHECK(s.content_version == r.pack.version);
  CHECK(s.events.empty());

  ScreenModel q = r.flow->view(kMetrics);
  CHECK(q.id == "question");
  CHECK(q.locale == "en");
  CHECK(q.item == "werk_plezier.handen");
  CHECK(q.has_audio);
  REQUIRE(q.find_target("answer:leuk"));
  CHECK(q.find_target("answer:leuk")->label == "I like it");
  CHECK(mentions(q, r.pack.text("en", "werk_plezier.handen")));
  CHECK(q.find_target("nav:next"));
  CHECK(q.find_target("nav:back"));
  CHECK(q.find_target("nav:stop"));
  CHECK(q.find_target("speak"));
}

TEST_CASE("answers are stored before they show, spoken, and can be changed, skipped and revisited") {
  Rig r;
  r.start("en");

  Effects e = r.tap("answer:leuk");
  // Stored already, and the screen has not moved on.
  SessionRecord s = r.only_session();
  REQUIRE(s.events.size() == 1);
  CHECK(s.events[0].item == "werk_plezier.handen");
  CHECK(s.events[0].kind == "answer");
  CHECK(s.events[0].values == std::vector<std::string>{"leuk"});
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(r.flow->position() == 0);
  CHECK(r.flow->answers().at("werk_plezier.handen") == std::vector<std::string>{"leuk"});
  REQUIRE(e.speak);
  CHECK(*e.speak == std::vector<Clip>{{"en", "answers.faces3.leuk", "answer:leuk"}});  // its card highlighted
  ScreenModel q = r.flow->view(kMetrics);
  CHECK(q.find_target("answer:leuk")->selected);
  CHECK_FALSE(q.find_target("answer:weet_niet")->selected);

  // A changed answer on a pick-one question replaces the old one; both are in the history.
  e = r.tap("answer:niet_leuk");
  CHECK(*e.speak == std::vector<Clip>{{"en", "answers.faces3.niet_leuk", "answer:niet_leuk"}});
  s = r.only_session();
  REQUIRE(s.events.size() == 2);
  CHECK(s.latest_answers().at("werk_plezier.handen") == std::vector<std::string>{"niet_leuk"});
  q = r.flow->view(kMetrics);
  CHECK_FALSE(q.find_target("answer:leuk")->selected);
  CHECK(q.find_target("answer:niet_leuk")->selected);

  // The speaker replays the question.
  e = r.tap("speak");
  REQUIRE(e.speak);
  CHECK(speaks(e, {"en", "werk_plezier.handen"}));

  // Next after an answer: no extra event; the next question is spoken (no module title now).
  e = r.tap("nav:next");
  CHECK(r.flow->position() == 1);
  CHECK(r.flow->current_item()->key == "werk_plezier.zorgen");
  CHECK(r.only_session().events.size() == 2);
  REQUIRE(e.speak);
  CHECK(*e.speak == std::vector<Clip>{{"en", "werk_plezier.zorgen"}});  // the answers and how to go on were heard

  // Next without an answer first says so, and stays; nothing is stored.
  e = r.tap("nav:next");
  CHECK(r.flow->position() == 1);
  CHECK(r.only_session().events.size() == 2);
  REQUIRE(e.speak);
  CHECK(*e.speak == std::vector<Clip>{{"en", "ui.question.nothing_chosen"}});
  CHECK(mentions(r.flow->view(kMetrics), r.pack.text("en", "ui.question.nothing_chosen")));
  // A second Next is a skip.
  r.tap("nav:next");
  CHECK(r.flow->position() == 2);
  s = r.only_session();
  REQUIRE(s.events.size() == 3);
  CHECK(s.events[2].item == "werk_plezier.zorgen");
  CHECK(s.events[2].kind == "skip");
  CHECK(s.events[2].values.empty());

  // Back.
  e = r.tap("nav:back");
  CHECK(r.flow->position() == 1);
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(speaks(e, {"en", "werk_plezier.zorgen"}));
  r.tap("nav:back");
  CHECK(r.flow->position() == 0);
  CHECK(r.flow->view(kMetrics).find_target("answer:niet_leuk")->selected);  // the answer is still shown

  // Back from the first question: the language screen, in the same session.
  r.tap("nav:back");
  CHECK(r.flow->screen() == Screen::Language);
  CHECK(r.flow->view(kMetrics).find_target("lang:en")->selected);
  r.tap("lang:nl");
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(r.flow->position() == 0);
  CHECK(r.flow->locale() == "nl");
  CHECK(r.store->count_sessions() == 1);
  s = r.only_session();
  CHECK(s.locale == "nl");
  CHECK(s.events.size() == 3);
  CHECK(r.flow->view(kMetrics).find_target("answer:niet_leuk")->label == "Niet leuk");
}

TEST_CASE("the language button: from any question to the language screen and back to that question, answers kept") {
  Rig r;
  r.start("nl");
  r.tap("answer:leuk");
  r.tap("nav:next");
  r.tap("answer:niet_leuk");
  Effects e = r.tap("nav:next");
  REQUIRE(r.flow->position() == 2);
  const std::string item = r.flow->current_item()->key;
  // Its explanation was said once, on the first question: not here.
  REQUIRE(e.speak);
  for (const auto& c : *e.speak) CHECK(c.key != "ui.explain.language");

  // On the question screen: the globe with its word, at least 20 mm, beside the volume button,
  // clear of it and of the step pictures.
  ScreenModel q = r.flow->view(kMetrics);
  const Target* lang = q.find_target("language");
  REQUIRE(lang);
  CHECK(lang->label == "Taal");
  CHECK(lang->picture == r.pack.ui_picture("language"));
  CHECK(lang->rect.w >= kMetrics.mm(20) - 0.01f);
  CHECK(lang->rect.h >= kMetrics.mm(20) - 0.01f);
  const Target* volume = q.find_target("volume");
  REQUIRE(volume);
  CHECK_FALSE(lang->rect.overlaps(volume->rect));
  CHECK(lang->rect.x + lang->rect.w < volume->rect.x);
  for (const auto& p : q.pictures) CHECK_FALSE(p.rect.overlaps(lang->rect));
  CHECK(target_fits(kMetrics, *lang));

  // Back on the language screen returns unchanged.
  r.tap("language");
  CHECK(r.flow->screen() == Screen::Language);
  CHECK(r.flow->view(kMetrics).find_target("lang:nl")->selected);
  CHECK_FALSE(r.flow->view(kMetrics).find_target("language"));  // not on the language screen itself
  r.tap("nav:back");
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(r.flow->position() == 2);
  CHECK(r.flow->locale() == "nl");
  CHECK(r.only_session().locale == "nl");

  // Another language: the same question, now in English; the session's locale is stored; the
  // explanations are said again in the new language.
  r.tap("language");
  e = r.tap("lang:en");
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(r.flow->position() == 2);
  CHECK(r.flow->current_item()->key == item);
  CHECK(r.flow->locale() == "en");
  SessionRecord s = r.only_session();
  CHECK(s.locale == "en");
  CHECK(r.store->count_sessions() == 1);
  CHECK(s.latest_answers().at("werk_plezier.handen") == std::vector<std::string>{"leuk"});
  CHECK(s.latest_answers().at("werk_plezier.zorgen") == std::vector<std::string>{"niet_leuk"});
  CHECK(speaks(e, {"en", item}));
  CHECK(speaks(e, {"en", "ui.explain.language", "language", "explained:language"}));
  q = r.flow->view(kMetrics);
  CHECK(q.locale == "en");
  CHECK(q.find_target("language")->label == "Language");
  CHECK(q.find_target("answer:leuk")->label == "I like it");

  // The earlier answers are still chosen, shown in the new language.
  r.tap("nav:back");
  CHECK(r.flow->view(kMetrics).find_target("answer:niet_leuk")->selected);
  r.tap("nav:back");
  CHECK(r.flow->position() == 0);
  CHECK(r.flow->view(kMetrics).find_target("answer:leuk")->selected);
  // The answers go on in English to the end, in the one session.
  r.to_closing();
  s = r.only_session();
  CHECK(s.locale == "en");
  CHECK(s.latest_answers().at("werk_plezier.handen") == std::vector<std::string>{"leuk"});
}

TEST_CASE("the language button keeps the page of the question's answers") {
  // The 10-inch tablet pages the answers: on the second page, a change of language returns there.
  const Metrics tablet = make_metrics(1280, 800, 1280 / 217.0f, 50);
  Rig r;
  r.flow->set_metrics(tablet);
  r.start("nl");
  while (r.flow->screen() == Screen::Question && r.flow->view(tablet).pages < 2) {
    r.now += 1;
    r.flow->tap("answer:" + r.flow->view(tablet).page_options.front(), r.now);  // no nudge: it moves the cards
    r.now += 1;
    r.flow->tap("nav:next", r.now);
    r.flow->take_effects();
  }
  REQUIRE(r.flow->screen() == Screen::Question);
  const int position = r.flow->position();
  r.now += 1;
  r.flow->tap("page:more", r.now);  // the view at the tablet's size has it
  REQUIRE(r.flow->view(tablet).page == 1);
  const std::vector<std::string> shown = r.flow->view(tablet).page_options;
  r.now += 1;
  r.flow->tap("language", r.now);
  REQUIRE(r.flow->screen() == Screen::Language);
  r.now += 1;
  r.flow->tap("lang:en", r.now);
  REQUIRE(r.flow->screen() == Screen::Question);
  CHECK(r.flow->position() == position);
  // The same page, or where the English words put more options on a page, the page that starts
  // with what the person was looking at.
  const ScreenModel v = r.flow->view(tablet);
  CHECK(v.locale == "en");
  REQUIRE_FALSE(v.page_options.empty());
  CHECK(std::find(v.page_options.begin(), v.page_options.end(), shown.front()) != v.page_options.end());
  // Back and again: Dutch pages as before the change.
  r.now += 1;
  r.flow->tap("language", r.now);
  r.now += 1;
  r.flow->tap("lang:nl", r.now);
  CHECK(r.flow->view(tablet).page == 1);
  CHECK(r.flow->view(tablet).page_options == shown);
}

TEST_CASE("the language button is only on question screens, and its tap does nothing elsewhere") {
  Rig r;
  r.tap("start");
  CHECK_FALSE(r.flow->view(kMetrics).find_target("language"));  // the language screen before a check
  r.tap("lang:nl");
  REQUIRE(r.flow->view(kMetrics).find_target("language"));
  r.tap("nav:stop");
  REQUIRE(r.flow->screen() == Screen::StopConfirm);
  CHECK_FALSE(r.flow->view(kMetrics).find_target("language"));
  r.now += 1;
  r.flow->tap("language", r.now);  // a stale tap from the question before
  CHECK(r.flow->screen() == Screen::StopConfirm);
  r.tap("stop:no");
  r.to_consent();
  CHECK_FALSE(r.flow->view(kMetrics).find_target("language"));
}

TEST_CASE("a multi-choice question: several answers, and the exclusive one clears the others") {
  Rig r;
  r.start("nl");
  Effects e;
  while (r.flow->current_item() && r.flow->current_item()->key != "hulp.wie") e = r.tap("nav:next");
  REQUIRE(r.flow->current_item());
  CHECK(r.flow->position() == 6);
  REQUIRE(e.speak);
  // A new part with new answers: they are said (the buttons were explained on the first question).
  REQUIRE(e.speak->size() == 8);
  CHECK(e.speak->at(0) == Clip{"nl", "hulp.title"});
  CHECK(e.speak->at(1) == Clip{"nl", "hulp.wie"});
  CHECK(e.speak->at(2) == Clip{"nl", "hulp.wie.familie", "answer:familie"});
  CHECK(e.speak->at(6).key == "hulp.wie.niemand");
  CHECK(e.speak->back() == Clip{"nl", "ui.question.pick_many", "", "hint:ui.question.pick_many"});
  CHECK(mentions(r.flow->view(kMetrics), r.pack.text("nl", "ui.question.pick_many")));

  using V = std::vector<std::string>;
  auto latest = [&] { return r.only_session().latest_answers()["hulp.wie"]; };

  r.tap("answer:familie");
  r.tap("answer:vrienden");
  CHECK(r.flow->answers().at("hulp.wie") == V{"familie", "vrienden"});
  CHECK(latest() == V{"familie", "vrienden"});
  ScreenModel q = r.flow->view(kMetrics);
  CHECK(q.find_target("answer:familie")->selected);
  CHECK(q.find_target("answer:vrienden")->selected);
  CHECK_FALSE(q.find_target("answer:niemand")->selected);

  e = r.tap("answer:niemand");
  CHECK(r.flow->answers().at("hulp.wie") == V{"niemand"});
  CHECK(latest() == V{"niemand"});
  CHECK(*e.speak == std::vector<Clip>{{"nl", "hulp.wie.niemand", "answer:niemand"}});

  r.tap("answer:coach");  // a normal answer clears the exclusive one
  CHECK(r.flow->answers().at("hulp.wie") == V{"coach"});
  r.tap("answer:collegas");
  CHECK(r.flow->answers().at("hulp.wie") == V{"coach", "collegas"});
  r.tap("answer:coach");  // tapping a chosen answer again takes it away
  CHECK(r.flow->answers().at("hulp.wie") == V{"collegas"});
  CHECK(latest() == V{"collegas"});
  r.tap("answer:collegas");
  CHECK(r.flow->answers().at("hulp.wie").empty());
  CHECK(latest().empty());

  // Nothing chosen any more: "next" says so first, then counts as a skip.
  size_t before = r.only_session().events.size();
  r.tap("nav:next");
  CHECK(r.flow->screen() == Screen::Question);
  r.tap("nav:next");
  auto s = r.only_session();
  REQUIRE(s.events.size() == before + 1);
  CHECK(s.events.back().kind == "skip");
  CHECK(r.flow->screen() == Screen::Result);
}

TEST_CASE("stopping asks first; 'no' returns, 'yes' ends the session and forgets it") {
  Rig r;
  r.start("en");
  r.tap("answer:leuk");
  r.tap("nav:next");
  r.tap("answer:weet_niet");

  Effects e = r.tap("nav:stop");
  CHECK(r.flow->screen() == Screen::StopConfirm);
  CHECK(speaks(e, {"en", "ui.stop.question"}));
  ScreenModel v = r.flow->view(kMetrics);
  CHECK(v.id == "stop_confirm");
  CHECK(v.find_target("stop:yes"));
  CHECK(v.find_target("stop:no"));

  r.tap("stop:no");
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(r.flow->position() == 1);
  CHECK(r.flow->answers().size() == 2);
  CHECK(r.only_session().status == "in_progress");

  r.tap("nav:stop");
  e = r.tap("stop:yes");
  CHECK(r.flow->screen() == Screen::Attract);
  CHECK_FALSE(r.flow->session().has_value());
  CHECK(r.flow->answers().empty());
  CHECK(r.flow->position() == 0);
  CHECK(r.flow->locale() == "nl");
  CHECK(e.stop_audio);
  CHECK_FALSE(e.speak.has_value());
  SessionRecord s = r.only_session();
  CHECK(s.status == "stopped");
  CHECK_FALSE(s.ended_at.empty());
  CHECK(s.events.size() == 2);  // what was answered is kept

  // A new person starts a new session.
  r.start("nl");
  CHECK(r.store->count_sessions() == 2);
  CHECK(r.flow->answers().empty());
}

TEST_CASE("stop on the language screen before a session goes back to the start") {
  Rig r;
  r.tap("start");
  // Before a language is chosen, the first tap says what the button does (the person may read
  // none of the words); the second does it.
  CHECK(speaks(r.tap("nav:stop"), {"nl", "ui.explain.stop", "nav:stop"}));
  CHECK(r.flow->screen() == Screen::Language);
  r.tap("nav:stop");
  CHECK(r.flow->screen() == Screen::Attract);
  CHECK(r.store->count_sessions() == 0);
  r.tap("start");  // a new person: explained again
  CHECK(speaks(r.tap("nav:back"), {"nl", "ui.explain.back", "nav:back"}));
  r.tap("nav:back");
  CHECK(r.flow->screen() == Screen::Attract);
}

TEST_CASE("idle: the prompt after the idle time, 'continue' returns, no answer resets everything") {
  Rig r;
  r.start("en");
  r.tap("answer:leuk");
  r.tap("nav:next");
  r.tap("answer:niet_leuk");
  const std::string code = r.flow->session()->code;
  const int pos = r.flow->position();

  CHECK(r.flow->seconds_until_deadline(r.now) == doctest::Approx(r.config.idle_timeout_s));
  Effects e = r.tick(r.config.idle_timeout_s - 1);
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(r.flow->seconds_until_deadline(r.now) == doctest::Approx(1.0));
  e = r.tick(1);
  CHECK(r.flow->screen() == Screen::IdlePrompt);
  CHECK(speaks(e, {"en", "ui.idle.question"}));
  ScreenModel idle = r.flow->view(kMetrics);
  CHECK(idle.id == "idle_prompt");
  CHECK(mentions(idle, r.pack.text("en", "ui.idle.question")));
  // The prompt covers the answers: nothing of the question is on view.
  CHECK_FALSE(mentions(idle, r.pack.text("en", "answers.faces3.niet_leuk")));
  CHECK(r.flow->seconds_until_deadline(r.now) == doctest::Approx(r.config.idle_prompt_s));

  r.tap("idle:continue");
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(r.flow->position() == pos);
  CHECK(r.flow->answers().size() == 2);
  CHECK(r.flow->view(kMetrics).find_target("answer:niet_leuk")->selected);

  // Input keeps the prompt away.
  r.tick(r.config.idle_timeout_s - 5);
  r.tap("answer:leuk");
  r.tick(r.config.idle_timeout_s - 5);
  CHECK(r.flow->screen() == Screen::Question);

  // Nobody comes back.
  r.tick(5);
  CHECK(r.flow->screen() == Screen::IdlePrompt);
  r.tick(r.config.idle_prompt_s - 1);
  CHECK(r.flow->screen() == Screen::IdlePrompt);
  e = r.tick(1);
  CHECK(r.flow->screen() == Screen::Attract);
  CHECK_FALSE(r.flow->session().has_value());
  CHECK(r.flow->answers().empty());
  CHECK(e.stop_audio);
  CHECK_FALSE(e.speak.has_value());
  CHECK(r.only_session().status == "abandoned");
  CHECK(r.only_session().events.size() == 3);

  // Nothing of the previous person is on the attract screen: it is what a new kiosk shows.
  ScreenModel attract = r.flow->view(kMetrics);
  CHECK(attract.id == "attract");
  CHECK(attract.locale == "nl");
  CHECK_FALSE(mentions(attract, code));
  CHECK_FALSE(mentions(attract, ids::display_code(code)));
  CHECK_FALSE(mentions(attract, r.pack.text("en", "werk_plezier.zorgen")));
  CHECK_FALSE(mentions(attract, r.pack.text("en", "answers.faces3.leuk")));
  CHECK_FALSE(mentions(attract, r.pack.text("en", "ui.attract.title")));
  Rig fresh;
  ScreenModel clean = fresh.flow->view(kMetrics);
  CHECK(strings_of(attract) == strings_of(clean));
  CHECK(attract.targets.size() == clean.targets.size());
  CHECK(attract.pictures.size() == clean.pictures.size());
  CHECK(r.flow->seconds_until_deadline(r.now) < 0);  // the attract screen waits forever
}

TEST_CASE("idle on the stop question still returns to the question") {
  Rig r;
  r.start("nl");
  r.tap("answer:leuk");  // (an empty "next" would first say that nothing was chosen)
  r.tap("nav:next");
  r.tap("nav:stop");
  r.tick(r.config.idle_timeout_s);
  CHECK(r.flow->screen() == Screen::IdlePrompt);
  r.tap("idle:continue");
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(r.flow->position() == 1);
}

TEST_CASE("idle on the language screen before a session returns to the start without storing") {
  Rig r;
  r.tap("start");
  r.tick(r.config.idle_timeout_s);
  CHECK(r.flow->screen() == Screen::IdlePrompt);
  r.tick(r.config.idle_prompt_s);
  CHECK(r.flow->screen() == Screen::Attract);
  CHECK(r.store->count_sessions() == 0);
}

TEST_CASE("answering every item: the answers page, then the closing screen; 'done' there finishes the session") {
  Rig r;
  r.start("nl");
  int answered = 0;
  while (r.flow->screen() == Screen::Question) {
    const Item* item = r.flow->current_item();
    REQUIRE(item);
    r.tap("answer:" + item->options.front().id);
    ++answered;
    r.tap("nav:next");
  }
  CHECK(answered == r.pack.item_count());
  CHECK(r.flow->screen() == Screen::Result);
  SessionRecord s = r.only_session();
  // Still open on the result screen: the person may go back and change an answer.
  CHECK(s.status == "in_progress");
  CHECK(s.latest_answers().size() == static_cast<size_t>(r.pack.item_count()));
  CHECK(s.latest_answers().at("hulp.wie") == std::vector<std::string>{"familie"});

  // The fixture has no scoring tags: the code first, then one result page, the answers back.
  REQUIRE(r.flow->result_pages().size() == 2);
  CHECK(r.flow->result_pages()[0].kind == KioskFlow::ResultPage::Code);
  CHECK(r.flow->result_pages()[1].kind == KioskFlow::ResultPage::Answers);
  CHECK(r.flow->result_page() == 0);
  r.tap("nav:next");
  CHECK(r.flow->result_page() == 1);
  ScreenModel v = r.flow->view(kMetrics);
  CHECK(v.id == "result");
  CHECK(mentions(v, r.pack.text("nl", "ui.result.title")));
  CHECK(mentions(v, "Leuk"));
  CHECK(mentions(v, "Familie"));
  CHECK_FALSE(mentions(v, r.pack.text("nl", "ui.result.skipped")));
  CHECK(v.find_target("nav:next"));
  CHECK(v.find_target("nav:back"));
  CHECK(v.find_target("done") == nullptr);  // the session is finished on the closing screen
  auto speech = r.flow->screen_speech();
  REQUIRE(speech.size() == 1 + static_cast<size_t>(r.pack.item_count()));
  CHECK(speech.front() == Clip{"nl", "ui.result.title"});
  CHECK(speech.back() == Clip{"nl", "hulp.wie.familie"});

  // The last result page leads to the consent question, then the closing screen, still in progress.
  Effects e = r.tap("nav:next");
  CHECK(r.flow->screen() == Screen::Consent);
  ScreenModel consent = r.flow->view(kMetrics);
  CHECK(consent.id == "consent");
  CHECK(consent.has_audio);
  CHECK(consent.find_target("consent:yes"));
  CHECK(consent.find_target("consent:no"));
  CHECK(consent.find_target("nav:back"));
  CHECK(consent.find_target("nav:next"));
  CHECK(consent.find_target("done") == nullptr);
  REQUIRE(e.speak);
  CHECK(*e.speak == r.flow->screen_speech());
  r.tap("consent:no");
  e = r.tap("nav:next");
  CHECK(r.flow->screen() == Screen::Closing);
  CHECK(r.only_session().status == "in_progress");
  ScreenModel closing = r.flow->view(kMetrics);
  CHECK(closing.id == "closing");
  CHECK(closing.has_audio);
  CHECK(closing.find_target("done"));
  CHECK(closing.find_target("consent:yes") == nullptr);
  CHECK(closing.find_target("nav:back"));
  CHECK(closing.find_target("nav:next") == nullptr);
  REQUIRE(e.speak);
  CHECK(*e.speak == r.flow->screen_speech());

  e = r.tap("done");
  CHECK(r.flow->screen() == Screen::Attract);
  CHECK_FALSE(r.flow->session().has_value());
  CHECK(r.flow->answers().empty());
  CHECK(e.stop_audio);
  s = r.only_session();
  CHECK(s.status == "finished");
  CHECK_FALSE(s.ended_at.empty());
  CHECK(s.consent == 0);  // answered "no": the closing screen needs an answer
}

TEST_CASE("a person who sees the result and walks away has finished, not abandoned") {
  Rig r;
  r.start("nl");
  r.tap("answer:leuk");
  while (r.flow->screen() == Screen::Question) r.tap("nav:next");
  REQUIRE(r.flow->screen() == Screen::Result);
  SUBCASE("from a result page") {}
  SUBCASE("from the consent screen") {
    r.tap("nav:next");  // past the code
    r.tap("nav:next");
    REQUIRE(r.flow->screen() == Screen::Consent);
    r.tick(r.config.idle_timeout_s);
    REQUIRE(r.flow->screen() == Screen::IdlePrompt);
    r.tap("idle:continue");
    CHECK(r.flow->screen() == Screen::Consent);
  }
  SUBCASE("from the closing screen") {
    r.tap("nav:next");  // past the code
    r.tap("nav:next");
    r.tap("consent:yes");
    r.tap("nav:next");
    REQUIRE(r.flow->screen() == Screen::Closing);
    // The prompt returns to where the person was.
    r.tick(r.config.idle_timeout_s);
    REQUIRE(r.flow->screen() == Screen::IdlePrompt);
    r.tap("idle:continue");
    CHECK(r.flow->screen() == Screen::Closing);
  }
  r.tick(r.config.idle_timeout_s);
  CHECK(r.flow->screen() == Screen::IdlePrompt);
  r.tick(r.config.idle_prompt_s);
  CHECK(r.flow->screen() == Screen::Attract);
  CHECK(r.flow->answers().empty());
  CHECK(r.only_session().status == "finished");
}

TEST_CASE("from the result screen an answer can still be changed before finishing") {
  Rig r;
  r.start("nl");
  while (r.flow->screen() == Screen::Question) r.tap("nav:next");
  REQUIRE(r.flow->screen() == Screen::Result);
  r.tap("nav:back");
  REQUIRE(r.flow->current_item()->key == "hulp.wie");
  r.tap("answer:coach");
  r.tap("nav:next");
  REQUIRE(r.flow->screen() == Screen::Result);
  r.tap("nav:next");  // past the code
  CHECK(mentions(r.flow->view(kMetrics), "Een coach"));
  // Back from the closing screen: consent, the last result page; from there, the last question.
  r.tap("nav:next");
  r.tap("consent:yes");
  r.tap("nav:next");
  REQUIRE(r.flow->screen() == Screen::Closing);
  r.tap("nav:back");
  CHECK(r.flow->screen() == Screen::Consent);
  r.tap("nav:back");
  CHECK(r.flow->screen() == Screen::Result);
  CHECK(r.flow->result_page() == static_cast<int>(r.flow->result_pages().size()) - 1);
  r.tap("nav:back");  // the code page
  r.tap("nav:back");
  REQUIRE(r.flow->screen() == Screen::Question);
  CHECK(r.flow->current_item()->key == "hulp.wie");
  r.tap("answer:familie");
  r.tap("nav:next");
  r.tap("nav:next");
  r.tap("nav:next");
  r.tap("nav:next");
  REQUIRE(r.flow->screen() == Screen::Closing);
  CHECK(r.only_session().status == "in_progress");
  r.tap("done");
  SessionRecord s = r.only_session();
  CHECK(s.status == "finished");
  CHECK(s.latest_answers().at("hulp.wie") == std::vector<std::string>{"coach", "familie"});
}

TEST_CASE("the result screen shows skipped questions as skipped") {
  Rig r;
  r.start("nl");
  r.tap("answer:weet_niet");
  while (r.flow->screen() == Screen::Question) r.tap("nav:next");
  REQUIRE(r.flow->screen() == Screen::Result);
  r.tap("nav:next");  // past the code
  ScreenModel v = r.flow->view(kMetrics);
  CHECK(mentions(v, "Weet ik niet"));
  CHECK(mentions(v, r.pack.text("nl", "ui.result.skipped")));
  CHECK(r.flow->screen_speech().size() == 2);  // the title and the one answer
  r.tap("nav:back");
  r.tap("nav:back");
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(r.flow->current_item()->key == "hulp.wie");
}

TEST_CASE("the operator corner opens the PIN keypad after 5 taps within 4 seconds") {
  Rig r;
  SUBCASE("5 quick taps open it") {
    for (int i = 0; i < 4; ++i) r.tap("operator-corner", 0.5);
    CHECK(r.flow->screen() == Screen::Attract);
    Effects e = r.tap("operator-corner", 0.5);
    CHECK(r.flow->screen() == Screen::OperatorPin);
    CHECK(e.stop_audio);
    ScreenModel v = r.flow->view(kMetrics);
    CHECK(v.id == "operator_pin");
    CHECK(v.find_target("pin:0"));
    CHECK(v.find_target("pin:ok"));
    CHECK_FALSE(v.has_audio);  // staff screens are not spoken
    r.tap("pin:cancel");
    CHECK(r.flow->screen() == Screen::Attract);
  }
  SUBCASE("4 taps do not") {
    for (int i = 0; i < 4; ++i) r.tap("operator-corner", 0.5);
    r.tick(10);
    CHECK(r.flow->screen() == Screen::Attract);
    // ...and old taps do not count towards a new series.
    r.tap("operator-corner", 0.5);
    CHECK(r.flow->screen() == Screen::Attract);
  }
  SUBCASE("5 taps spread over more than 4 seconds do not") {
    for (int i = 0; i < 5; ++i) r.tap("operator-corner", 1.1);
    CHECK(r.flow->screen() == Screen::Attract);
  }
  SUBCASE("the corner does nothing during a check") {
    r.start("nl");
    for (int i = 0; i < 6; ++i) {
      r.now += 0.3;
      r.flow->tap("operator-corner", r.now);
    }
    CHECK(r.flow->screen() == Screen::Question);
  }
}

TEST_CASE("the operator PIN: the demo PIN opens the menu, 5 wrong ones lock the keypad") {
  Rig r;
  r.open_operator_corner();
  SUBCASE("the demo PIN") {
    r.enter_pin(kDemoOperatorPin);
    CHECK(r.flow->screen() == Screen::OperatorMenu);
    ScreenModel v = r.flow->view(kMetrics);
    CHECK(v.id == "operator_menu");
    CHECK(mentions(v, r.pack.text("nl", "operator.demo_pin_warning")));
    Effects e = r.tap("op:exit");
    CHECK(e.quit);
  }
  SUBCASE("a wrong PIN is refused; four wrong ones do not lock") {
    for (int i = 0; i < KioskFlow::kPinAttempts - 1; ++i) {
      r.enter_pin("1111");
      CHECK(r.flow->screen() == Screen::OperatorPin);
    }
    CHECK(mentions(r.flow->view(kMetrics), r.pack.text("nl", "operator.pin.wrong")));
    r.enter_pin(kDemoOperatorPin);
    CHECK(r.flow->screen() == Screen::OperatorMenu);
  }
  SUBCASE("five wrong PINs lock, even against the right one, for a minute") {
    for (int i = 0; i < KioskFlow::kPinAttempts; ++i) r.enter_pin("0000");
    CHECK(mentions(r.flow->view(kMetrics), r.pack.text("nl", "operator.pin.locked")));
    r.enter_pin(kDemoOperatorPin);
    CHECK(r.flow->screen() == Screen::OperatorPin);
    r.now += KioskFlow::kPinLockS;
    r.enter_pin(kDemoOperatorPin);
    CHECK(r.flow->screen() == Screen::OperatorMenu);
  }
  SUBCASE("clear forgets the digits typed") {
    r.tap("pin:9");
    r.tap("pin:clear");
    r.enter_pin(kDemoOperatorPin);
    CHECK(r.flow->screen() == Screen::OperatorMenu);
  }
  SUBCASE("a configured PIN replaces the demo PIN") {
    r.config.operator_pin_hash = hash_operator_pin("731");
    r.enter_pin(kDemoOperatorPin);
    CHECK(r.flow->screen() == Screen::OperatorPin);
    r.enter_pin("731");
    CHECK(r.flow->screen() == Screen::OperatorMenu);
    CHECK_FALSE(mentions(r.flow->view(kMetrics), r.pack.text("nl", "operator.demo_pin_warning")));
  }
}

TEST_CASE("the operator menu: volume, default language, credits, back; it locks when left alone") {
  Rig r;
  r.open_operator_corner();
  r.enter_pin(kDemoOperatorPin);
  REQUIRE(r.flow->screen() == Screen::OperatorMenu);

  Effects e = r.tap("op:volume_up");
  CHECK(r.config.volume_percent == 90);
  CHECK(e.settings_changed);
  r.tap("op:volume_up");
  r.tap("op:volume_up");
  CHECK(r.config.volume_percent == 100);  // clamped
  r.tap("op:volume_down");
  CHECK(r.config.volume_percent == 90);

  e = r.tap("op:language");
  CHECK(e.settings_changed);
  CHECK(r.config.default_locale == "en");
  CHECK(r.flow->locale() == "en");

  r.tap("op:credits");
  CHECK(r.flow->screen() == Screen::Credits);
  CHECK(mentions(r.flow->view(kMetrics), "OpenMoji"));
  r.tap("op:back");
  CHECK(r.flow->screen() == Screen::OperatorMenu);
  r.tap("op:back");
  CHECK(r.flow->screen() == Screen::Attract);
  CHECK(r.flow->locale() == "en");  // the new default language
  CHECK(r.flow->view(kMetrics).texts.front().text == r.pack.text("en", "ui.attract.title"));

  // An operator who walks away: the menu locks again.
  r.open_operator_corner();
  r.enter_pin(kDemoOperatorPin);
  r.tick(r.config.idle_timeout_s);
  CHECK(r.flow->screen() == Screen::Attract);
}

TEST_CASE("without a store the kiosk is out of order and does not start") {
  const ContentPack& pack = wktest::built_pack();
  KioskConfig config;
  KioskFlow flow(&pack, nullptr, &config, "open /x/werkcheck.db: the database is damaged");
  CHECK(flow.screen() == Screen::OutOfOrder);
  CHECK(flow.out_of_order_reason() == "open /x/werkcheck.db: the database is damaged");
  flow.tap("start", 1);
  flow.tap("lang:nl", 2);
  CHECK(flow.screen() == Screen::OutOfOrder);
  CHECK_FALSE(flow.session().has_value());
  ScreenModel v = flow.view(kMetrics);
  CHECK(v.id == "out_of_order");
  CHECK(v.find_target("start") == nullptr);
  CHECK(mentions(v, "the database is damaged"));
  CHECK(mentions(v, pack.text("nl", "ui.out_of_order")));
  CHECK(mentions(v, pack.text("en", "ui.out_of_order")));
  auto speech = flow.screen_speech();
  CHECK(std::find(speech.begin(), speech.end(), Clip{"en", "ui.out_of_order"}) != speech.end());
  flow.tick(1000);
  CHECK(flow.screen() == Screen::OutOfOrder);

  // The operator can still get in, and leaving the menu returns to out of order.
  for (int i = 0; i < KioskFlow::kCornerTapsToOpen; ++i) flow.tap("operator-corner", 10 + i * 0.5);
  CHECK(flow.screen() == Screen::OperatorPin);
  for (const char* k : {"pin:2", "pin:5", "pin:8", "pin:0", "pin:ok"}) flow.tap(k, 20);
  CHECK(flow.screen() == Screen::OperatorMenu);
  CHECK(mentions(flow.view(kMetrics), "the database is damaged"));
  flow.tap("op:back", 21);
  CHECK(flow.screen() == Screen::OutOfOrder);
}

TEST_CASE("without a store or content the reason is given anyway") {
  KioskConfig config;
  KioskFlow no_store(&wktest::built_pack(), nullptr, &config);
  CHECK(no_store.screen() == Screen::OutOfOrder);
  CHECK(no_store.out_of_order_reason() == "no database");

  TempDir dir;
  auto store = SessionStore::open(dir.path());
  KioskFlow no_content(nullptr, store.get(), &config);
  CHECK(no_content.screen() == Screen::OutOfOrder);
  CHECK(no_content.out_of_order_reason() == "no content");
  ScreenModel v = no_content.view(kMetrics);  // must not need the content
  CHECK(v.id == "out_of_order");
  CHECK(mentions(v, "out of order"));
  no_content.tap("start", 1);
  CHECK(no_content.screen() == Screen::OutOfOrder);
  for (int i = 0; i < KioskFlow::kCornerTapsToOpen; ++i) no_content.tap("operator-corner", 10 + i * 0.5);
  REQUIRE(no_content.screen() == Screen::OperatorPin);
  CHECK(mentions(no_content.view(kMetrics), "PIN medewerker"));  // built-in operator words
  for (const char* k : {"pin:2", "pin:5", "pin:8", "pin:0", "pin:ok"}) no_content.tap(k, 20);
  REQUIRE(no_content.screen() == Screen::OperatorMenu);
  CHECK(no_content.view(kMetrics).find_target("op:language") == nullptr);
}

TEST_CASE("a store that fails mid-session sends the kiosk out of order, without crashing") {
  Rig r;
  r.start("nl");
  r.tap("answer:leuk");
  r.tap("nav:next");
  REQUIRE(r.only_session().events.size() == 1);

  // The disk fills up.
  auto pages = r.store->db().prepare("PRAGMA page_count");
  REQUIRE(pages.step());
  r.store->db().exec("PRAGMA max_page_count=" + std::to_string(pages.int64(0)));

  Effects e;
  int taps = 0;
  const char* options[] = {"answer:leuk", "answer:niet_leuk"};
  while (r.flow->screen() == Screen::Question && taps < 2000) {
    e = r.tap(options[taps % 2], taps == 0 ? 0.5 : 0.1);  // the first waits until the question takes taps
    ++taps;
  }
  REQUIRE(r.flow->screen() == Screen::OutOfOrder);
  CHECK(taps > 1);
  const std::string reason = r.flow->out_of_order_reason();
  CHECK_MESSAGE(reason.find("cannot store an answer") != std::string::npos, reason);
  CHECK_MESSAGE(reason.find("disk is full") != std::string::npos, reason);
  CHECK_FALSE(r.flow->session().has_value());
  CHECK(r.flow->answers().empty());
  CHECK(speaks(e, {"nl", "ui.out_of_order"}));
  CHECK(speaks(e, {"en", "ui.out_of_order"}));
  CHECK(mentions(r.flow->view(kMetrics), "disk is full"));

  // What was committed is still there.
  auto s = r.only_session();
  CHECK(s.events.size() == static_cast<size_t>(taps));  // the first answer plus all but the failed tap
  CHECK(s.events[0].values == std::vector<std::string>{"leuk"});
  CHECK(s.status == "in_progress");  // closed as interrupted on the next start

  // No new check can start until the kiosk is fixed.
  r.now += 1;
  r.flow->tap("start", r.now);
  CHECK(r.flow->screen() == Screen::OutOfOrder);
  r.tick(1000);
  CHECK(r.flow->screen() == Screen::OutOfOrder);
}

TEST_CASE("the closing screen shows the participant code and speaks it digit by digit, in groups") {
  Rig r;
  r.start("en");
  r.tap("answer:leuk");
  r.to_consent();
  // The question before it: who sees what, and "no" as easy to choose as "yes".
  ScreenModel c = r.flow->view(kMetrics);
  CHECK(mentions(c, r.pack.text("en", "ui.closing.share_question")));
  CHECK(mentions(c, r.pack.text("en", "ui.closing.share_who")));
  CHECK(c.find_target("consent:yes")->label == r.pack.text("en", "ui.closing.share_yes"));
  CHECK(c.find_target("consent:no")->label == r.pack.text("en", "ui.closing.share_no"));
  CHECK_FALSE(c.find_target("consent:yes")->selected);
  CHECK_FALSE(c.find_target("consent:no")->selected);
  CHECK(c.find_target("consent:no")->rect.w == c.find_target("consent:yes")->rect.w);
  CHECK(c.find_target("consent:no")->rect.h == c.find_target("consent:yes")->rect.h);
  CHECK(c.find_target("consent:no")->style == c.find_target("consent:yes")->style);
  r.tap("consent:yes");
  r.tap("nav:next");
  REQUIRE(r.flow->screen() == Screen::Closing);

  const std::string code = r.flow->session()->code;
  REQUIRE(code.size() == static_cast<size_t>(ids::kCodeLength));
  CHECK(code == r.only_session().code);

  ScreenModel v = r.flow->view(kMetrics);
  CHECK(v.id == "closing");
  CHECK(v.locale == "en");
  std::vector<std::string> display;
  for (const auto& t : v.texts)
    if (t.role == TextRole::Display) display.push_back(t.text);
  CHECK(display == std::vector<std::string>{ids::display_code(code)});
  CHECK(mentions(v, r.pack.text("en", "ui.closing.title")));
  CHECK(mentions(v, r.pack.text("en", "ui.code.give")));  // what it is for: "Give this code to your coach."
  CHECK(mentions(v, r.pack.text("en", "ui.closing.come_back")));

  // Back to the question before it, and on again.
  r.tap("nav:back");
  REQUIRE(r.flow->screen() == Screen::Consent);
  r.tap("nav:next");
  REQUIRE(r.flow->screen() == Screen::Closing);

  // One clip per character of the code, in order, between the words around it.
  auto speech = r.flow->screen_speech();
  std::vector<Clip> chars;
  for (const auto& c : speech)
    if (c.key.rfind("char.", 0) == 0) chars.push_back(c);
  std::vector<Clip> expected;
  for (char c : code) expected.push_back({"en", std::string("char.") + c});
  CHECK(chars == expected);
  auto first_char = std::find(speech.begin(), speech.end(), expected.front());
  REQUIRE(first_char != speech.begin());
  CHECK(*(first_char - 1) == Clip::pause());
  CHECK(*(first_char - 2) == Clip{"en", "ui.code.give"});
  // The groups 3 + 3 + 4 with a pause before each, and after the last.
  std::vector<Clip> grouped;
  for (const auto& g : ids::code_groups(code)) {
    grouped.push_back(Clip::pause());
    for (char c : g) grouped.push_back({"en", std::string("char.") + c});
  }
  grouped.push_back(Clip::pause());
  CHECK(std::search(speech.begin(), speech.end(), grouped.begin(), grouped.end()) == first_char - 1);
  CHECK(speech.front() == Clip{"en", "ui.closing.title"});
  // Every character has its spoken clip in the pack.
  for (const auto& c : chars) CHECK_MESSAGE(r.pack.has_text("en", c.key), c.key);
  // The speaker button says it again.
  Effects e = r.tap("speak");
  REQUIRE(e.speak);
  CHECK(*e.speak == speech);
  // There is no "stop" here: "done" is the way out.
  CHECK(v.find_target("nav:stop") == nullptr);
}

TEST_CASE("consent: stored at once, the later answer wins, kept when done") {
  Rig r;
  r.start("nl");
  r.to_consent();
  CHECK_FALSE(r.flow->consent().has_value());
  CHECK(r.only_session().consent == -1);

  Effects e = r.tap("consent:yes");
  CHECK(r.only_session().consent == 1);
  REQUIRE(r.flow->consent().has_value());
  CHECK(*r.flow->consent());
  REQUIRE(e.speak);
  CHECK(*e.speak == std::vector<Clip>{{"nl", "ui.closing.share_yes"}});
  ScreenModel v = r.flow->view(kMetrics);
  CHECK(v.find_target("consent:yes")->selected);
  CHECK_FALSE(v.find_target("consent:no")->selected);
  CHECK(r.flow->screen() == Screen::Consent);
  CHECK(r.only_session().status == "in_progress");

  e = r.tap("consent:no");
  CHECK(r.only_session().consent == 0);
  CHECK_FALSE(*r.flow->consent());
  CHECK(*e.speak == std::vector<Clip>{{"nl", "ui.closing.share_no"}});
  v = r.flow->view(kMetrics);
  CHECK_FALSE(v.find_target("consent:yes")->selected);
  CHECK(v.find_target("consent:no")->selected);

  SUBCASE("no, then yes: yes") {
    r.tap("consent:yes");
    CHECK(r.only_session().consent == 1);
    r.tap("nav:next");
    r.tap("done");
    CHECK(r.only_session().consent == 1);
  }
  SUBCASE("no stays no, also after going back and forth") {
    r.tap("nav:back");
    r.tap("nav:next");
    REQUIRE(r.flow->screen() == Screen::Consent);
    CHECK(r.flow->view(kMetrics).find_target("consent:no")->selected);
    r.tap("nav:next");
    r.tap("done");
    CHECK(r.only_session().consent == 0);
  }
  CHECK(r.flow->screen() == Screen::Attract);
  SessionRecord s = r.only_session();
  CHECK(s.status == "finished");
  CHECK_FALSE(s.ended_at.empty());

  // The next person starts without an answer to the question.
  r.start("nl");
  CHECK_FALSE(r.flow->consent().has_value());
  r.to_consent();
  v = r.flow->view(kMetrics);
  CHECK_FALSE(v.find_target("consent:yes")->selected);
  CHECK_FALSE(v.find_target("consent:no")->selected);
  auto all = r.store->all_sessions();
  REQUIRE(all.size() == 2);
  CHECK(all[1].consent == -1);
  CHECK(all[0].consent == s.consent);
}

TEST_CASE("stopping on a result page: 'no' returns to the page, 'yes' counts as finished") {
  Rig r;
  r.start("nl");
  r.tap("answer:leuk");
  while (r.flow->screen() == Screen::Question) r.tap("nav:next");
  REQUIRE(r.flow->screen() == Screen::Result);
  r.tap("nav:stop");
  CHECK(r.flow->screen() == Screen::StopConfirm);
  r.tap("stop:no");
  CHECK(r.flow->screen() == Screen::Result);
  r.tap("nav:stop");
  r.tap("stop:yes");
  CHECK(r.flow->screen() == Screen::Attract);
  CHECK(r.flow->answers().empty());
  CHECK(r.only_session().status == "finished");
}

namespace {

Option plan_option(const std::string& key_prefix, const std::string& id, const std::string& tag,
                   const std::string& value) {
  Option o;
  o.id = id;
  o.picture = "1F4CB";
  o.text_key = key_prefix + "." + id;
  o.tags = {{tag, value}};
  return o;
}

// The fixture pack's languages and pictures, with one module: "acties" (up to 3) and, for
// every chosen action, "wanneer" (a per-choice item on the when3 answers).
ContentPack plan_pack() {
  ContentPack p = wktest::built_pack();
  Module m;
  m.id = "plan";
  m.picture = "1F5FA";
  m.title_key = "plan.title";
  Item acties;
  acties.id = "acties";
  acties.module_id = "plan";
  acties.key = "plan.acties";
  acties.picture = "1F6B6";
  acties.max_choices = 3;
  for (auto [id, action] : std::vector<std::pair<std::string, std::string>>{
           {"coach", "coach"}, {"vacatures", "vacancies"}, {"cursus", "course"}, {"cv", "cv"}})
    acties.options.push_back(plan_option("plan.acties", id, "action", action));
  Item wanneer;
  wanneer.id = "wanneer";
  wanneer.module_id = "plan";
  wanneer.key = "plan.wanneer";
  wanneer.picture = "1F552";
  wanneer.type = ItemType::PerChoice;
  wanneer.of = "acties";
  for (auto [id, when] : std::vector<std::pair<std::string, std::string>>{{"week", "week"}, {"maand", "month"}, {"later", "later"}})
    wanneer.options.push_back(plan_option("answers.when3", id, "when", when));
  m.items = {acties, wanneer};
  p.modules = {m};
  return p;
}

// The question screens from here to the result, by answer key, walking with "next".
std::vector<std::string> walk_questions(Rig& r) {
  std::vector<std::string> seen;
  while (r.flow->screen() == Screen::Question) {
    const std::string item = r.flow->view(kMetrics).item;
    if (seen.empty() || seen.back() != item) seen.push_back(item);  // "nothing chosen" stays, once
    r.tap("nav:next");
  }
  return seen;
}

}  // namespace

TEST_CASE("a per-choice item: one 'when' screen for each chosen action, stored per action") {
  const ContentPack pack = plan_pack();
  Rig r(pack);
  r.start("nl");
  using V = std::vector<std::string>;
  CHECK(r.flow->view(kMetrics).item == "plan.acties");
  CHECK(r.flow->steps().size() == 1);  // nothing chosen yet: no "when" screens

  r.tap("answer:coach");
  r.tap("answer:cursus");
  auto steps = r.flow->steps();
  REQUIRE(steps.size() == 3);
  CHECK(steps[1].item == 1);
  CHECK(steps[1].for_option == "coach");
  CHECK(steps[2].for_option == "cursus");

  // The first "when" screen: about the coach, spoken with the action first.
  Effects e = r.tap("nav:next");
  CHECK(r.flow->position() == 1);
  ScreenModel v = r.flow->view(kMetrics);
  CHECK(v.item == "plan.wanneer.coach");
  REQUIRE(r.flow->current_item());
  CHECK(r.flow->current_item()->key == "plan.wanneer");
  CHECK(mentions(v, r.pack.text("nl", "plan.acties.coach")));
  CHECK(v.find_target("answer:week"));
  CHECK(v.find_target("answer:later"));
  REQUIRE(e.speak);
  REQUIRE(e.speak->size() == 6);  // the action, the question, its three answers, how to go on
  CHECK(e.speak->at(0) == Clip{"nl", "plan.acties.coach"});
  CHECK(e.speak->at(1) == Clip{"nl", "plan.wanneer"});
  CHECK(e.speak->at(2) == Clip{"nl", "answers.when3.week", "answer:week"});
  CHECK(e.speak->back() == Clip{"nl", "ui.question.pick_one", "", "hint:ui.question.pick_one"});
  r.tap("answer:week");
  // The next "when" screen has the same answers in the same part: they are not said again, nor
  // how to go on (said once per part).
  e = r.tap("nav:next");
  REQUIRE(e.speak);
  CHECK(*e.speak == std::vector<Clip>{{"nl", "plan.acties.cursus"}, {"nl", "plan.wanneer"}});
  CHECK(r.flow->view(kMetrics).item == "plan.wanneer.cursus");
  CHECK_FALSE(r.flow->view(kMetrics).find_target("answer:week")->selected);  // each action has its own answer
  r.tap("answer:later");

  SessionRecord s = r.only_session();
  auto latest = s.latest_answers();
  CHECK(latest.at("plan.acties") == V{"coach", "cursus"});
  CHECK(latest.at("plan.wanneer.coach") == V{"week"});
  CHECK(latest.at("plan.wanneer.cursus") == V{"later"});
  CHECK(latest.count("plan.wanneer") == 0);
  CHECK(r.flow->profile().plan ==
        std::vector<std::pair<std::string, std::string>>{{"coach", "week"}, {"course", "later"}});

  // From the start: exactly two "when" screens.
  r.tap("nav:back");
  r.tap("nav:back");
  REQUIRE(r.flow->position() == 0);
  CHECK(walk_questions(r) == V{"plan.acties", "plan.wanneer.coach", "plan.wanneer.cursus"});
  REQUIRE(r.flow->screen() == Screen::Result);

  // Back to the actions; the coach is taken away: its screen goes, the course keeps its answer.
  while (r.flow->screen() != Screen::Question || r.flow->position() != 0) r.tap("nav:back");
  r.tap("answer:coach");
  CHECK(r.flow->answers().at("plan.acties") == V{"cursus"});
  REQUIRE(r.flow->steps().size() == 2);
  CHECK(r.flow->steps()[1].for_option == "cursus");
  r.tap("nav:next");
  CHECK(r.flow->view(kMetrics).item == "plan.wanneer.cursus");
  CHECK(r.flow->view(kMetrics).find_target("answer:later")->selected);
  r.tap("nav:back");
  CHECK(walk_questions(r) == V{"plan.acties", "plan.wanneer.cursus"});
  REQUIRE(r.flow->screen() == Screen::Result);
  CHECK(r.flow->profile().plan == std::vector<std::pair<std::string, std::string>>{{"course", "later"}});

  // The plan page says the action and its when.
  const auto pages = r.flow->result_pages();
  REQUIRE(pages.size() == 2);
  CHECK(pages[0].kind == KioskFlow::ResultPage::Code);
  CHECK(pages[1].kind == KioskFlow::ResultPage::Plan);
  r.tap("nav:next");  // past the code
  CHECK(r.flow->screen_speech() ==
        std::vector<Clip>{{"nl", "ui.result.plan_title"}, {"nl", "plan.acties.cursus"}, {"nl", "answers.when3.later"}});

  // Four actions with a maximum of three: the fourth is refused, with the reason, until one is
  // taken away; the one taken away loses its screen.
  while (r.flow->screen() != Screen::Question || r.flow->position() != 0) r.tap("nav:back");
  r.tap("answer:coach");
  r.tap("answer:vacatures");
  Effects refused = r.tap("answer:cv");
  CHECK(r.flow->answers().at("plan.acties") == V{"cursus", "coach", "vacatures"});
  REQUIRE(refused.speak);
  CHECK(*refused.speak == std::vector<Clip>{{"nl", "ui.question.limit.3"}});
  r.tap("answer:cursus");
  r.tap("answer:cv");
  CHECK(r.flow->answers().at("plan.acties") == V{"coach", "vacatures", "cv"});
  CHECK(walk_questions(r) == V{"plan.acties", "plan.wanneer.coach", "plan.wanneer.vacatures", "plan.wanneer.cv"});

  // Skipping a "when" screen is stored as a skip under its own key.
  s = r.only_session();
  CHECK(s.events.back().item == "plan.wanneer.cv");
  CHECK(s.events.back().kind == "skip");
}

TEST_CASE("a result page in parts: each part says what it shows, and Next goes through the parts") {
  const ContentPack pack = plan_pack();
  Rig r(pack);
  r.start("nl");
  for (const char* action : {"answer:coach", "answer:cursus", "answer:vacatures"}) r.tap(action);
  walk_questions(r);  // the "when" screens skipped
  REQUIRE(r.flow->screen() == Screen::Result);
  // A screen so low (a 10-inch tablet on its side, half of it) that the plan's steps need parts;
  // the window tells the flow its metrics, so what is said follows this layout too.
  const Metrics low = make_metrics(1280, 600, 1280 / 217.0f, 50);
  r.flow->set_metrics(low);
  auto next = [&] {
    r.flow->view(low);
    r.now += 1;
    r.flow->tap("nav:next", r.now);
    return r.flow->take_effects();
  };
  Effects e = next();  // past the code: the plan's first part
  std::vector<std::string> steps_said;
  int parts = 0;
  while (r.flow->screen() == Screen::Result && parts < 10) {
    ++parts;
    REQUIRE(e.speak);
    CHECK(e.speak->front().key == "ui.result.plan_title");
    for (const auto& t : r.flow->view(low).texts) {
      const bool said = std::any_of(e.speak->begin(), e.speak->end(),
                                    [&](const Clip& c) { return !c.key.empty() && pack.text("nl", c.key) == t.text; });
      CHECK_MESSAGE(said, "drawn but not said: " << t.text);
    }
    for (const auto& c : *e.speak)
      if (c.key.rfind("plan.acties.", 0) == 0) steps_said.push_back(c.key);
    e = next();
  }
  CHECK(parts > 1);
  CHECK(steps_said == std::vector<std::string>{"plan.acties.coach", "plan.acties.cursus", "plan.acties.vacatures"});
  CHECK(r.flow->screen() == Screen::Consent);
}

TEST_CASE("operator enrollment keypad: 12 letters, one attempt at a time, the result shown") {
  Rig r;
  r.open_operator_corner();
  r.enter_pin(kDemoOperatorPin);
  REQUIRE(r.flow->screen() == Screen::OperatorMenu);
  r.tap("op:enroll");
  REQUIRE(r.flow->screen() == Screen::OperatorEnroll);
  ScreenModel v = r.flow->view(kMetrics);
  CHECK(v.id == "operator_enroll");
  CHECK(v.find_target("enroll:A"));
  CHECK(v.find_target("enroll:I") == nullptr);  // not in the server's code alphabet
  // OK does nothing until all 12 letters are there.
  for (char c : std::string("KPFEAYXEMQH")) r.tap(std::string("enroll:") + c);
  CHECK_FALSE(r.tap("enroll:ok").enroll_code.has_value());
  r.tap("enroll:Z");
  r.tap("enroll:delete");
  r.tap("enroll:M");
  Effects e = r.tap("enroll:ok");
  REQUIRE(e.enroll_code.has_value());
  CHECK(*e.enroll_code == "KPFE-AYXE-MQHM");
  // While it runs: no second attempt, no leaving.
  CHECK_FALSE(r.tap("enroll:ok").enroll_code.has_value());
  r.tap("op:back");
  CHECK(r.flow->screen() == Screen::OperatorEnroll);
  r.flow->enroll_finished("HTTP 403 enrollment_code_invalid: unknown");
  CHECK(mentions(r.flow->view(kMetrics), "enrollment_code_invalid"));
  e = r.tap("enroll:ok");
  REQUIRE(e.enroll_code.has_value());  // the code is kept for another try
  r.flow->enroll_finished("");
  CHECK(mentions(r.flow->view(kMetrics), r.pack.text("nl", "operator.enroll.done")));
  r.tap("op:back");
  CHECK(r.flow->screen() == Screen::OperatorMenu);
}

// ---------------------------------------------------------------------------------------
// Input that forgives: held taps after a screen opens, "nothing chosen", the choice limit,
// and consent before the closing screen.

TEST_CASE("taps are held for a moment after a screen or page opens: a double tap moves one step") {
  Rig r;
  r.start("nl");
  r.tap("answer:leuk");
  const long opened = r.flow->view(kMetrics).opening;
  // A double tap on Next, 120 ms apart: the first moves on, the second lands on a question
  // that just opened and is ignored (no skip stored, nothing said, nothing moved).
  r.tap("nav:next");
  REQUIRE(r.flow->position() == 1);
  CHECK(r.flow->view(kMetrics).opening == opened + 1);
  Effects e = r.tap("nav:next", 0.12);
  CHECK(r.flow->position() == 1);
  CHECK_FALSE(e.speak.has_value());
  CHECK_FALSE(e.stop_audio);
  CHECK(r.only_session().events.size() == 1);
  CHECK(r.flow->view(kMetrics).opening == opened + 1);
  // An answer tap that soon is ignored too; just after the hold it counts.
  r.tap("answer:weet_niet", 0.1);
  CHECK_FALSE(r.flow->answers().count("werk_plezier.zorgen"));
  r.tap("answer:weet_niet", 0.25);  // 0.47 s after the question opened
  CHECK(r.flow->answers().at("werk_plezier.zorgen") == std::vector<std::string>{"weet_niet"});
  // Tapping an answer does not open anything: the next tap may follow at once.
  r.tap("answer:leuk", 0.05);
  CHECK(r.flow->answers().at("werk_plezier.zorgen") == std::vector<std::string>{"leuk"});
  CHECK(r.only_session().events.size() == 3);

  // A page of the result counts as opening, like a new question.
  while (r.flow->screen() == Screen::Question) r.tap("nav:next");
  REQUIRE(r.flow->screen() == Screen::Result);
  r.tap("nav:next", 0.2);
  CHECK(r.flow->result_page() == 0);
  r.tap("nav:next", 0.3);
  CHECK(r.flow->result_page() == 1);
  r.tap("nav:next", 0.2);
  CHECK(r.flow->screen() == Screen::Result);
  r.tap("nav:next", 0.3);
  CHECK(r.flow->screen() == Screen::Consent);

  // The idle prompt, opened by the clock, holds taps as well.
  r.tick(r.config.idle_timeout_s);
  REQUIRE(r.flow->screen() == Screen::IdlePrompt);
  r.tap("idle:continue", 0.1);
  CHECK(r.flow->screen() == Screen::IdlePrompt);
  r.tap("idle:continue", 0.4);
  CHECK(r.flow->screen() == Screen::Consent);
}

TEST_CASE("the start screen after 'done' holds taps, but the hidden operator corner always counts") {
  Rig r;
  r.start("nl");
  r.tap("answer:leuk");
  r.to_closing();
  r.tap("done");
  REQUIRE(r.flow->screen() == Screen::Attract);
  // A double tap on "done" does not start a new check for the next person.
  r.tap("start", 0.12);
  CHECK(r.flow->screen() == Screen::Attract);
  // The operator corner counts from the first tap, however soon.
  for (int i = 0; i < KioskFlow::kCornerTapsToOpen; ++i) r.tap("operator-corner", 0.05);
  REQUIRE(r.flow->screen() == Screen::OperatorPin);
  r.tap("pin:2", 0.1);  // too soon after the keypad opened
  r.enter_pin("2580");
  CHECK(r.flow->screen() == Screen::OperatorMenu);
}

TEST_CASE("next with nothing chosen: first a spoken and shown nudge, a second next skips") {
  Rig r;
  r.start("nl");
  const std::string nudge = r.pack.text("nl", "ui.question.nothing_chosen");
  REQUIRE(nudge != "ui.question.nothing_chosen");
  CHECK_FALSE(mentions(r.flow->view(kMetrics), nudge));
  const long opened = r.flow->view(kMetrics).opening;

  Effects e = r.tap("nav:next");
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(r.flow->position() == 0);
  REQUIRE(e.speak);
  CHECK(*e.speak == std::vector<Clip>{{"nl", "ui.question.nothing_chosen"}});
  CHECK(mentions(r.flow->view(kMetrics), nudge));
  CHECK(r.only_session().events.empty());
  // The nudge holds taps like an opening: the second tap of a double tap does not skip.
  CHECK(r.flow->view(kMetrics).opening == opened + 1);
  r.tap("nav:next", 0.12);
  CHECK(r.flow->position() == 0);
  CHECK(r.only_session().events.empty());

  SUBCASE("a second next moves on and stores a skip, as before") {
    e = r.tap("nav:next", 0.5);
    CHECK(r.flow->position() == 1);
    auto s = r.only_session();
    REQUIRE(s.events.size() == 1);
    CHECK(s.events[0].item == "werk_plezier.handen");
    CHECK(s.events[0].kind == "skip");
    CHECK_FALSE(mentions(r.flow->view(kMetrics), nudge));  // the next question starts clean
    // Back to it: the nudge comes again on this new visit.
    r.tap("nav:back");
    REQUIRE(r.flow->position() == 0);
    CHECK_FALSE(mentions(r.flow->view(kMetrics), nudge));
    r.tap("nav:next");
    CHECK(r.flow->position() == 0);
    CHECK(mentions(r.flow->view(kMetrics), nudge));
  }
  SUBCASE("choosing after the nudge: the nudge goes, next moves on without a skip") {
    r.tap("answer:leuk");
    CHECK_FALSE(mentions(r.flow->view(kMetrics), nudge));
    r.tap("nav:next");
    CHECK(r.flow->position() == 1);
    auto s = r.only_session();
    REQUIRE(s.events.size() == 1);
    CHECK(s.events[0].kind == "answer");
  }
}

TEST_CASE("a pick past an item's limit is refused with the reason; the earlier picks stay") {
  Rig r;
  r.start("nl");
  while (r.flow->current_item() && r.flow->current_item()->key != "hulp.wie") {
    r.tap("answer:" + r.flow->current_item()->options.front().id);
    r.tap("nav:next");
  }
  REQUIRE(r.flow->current_item());
  REQUIRE(r.flow->current_item()->max_choices == 3);
  using V = std::vector<std::string>;
  r.tap("answer:familie");
  r.tap("answer:vrienden");
  r.tap("answer:collegas");
  const size_t events = r.only_session().events.size();
  const std::string reason = r.pack.text("nl", "ui.question.limit.3");
  REQUIRE(reason != "ui.question.limit.3");
  CHECK(reason.find('3') != std::string::npos);

  Effects e = r.tap("answer:coach");
  CHECK(r.flow->answers().at("hulp.wie") == V{"familie", "vrienden", "collegas"});
  CHECK(r.only_session().events.size() == events);  // nothing stored
  CHECK(r.only_session().latest_answers().at("hulp.wie") == V{"familie", "vrienden", "collegas"});
  REQUIRE(e.speak);
  CHECK(*e.speak == std::vector<Clip>{{"nl", "ui.question.limit.3"}});
  ScreenModel v = r.flow->view(kMetrics);
  CHECK(mentions(v, reason));
  CHECK_FALSE(v.find_target("answer:coach")->selected);
  CHECK(v.find_target("answer:familie")->selected);

  // Taking one away makes room; the reason goes once a pick is taken.
  r.tap("answer:vrienden");
  CHECK_FALSE(mentions(r.flow->view(kMetrics), reason));
  r.tap("answer:coach");
  CHECK(r.flow->answers().at("hulp.wie") == V{"familie", "collegas", "coach"});
  // The exclusive answer is never refused: it replaces the others.
  r.tap("answer:niemand");
  CHECK(r.flow->answers().at("hulp.wie") == V{"niemand"});

  // The words for each limit a person can reach are declared, so the linter and make-audio have them;
  // an item whose limit cannot be reached (the fixture's 5 of 4 before) needs none.
  const auto keys = kiosk_content_needs().text_keys(r.pack);
  CHECK(std::count(keys.begin(), keys.end(), "ui.question.limit.3") == 1);
  CHECK(std::count(keys.begin(), keys.end(), "ui.question.nothing_chosen") == 1);
  CHECK(std::count(keys.begin(), keys.end(), "ui.closing.share_first") == 1);
  const ContentPack plan = plan_pack();  // up to 3 of 4 actions
  const auto plan_keys = kiosk_content_needs().text_keys(plan);
  CHECK(std::count(plan_keys.begin(), plan_keys.end(), "ui.question.limit.3") == 1);
  CHECK(std::none_of(plan_keys.begin(), plan_keys.end(), [](const std::string& k) { return k == "ui.question.limit.1"; }));
}

TEST_CASE("consent must be answered before the closing screen; a stop or idle before it stores 'not asked'") {
  Rig r;
  r.start("nl");
  r.tap("answer:leuk");
  r.to_consent();
  const std::string ask = r.pack.text("nl", "ui.closing.share_first");
  REQUIRE(ask != "ui.closing.share_first");
  CHECK_FALSE(mentions(r.flow->view(kMetrics), ask));

  Effects e = r.tap("nav:next");
  CHECK(r.flow->screen() == Screen::Consent);
  REQUIRE(e.speak);
  CHECK(*e.speak == std::vector<Clip>{{"nl", "ui.closing.share_first"}});
  CHECK(mentions(r.flow->view(kMetrics), ask));
  // Asking again and again never passes it.
  for (int i = 0; i < 3; ++i) r.tap("nav:next");
  CHECK(r.flow->screen() == Screen::Consent);
  CHECK(r.only_session().consent == -1);

  SUBCASE("an answer opens the way on") {
    r.tap("consent:no");
    CHECK_FALSE(mentions(r.flow->view(kMetrics), ask));
    r.tap("nav:next");
    CHECK(r.flow->screen() == Screen::Closing);
    r.tap("done");
    CHECK(r.only_session().consent == 0);
    CHECK(r.only_session().status == "finished");
  }
  SUBCASE("a stop before it ends the session with consent not asked") {
    r.tap("nav:stop");
    r.tap("stop:yes");
    CHECK(r.flow->screen() == Screen::Attract);
    CHECK(r.only_session().consent == -1);
    CHECK(r.only_session().status == "finished");
  }
  SUBCASE("walking away before it ends the session with consent not asked") {
    r.tick(r.config.idle_timeout_s);
    r.tick(r.config.idle_prompt_s);
    CHECK(r.flow->screen() == Screen::Attract);
    CHECK(r.only_session().consent == -1);
    CHECK(r.only_session().status == "finished");
  }
}

TEST_CASE("a language switched off is never offered; the operator switches it in the menu, not the last one") {
  Rig r;
  r.config.languages_off = {"en"};
  r.tap("start");
  ScreenModel v = r.flow->view(kMetrics);
  CHECK(v.find_target("lang:nl") != nullptr);
  CHECK(v.find_target("lang:en") == nullptr);
  CHECK_FALSE(mentions(v, r.pack.text("en", "ui.language.choose")));
  r.flow->tap("lang:en", r.now += 1);  // a stale tap on a language switched off does nothing
  CHECK(r.flow->screen() == Screen::Language);
  r.tap("nav:back");  // no language chosen: the first tap says what Back does, the second does it
  r.tap("nav:back");

  r.open_operator_corner();
  r.enter_pin(kDemoOperatorPin);
  v = r.flow->view(kMetrics);
  // The status says which languages are on and which no native speaker reviewed.
  CHECK(mentions(v, "Taal English (en): uit, niet nagekeken door een moedertaalspreker"));
  CHECK(mentions(v, "Taal Nederlands (nl): aan, nagekeken door een moedertaalspreker"));
  r.tap("op:languages");
  CHECK(r.flow->screen() == Screen::OperatorLanguages);
  Effects e = r.tap("language_switch:en");
  CHECK(e.settings_changed);
  CHECK(r.config.languages_off.empty());
  r.tap("language_switch:nl");
  CHECK(r.config.languages_off == std::vector<std::string>{"nl"});
  CHECK(r.config.default_locale == "en");  // the default moves to a language still offered
  CHECK(r.flow->locale() == "en");  // the staff words follow the default language, as for op:language
  r.tap("language_switch:en");  // the last one on stays on, and the screen says why
  CHECK(r.config.languages_off == std::vector<std::string>{"nl"});
  CHECK(mentions(r.flow->view(kMetrics), "One language always stays on."));
  r.tap("op:back");
  r.tap("op:credits");
  CHECK(mentions(r.flow->view(kMetrics), "Translation English: werkcheck team (drafted, not by a native speaker); not reviewed"));
  CHECK(mentions(r.flow->view(kMetrics), "Translation Nederlands: werkcheck team (source language); reviewed by a native speaker"));
}

TEST_CASE("languages_off in kiosk.json: read, saved by the operator menu, and refused when it is not a list") {
  TempDir dir;
  KioskConfig config;
  config.data_dir = dir.path();
  wktest::write_file(kiosk_settings_path(dir.path()), R"({"languages_off": ["tr", "ar"], "volume_percent": 70})");
  REQUIRE_FALSE(load_kiosk_settings(config).has_value());
  CHECK(config.languages_off == std::vector<std::string>{"tr", "ar"});
  CHECK(config.language_off("tr"));
  CHECK_FALSE(config.language_off("pl"));
  config.languages_off = {"pl"};
  REQUIRE(save_operator_settings(config));
  KioskConfig again;
  again.data_dir = dir.path();
  REQUIRE_FALSE(load_kiosk_settings(again).has_value());
  CHECK(again.languages_off == std::vector<std::string>{"pl"});
  wktest::write_file(kiosk_settings_path(dir.path()), R"({"languages_off": "tr"})");
  auto error = load_kiosk_settings(again);
  REQUIRE(error.has_value());
  CHECK(error->find("languages_off must be a list") != std::string::npos);
}

TEST_CASE("a key missing in the person's language: the Dutch text shows and its clip plays") {
  // The built pack has every key; a pack whose English lacks one shows the Dutch.
  TempDir dir;
  const std::string pack_dir = wktest::copy_content_pack(dir);
  wktest::replace_in_file(pack_dir + "/locales/en.po", "msgctxt \"ui.stop\"\nmsgid \"Stoppen\"\nmsgstr \"Stop\"\n", "");
  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  REQUIRE(load.pack.has_value());
  Rig r(*load.pack);
  r.start("en");
  const Target* stop = r.flow->view(kMetrics).find_target("nav:stop");
  REQUIRE(stop);
  CHECK(stop->label == "Stoppen");
  CHECK(r.flow->clip_path({"en", "ui.stop"}) == pack_dir + "/audio/nl/ui.stop.ogg");
  CHECK(r.flow->clip_path({"en", "ui.back"}) == pack_dir + "/audio/en/ui.back.ogg");
}
