// Physical layout: on every screen the flow can show, at three real screen sizes,
// participant targets are at least 20 x 20 mm, inside the window and apart; text is
// large enough for the viewing distance.
#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <sstream>

#include "flow/kiosk_flow.h"
#include "screens/card_pages.h"
#include "screens/layout.h"
#include "screens/target_parts.h"
#include "text/engine_measure.h"
#include "text/text_engine.h"
#include "test_support.h"

using namespace wk;
using wktest::TempDir;

namespace {

struct Display {
  const char* name;
  float width, height, px_per_mm;
};

const Display kDisplays[] = {
    {"24-inch 1920x1080", 1920, 1080, 1920.0f / 527.0f},
    {"1280x800 at 96 dpi", 1280, 800, 96.0f / 25.4f},
    {"10-inch tablet 1280x800", 1280, 800, 1280.0f / 217.0f},
};

bool is_participant_screen(const std::string& id) {
  return id == "attract" || id == "code_entry" || id == "language" || id == "question" || id == "result" ||
         id == "consent" || id == "closing" || id == "idle_prompt" || id == "stop_confirm";
}

std::string describe(const Rect& r) {
  std::ostringstream s;
  s << "{" << r.x << ", " << r.y << ", " << r.w << " x " << r.h << "}";
  return s.str();
}

// Drives a flow through every screen it can show and returns what each looks like at m.
std::vector<ScreenModel> every_screen(const Metrics& m) {
  std::vector<ScreenModel> out;
  TempDir dir;
  const ContentPack& pack = wktest::built_pack();
  auto store = SessionStore::open(dir.path());
  KioskConfig config;
  KioskFlow flow(&pack, store.get(), &config);
  double now = 100;
  auto tap = [&](const std::string& id) {
    now += 1;
    flow.tap(id, now);
    flow.take_effects();
  };
  auto snap = [&] { out.push_back(flow.view(m)); };

  snap();  // attract
  tap("returning");
  snap();  // code entry, empty
  for (int i = 0; i < 6; ++i) tap("key:2");
  tap("key:ok");
  snap();  // code entry: the code is not known here
  tap("key:letters");
  snap();  // the keypad for codes given before
  tap("key:ok");
  snap();  // ... and nothing typed there: not found
  tap("nav:back");
  tap("start");
  snap();  // language, before a session
  tap("lang:en");
  while (flow.screen() == Screen::Question) {
    snap();  // unanswered
    const Item* item = flow.current_item();
    for (int k = 0; k < item->max_choices && k < static_cast<int>(item->options.size()) - 1; ++k)
      tap("answer:" + item->options[k].id);
    snap();  // answered (several answers on a multi-choice item)
    if (flow.position() == 2) {
      tap("nav:stop");
      snap();  // stop question
      tap("stop:no");
      now += config.idle_timeout_s;
      flow.tick(now);
      snap();  // idle prompt
      tap("idle:continue");
    }
    if (flow.position() == 3) {
      tap("nav:back");
      tap("nav:back");
      tap("nav:back");
      snap();  // language, during a session
      tap("lang:nl");
      tap("nav:next");
      tap("nav:next");
      tap("nav:next");
      snap();  // the same question in Dutch
    }
    tap("nav:next");
  }
  while (flow.screen() == Screen::Result) {
    snap();  // each result page
    tap("nav:next");
  }
  snap();  // may a coach see it?
  tap("consent:no");
  snap();  // with the question answered
  tap("nav:next");
  snap();  // closing
  tap("done");
  for (int i = 0; i < KioskFlow::kCornerTapsToOpen; ++i) tap("operator-corner");
  snap();  // operator PIN
  for (const char* k : {"pin:2", "pin:5", "pin:8", "pin:0", "pin:ok"}) tap(k);
  snap();  // operator menu
  tap("op:credits");
  snap();  // credits

  KioskFlow broken(&pack, nullptr, &config, "no database");
  out.push_back(broken.view(m));  // out of order
  return out;
}

void check_screen(const ScreenModel& s, const Metrics& m) {
  INFO("screen " << s.id << (s.item.empty() ? "" : " " + s.item) << " (" << s.locale << ")");
  CHECK_FALSE(s.targets.empty());
  for (const auto& t : s.targets) {
    INFO("target " << t.id << " " << describe(t.rect));
    if (t.participant) {
      CHECK(t.rect.w / m.px_per_mm >= 20.0f);
      CHECK(t.rect.h / m.px_per_mm >= 20.0f);
      if (t.style != TargetStyle::Hidden) {
        CHECK_FALSE(t.label.empty());
        // A keypad key shows its character; a language its own name in its own script (no
        // flag: a flag names a country), with its own speaker's picture beside it.
        if (t.id.rfind("lang:", 0) == 0)
          CHECK(s.find_target("listen:" + t.id.substr(5)) != nullptr);
        else if (t.style != TargetStyle::Key)
          CHECK_FALSE(t.picture.empty());
      }
    }
    CHECK(t.rect.w > 0);
    CHECK(t.rect.h > 0);
    CHECK(t.rect.x >= -0.01f);
    CHECK(t.rect.y >= -0.01f);
    CHECK(t.rect.x + t.rect.w <= m.width + 0.01f);
    CHECK(t.rect.y + t.rect.h <= m.height + 0.01f);
  }
  for (size_t i = 0; i < s.targets.size(); ++i)
    for (size_t j = i + 1; j < s.targets.size(); ++j) {
      const Target& a = s.targets[i];
      const Target& b = s.targets[j];
      // The attract screen's "tap anywhere" lies under the targets listed before it, which win.
      if (b.style == TargetStyle::FullScreen) continue;
      // A card's own speaker lies inside its card, which it is drawn over (and hit first).
      auto inside = [](const Rect& in, const Rect& out) {
        return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
      };
      auto own = [](const Target& card, const Target& listen) {
        const std::string x = listen.id.substr(7);
        return card.id == "answer:" + x || card.id == "lang:" + x;
      };
      if ((b.style == TargetStyle::Listen && inside(b.rect, a.rect) && own(a, b)) ||
          (a.style == TargetStyle::Listen && inside(a.rect, b.rect) && own(b, a)))
        continue;
      INFO(a.id << " " << describe(a.rect) << " and " << b.id << " " << describe(b.rect));
      CHECK_FALSE(a.rect.overlaps(b.rect));
    }
  if (is_participant_screen(s.id)) {
    CHECK(s.has_picture());
    CHECK(s.has_audio);
  }
}

// Every answer card has its own speaker: at least 20 x 20 mm, inside the card, clear of the
// card's words as they are drawn (measured) and of its picture.
void check_own_listens(const ScreenModel& s, const Metrics& m) {
  int cards = 0;
  for (const auto& card : s.targets) {
    if (card.id.rfind("answer:", 0) != 0) continue;
    ++cards;
    INFO("card " << card.id << " '" << card.label << "' " << describe(card.rect));
    const Target* listen = s.find_target("listen:" + card.id.substr(7));
    REQUIRE(listen);
    INFO("its speaker " << describe(listen->rect));
    CHECK(listen->rect.w / m.px_per_mm >= 20.0f);
    CHECK(listen->rect.h / m.px_per_mm >= 20.0f);
    CHECK(listen->rect.x >= card.rect.x);
    CHECK(listen->rect.y >= card.rect.y);
    CHECK(listen->rect.x + listen->rect.w <= card.rect.x + card.rect.w);
    CHECK(listen->rect.y + listen->rect.h <= card.rect.y + card.rect.h);
    const TargetParts parts = target_parts(m, card);
    const TextSize words = m.measure(card.label, parts.role, parts.label.w);
    const Rect drawn{parts.centered ? parts.label.x + (parts.label.w - words.width) / 2 : parts.label.x,
                     parts.vcenter ? parts.label.y + (parts.label.h - words.height) / 2 : parts.label.y, words.width,
                     words.height};
    CHECK_FALSE(drawn.overlaps(listen->rect));
    CHECK_FALSE(parts.picture.overlaps(listen->rect));
  }
  CHECK(cards > 0);
}

}  // namespace

TEST_CASE("text is tall enough to read from the viewing distance") {
  CHECK(min_cap_height_mm(50) == doctest::Approx(6.109).epsilon(0.001));
  CHECK(min_cap_height_mm(100) == doctest::Approx(2 * min_cap_height_mm(50)).epsilon(0.001));
  for (const auto& d : kDisplays) {
    INFO(std::string(d.name));
    for (double distance : {40.0, 50.0, 80.0}) {
      Metrics m = make_metrics(d.width, d.height, d.px_per_mm, distance);
      INFO("distance " << distance << " cm, body " << m.body_px << " px");
      CHECK(m.width == d.width);
      CHECK(m.height == d.height);
      CHECK(m.px_per_mm == d.px_per_mm);
      CHECK(m.body_px * kNotoCapHeightPerEm / m.px_per_mm >= min_cap_height_mm(distance));
      // Not needlessly large either: within one pixel of the minimum.
      CHECK((m.body_px - 1) * kNotoCapHeightPerEm / m.px_per_mm < min_cap_height_mm(distance));
      CHECK(m.title_px > m.body_px);
      CHECK(m.small_px < m.body_px);
    }
  }
}

TEST_CASE("every screen at every display size: 20 mm targets, inside the window, not overlapping") {
  for (const auto& d : kDisplays) {
    INFO(std::string(d.name));
    const Metrics m = make_metrics(d.width, d.height, d.px_per_mm, 50);
    auto screens = every_screen(m);
    std::set<std::string> ids;
    int questions = 0;
    for (const auto& s : screens) {
      ids.insert(s.id);
      if (s.id == "question") ++questions;
      check_screen(s, m);
    }
    // The walk really went everywhere.
    for (const char* id : {"attract", "code_entry", "language", "question", "result", "consent", "closing", "idle_prompt",
                           "stop_confirm", "operator_pin", "operator_menu", "credits", "out_of_order"})
      CHECK_MESSAGE(ids.count(id) == 1, std::string(id));
    CHECK(questions >= 2 * wktest::built_pack().item_count());
  }
}

TEST_CASE("the bottom bar is in the same place on every participant page") {
  for (const auto& d : kDisplays) {
    INFO(std::string(d.name));
    const Metrics m = make_metrics(d.width, d.height, d.px_per_mm, 50);
    auto screens = every_screen(m);
    const Rect back = nav_back_rect(m);
    int seen = 0;
    for (const auto& s : screens) {
      // The code keypad needs the whole page: its back key sits in the keypad, not in a bottom bar.
      if (s.id == "code_entry") continue;
      if (const Target* t = s.find_target("nav:back")) {
        INFO(s.id);
        CHECK(t->rect.x == back.x);
        CHECK(t->rect.y == back.y);
        CHECK(t->rect.w == back.w);
        ++seen;
      }
      if (const Target* t = s.find_target("nav:next")) CHECK(t->rect.x == nav_next_rect(m).x);
      if (const Target* t = s.find_target("done")) CHECK(t->rect.x == nav_next_rect(m).x);
    }
    CHECK(seen > 10);
    // The bar sits above the bottom margin and below the answers.
    const PageRegions r = page_regions(m);
    CHECK(back.y + back.h <= m.height);
    CHECK(r.body.y + r.body.h <= r.nav.y);
    CHECK(r.body.h / m.px_per_mm >= 20.0f);
  }
}

TEST_CASE("grid_cells: n cells inside the area, no larger than asked, apart") {
  const Rect area{10, 20, 1000, 400};
  for (int n : {1, 2, 3, 5, 7, 12}) {
    INFO("n = " << n);
    auto cells = grid_cells(area, n, 10, 300, 250);
    REQUIRE(cells.size() == static_cast<size_t>(n));
    for (size_t i = 0; i < cells.size(); ++i) {
      const Rect& c = cells[i];
      CHECK(c.w <= 300.01f);
      CHECK(c.h <= 250.01f);
      CHECK(c.x >= area.x - 0.01f);
      CHECK(c.y >= area.y - 0.01f);
      CHECK(c.x + c.w <= area.x + area.w + 0.01f);
      CHECK(c.y + c.h <= area.y + area.h + 0.01f);
      for (size_t j = i + 1; j < cells.size(); ++j) CHECK_FALSE(c.overlaps(cells[j]));
    }
  }
  CHECK(grid_cells(area, 0, 10, 300, 250).empty());
  // Three answers on a wide area go side by side.
  auto three = grid_cells(area, 3, 10, 300, 250);
  CHECK(three[0].y == three[2].y);
}

TEST_CASE("Rect contains and overlaps") {
  Rect a{0, 0, 10, 10};
  CHECK(a.contains(0, 0));
  CHECK(a.contains(9.9f, 9.9f));
  CHECK_FALSE(a.contains(10, 5));
  CHECK(a.overlaps({5, 5, 10, 10}));
  CHECK_FALSE(a.overlaps({10, 0, 10, 10}));  // touching is not overlapping
  CHECK_FALSE(a.overlaps({0, 11, 10, 10}));
}

// With the real text engine measuring (as in the window), the words of every participant
// screen the walk reaches fit the boxes the screens give them, at every display size; each
// question's options are on pages that together hold every option once.
TEST_CASE("with the text engine: words fit their boxes, options paged") {
  TextEngine engine;
  EngineMeasure measure(engine);
  for (const auto& d : kDisplays) {
    INFO(std::string(d.name));
    Metrics m = make_metrics(d.width, d.height, d.px_per_mm, 50);
    m.text = &measure;
    int questions = 0;
    for (const auto& s : every_screen(m)) {
      // The result pages are laid out for the words they may show; fitting them page by page is
      // not done yet (issue 10 item 3, see the report); the others must fit.
      if (s.id == "result" || s.id == "closing") continue;
      if (s.id.rfind("operator", 0) == 0 || s.id == "credits" || s.id == "out_of_order") continue;
      INFO(s.id << " " << s.item);
      for (const auto& t : s.texts) {
        INFO("text '" << t.text << "' in " << describe(t.rect));
        CHECK(m.fits(t.text, t.role, t.rect));
      }
      for (const auto& t : s.targets) {
        if (t.style == TargetStyle::FullScreen || t.style == TargetStyle::Hidden) continue;
        INFO("target " << t.id << " '" << t.label << "' " << describe(t.rect));
        CHECK(target_fits(m, t));
        if (t.picture_only) CHECK(target_parts(m, t).label.w == 0);  // no word drawn, so none cut
      }
      if (s.id == "question") {
        ++questions;
        check_own_listens(s, m);
        CHECK(s.page_options.size() <= s.targets.size());
        CHECK(s.page >= 0);
        CHECK(s.page < s.pages);
      }
    }
    CHECK(questions > 0);
  }
}

TEST_CASE("card_pages: more options than fit go on pages; every option on exactly one page") {
  TextEngine engine;
  EngineMeasure measure(engine);
  Metrics m = make_metrics(1280, 800, 1280.0f / 217.0f, 50);  // a 10-inch tablet
  m.text = &measure;
  const Rect area = page_regions(m).body;
  std::vector<std::string> labels;
  for (int i = 0; i < 16; ++i) labels.push_back("Keuze nummer " + std::to_string(i + 1));
  const CardPages p = card_pages(m, area, labels, "Andere keuzes", true, m.mm(5), m.mm(90), m.mm(100));
  CHECK(p.fits);
  CHECK(p.pages > 1);
  REQUIRE(p.cells.size() == static_cast<size_t>(p.per_page + 1));  // the options and "other choices"
  for (size_t i = 0; i < p.cells.size(); ++i) {
    CHECK(p.cells[i].w >= m.mm(20) - 0.01f);
    CHECK(p.cells[i].h >= m.mm(20) - 0.01f);
    for (size_t j = i + 1; j < p.cells.size(); ++j) CHECK_FALSE(p.cells[i].overlaps(p.cells[j]));
  }
  std::vector<int> seen(labels.size(), 0);
  for (int page = 0; page < p.pages; ++page) {
    const PageSpan span = page_span(p, static_cast<int>(labels.size()), page);
    for (int i = 0; i < span.count; ++i) ++seen[span.first + i];
  }
  for (int count : seen) CHECK(count == 1);
  // Few options: one page, no page-turn card.
  const CardPages three = card_pages(m, area, {"Leuk", "Weet ik niet", "Niet leuk"}, "Andere keuzes", true, m.mm(5), m.mm(90),
                                     m.mm(100));
  CHECK(three.pages == 1);
  CHECK(three.cells.size() == 3);
}
