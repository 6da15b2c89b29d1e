// Right to left and the language screen, headless: the fixture pack with six languages
// (tests/fixtures/locales-six: Arabic marked X-Werkcheck-Direction: rtl). The flow mirrors a
// participant screen in one place (screens/mirror.h); this checks what the screen model says.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "flow/kiosk_flow.h"
#include "platform/random_ids.h"
#include "screens/target_parts.h"
#include "test_support.h"

using namespace wk;
using wktest::TempDir;

namespace {

const Metrics kMetrics = make_metrics(1280, 800, 96.0f / 25.4f, 50);

// The fixture pack with the four more languages' PO files beside nl and en.
ContentPack six_language_pack(const TempDir& dir) {
  const std::string pack = wktest::copy_content_pack(dir);
  for (const auto& f : std::filesystem::directory_iterator(wktest::source_dir() + "/tests/fixtures/locales-six"))
    std::filesystem::copy_file(f.path(), pack + "/locales/" + f.path().filename().string());
  auto load = load_content_pack(pack, kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  return std::move(*load.pack);
}

struct SixRig {
  TempDir dir;
  ContentPack pack = six_language_pack(dir);
  std::unique_ptr<SessionStore> store = SessionStore::open(dir.file("data"));
  KioskConfig config;
  KioskFlow flow{&pack, store.get(), &config};
  double now = 1000;
  Effects tap(const std::string& id) {
    const ScreenModel v = flow.view(kMetrics);
    INFO("screen " << v.id << ", target " << id);
    REQUIRE(v.find_target(id) != nullptr);
    now += 1;
    flow.tap(id, now);
    Effects e = flow.take_effects();
    if (e.speak) flow.speech_progress(static_cast<int>(e.speak->size()), now);
    return e;
  }
  ScreenModel view() const { return flow.view(kMetrics); }
};

const Target& target(const ScreenModel& s, const std::string& id) {
  const Target* t = s.find_target(id);
  REQUIRE_MESSAGE(t, id << " on " << s.id);
  return *t;
}

bool said(const Effects& e, const Clip& c) { return e.speak && std::find(e.speak->begin(), e.speak->end(), c) != e.speak->end(); }

}  // namespace

TEST_CASE("the direction of a language comes from its PO header: only Arabic is right to left") {
  TempDir dir;
  const ContentPack pack = six_language_pack(dir);
  REQUIRE(pack.locales.size() == 6);
  for (const auto& cat : pack.locales) CHECK_MESSAGE(cat.rtl() == (cat.code == "ar"), cat.code);
}

TEST_CASE("the language screen: six languages by their own names, no flags, each said in its own voice") {
  SixRig r;
  const Effects e = r.tap("start");
  const ScreenModel s = r.view();
  REQUIRE(s.id == "language");
  std::vector<std::string> codes;
  int pages_seen = 0;
  ScreenModel page = s;
  for (;;) {
    ++pages_seen;
    for (const auto& t : page.targets) {
      if (t.id.rfind("lang:", 0) != 0) continue;
      const std::string code = t.id.substr(5);
      codes.push_back(code);
      CHECK(t.label == r.pack.text(code, "language.name"));  // in its own script
      CHECK(t.picture.empty());                               // no flag
      CHECK(t.rect.w >= kMetrics.mm(20) - 0.01f);
      CHECK(t.rect.h >= kMetrics.mm(20) - 0.01f);
      const Target& own = target(page, "listen:" + code);  // hear it without choosing it
      CHECK(own.rect.w >= kMetrics.mm(20) - 0.01f);
    }
    if (page.pages <= 1 || pages_seen >= page.pages) break;
    r.tap("page:more");
    page = r.view();
  }
  std::sort(codes.begin(), codes.end());
  CHECK(codes == std::vector<std::string>{"ar", "en", "nl", "pl", "tr", "uk"});
  CHECK(target(s, "lang:ar").label == "العربية");
  CHECK(target(s, "lang:uk").label == "Українська");
  // In turn, in each language's own voice, its card framed; at 1280 x 800 (338 mm) all on one page.
  CHECK(s.pages == 1);
  for (const auto& cat : r.pack.locales) {
    CHECK(said(e, {cat.code, "ui.language.choose", "lang:" + cat.code}));
    CHECK(said(e, {cat.code, "language.name", "lang:" + cat.code}));
  }
  // On its own speaker: the name again in that voice, and no language is chosen.
  const Effects again = r.tap("listen:uk");
  REQUIRE(again.speak);
  CHECK(*again.speak == std::vector<Clip>{{"uk", "language.name", "lang:uk"}});
  CHECK(r.flow.screen() == Screen::Language);
  CHECK(r.store->count_sessions() == 0);
}

TEST_CASE("Arabic mirrors the whole participant screen; changing to it midway keeps the answers") {
  SixRig r;
  r.tap("start");
  r.tap("lang:nl");
  REQUIRE(r.flow.screen() == Screen::Question);
  r.tap("answer:leuk");
  const ScreenModel ltr = r.view();
  CHECK_FALSE(ltr.rtl);
  // Back on the first question: the language screen, in the same session; Arabic.
  r.tap("nav:back");
  REQUIRE(r.flow.screen() == Screen::Language);
  r.tap("lang:ar");
  REQUIRE(r.flow.screen() == Screen::Question);
  CHECK(r.flow.locale() == "ar");
  const ScreenModel s = r.view();
  CHECK(s.rtl);
  CHECK(target(s, "answer:leuk").selected);  // the answer kept
  CHECK(r.store->all_sessions().at(0).locale == "ar");
  CHECK(target(s, "answer:leuk").label == "أحب ذلك");
  // Every rectangle on the other side: x' = width - x - w (the operator corner stays).
  for (const auto& t : ltr.targets) {
    const Target& m = target(s, t.id);
    if (t.style == TargetStyle::Hidden) {
      CHECK(m.rect.x == doctest::Approx(t.rect.x));
      continue;
    }
    CHECK_MESSAGE(m.rect.x == doctest::Approx(kMetrics.width - t.rect.x - t.rect.w), t.id);
    CHECK(m.rect.y == doctest::Approx(t.rect.y));
    CHECK(m.rtl);
  }
  // Next on the left, Back on the right; the cards from the right; the step pictures too.
  CHECK(target(s, "nav:next").rect.x < kMetrics.width / 2);
  CHECK(target(s, "nav:back").rect.x > kMetrics.width / 2);
  CHECK(target(s, "answer:leuk").rect.x > target(s, "answer:niet_leuk").rect.x);
  // The step pictures (the first, current one now at the right) and the words change sides too.
  REQUIRE(s.pictures.size() == ltr.pictures.size());
  REQUIRE(s.pictures.size() >= 2);
  for (size_t i = 0; i < s.pictures.size(); ++i)
    CHECK(s.pictures[i].rect.x == doctest::Approx(kMetrics.width - ltr.pictures[i].rect.x - ltr.pictures[i].rect.w));
  REQUIRE(s.texts.size() == ltr.texts.size());
  for (size_t i = 0; i < s.texts.size(); ++i)
    CHECK(s.texts[i].rect.x == doctest::Approx(kMetrics.width - ltr.texts[i].rect.x - ltr.texts[i].rect.w));
  // Arrows mirror (pictures.json "mirror_rtl"); a face does not.
  CHECK(target(s, "nav:next").mirror_picture);
  CHECK(target(s, "nav:back").mirror_picture);
  CHECK_FALSE(target(s, "answer:leuk").mirror_picture);
  // Inside a card the speaker changes sides with it.
  const TargetParts parts = target_parts(kMetrics, target(s, "answer:leuk"));
  CHECK(target(s, "listen:leuk").rect.x == doctest::Approx(parts.listen.x));
  // Back to Dutch: left to right again.
  r.tap("nav:back");
  r.tap("lang:nl");
  CHECK_FALSE(r.view().rtl);
  CHECK(target(r.view(), "nav:next").rect.x > kMetrics.width / 2);
}

TEST_CASE("the participant code stays left to right on an Arabic screen") {
  SixRig r;
  r.tap("start");
  r.tap("lang:ar");
  while (r.flow.screen() == Screen::Question) r.tap("nav:next");
  while (r.flow.screen() == Screen::Result) r.tap("nav:next");
  r.tap("consent:yes");
  r.tap("nav:next");
  REQUIRE(r.flow.screen() == Screen::Closing);
  const ScreenModel s = r.view();
  CHECK(s.rtl);
  const std::string code = ids::display_code(r.flow.session()->code);
  int shown = 0;
  for (const auto& t : s.texts) {
    if (t.text != code) continue;
    ++shown;
    CHECK(t.ltr);
  }
  CHECK(shown >= 1);
  for (const auto& t : s.texts)
    if (t.text != code) CHECK_FALSE(t.ltr);
}

TEST_CASE("target_parts mirrors a card's picture, words and speaker inside it") {
  Target t{"answer:x", "Iets", "1F600", {100, 100, 600, 150}, TargetStyle::Answer};
  t.own_listen = true;
  const TargetParts l = target_parts(kMetrics, t);
  t.rtl = true;
  const TargetParts r = target_parts(kMetrics, t);
  REQUIRE(l.wide);
  CHECK(l.picture.x < l.label.x);
  CHECK(r.picture.x > r.label.x);
  CHECK(r.picture.x == doctest::Approx(2 * t.rect.x + t.rect.w - l.picture.x - l.picture.w));
  CHECK(r.listen.x < r.label.x);
  CHECK(r.label.w == doctest::Approx(l.label.w));
}

TEST_CASE("before a language is chosen, 'Andere keuzes' follows the language said and Back and Stop explain first") {
  SixRig r;
  const Metrics tablet = make_metrics(1280, 800, 1280.0f / 217.0f, 50);  // the 10" tablet: paged
  r.flow.set_metrics(tablet);
  r.flow.tap("start", r.now);
  const Effects e = r.flow.take_effects();
  REQUIRE(e.speak);
  const ScreenModel first = r.flow.view(tablet);
  REQUIRE(first.pages > 1);
  CHECK(target(first, "page:more").label == "Andere keuzes");  // nothing said yet: the kiosk's language
  CHECK_FALSE(target(first, "page:more").picture.empty());
  // While a language on the page is said, the page-turn card is in it, and the pages stay.
  std::string said_lang;
  for (size_t i = 0; i < e.speak->size(); ++i) {
    const Clip& c = (*e.speak)[i];
    if (c.locale == "nl" || c.target.rfind("lang:", 0) != 0) continue;
    r.flow.speech_progress(static_cast<int>(i), r.now);
    said_lang = c.locale;
    break;
  }
  REQUIRE_FALSE(said_lang.empty());
  const ScreenModel during = r.flow.view(tablet);
  CHECK(target(during, "page:more").label == r.pack.text(said_lang, "ui.question.more"));
  CHECK(target(during, "page:more").label != "Andere keuzes");
  CHECK(during.pages == first.pages);
  CHECK(target(during, "page:more").rect.w == doctest::Approx(target(first, "page:more").rect.w));
  // A first tap on Stop says what it does in that language, its button framed; nothing ends.
  r.flow.tap("nav:stop", r.now += 1);
  const Effects stop1 = r.flow.take_effects();
  REQUIRE(stop1.speak);
  CHECK(*stop1.speak == std::vector<Clip>{{said_lang, "ui.explain.stop", "nav:stop"}});
  CHECK(r.flow.screen() == Screen::Language);
  r.flow.speech_progress(0, r.now);  // the explanation playing: the words stay in its language
  CHECK(target(r.flow.view(tablet), "nav:stop").label == r.pack.text(said_lang, "ui.stop"));
  // Back too, once; its second tap goes back to the start, no session made.
  r.flow.tap("nav:back", r.now += 1);
  const Effects back1 = r.flow.take_effects();
  REQUIRE(back1.speak);
  CHECK(back1.speak->at(0).key == "ui.explain.back");
  CHECK(r.flow.screen() == Screen::Language);
  r.flow.tap("nav:back", r.now += 1);
  CHECK(r.flow.screen() == Screen::Attract);
  CHECK(r.store->count_sessions() == 0);
}

TEST_CASE("during a check, Back and Stop on the language screen act on the first tap") {
  SixRig r;
  r.tap("start");
  r.tap("lang:nl");
  r.tap("nav:back");  // from the first question: the language screen, in the same session
  REQUIRE(r.flow.screen() == Screen::Language);
  r.tap("nav:back");
  CHECK(r.flow.screen() == Screen::Question);
  r.tap("nav:back");
  r.tap("nav:stop");
  CHECK(r.flow.screen() == Screen::StopConfirm);
}
