// "Ben je er nog?": shown after the idle time, with one large target to carry on.
// It covers the whole screen so the answers behind it are not on view while nobody is there.
#include <algorithm>

#include "flow/kiosk_flow.h"

namespace wk {

ScreenModel KioskFlow::view_idle_prompt(const Metrics& m) const {
  ScreenModel s;
  const float pic = std::min(m.height * 0.3f, m.mm(60));
  s.pictures.push_back({content_->ui_picture("continue"), {(m.width - pic) / 2, m.height * 0.08f, pic, pic}});
  float y = m.height * 0.08f + pic + m.mm(5);
  s.texts.push_back({t("ui.idle.question"), {0, y, m.width, m.title_px * 1.5f}, TextRole::Title});
  y += m.title_px * 1.5f + m.mm(8);
  const float w = std::min(m.width - m.mm(20), m.mm(160));
  const float h = std::min(m.height - y - m.mm(8), m.mm(60));
  s.targets.push_back({"idle:continue", t("ui.idle.continue"), content_->ui_picture("yes"), {(m.width - w) / 2, y, w, h},
                       TargetStyle::Primary});
  s.targets.push_back({"speak", t("ui.speaker"), content_->ui_picture("speaker"), speaker_rect(m), TargetStyle::Speaker});
  return s;
}

}  // namespace wk
