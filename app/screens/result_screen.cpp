// Result: every question with the answer the person chose, as pictures and words.
#include <algorithm>

#include "flow/kiosk_flow.h"

namespace wk {

ScreenModel KioskFlow::view_result(const Metrics& m) const {
  ScreenModel s;
  add_progress(s, m);
  const PageRegions r = page_regions(m);
  const Rect speaker = speaker_rect(m);
  s.texts.push_back({t("ui.result.title"), {r.prompt.x, r.prompt.y, speaker.x - r.prompt.x - m.mm(5), r.prompt.h},
                     TextRole::Title});
  s.targets.push_back({"speak", t("ui.speaker"), content_->ui_picture("speaker"), speaker, TargetStyle::Speaker});

  const int n = static_cast<int>(steps_.size());
  auto cells = grid_cells(r.body, n, m.mm(4), m.mm(120), r.body.h);
  for (int i = 0; i < n; ++i) {
    const Item& item = content_->modules[steps_[i].module].items[steps_[i].item];
    const Rect c = cells[i];
    // Each cell: the question's picture, small, then the chosen answers' pictures and words.
    const float small = std::min(c.h * 0.45f, c.w * 0.3f);
    s.pictures.push_back({item.picture, {c.x, c.y, small, small}, PictureState::Plain});
    auto it = answers_.find(item.key);
    std::vector<const Option*> chosen;
    if (it != answers_.end())
      for (const auto& v : it->second)
        for (const auto& o : item.options)
          if (o.id == v) chosen.push_back(&o);
    const float ax = c.x + small + m.mm(2);
    const float aw = c.x + c.w - ax;
    if (chosen.empty()) {
      s.texts.push_back({t("ui.result.skipped"), {ax, c.y, aw, small}, TextRole::Body, false});
      continue;
    }
    const float big = std::min(c.h - m.body_px * 1.4f, aw / static_cast<float>(chosen.size()));
    std::string words;
    for (size_t k = 0; k < chosen.size(); ++k) {
      s.pictures.push_back({chosen[k]->picture, {ax + k * big, c.y, big * 0.92f, big * 0.92f}, PictureState::Plain});
      if (!words.empty()) words += ", ";
      words += t(chosen[k]->text_key);
    }
    s.texts.push_back({words, {c.x, c.y + std::max(small, big), c.w, c.h - std::max(small, big)}, TextRole::Body, false});
  }
  s.targets.push_back({"nav:back", t("ui.back"), content_->ui_picture("back"), nav_back_rect(m), TargetStyle::Nav});
  s.targets.push_back({"done", t("ui.done"), content_->ui_picture("done"), nav_next_rect(m), TargetStyle::Primary});
  return s;
}

}  // namespace wk
