// Attract screen: one big picture and "tik om te beginnen"; the whole screen is the button.
#include <algorithm>

#include "flow/kiosk_flow.h"

namespace wk {

ScreenModel KioskFlow::view_attract(const Metrics& m) const {
  ScreenModel s;
  const float pic = std::min(m.height * 0.42f, m.width * 0.4f);
  s.pictures.push_back({content_->ui_picture("attract"), {(m.width - pic) / 2, m.height * 0.08f, pic, pic}});
  float y = m.height * 0.08f + pic + m.mm(6);
  s.texts.push_back({t("ui.attract.title"), {0, y, m.width, m.title_px * 1.4f}, TextRole::Title});
  y += m.title_px * 1.4f + m.mm(6);
  const float tap = m.mm(28);
  s.pictures.push_back({content_->ui_picture("tap"), {(m.width - tap) / 2, y, tap, tap}});
  y += tap + m.mm(3);
  s.texts.push_back({t("ui.attract.tap"), {0, y, m.width, m.title_px * 1.4f}, TextRole::Title});
  // The corner and the "I have a code" button come first so that they win over the full-screen target.
  s.targets.push_back({"operator-corner", "", "", operator_corner_rect(m), TargetStyle::Hidden, false, false});
  const float rw = std::min(m.mm(90), m.width * 0.4f), rh = m.mm(26);
  s.targets.push_back({"returning", t("ui.attract.returning"), content_->ui_picture("returning"),
                       {m.width - m.mm(6) - rw, m.height - m.mm(6) - rh, rw, rh}, TargetStyle::Nav});
  s.targets.push_back({"start", t("ui.attract.tap"), content_->ui_picture("tap"), {0, 0, m.width, m.height},
                       TargetStyle::FullScreen});
  return s;
}

}  // namespace wk
