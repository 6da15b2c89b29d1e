// The take-home slip, headless: a whole check on the real content, then the slip the kiosk
// would print for it laid out as PDF (print/slip_pdf.h) and read back with poppler's tools as a
// person would see it: one page, the code, the plan's actions with their "when" and the first
// two occupations of the result, and the code's capitals at least 12 mm tall on paper.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

#include "flow/kiosk_flow.h"
#include "platform/random_ids.h"
#include "print/slip_pdf.h"
#include "test_support.h"

using namespace wk;
using wktest::TempDir;

namespace {

const Metrics kScreen = make_metrics(1920, 1080, 1920 / 527.0f, 50);

// What a shell command prints; fails the test when it cannot run.
std::string run(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  INFO(command);
  REQUIRE(pclose(p) == 0);
  return out;
}

// Walks the whole check as a person who picks up to three answers on each screen.
void do_the_check(KioskFlow& flow, double& now) {
  auto tap = [&](const std::string& id) {
    now += 1;
    flow.tap(id, now);
    flow.take_effects();
  };
  tap("start");
  tap("lang:nl");
  for (int guard = 0; flow.screen() == Screen::Question && guard < 200; ++guard) {
    int picked = 0;
    for (const auto& t : flow.view(kScreen).targets)
      if (t.id.rfind("answer:", 0) == 0 && picked < 3 && t.label.find("Geen") == std::string::npos) {
        tap(t.id);
        ++picked;
      }
    tap("nav:next");
  }
  REQUIRE(flow.screen() == Screen::Result);
}

// A grey image as pdftoppm writes it (-gray: binary PGM).
struct Grey {
  int w = 0, h = 0;
  std::string pixels;
  bool dark(int x, int y) const { return static_cast<unsigned char>(pixels[static_cast<size_t>(y) * w + x]) < 128; }
};
Grey read_pgm(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string magic;
  int max = 0;
  Grey g;
  in >> magic >> g.w >> g.h >> max;
  in.get();
  REQUIRE(magic == "P5");
  g.pixels.resize(static_cast<size_t>(g.w) * g.h);
  in.read(g.pixels.data(), static_cast<std::streamsize>(g.pixels.size()));
  REQUIRE(in);
  return g;
}

}  // namespace

TEST_CASE("the slip of a whole check: one page with the code large, the plan with when, two occupations" *
          doctest::test_suite("slip")) {
  TempDir dir;
  auto load = load_content_pack(WERKCHECK_REAL_CONTENT_PACK, kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack, load.error);
  auto store = SessionStore::open(dir.file("data"));
  KioskConfig config;
  config.printer = "slip-test";
  KioskFlow flow(&*load.pack, store.get(), &config);
  double now = 1000;
  do_the_check(flow, now);

  REQUIRE(flow.result_pages()[flow.result_page()].kind == ResultPage::Code);
  CHECK(flow.view(kScreen).find_target("print:slip"));

  // What the slip says comes from the answers: the result's occupations and the plan.
  const SlipContent slip = flow.slip();
  const auto matches = flow.suggestions();
  REQUIRE(matches.size() >= 2);
  REQUIRE(slip.occupations.size() == 2);
  CHECK(slip.occupations[0].words == load.pack->text("nl", matches[0].occupation->plain_key()));
  CHECK(slip.occupations[1].words == load.pack->text("nl", matches[1].occupation->plain_key()));
  const Profile profile = flow.profile();
  REQUIRE(!profile.plan.empty());
  REQUIRE(slip.plan.size() == profile.plan.size());
  for (const auto& step : slip.plan) {
    CHECK(!step.when.empty());
    CHECK(step.picture.find("/pictures/") != std::string::npos);
  }
  CHECK(slip.code == ids::display_code(flow.session()->code));

  TextEngine engine;
  const std::string pdf = dir.file("slip.pdf");
  auto problem = write_slip_pdf(slip, engine, pdf);
  REQUIRE_MESSAGE(!problem, problem.value_or(""));

  const std::string info = run("pdfinfo '" + pdf + "'");
  INFO(info);
  CHECK(std::regex_search(info, std::regex("\nPages: +1\n")));
  CHECK(std::regex_search(info, std::regex("\nPage size: +595[.0-9]* x 841[.0-9]* pts \\(A4\\)")));
  // pdftotext joins the words of a line; the code's groups and every line must be there as text.
  std::string text = run("pdftotext -layout '" + pdf + "' -");
  text = std::regex_replace(text, std::regex("\\s+"), " ");
  INFO(text);
  CHECK(text.find(slip.code) != std::string::npos);
  CHECK(text.find(slip.title) != std::string::npos);
  for (const auto& job : slip.occupations) CHECK(text.find(job.words) != std::string::npos);
  for (const auto& step : slip.plan) {
    CHECK(text.find(step.words) != std::string::npos);
    CHECK(text.find(step.when) != std::string::npos);
  }

  // The code as printed: its words' boxes from the PDF, the ink inside them from a 300 dpi
  // rendering. A digit is as tall as a capital in Noto Sans, so the rows with ink are the cap height.
  const std::string boxes = run("pdftotext -bbox '" + pdf + "' -");
  const std::string first_group = slip.code.substr(0, slip.code.find(' '));
  std::smatch m;
  REQUIRE(std::regex_search(boxes, m,
                            std::regex("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">" +
                                       first_group + "</word>")));
  const double dpi = 300, px_per_pt = dpi / 72;
  const int x0 = static_cast<int>(std::stod(m[1]) * px_per_pt), y0 = static_cast<int>(std::stod(m[2]) * px_per_pt);
  const int x1 = static_cast<int>(std::stod(m[3]) * px_per_pt), y1 = static_cast<int>(std::stod(m[4]) * px_per_pt);
  run("pdftoppm -r 300 -gray -singlefile -x " + std::to_string(x0) + " -y " + std::to_string(y0) + " -W " +
      std::to_string(x1 - x0) + " -H " + std::to_string(y1 - y0) + " '" + pdf + "' '" + dir.file("code") + "'");
  const Grey code = read_pgm(dir.file("code.pgm"));
  int top = -1, bottom = -1;
  for (int y = 0; y < code.h; ++y)
    for (int x = 0; x < code.w; ++x)
      if (code.dark(x, y)) {
        if (top < 0) top = y;
        bottom = y;
        break;
      }
  REQUIRE(top >= 0);
  const double cap_mm = (bottom - top + 1) / dpi * 25.4;
  MESSAGE("the code's digits are " << cap_mm << " mm tall on paper");
  CHECK(cap_mm >= min_cap_height_mm(kSlipCodeDistanceCm) - 0.1);  // 12.2 mm: 0.7 degrees at 1 m
  CHECK(cap_mm <= 16);  // and not so large that the code breaks over lines

  // The whole page, for a person to look at (kept with the test artifacts when asked for).
  if (const char* keep = std::getenv("WERKCHECK_SLIP_PNG"))
    run("pdftoppm -r 100 -png -singlefile '" + pdf + "' '" + std::string(keep) + "'");
}

TEST_CASE("a slip that cannot be written says where" * doctest::test_suite("slip")) {
  SlipContent slip;
  slip.title = "Mijn loopbaancheck";
  slip.code = "123 456 7890";
  TextEngine engine;
  auto problem = write_slip_pdf(slip, engine, "/nonexistent-dir/slip.pdf");
  REQUIRE(problem);
  CHECK(problem->find("/nonexistent-dir/slip.pdf") != std::string::npos);
}

namespace {

// The fixture check answered with its first answers, on the page with the code.
struct SlipRig {
  TempDir dir;
  std::unique_ptr<SessionStore> store = SessionStore::open(dir.file("data"));
  KioskConfig config;
  std::unique_ptr<KioskFlow> flow;
  double now = 1000;

  explicit SlipRig(const std::string& printer) {
    config.printer = printer;
    flow = std::make_unique<KioskFlow>(&wktest::built_pack(), store.get(), &config);
    tap("start");
    tap("lang:nl");
    while (flow->screen() == Screen::Question) {
      tap("answer:" + flow->current_item()->options.front().id);
      tap("nav:next");
    }
    REQUIRE(flow->screen() == Screen::Result);
    REQUIRE(flow->result_pages()[flow->result_page()].kind == ResultPage::Code);
  }
  Effects tap(const std::string& id) {
    REQUIRE(flow->view(kScreen).find_target(id));
    now += 1;
    flow->tap(id, now);
    return flow->take_effects();
  }
  bool shows(const std::string& key) const {
    const std::string words = wktest::built_pack().text("nl", key);
    for (const auto& t : flow->view(kScreen).texts)
      if (t.text == words) return true;
    return false;
  }
  bool shows_code() const {
    const std::string code = ids::display_code(flow->session()->code);
    for (const auto& t : flow->view(kScreen).texts)
      if (t.text == code) return true;
    return false;
  }
};

bool says(const Effects& e, const std::string& key) {
  if (!e.speak) return false;
  for (const auto& c : *e.speak)
    if (c.key == key) return true;
  return false;
}

}  // namespace

TEST_CASE("without a printer the code page has no print button") {
  SlipRig r("");
  CHECK(r.flow->view(kScreen).find_target("print:slip") == nullptr);
  for (const auto& c : r.flow->screen_speech()) CHECK(c.key.rfind("ui.slip.", 0) != 0);
}

TEST_CASE("the print button: printing, then in the printer, said and shown; one slip a person") {
  SlipRig r("kantoor");
  const ScreenModel v = r.flow->view(kScreen);
  const Target* button = v.find_target("print:slip");
  REQUIRE(button);
  CHECK(button->picture == "1F5A8");
  CHECK(button->label == wktest::built_pack().text("nl", "ui.slip.button"));
  CHECK(button->rect.w >= kScreen.mm(20));
  CHECK(button->rect.h >= kScreen.mm(20));
  CHECK(r.flow->screen_speech().back() == Clip{"nl", "ui.slip.button", "print:slip"});

  Effects e = r.tap("print:slip");
  CHECK(e.print_slip);
  CHECK(says(e, "ui.slip.printing"));
  CHECK(r.shows("ui.slip.printing"));
  CHECK(r.shows_code());
  CHECK(r.flow->view(kScreen).find_target("print:slip") == nullptr);  // no second job while it prints

  r.flow->print_finished("", r.now + 3);
  e = r.flow->take_effects();
  CHECK(says(e, "ui.slip.printed"));
  CHECK_FALSE(says(e, "char.0"));
  CHECK(r.shows("ui.slip.printed"));
  CHECK(r.flow->view(kScreen).find_target("print:slip") == nullptr);
}

TEST_CASE("a slip that could not be printed: said, shown, and the code again, from any result page") {
  SlipRig r("kantoor");
  r.tap("print:slip");
  r.tap("nav:next");  // the person reads on while it prints
  REQUIRE(r.flow->result_pages()[r.flow->result_page()].kind != ResultPage::Code);
  r.flow->print_finished("printer \"kantoor\" stopped: media-jam-error", r.now + 5);
  Effects e = r.flow->take_effects();
  REQUIRE(e.speak);
  CHECK(e.speak->front().key == "ui.slip.failed");
  const std::string code = r.flow->session()->code;
  CHECK(says(e, std::string("char.") + code.back()));  // the code is said again
  CHECK(r.flow->result_pages()[r.flow->result_page()].kind == ResultPage::Code);
  CHECK(r.shows("ui.slip.failed"));
  CHECK(r.shows_code());
}

TEST_CASE("a print that ends after the person left says nothing to the next one") {
  SlipRig r("kantoor");
  r.tap("print:slip");
  r.tap("nav:stop");
  r.tap("stop:yes");
  REQUIRE(r.flow->screen() == Screen::Attract);
  r.flow->print_finished("printer \"kantoor\" did not print within 60 s; the job was cancelled", r.now + 60);
  CHECK_FALSE(r.flow->take_effects().speak);
  CHECK(r.flow->screen() == Screen::Attract);
}
