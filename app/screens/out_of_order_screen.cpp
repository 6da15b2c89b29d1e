// Out of order: the kiosk cannot store answers (or has no content), so it does not start a
// check. Participants see a picture and "ask for help"; the operator sees the reason.
#include <algorithm>

#include "flow/kiosk_flow.h"

namespace wk {

ScreenModel KioskFlow::view_out_of_order(const Metrics& m) const {
  ScreenModel s;
  float y = m.height * 0.08f;
  if (content_) {
    const float pic = std::min(m.height * 0.3f, m.mm(60));
    s.pictures.push_back({content_->ui_picture("out_of_order"), {(m.width - pic) / 2, y, pic, pic}});
    y += pic + m.mm(6);
    for (const auto& cat : content_->locales) {
      s.texts.push_back({content_->text(cat.code, "ui.out_of_order"), {m.mm(10), y, m.width - m.mm(20), m.title_px * 2.6f},
                         TextRole::Title});
      y += m.title_px * 2.6f + m.mm(3);
    }
  } else {
    s.texts.push_back({"Deze computer werkt nu niet. Vraag hulp.  /  This computer is out of order. Please ask for help.",
                       {m.mm(10), y, m.width - m.mm(20), m.title_px * 3}, TextRole::Title});
    y += m.title_px * 3 + m.mm(6);
  }
  s.texts.push_back({"Operator: " + out_of_order_reason_, {m.mm(10), y, m.width - m.mm(20), m.height - y - m.mm(5)},
                     TextRole::Small, false});
  s.targets.push_back({"operator-corner", "", "", operator_corner_rect(m), TargetStyle::Hidden, false, false});
  return s;
}

}  // namespace wk
