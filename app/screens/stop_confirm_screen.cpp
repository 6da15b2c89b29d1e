// "Wil je stoppen?": stopping is never one accidental tap away, and "no" is as big as "yes".
#include <algorithm>

#include "flow/kiosk_flow.h"

namespace wk {

ScreenModel KioskFlow::view_stop_confirm(const Metrics& m) const {
  ScreenModel s;
  const float y = add_centred_heading(s, m, content_->ui_picture("stop"), t("ui.stop.question"),
                                      std::min(m.height * 0.25f, m.mm(50)));
  Rect area{m.mm(10), y, m.width - m.mm(20), m.height - y - m.mm(10)};
  auto cells = grid_cells(area, 2, m.mm(15), m.mm(120), m.mm(70));
  s.targets.push_back({"stop:no", t("ui.stop.no"), content_->ui_picture("no"), cells[0], TargetStyle::Primary});
  s.targets.push_back({"stop:yes", t("ui.stop.yes"), content_->ui_picture("stop"), cells[1], TargetStyle::Nav});
  add_speaker(s, m);
  return s;
}

}  // namespace wk
