#include "screens/mirror.h"

namespace wk {

void mirror_for_rtl(ScreenModel& s, const Metrics& m, const std::set<std::string>& mirror_pictures) {
  auto flip = [&](Rect& r) { r = mirrored_in(r, 0, m.width); };
  s.rtl = true;
  for (auto& p : s.panels) flip(p);
  for (auto& t : s.texts) flip(t.rect);
  for (auto& p : s.pictures) {
    flip(p.rect);
    p.mirror_picture = mirror_pictures.count(p.picture) > 0;
  }
  for (auto& t : s.targets) {
    if (t.style == TargetStyle::Hidden) continue;  // the operator corner
    flip(t.rect);
    t.rtl = true;
    t.mirror_picture = mirror_pictures.count(t.picture) > 0;
  }
}

}  // namespace wk
