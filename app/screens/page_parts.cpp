#include "screens/page_parts.h"

#include <algorithm>

#include "screens/language_button.h"

namespace wk {

FittedText fit_text(const Metrics& m, const std::string& text, TextRole preferred, float width, float max_h) {
  FittedText f{preferred, m.measure(text, preferred, width).height};
  if (preferred != TextRole::Body && f.h > max_h + 1) f = {TextRole::Body, m.measure(text, TextRole::Body, width).height};
  return f;
}

void add_progress(ScreenModel& s, const ScreenContext& ctx, const Metrics& m) {
  const ContentPack* content = ctx.content();
  if (!content) return;
  // The step pictures leave the top right corner to the volume (and language) button.
  Rect area = page_regions(m).progress;
  area.w = header_buttons_left(ctx, m) - m.mm(4) - area.x;
  if (ctx.follow_up_of()) {
    // A follow-up: the steps taken, the repeated modules, then the comparison.
    std::vector<std::string> pics = {content->ui_picture("returning")};
    std::vector<int> modules = {kFollowUpModule};
    for (int i = 0; i < static_cast<int>(content->modules.size()); ++i)
      if (ctx.in_follow_up_modules(i)) {
        pics.push_back(content->modules[i].picture);
        modules.push_back(i);
      }
    pics.push_back(content->ui_picture("done"));
    const auto step = ctx.current_step();
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
  const int n = static_cast<int>(content->modules.size()) + 1;  // modules, then the result
  const float size = std::min({area.h, m.mm(16), (area.w - (n - 1) * m.mm(1)) / n});
  const float gap = std::min(m.mm(8), (area.w - n * size) / std::max(1, n - 1));
  const float total = n * size + (n - 1) * gap;
  float x = area.x + (area.w - total) / 2;
  const auto step = ctx.current_step();
  int current_module = ctx.after_questions(ctx.screen()) ? n - 1 : (step ? step->module : 0);
  if (ctx.screen() == Screen::Language) current_module = -1;
  for (int i = 0; i < n; ++i) {
    PictureBlock p;
    p.picture = i < n - 1 ? content->modules[i].picture : content->ui_picture("done");
    p.rect = {x, area.y + (area.h - size) / 2, size, size};
    p.state = i < current_module ? PictureState::Done : (i == current_module ? PictureState::Current : PictureState::Todo);
    s.pictures.push_back(p);
    x += size + gap;
  }
}

float add_centred_heading(ScreenModel& s, const Metrics& m, const std::string& picture, const std::string& title,
                          float picture_size) {
  const float top = m.height * 0.08f;
  s.pictures.push_back({picture, {(m.width - picture_size) / 2, top, picture_size, picture_size}});
  const float y = top + picture_size + m.mm(5);
  // The title keeps clear of the speaker at the right (and as far from the left, centred).
  const float side = speaker_rect(m).w + page_regions(m).prompt.x + m.mm(5);
  const float w = m.width - 2 * side;
  const FittedText f = fit_text(m, title, TextRole::Title, w, m.title_px * 3.0f);
  s.texts.push_back({title, {side, y, w, f.h}, f.role});
  return y + f.h + m.mm(6);
}

void add_speaker(ScreenModel& s, const ScreenContext& ctx, const Metrics& m) {
  s.targets.push_back({"speak", ctx.t("ui.speaker"), ctx.pack().ui_picture("speaker"), speaker_rect(m), TargetStyle::Speaker});
}

PageRegions end_regions(const Metrics& m) {
  PageRegions r = page_regions(m);
  const float lift = r.prompt.y - r.progress.y;
  r.prompt.y -= lift;
  r.body.y -= lift;
  r.body.h += lift;
  r.progress.h = 0;
  return r;
}

Rect end_speaker(const Metrics& m, const PageRegions& r) {
  const Rect standard = speaker_rect(m);
  // The prompt row moved up into the top row here: the speaker stands left of the volume button.
  return {volume_rect(m).x - m.mm(4) - standard.w, r.prompt.y + (r.prompt.h - standard.h) / 2, standard.w, standard.h};
}

void add_nav(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, bool with_next, const std::string& next_label_key,
             const std::string& next_picture_role, const std::string& next_id) {
  const ContentPack* content = ctx.content();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  s.targets.push_back({"nav:back", t("ui.back"), content->ui_picture("back"), nav_back_rect(m), TargetStyle::Nav});
  if (next_id != "done")
    s.targets.push_back({"nav:stop", t("ui.stop"), content->ui_picture("stop"), nav_stop_rect(m), TargetStyle::Nav});
  if (with_next)
    s.targets.push_back(
        {next_id, t(next_label_key), content->ui_picture(next_picture_role), nav_next_rect(m), TargetStyle::Primary});
}

}  // namespace wk
