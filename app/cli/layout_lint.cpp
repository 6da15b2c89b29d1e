#include "cli/layout_lint.h"

#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include "flow/kiosk_flow.h"
#include "platform/log.h"
#include "screens/target_parts.h"
#include "text/engine_measure.h"
#include "text/text_engine.h"

namespace wk {

const std::vector<ScreenSize>& supported_screen_sizes() {
  static const std::vector<ScreenSize> sizes = {
      {"24-inch 1920x1080 (527 mm)", 1920, 1080, 527},
      {"15.6-inch 1920x1080 (344 mm)", 1920, 1080, 344},
      {"10-inch 1280x800 (217 mm)", 1280, 800, 217},
      {"1280x800, no size set", 1280, 800, 0},
  };
  return sizes;
}

namespace {

// A scratch data directory for the flow's session store: the walk answers questions.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "werkcheck-layout-lint-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string mm_box(const Rect& r, const Metrics& m) {
  std::ostringstream s;
  s.precision(3);
  s << r.w / m.px_per_mm << " x " << r.h / m.px_per_mm << " mm";
  return s.str();
}

// What does not fit on the question screen shown now (this page of its options).
void check_page(const ScreenModel& s, const Metrics& m, const std::string& where, std::set<std::string>& problems) {
  for (const auto& t : s.texts)
    if (!m.fits(t.text, t.role, t.rect)) problems.insert(where + ": '" + t.text + "' does not fit its " + mm_box(t.rect, m));
  for (const auto& t : s.targets) {
    if (t.style == TargetStyle::Hidden || t.style == TargetStyle::FullScreen) continue;
    if (!target_fits(m, t)) problems.insert(where + ": '" + t.label + "' (" + t.id + ") does not fit its " + mm_box(t.rect, m));
  }
}

void walk_questions(const ContentPack& pack, const std::string& locale, const Metrics& m, const std::string& size,
                    std::set<std::string>& problems) {
  ScratchDir dir;
  auto store = SessionStore::open(dir.path());
  KioskConfig config;
  KioskFlow flow(&pack, store.get(), &config);
  flow.set_metrics(m);
  double now = 100;
  auto tap = [&](const std::string& id) {
    now += 1;  // past the moment taps are held after a screen opens
    flow.tap(id, now);
    flow.take_effects();
  };
  tap("start");
  tap("lang:" + locale);
  for (int guard = 0; flow.screen() == Screen::Question && guard < 1000; ++guard) {
    const Item* item = flow.current_item();
    ScreenModel s = flow.view(m);
    const std::string where = size + ", " + locale + ", " + s.item;
    for (int page = 0; page < std::max(1, s.pages); ++page) {
      check_page(s, m, where + (s.pages > 1 ? " page " + std::to_string(page + 1) : ""), problems);
      if (s.pages > 1) {
        tap("page:more");
        s = flow.view(m);
      }
    }
    // Answer, so per-choice questions appear too; then on.
    if (item && !item->options.empty()) tap("answer:" + item->options.front().id);
    tap("nav:next");
  }
}

}  // namespace

std::vector<std::string> lint_layout(const ContentPack& pack) {
  TextEngine engine;
  EngineMeasure measure(engine);
  // The walk answers every question: its log lines are not the linter's findings.
  log::set_quiet(true);
  KioskConfig defaults;
  std::set<std::string> problems;
  for (const auto& size : supported_screen_sizes()) {
    const float px_per_mm = size.width_mm > 0 ? size.width_px / size.width_mm : 96.0f / 25.4f;
    Metrics m = make_metrics(size.width_px, size.height_px, px_per_mm, defaults.viewing_distance_cm);
    m.text = &measure;
    for (const auto& catalog : pack.locales) walk_questions(pack, catalog.code, m, size.name, problems);
  }
  log::set_quiet(false);
  return {problems.begin(), problems.end()};
}

}  // namespace wk
