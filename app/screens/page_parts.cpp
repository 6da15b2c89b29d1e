// Parts shared by the participant pages: the step pictures on top and the bottom bar.
#include <algorithm>

#include "flow/kiosk_flow.h"

namespace wk {

void KioskFlow::add_progress(ScreenModel& s, const Metrics& m) const {
  if (!content_) return;
  const Rect area = page_regions(m).progress;
  if (earlier_) {
    // A follow-up: the steps taken, the repeated modules, then the comparison.
    std::vector<std::string> pics = {content_->ui_picture("returning")};
    std::vector<int> modules = {kFollowUpModule};
    for (int i = 0; i < static_cast<int>(content_->modules.size()); ++i)
      if (in_follow_up_modules(i)) {
        pics.push_back(content_->modules[i].picture);
        modules.push_back(i);
      }
    pics.push_back(content_->ui_picture("done"));
    const auto step = current_step();
    int current = static_cast<int>(pics.size()) - 1;
    if (step) current = static_cast<int>(std::find(modules.begin(), modules.end(), step->module) - modules.begin());
    const int n = static_cast<int>(pics.size());
    const float size = std::min(area.h, m.mm(16));
    const float gap = std::min(m.mm(8), (area.w - n * size) / std::max(1, n - 1));
    float x = area.x + (area.w - (n * size + (n - 1) * gap)) / 2;
    for (int i = 0; i < n; ++i) {
      s.pictures.push_back({pics[i], {x, area.y + (area.h - size) / 2, size, size},
                            i < current ? PictureState::Done : (i == current ? PictureState::Current : PictureState::Todo)});
      x += size + gap;
    }
    return;
  }
  const int n = static_cast<int>(content_->modules.size()) + 1;  // modules, then the result
  const float size = std::min(area.h, m.mm(16));
  const float gap = std::min(m.mm(8), (area.w - n * size) / std::max(1, n - 1));
  const float total = n * size + (n - 1) * gap;
  float x = area.x + (area.w - total) / 2;
  const auto step = current_step();
  int current_module = after_questions(screen_) ? n - 1 : (step ? step->module : 0);
  if (screen_ == Screen::Language) current_module = -1;
  for (int i = 0; i < n; ++i) {
    PictureBlock p;
    p.picture = i < n - 1 ? content_->modules[i].picture : content_->ui_picture("done");
    p.rect = {x, area.y + (area.h - size) / 2, size, size};
    p.state = i < current_module ? PictureState::Done : (i == current_module ? PictureState::Current : PictureState::Todo);
    s.pictures.push_back(p);
    x += size + gap;
  }
}

float KioskFlow::add_centred_heading(ScreenModel& s, const Metrics& m, const std::string& picture,
                                     const std::string& title, float picture_size) const {
  const float top = m.height * 0.08f;
  s.pictures.push_back({picture, {(m.width - picture_size) / 2, top, picture_size, picture_size}});
  const float y = top + picture_size + m.mm(5);
  s.texts.push_back({title, {0, y, m.width, m.title_px * 1.5f}, TextRole::Title});
  return y + m.title_px * 1.5f + m.mm(8);
}

void KioskFlow::add_speaker(ScreenModel& s, const Metrics& m) const {
  s.targets.push_back({"speak", t("ui.speaker"), content_->ui_picture("speaker"), speaker_rect(m), TargetStyle::Speaker});
}

void KioskFlow::add_nav(ScreenModel& s, const Metrics& m, bool with_next, const std::string& next_label_key,
                        const std::string& next_picture_role, const std::string& next_id) const {
  s.targets.push_back({"nav:back", t("ui.back"), content_->ui_picture("back"), nav_back_rect(m), TargetStyle::Nav});
  if (next_id != "done")
    s.targets.push_back({"nav:stop", t("ui.stop"), content_->ui_picture("stop"), nav_stop_rect(m), TargetStyle::Nav});
  if (with_next)
    s.targets.push_back(
        {next_id, t(next_label_key), content_->ui_picture(next_picture_role), nav_next_rect(m), TargetStyle::Primary});
}

}  // namespace wk
