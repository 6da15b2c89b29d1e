// "Ben je er nog?": shown after the idle time, with one large target to carry on.
// It covers the whole screen so the answers behind it are not on view while nobody is there.
#include <algorithm>

#include "flow/kiosk_flow.h"

namespace wk {

ScreenModel KioskFlow::view_idle_prompt(const Metrics& m) const {
  ScreenModel s;
  const float y = add_centred_heading(s, m, content_->ui_picture("continue"), t("ui.idle.question"),
                                      std::min(m.height * 0.3f, m.mm(60)));
  const float w = std::min(m.width - m.mm(20), m.mm(160));
  const float h = std::min(m.height - y - m.mm(8), m.mm(60));
  s.targets.push_back({"idle:continue", t("ui.idle.continue"), content_->ui_picture("yes"), {(m.width - w) / 2, y, w, h},
                       TargetStyle::Primary});
  add_speaker(s, m);
  return s;
}

}  // namespace wk
