// One question per screen: its picture and words, a speaker, the answers as picture cards.
#include <algorithm>

#include "flow/kiosk_flow.h"

namespace wk {

ScreenModel KioskFlow::view_question(const Metrics& m) const {
  ScreenModel s;
  const Item* item = current_item();
  const auto step = current_step();
  if (!item || !step) return s;
  const std::string key = item->answer_key(step->for_option);
  s.item = key;
  add_progress(s, m);
  const PageRegions r = page_regions(m);
  const Rect speaker = speaker_rect(m);
  const float pic = r.prompt.h;
  // A per-choice question is about one earlier choice: show that choice's picture and words.
  std::string picture = item->picture, question = t(item->key);
  if (!step->for_option.empty())
    if (const Item* of = content_->find_item(item->module_id, item->of))
      for (const auto& o : of->options)
        if (o.id == step->for_option) {
          picture = o.picture;
          question = t(o.text_key) + "\n" + question;
        }
  s.pictures.push_back({picture, {r.prompt.x, r.prompt.y, pic, pic}});
  const float text_x = r.prompt.x + pic + m.mm(5);
  const std::string hint = t(item->max_choices > 1 ? "ui.question.pick_many" : "ui.question.pick_one");
  const Rect text_area{text_x, r.prompt.y, speaker.x - m.mm(5) - text_x, r.prompt.h};
  s.texts.push_back({question, {text_area.x, text_area.y, text_area.w, text_area.h * 0.68f}, TextRole::Title, false});
  s.texts.push_back(
      {hint, {text_area.x, text_area.y + text_area.h * 0.68f, text_area.w, text_area.h * 0.32f}, TextRole::Body, false});
  add_speaker(s, m);

  const auto chosen_it = answers_.find(key);
  const int n = static_cast<int>(item->options.size());
  auto cells = grid_cells(r.body, n, m.mm(5), m.mm(90), m.mm(100));
  for (int i = 0; i < n; ++i) {
    const Option& o = item->options[i];
    bool selected = chosen_it != answers_.end() &&
                    std::find(chosen_it->second.begin(), chosen_it->second.end(), o.id) != chosen_it->second.end();
    s.targets.push_back({"answer:" + o.id, t(o.text_key), o.picture, cells[i], TargetStyle::Answer, selected});
  }
  add_nav(s, m, true, "ui.next", "next", "nav:next");
  return s;
}

}  // namespace wk
