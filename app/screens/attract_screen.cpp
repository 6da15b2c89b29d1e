// Attract screen: one big picture and "tik om te beginnen"; the whole screen is the button.
#include <algorithm>

#include "flow/kiosk_flow.h"

namespace wk {

ScreenModel KioskFlow::view_attract(const Metrics& m) const {
  ScreenModel s;
  // Everything above the "I have a code" button: picture, welcome, tap hand, "tik om te beginnen".
  const float button_h = m.mm(26), margin = m.mm(6);
  const float room = m.height - 2 * margin - button_h - m.mm(4);
  const float line = m.title_px * 1.4f;
  const float tap = std::min(m.mm(28), room * 0.18f);
  const float pic = std::min({room - 2 * line - tap - m.mm(12), m.width * 0.4f, m.mm(110)});
  float y = margin + std::max(0.0f, (room - (pic + 2 * line + tap + m.mm(12))) / 2);
  s.pictures.push_back({content_->ui_picture("attract"), {(m.width - pic) / 2, y, pic, pic}});
  y += pic + m.mm(4);
  s.texts.push_back({t("ui.attract.title"), {0, y, m.width, line}, TextRole::Title});
  y += line + m.mm(4);
  s.pictures.push_back({content_->ui_picture("tap"), {(m.width - tap) / 2, y, tap, tap}});
  y += tap + m.mm(4);
  s.texts.push_back({t("ui.attract.tap"), {0, y, m.width, line}, TextRole::Title});
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
