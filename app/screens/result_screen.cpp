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
  add_speaker(s, m);

  const int n = static_cast<int>(steps_.size());
  auto cells = grid_cells(r.body, n, m.mm(4), m.mm(120), m.mm(75));
  const float pad = m.mm(2);
  for (int i = 0; i < n; ++i) {
    const Item& item = content_->modules[steps_[i].module].items[steps_[i].item];
    const Rect c = cells[i];
    s.panels.push_back(c);
    // Each card: the question's picture (small), the chosen answers' pictures, their words below.
    const float label_h = m.body_px * 1.25f * 2;
    const float pic_h = std::max(0.0f, c.h - label_h - 3 * pad);
    const float small = std::min(pic_h * 0.6f, c.w * 0.25f);
    s.pictures.push_back({item.picture, {c.x + pad, c.y + pad, small, small}, PictureState::Plain});
    auto it = answers_.find(item.key);
    std::vector<const Option*> chosen;
    if (it != answers_.end())
      for (const auto& v : it->second)
        for (const auto& o : item.options)
          if (o.id == v) chosen.push_back(&o);
    const float ax = c.x + pad + small + m.mm(3);
    const float aw = c.x + c.w - pad - ax;
    const Rect words_rect{c.x + pad, c.y + pad + pic_h + pad, c.w - 2 * pad, label_h};
    if (chosen.empty()) {
      s.texts.push_back({t("ui.result.skipped"), words_rect, TextRole::Body});
      continue;
    }
    const float big = std::min(pic_h, aw / static_cast<float>(chosen.size()));
    std::string words;
    for (size_t k = 0; k < chosen.size(); ++k) {
      s.pictures.push_back({chosen[k]->picture, {ax + k * big, c.y + pad + (pic_h - big) / 2, big * 0.92f, big * 0.92f},
                            PictureState::Plain});
      if (!words.empty()) words += ", ";
      words += t(chosen[k]->text_key);
    }
    s.texts.push_back({words, words_rect, TextRole::Body});
  }
  s.targets.push_back({"nav:back", t("ui.back"), content_->ui_picture("back"), nav_back_rect(m), TargetStyle::Nav});
  s.targets.push_back({"done", t("ui.done"), content_->ui_picture("done"), nav_next_rect(m), TargetStyle::Primary});
  return s;
}

}  // namespace wk
