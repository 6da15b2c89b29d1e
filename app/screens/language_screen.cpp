// Language choice: a flag and the language's own name per language, spoken in that language.
#include "flow/kiosk_flow.h"

namespace wk {

ScreenModel KioskFlow::view_language(const Metrics& m) const {
  ScreenModel s;
  const PageRegions r = page_regions(m);
  // Title in every language, since the person has not chosen yet.
  std::string title;
  for (const auto& cat : content_->locales) {
    if (!title.empty()) title += "  /  ";
    title += content_->text(cat.code, "ui.language.choose");
  }
  Rect speaker = speaker_rect(m);
  s.texts.push_back({title, {r.prompt.x, r.prompt.y, r.prompt.w - speaker.w - m.mm(5), r.prompt.h}, TextRole::Title});
  add_speaker(s, m);

  const int n = static_cast<int>(content_->locales.size());
  auto cells = grid_cells(r.body, n, m.mm(10), m.mm(100), m.mm(100));
  for (int i = 0; i < n; ++i) {
    const auto& cat = content_->locales[i];
    s.targets.push_back({"lang:" + cat.code, content_->text(cat.code, "language.name"), cat.flag_picture, cells[i],
                         TargetStyle::Answer, session_ && cat.code == locale_});
  }
  s.targets.push_back({"nav:back", t("ui.back"), content_->ui_picture("back"), nav_back_rect(m), TargetStyle::Nav});
  s.targets.push_back({"nav:stop", t("ui.stop"), content_->ui_picture("stop"), nav_stop_rect(m), TargetStyle::Nav});
  return s;
}

}  // namespace wk
