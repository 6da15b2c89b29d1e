// The participant code early and hearable, and the participant's own volume (issue 10 items 5
// and 6): headless, on the built fixture pack and a real SessionStore in a temp directory.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>

#include "flow/kiosk_flow.h"
#include "platform/random_ids.h"
#include "settings/kiosk_settings.h"
#include "shell/kiosk_shell.h"
#include "sound/volume.h"
#include "test_support.h"

using namespace wk;
using wktest::TempDir;

namespace {

const Metrics kMetrics = make_metrics(1280, 800, 96.0f / 25.4f, 50);

struct Rig {
  explicit Rig(bool headphones = false, int volume = 80) {
    config.headphones = headphones;
    config.volume_percent = volume;
    config.data_dir = dir.file("data");
    flow = std::make_unique<KioskFlow>(&pack, store.get(), &config);
  }
  TempDir dir;
  const ContentPack& pack = wktest::built_pack();
  std::unique_ptr<SessionStore> store = SessionStore::open(dir.file("db"));
  KioskConfig config;
  std::unique_ptr<KioskFlow> flow;
  double now = 1000;

  ScreenModel view() const { return flow->view(kMetrics); }
  // Taps a target the current screen really shows, a second after the last event.
  Effects tap(const std::string& id) {
    ScreenModel v = view();
    INFO("screen " << v.id << ", target " << id);
    REQUIRE(v.find_target(id) != nullptr);
    now += 1;
    flow->tap(id, now);
    return flow->take_effects();
  }
  void start(const std::string& locale = "nl") {
    tap("start");
    tap("lang:" + locale);
    REQUIRE(flow->screen() == Screen::Question);
  }
  void to_result() {
    while (flow->screen() == Screen::Question) tap("nav:next");
    REQUIRE(flow->screen() == Screen::Result);
  }
};

// The code as shown: in display type, or title type where display does not fit its box; only
// the code's own characters (digits, capitals, '_' for one not yet typed, its group marks).
std::vector<std::string> display_texts(const ScreenModel& s) {
  std::vector<std::string> out;
  for (const auto& t : s.texts) {
    if (t.role != TextRole::Display && t.role != TextRole::Title) continue;
    const bool code_like = !t.text.empty() && std::all_of(t.text.begin(), t.text.end(), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '_' || c == ' ' || c == '-';
    });
    if (code_like) out.push_back(t.text);
  }
  return out;
}

bool mentions(const ScreenModel& s, const std::string& needle) {
  for (const auto& t : s.texts)
    if (t.text.find(needle) != std::string::npos) return true;
  for (const auto& t : s.targets)
    if (t.label.find(needle) != std::string::npos) return true;
  return false;
}

std::vector<Clip> char_clips(const std::vector<Clip>& speech) {
  std::vector<Clip> out;
  for (const auto& c : speech)
    if (c.key.rfind("char.", 0) == 0) out.push_back(c);
  return out;
}

std::vector<Clip> code_clips(const std::string& locale, const std::string& code) {
  std::vector<Clip> out;
  for (char c : code) out.push_back({locale, std::string("char.") + c});
  return out;
}

// Types a code on the follow-up keypad (the ABC keypad for an earlier code) and presses OK.
void type_code(Rig& r, const std::string& code) {
  if (ids::is_legacy_code(code)) r.tap("key:letters");
  for (char c : code) r.tap(std::string("key:") + c);
  r.tap("key:ok");
}

std::string finish_a_check(Rig& r) {
  r.start();
  r.to_result();
  const std::string code = r.flow->session()->code;
  while (r.flow->screen() == Screen::Result) r.tap("nav:next");
  r.tap("consent:yes");
  r.tap("nav:next");
  REQUIRE(r.flow->screen() == Screen::Closing);
  r.tap("done");
  REQUIRE(r.flow->screen() == Screen::Attract);
  return code;
}

}  // namespace

TEST_CASE("the code: not before the result; first on the result, shown large and said digit by digit") {
  Rig r;
  r.start("en");
  const std::string code = r.flow->session()->code;
  REQUIRE(code.size() == static_cast<size_t>(ids::kCodeLength));
  // During the questions, and on the stop question then, no code is shown or said.
  r.tap("nav:stop");
  REQUIRE(r.flow->screen() == Screen::StopConfirm);
  CHECK(display_texts(r.view()).empty());
  CHECK_FALSE(mentions(r.view(), ids::display_code(code)));
  CHECK(r.flow->screen_speech() == std::vector<Clip>{{"en", "ui.stop.question"}});
  r.tap("stop:no");
  while (r.flow->screen() == Screen::Question) {
    CHECK(display_texts(r.view()).empty());
    CHECK(char_clips(r.flow->screen_speech()).empty());
    r.tap("nav:next");
  }
  REQUIRE(r.flow->screen() == Screen::Result);

  // The first result page is the code, with what it is for.
  CHECK(r.flow->result_page() == 0);
  CHECK(r.flow->result_pages().front().kind == ResultPage::Code);
  const ScreenModel v = r.view();
  CHECK(display_texts(v) == std::vector<std::string>{ids::display_code(code)});
  CHECK(mentions(v, r.pack.text("en", "ui.code.give")));
  CHECK(r.pack.text("nl", "ui.code.give").find("Geef deze code aan je coach.") != std::string::npos);
  CHECK(r.pack.text("en", "ui.code.give").find("Give this code to your coach.") != std::string::npos);
  const auto speech = r.flow->screen_speech();
  REQUIRE(speech.size() >= 3);
  CHECK(speech[0] == Clip{"en", "ui.code.give"});
  CHECK(speech[1] == Clip::pause());
  CHECK(char_clips(speech) == code_clips("en", code));  // every digit, in order, in the person's language
  CHECK(std::count(speech.begin(), speech.end(), Clip::pause()) == 4);  // before, between and after the 3 groups
  for (const auto& c : char_clips(speech)) CHECK_MESSAGE(r.pack.has_text("en", c.key), c.key);
  // The listen button says it again, as often as wanted.
  for (int i = 0; i < 2; ++i) {
    Effects e = r.tap("speak");
    REQUIRE(e.speak);
    CHECK(*e.speak == speech);
  }
  // The next page is the result itself.
  r.tap("nav:next");
  CHECK(r.flow->result_page() == 1);
  CHECK(display_texts(r.view()).empty());
}

TEST_CASE("the code on the stop question once a result exists, so who stops there leaves with it") {
  Rig r;
  r.start("nl");
  r.to_result();
  const std::string code = r.flow->session()->code;
  r.tap("nav:next");  // on a page of the result itself
  SUBCASE("from a result page") {}
  SUBCASE("from the consent question") {
    while (r.flow->screen() == Screen::Result) r.tap("nav:next");
    REQUIRE(r.flow->screen() == Screen::Consent);
  }
  r.tap("nav:stop");
  REQUIRE(r.flow->screen() == Screen::StopConfirm);
  const ScreenModel v = r.view();
  CHECK(display_texts(v) == std::vector<std::string>{ids::display_code(code)});
  CHECK(mentions(v, r.pack.text("nl", "ui.code.give")));
  const auto speech = r.flow->screen_speech();
  CHECK(speech.front() == Clip{"nl", "ui.stop.question"});
  CHECK(char_clips(speech) == code_clips("nl", code));
  // The answers stay as large as before: 20 mm at least.
  for (const char* id : {"stop:yes", "stop:no"}) {
    const Target* t = v.find_target(id);
    REQUIRE(t);
    CHECK(t->rect.w >= kMetrics.mm(20));
    CHECK(t->rect.h >= kMetrics.mm(20));
  }
  r.tap("stop:yes");
  CHECK(r.flow->screen() == Screen::Attract);
  CHECK(display_texts(r.view()).empty());
}

TEST_CASE("the follow-up keypad: new codes on a digit keypad, codes given before behind ABC") {
  Rig r;
  // A check from before the change, with a code of the old alphabet.
  SessionRef old = r.store->start_session("nl", r.pack.id, r.pack.version, "K7MR2X");
  r.store->end_session(old, SessionStatus::Finished);
  const std::string code = finish_a_check(r);

  r.tap("returning");
  REQUIRE(r.flow->screen() == Screen::CodeEntry);
  ScreenModel pad = r.view();
  for (const char* c = ids::kCodeAlphabet; *c; ++c) CHECK(pad.find_target(std::string("key:") + *c));
  for (const char* c : {"key:7", "key:9", "key:K"}) CHECK_MESSAGE(pad.find_target(c) == nullptr, c);
  CHECK(pad.find_target("key:letters"));
  // A key that is not on the keypad types nothing (not even sent by a stale tap).
  r.now += 1;
  r.flow->tap("key:7", r.now);
  CHECK(display_texts(r.view()) == std::vector<std::string>{"___ ___ ____"});

  SUBCASE("a new code") {
    type_code(r, code);
    REQUIRE(r.flow->screen() == Screen::Question);
    CHECK(r.flow->session()->code == code);
    CHECK(r.flow->follow_up_of());
  }
  SUBCASE("an earlier code, typed on the letters keypad") {
    Effects e = r.tap("key:letters");
    CHECK(e.speak == std::vector<Clip>{{"nl", "ui.code.letters"}});
    ScreenModel letters = r.view();
    CHECK(letters.find_target("key:K"));
    CHECK(letters.find_target("key:digits"));
    CHECK(display_texts(letters) == std::vector<std::string>{"___-___"});
    for (char c : std::string("K7MR2X")) r.tap(std::string("key:") + c);
    r.tap("key:ok");
    REQUIRE(r.flow->screen() == Screen::Question);
    CHECK(r.flow->session()->code == "K7MR2X");
    CHECK(r.flow->follow_up_of()->uuid == old.uuid);
  }
  SUBCASE("a code nobody has") {
    r.flow->set_metrics(kMetrics);  // what it says follows what the screen shows at this size
    type_code(r, code == "0000000000" ? "1111111111" : "0000000000");
    CHECK(r.flow->screen() == Screen::CodeEntry);
    const auto speech = r.flow->screen_speech();
    REQUIRE_FALSE(speech.empty());
    CHECK(speech.front() == Clip{"nl", "ui.code.not_found"});
    // Then only what each key that shows its picture alone (its word does not fit) is for,
    // while that key is highlighted.
    const ScreenModel now = r.view();
    for (size_t i = 1; i < speech.size(); ++i) {
      INFO(speech[i].key << " " << speech[i].target);
      const Target* key = now.find_target(speech[i].target);
      REQUIRE(key);
      CHECK(key->picture_only);
      CHECK(r.pack.text("nl", speech[i].key) == key->label);
    }
  }
}

TEST_CASE("participant volume levels: the operator's among them, 6 dB apart, capped with headphones") {
  for (bool headphones : {false, true}) {
    for (int op = 0; op <= 100; op += 10) {
      INFO("operator " << op << "%, headphones " << headphones);
      const auto levels = participant_levels(op, headphones);
      const int max = participant_max_percent(headphones);
      const int start = participant_start_percent(op, headphones);
      CHECK(levels[0] >= 10);
      CHECK(levels[2] <= max);
      CHECK(levels[1] - levels[0] == kParticipantStepPercent);
      CHECK(levels[2] - levels[1] == kParticipantStepPercent);
      CHECK(volume_db(levels[2]) - volume_db(levels[1]) == doctest::Approx(6.0f));
      CHECK(start <= max);
      if (op > 0) CHECK(std::find(levels.begin(), levels.end(), start) != levels.end());
      // Cycling: every level once, louder each time, then back to the quietest.
      int v = start;
      std::set<int> seen;
      for (int i = 0; i < 6; ++i) {
        v = next_participant_percent(v, op, headphones);
        CHECK(v <= max);
        seen.insert(v);
      }
      CHECK(seen == std::set<int>(levels.begin(), levels.end()));
    }
  }
  CHECK(participant_start_percent(90, true) == kHeadphonesMaxPercent);
  CHECK(participant_start_percent(90, false) == 90);
  CHECK(participant_start_percent(50, true) == 50);
}

TEST_CASE("the volume button: starts at the operator's level, heard at once, back to the operator's for the next person") {
  Rig r(false, 80);
  CHECK(r.flow->volume_percent() == 80);
  CHECK(r.view().find_target("volume") == nullptr);  // not on the start screen: nobody is there yet
  r.tap("start");
  REQUIRE(r.view().find_target("volume"));
  Effects e = r.tap("volume");
  CHECK(r.flow->volume_percent() == 100);
  CHECK(e.volume_changed);
  CHECK_FALSE(e.settings_changed);  // the participant's level is never saved
  CHECK(e.speak == std::vector<Clip>{{"nl", "ui.volume.sample"}});
  CHECK(r.config.volume_percent == 80);
  CHECK(r.view().find_target("volume")->picture == r.pack.ui_picture("volume_high"));
  CHECK(r.view().find_target("volume")->label == r.pack.text("nl", "ui.volume.high"));
  r.tap("lang:nl");
  CHECK(r.flow->volume_percent() == 100);  // it stays for this person
  r.tap("volume");
  CHECK(r.flow->volume_percent() == 60);  // after the loudest, the quietest
  CHECK(r.view().find_target("volume")->picture == r.pack.ui_picture("volume_low"));

  Effects last;
  SUBCASE("stopped") {
    r.tap("nav:stop");
    last = r.tap("stop:yes");
  }
  SUBCASE("walked away") {
    r.now += r.config.idle_timeout_s;
    r.flow->tick(r.now);
    r.flow->take_effects();
    r.now += r.config.idle_prompt_s;
    r.flow->tick(r.now);
    last = r.flow->take_effects();
  }
  REQUIRE(r.flow->screen() == Screen::Attract);
  CHECK(last.volume_changed);  // the window applies it before anyone taps
  CHECK(r.flow->volume_percent() == 80);  // the next person starts at the operator's level
}

TEST_CASE("headphones: the participant's volume is capped, and the start says to put them on") {
  Rig r(true, 90);
  CHECK(r.flow->volume_percent() == kHeadphonesMaxPercent);
  r.tap("start");
  ScreenModel v = r.view();
  CHECK(mentions(v, r.pack.text("nl", "ui.headphones.put_on")));
  CHECK(r.flow->screen_speech().front() == Clip{"nl", "ui.headphones.put_on"});
  for (int i = 0; i < 5; ++i) {
    r.tap("volume");
    CHECK(r.flow->volume_percent() <= kHeadphonesMaxPercent);
  }
  r.tap("lang:en");
  CHECK(r.flow->volume_percent() <= kHeadphonesMaxPercent);

  Rig speakers(false, 90);
  speakers.tap("start");
  CHECK_FALSE(mentions(speakers.view(), speakers.pack.text("nl", "ui.headphones.put_on")));
  CHECK(speakers.flow->screen_speech().front() != Clip{"nl", "ui.headphones.put_on"});
}

TEST_CASE("the operator turns headphones on: saved with the settings, capped at once, in the status") {
  Rig r(false, 90);
  for (int i = 0; i < KioskFlow::kCornerTapsToOpen; ++i) r.flow->tap("operator-corner", r.now += 0.2);
  r.now += 0.3;
  for (char digit : std::string(kDemoOperatorPin)) r.flow->tap(std::string("pin:") + digit, r.now += 0.2);
  r.flow->tap("pin:ok", r.now += 0.2);
  r.flow->take_effects();
  REQUIRE(r.flow->screen() == Screen::OperatorMenu);
  CHECK(mentions(r.view(), r.pack.text("nl", "operator.headphones_off")));
  CHECK(r.flow->volume_percent() == 90);
  Effects e = r.tap("op:headphones");
  CHECK(r.config.headphones);
  CHECK(e.settings_changed);
  CHECK(r.flow->volume_percent() == kHeadphonesMaxPercent);  // the operator's sample is already capped
  CHECK(mentions(r.view(), r.pack.text("nl", "operator.headphones_on")));
  CHECK(mentions(r.view(), "70%"));
  std::filesystem::create_directories(r.config.data_dir);
  REQUIRE(save_operator_settings(r.config));
  KioskConfig saved;
  saved.data_dir = r.config.data_dir;
  REQUIRE_FALSE(load_kiosk_settings(saved));
  CHECK(saved.headphones);
}

TEST_CASE("kiosk.json: headphones must be true or false") {
  TempDir dir;
  KioskConfig config;
  config.data_dir = dir.file("data");
  std::filesystem::create_directories(config.data_dir);
  wktest::write_file(kiosk_settings_path(config.data_dir), R"({"headphones": "yes"})");
  auto problem = load_kiosk_settings(config);
  REQUIRE(problem);
  CHECK(problem->find("headphones") != std::string::npos);
  wktest::write_file(kiosk_settings_path(config.data_dir), R"({"headphones": true})");
  CHECK_FALSE(load_kiosk_settings(config));
  CHECK(config.headphones);
}

TEST_CASE("the volume button is on every participant screen, 20 mm or more, clear of everything else") {
  const Metrics displays[] = {make_metrics(1920, 1080, 1920.0f / 527.0f, 50), make_metrics(1920, 1080, 1920.0f / 344.0f, 50),
                              make_metrics(1280, 800, 1280.0f / 217.0f, 50), kMetrics};
  for (const Metrics& m : displays) {
    INFO("display " << m.width << "x" << m.height << " at " << m.px_per_mm << " px/mm");
    Rig r;
    std::set<std::string> seen;
    auto check = [&] {
      const ScreenModel v = r.flow->view(m);
      INFO("screen " << v.id);
      const Target* vol = v.find_target("volume");
      REQUIRE(vol);
      seen.insert(v.id);
      CHECK(vol->rect.w >= m.mm(20));
      CHECK(vol->rect.h >= m.mm(20));
      CHECK(vol->rect.x + vol->rect.w <= m.width);
      CHECK(vol->rect.y >= 0);
      for (const auto& t : v.targets)
        if (t.id != "volume") CHECK_MESSAGE(!t.rect.overlaps(vol->rect), t.id);
      for (const auto& t : v.texts)
        if (!t.text.empty()) CHECK_MESSAGE(!t.rect.overlaps(vol->rect), t.text);
      for (const auto& p : v.pictures) CHECK_MESSAGE(!p.rect.overlaps(vol->rect), p.picture);
    };
    r.tap("returning");
    check();
    r.tap("nav:back");
    r.tap("start");
    check();  // language
    r.tap("lang:nl");
    while (r.flow->screen() == Screen::Question) {
      check();
      r.tap("nav:next");
    }
    while (r.flow->screen() == Screen::Result) {
      check();
      r.tap("nav:stop");
      check();  // the stop question, with the code
      r.tap("stop:no");
      r.tap("nav:next");
    }
    check();  // consent
    r.now += r.config.idle_timeout_s;
    r.flow->tick(r.now);
    check();  // the idle prompt
    r.tap("idle:continue");
    r.tap("consent:yes");
    r.tap("nav:next");
    check();  // closing
    CHECK(seen == std::set<std::string>{"code_entry", "language", "question", "result", "stop_confirm", "consent",
                                        "idle_prompt", "closing"});
  }
}

TEST_CASE("shell: the participant's volume reaches the window and is never written to kiosk.json") {
  TempDir dir;
  KioskConfig config;
  config.data_dir = dir.file("data");
  config.content_dir = wktest::built_pack_dir();
  config.volume_percent = 80;
  KioskShell shell(config);
  REQUIRE(shell.flow().screen() == Screen::Attract);
  double now = 1000;
  shell.flow().tap("start", now += 1);
  shell.update(now);
  shell.flow().tap("volume", now += 1);
  WindowWork work = shell.update(now);
  CHECK(work.volume_changed);
  CHECK(shell.flow().volume_percent() == 100);
  REQUIRE(work.play);
  CHECK(work.play->size() == 1);  // the sample, at the new level
  CHECK(shell.config().volume_percent == 80);
  KioskConfig saved;
  saved.data_dir = config.data_dir;
  REQUIRE_FALSE(load_kiosk_settings(saved));
  CHECK(saved.volume_percent == 80);  // the file (if any) still has the operator's level
  CHECK_FALSE(saved.headphones);
  // A pause in what is said reaches the window as an empty path (silence), not a missing file.
  shell.flow().tap("lang:nl", now += 1);
  shell.update(now);
  while (shell.flow().screen() == Screen::Question) {
    shell.flow().tap("nav:next", now += 1);
    work = shell.update(now);
  }
  REQUIRE(shell.flow().screen() == Screen::Result);
  REQUIRE(work.play);
  CHECK(std::count(work.play->begin(), work.play->end(), std::string()) == 4);
  CHECK(std::count_if(work.play->begin(), work.play->end(), [](const std::string& p) {
          return p.find("/char.") != std::string::npos;
        }) == ids::kCodeLength);
}

TEST_CASE("both follow-up keypads keep every key 20 mm or more, on screen, apart, at four screen sizes") {
  const Metrics displays[] = {make_metrics(1920, 1080, 1920.0f / 527.0f, 50), make_metrics(1920, 1080, 1920.0f / 344.0f, 50),
                              make_metrics(1280, 800, 1280.0f / 217.0f, 50), kMetrics};
  for (const Metrics& m : displays) {
    INFO("display " << m.width << "x" << m.height << " at " << m.px_per_mm << " px/mm");
    Rig r;
    r.tap("returning");
    for (const char* pad : {"digits", "letters"}) {
      INFO(pad);
      if (std::string(pad) == "letters") r.tap("key:letters");
      const ScreenModel v = r.flow->view(m);
      int keys = 0;
      for (const auto& t : v.targets) {
        INFO(t.id);
        CHECK(t.rect.w >= m.mm(20));
        CHECK(t.rect.h >= m.mm(20));
        CHECK(t.rect.x >= 0);
        CHECK(t.rect.y >= 0);
        CHECK(t.rect.x + t.rect.w <= m.width);
        CHECK(t.rect.y + t.rect.h <= m.height);
        for (const auto& o : v.targets)
          if (&o != &t) CHECK_MESSAGE(!o.rect.overlaps(t.rect), o.id);
        if (t.id.rfind("key:", 0) == 0 && t.id.size() == 5) ++keys;
      }
      CHECK(keys == static_cast<int>(std::strlen(std::string(pad) == "letters" ? ids::kLegacyCodeAlphabet
                                                                                  : ids::kCodeAlphabet)));
    }
  }
}
