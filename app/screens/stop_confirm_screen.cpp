// "Wil je stoppen?": stopping is never one accidental tap away, and "no" is as big as "yes".
#include <algorithm>

#include "flow/kiosk_flow.h"

namespace wk {

ScreenModel KioskFlow::view_stop_confirm(const Metrics& m) const {
  ScreenModel s;
  const float pic = std::min(m.height * 0.25f, m.mm(50));
  s.pictures.push_back({content_->ui_picture("stop"), {(m.width - pic) / 2, m.height * 0.08f, pic, pic}});
  float y = m.height * 0.08f + pic + m.mm(5);
  s.texts.push_back({t("ui.stop.question"), {0, y, m.width, m.title_px * 1.5f}, TextRole::Title});
  y += m.title_px * 1.5f + m.mm(8);
  Rect area{m.mm(10), y, m.width - m.mm(20), m.height - y - m.mm(10)};
  auto cells = grid_cells(area, 2, m.mm(15), m.mm(120), m.mm(70));
  s.targets.push_back({"stop:no", t("ui.stop.no"), content_->ui_picture("no"), cells[0], TargetStyle::Primary});
  s.targets.push_back({"stop:yes", t("ui.stop.yes"), content_->ui_picture("stop"), cells[1], TargetStyle::Nav});
  s.targets.push_back({"speak", t("ui.speaker"), content_->ui_picture("speaker"), speaker_rect(m), TargetStyle::Speaker});
  return s;
}

}  // namespace wk
