// What a question screen says, in order, and which card or button is highlighted while each
// clip plays: the question, every answer (with its card), the buttons explained the first time
// a person meets them, and how to go on. Driven headless with the built fixture pack; the
// player's progress is reported by hand, as the window does from SDL's queue or its clock.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

#include "flow/kiosk_flow.h"
#include "sound/speech_schedule.h"
#include "test_support.h"

using namespace wk;
using wktest::TempDir;

namespace {

const Metrics kMetrics = make_metrics(1280, 800, 96.0f / 25.4f, 50);

struct Rig {
  TempDir dir;
  const ContentPack& pack = wktest::built_pack();
  std::unique_ptr<SessionStore> store = SessionStore::open(dir.file("data"));
  KioskConfig config;
  std::unique_ptr<KioskFlow> flow = std::make_unique<KioskFlow>(&pack, store.get(), &config);
  double now = 1000;

  Effects tap(const std::string& id, double dt = 1.0) {
    ScreenModel v = flow->view(kMetrics);
    INFO("screen " << v.id << ", target " << id);
    REQUIRE(v.find_target(id) != nullptr);
    now += dt;
    flow->tap(id, now);
    return flow->take_effects();
  }
  // Reports the whole sequence just handed out as played.
  void hear_all(const Effects& e) {
    REQUIRE(e.speak);
    flow->speech_progress(static_cast<int>(e.speak->size()), now);
  }
  std::vector<std::string> speaking() const {
    std::vector<std::string> out;
    for (const auto& t : flow->view(kMetrics).targets)
      if (t.speaking) out.push_back(t.id);
    return out;
  }
};

std::vector<std::string> keys(const std::vector<Clip>& clips) {
  std::vector<std::string> out;
  for (const auto& c : clips) out.push_back(c.key);
  return out;
}

using V = std::vector<std::string>;

const V kExplanations = {"ui.explain.listen", "ui.explain.back", "ui.explain.stop", "ui.explain.next", "ui.explain.language"};

V concat(std::initializer_list<V> parts) {
  V out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace

TEST_CASE("a question opens with the question, each answer with its card, the buttons once, and how to go on") {
  Rig r;
  r.tap("start");
  Effects e = r.tap("lang:nl");
  REQUIRE(r.flow->screen() == Screen::Question);
  REQUIRE(e.speak);
  const auto& clips = *e.speak;
  CHECK(keys(clips) == concat({{"werk_plezier.title", "werk_plezier.handen", "answers.faces3.leuk", "answers.faces3.weet_niet",
                                "answers.faces3.niet_leuk"},
                               kExplanations,
                               {"ui.question.pick_one"}}));
  // Each answer and each explanation belongs to a target the screen shows; the rest to none.
  V targets;
  for (const auto& c : clips) targets.push_back(c.target);
  CHECK(targets == V{"", "", "answer:leuk", "answer:weet_niet", "answer:niet_leuk", "speak", "nav:back", "nav:stop",
                     "nav:next", "language", ""});
  const ScreenModel v = r.flow->view(kMetrics);
  for (const auto& c : clips)
    if (!c.target.empty()) CHECK(v.find_target(c.target));
  // Every clip exists in the pack, in both languages (the build made them).
  for (const auto& c : clips) CHECK(r.pack.text("nl", c.key) != c.key);
  // The words of how to go on are the hint the screen shows.
  bool shown = false;
  for (const auto& t : v.texts) shown |= t.text == r.pack.text("nl", "ui.question.pick_one");
  CHECK(shown);
}

TEST_CASE("the highlight follows the clip the player reports") {
  Rig r;
  r.tap("start");
  Effects e = r.tap("lang:nl");
  REQUIRE(e.speak);
  CHECK(r.speaking().empty());  // nothing reported yet
  r.flow->speech_progress(1, r.now);   // the question: no card
  CHECK(r.speaking().empty());
  r.flow->speech_progress(2, r.now);
  CHECK(r.speaking() == V{"answer:leuk"});
  r.flow->speech_progress(3, r.now);
  CHECK(r.speaking() == V{"answer:weet_niet"});
  r.flow->speech_progress(4, r.now);
  CHECK(r.speaking() == V{"answer:niet_leuk"});
  r.flow->speech_progress(5, r.now);
  CHECK(r.speaking() == V{"speak"});
  r.flow->speech_progress(8, r.now);
  CHECK(r.speaking() == V{"nav:next"});
  r.flow->speech_progress(static_cast<int>(e.speak->size()), r.now);  // all played
  CHECK(r.speaking().empty());

  // A new sequence (a tap on a card): its own progress; the old one no longer counts.
  r.flow->speech_progress(2, r.now);
  e = r.tap("answer:weet_niet");
  REQUIRE(e.speak);
  CHECK(*e.speak == std::vector<Clip>{{"nl", "answers.faces3.weet_niet", "answer:weet_niet"}});
  CHECK(r.speaking().empty());
  r.flow->speech_progress(0, r.now);
  CHECK(r.speaking() == V{"answer:weet_niet"});
  // Another screen's sequence (the stop question) replaces it: nothing is highlighted until it plays.
  r.tap("nav:stop");
  CHECK(r.speaking().empty());
}

TEST_CASE("a tap on a card during the sequence chooses it and says only it") {
  Rig r;
  r.tap("start");
  r.tap("lang:nl");
  r.flow->speech_progress(3, r.now);  // "weet ik niet" is being said
  Effects e = r.tap("answer:leuk");
  REQUIRE(e.speak);
  CHECK(*e.speak == std::vector<Clip>{{"nl", "answers.faces3.leuk", "answer:leuk"}});
  CHECK(r.flow->answers().at("werk_plezier.handen") == V{"leuk"});
}

TEST_CASE("a card's own speaker says that answer and chooses nothing") {
  Rig r;
  r.tap("start");
  r.tap("lang:nl");
  const ScreenModel v = r.flow->view(kMetrics);
  for (const char* id : {"leuk", "weet_niet", "niet_leuk"}) {
    const Target* listen = v.find_target(std::string("listen:") + id);
    const Target* card = v.find_target(std::string("answer:") + id);
    REQUIRE(listen);
    REQUIRE(card);
    // Inside its card, at least 20 x 20 mm, with the speaker picture.
    CHECK(listen->rect.x >= card->rect.x);
    CHECK(listen->rect.y >= card->rect.y);
    CHECK(listen->rect.x + listen->rect.w <= card->rect.x + card->rect.w);
    CHECK(listen->rect.y + listen->rect.h <= card->rect.y + card->rect.h);
    CHECK(listen->rect.w / kMetrics.px_per_mm >= 20.0f);
    CHECK(listen->rect.h / kMetrics.px_per_mm >= 20.0f);
    CHECK(listen->picture == r.pack.ui_picture("speaker"));
    CHECK(listen->style == TargetStyle::Listen);
  }
  Effects e = r.tap("listen:niet_leuk");
  REQUIRE(e.speak);
  CHECK(*e.speak == std::vector<Clip>{{"nl", "answers.faces3.niet_leuk", "answer:niet_leuk"}});
  CHECK(r.flow->answers().count("werk_plezier.handen") == 0);
  CHECK(r.store->all_sessions().at(0).events.empty());
  r.flow->speech_progress(0, r.now);
  CHECK(r.speaking() == V{"answer:niet_leuk"});
}

TEST_CASE("an answer set is said once per part, the buttons once per person") {
  Rig r;
  r.tap("start");
  r.hear_all(r.tap("lang:nl"));
  r.tap("answer:leuk");
  // The next question has the same answers, and how to go on was heard in this part: only the question.
  Effects e = r.tap("nav:next");
  REQUIRE(e.speak);
  CHECK(keys(*e.speak) == V{"werk_plezier.zorgen"});
  // The speaker says it all again, the answers included, but not the buttons.
  e = r.tap("speak");
  REQUIRE(e.speak);
  CHECK(keys(*e.speak) ==
        V{"werk_plezier.zorgen", "answers.faces3.leuk", "answers.faces3.weet_niet", "answers.faces3.niet_leuk", "ui.question.pick_one"});
  // Another part with other answers: those are said, the buttons are not.
  while (r.flow->current_item()->key != "hulp.wie") {
    e = r.tap("nav:next");
    if (e.speak) r.hear_all(e);
  }
  REQUIRE(e.speak);
  CHECK(keys(*e.speak) == V{"hulp.title", "hulp.wie", "hulp.wie.familie", "hulp.wie.vrienden",
                            "hulp.wie.collegas", "hulp.wie.coach", "hulp.wie.niemand", "ui.question.pick_many"});
}

TEST_CASE("what was cut off is said again: only what started playing counts as heard") {
  Rig r;
  r.tap("start");
  r.tap("lang:nl");
  r.flow->speech_progress(3, r.now);  // cut off in the middle of the answers
  r.tap("answer:leuk");
  Effects e = r.tap("nav:next");
  REQUIRE(e.speak);
  CHECK(keys(*e.speak) == concat({{"werk_plezier.zorgen", "answers.faces3.leuk", "answers.faces3.weet_niet",
                                   "answers.faces3.niet_leuk"},
                                  kExplanations,
                                  {"ui.question.pick_one"}}));
  // Heard up to the Back explanation: Stop and Next are still explained next time.
  r.flow->speech_progress(5, r.now);  // 0 the question, 1-3 the answers, 4 Listen, 5 Back
  r.tap("answer:leuk");
  e = r.tap("nav:next");
  REQUIRE(e.speak);
  CHECK(keys(*e.speak) == V{"werk_plezier.computer", "ui.explain.stop", "ui.explain.next", "ui.explain.language", "ui.question.pick_one"});
}

TEST_CASE("the next person hears every explanation again") {
  Rig r;
  r.tap("start");
  Effects first = r.tap("lang:nl");
  r.hear_all(first);
  r.tap("nav:stop");
  r.tap("stop:yes");
  REQUIRE(r.flow->screen() == Screen::Attract);
  r.tap("start", 2.0);
  Effects again = r.tap("lang:nl");
  REQUIRE(again.speak);
  CHECK(*again.speak == *first.speak);

  // And after walking away: the idle reset.
  r.hear_all(again);
  r.now += r.config.idle_timeout_s + 1;
  r.flow->tick(r.now);
  r.now += r.config.idle_prompt_s + 1;
  r.flow->tick(r.now);
  REQUIRE(r.flow->screen() == Screen::Attract);
  r.flow->take_effects();
  r.tap("start", 2.0);
  Effects third = r.tap("lang:nl");
  REQUIRE(third.speak);
  CHECK(*third.speak == *first.speak);
}

TEST_CASE("the speech schedule: which clip plays after so many samples, a missing clip holding its place") {
  SpeechSchedule s;
  CHECK(s.index_at(0) == -1);
  s.add(100, 10);  // [0, 100)
  s.add(50, 10);   // a missing clip's pause: [110, 160)
  s.add(200, 10);  // [170, 370)
  CHECK(s.total() == 370);
  CHECK(s.size() == 3);
  CHECK(s.index_at(0) == 0);
  CHECK(s.index_at(99) == 0);
  CHECK(s.index_at(105) == 0);  // the gap after a clip still counts as that clip
  CHECK(s.index_at(110) == 1);
  CHECK(s.index_at(169) == 1);
  CHECK(s.index_at(170) == 2);
  CHECK(s.index_at(369) == 2);
  CHECK(s.index_at(370) == 3);  // all played
  s.clear();
  CHECK(s.index_at(5) == -1);
}

TEST_CASE("listening is not being away: the idle time counts from when the kiosk stopped speaking") {
  Rig r;
  r.tap("start");
  Effects e = r.tap("lang:nl");
  REQUIRE(e.speak);
  const double idle = r.config.idle_timeout_s;
  // A long sequence: still playing (its last clip) just before the idle time is up.
  r.now += idle - 1;
  r.flow->speech_progress(static_cast<int>(e.speak->size()) - 1, r.now);
  r.now += 2;  // past the idle time since the last touch, but only 2 s after the last word
  r.flow->tick(r.now);
  CHECK(r.flow->screen() == Screen::Question);
  CHECK(r.flow->seconds_until_deadline(r.now) == doctest::Approx(idle - 2));
  r.flow->speech_progress(static_cast<int>(e.speak->size()), r.now);  // all played (the last word 2 s ago)
  r.now += idle - 3;
  r.flow->tick(r.now);
  CHECK(r.flow->screen() == Screen::Question);
  r.now += 2;
  r.flow->tick(r.now);
  CHECK(r.flow->screen() == Screen::IdlePrompt);  // idle time after the speech ended: "are you still there?"
}

TEST_CASE("a question whose answers go on pages also says 'other choices', with that card highlighted") {
  // Through every question at a size, nothing chosen; counts the questions shown on pages and on one.
  auto walk = [](const Metrics& m, int& paged, int& single) {
    Rig r;
    r.flow->set_metrics(m);  // what is said follows what this screen shows
    r.now += 1;
    r.flow->tap("start", r.now);
    r.now += 1;
    r.flow->tap("lang:nl", r.now);
    for (int guard = 0; r.flow->screen() == Screen::Question && guard < 200; ++guard) {
      const ScreenModel v = r.flow->view(m);
      const auto speech = r.flow->screen_speech();
      const auto more = std::find(speech.begin(), speech.end(), Clip{"nl", "ui.question.more", "page:more"});
      INFO("question " << v.item << ", " << v.pages << " pages");
      if (v.pages > 1) {
        ++paged;
        CHECK(v.find_target("page:more"));
        CHECK(more != speech.end());
      } else {
        ++single;
        CHECK(more == speech.end());
      }
      for (int i = 0; i < 2; ++i) {  // nothing chosen: the nudge, then a skip
        r.now += 1;
        r.flow->tap("nav:next", r.now);
      }
      r.flow->take_effects();
    }
  };
  int paged = 0, single = 0;
  walk(make_metrics(1024, 600, 1024.0f / 154.0f, 50), paged, single);  // a 7-inch screen: options page
  CHECK(paged > 0);
  walk(make_metrics(1920, 1080, 1920.0f / 527.0f, 50), paged, single);  // 24 inches: on one page
  CHECK(single > 0);
}
