#include "screens/volume_parts.h"

#include <algorithm>

#include "sound/volume.h"

namespace wk {

namespace {
const char* const kLevelKeys[] = {"ui.volume.low", "ui.volume.mid", "ui.volume.high"};
const char* const kLevelRoles[] = {"volume_low", "volume_mid", "volume_high"};
}  // namespace

void add_volume_control(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, int percent) {
  const KioskConfig& config = ctx.config();
  const int level = participant_level_index(percent, config.volume_percent, config.headphones);
  s.targets.push_back({"volume", ctx.t(kLevelKeys[level]), ctx.pack().ui_picture(kLevelRoles[level]), volume_rect(m),
                       TargetStyle::Volume});
}

void add_headphones_notice(ScreenModel& s, const ScreenContext& ctx, const Rect& area, const Metrics& m) {
  const float pic = std::min(area.h, m.mm(18));
  s.pictures.push_back({ctx.pack().ui_picture("headphones"), {area.x, area.y + (area.h - pic) / 2, pic, pic}});
  s.texts.push_back({ctx.t("ui.headphones.put_on"), {area.x + pic + m.mm(4), area.y, area.w - pic - m.mm(4), area.h},
                     TextRole::Title, false});
}

std::vector<std::string> volume_text_keys() {
  return {"ui.volume.low", "ui.volume.mid", "ui.volume.high", "ui.volume.sample", "ui.headphones.put_on"};
}

std::vector<std::string> volume_picture_roles() {
  return {"volume_low", "volume_mid", "volume_high", "headphones"};
}

}  // namespace wk
