// "Ik heb al een code": a big keypad with only the characters a code can have. A code that
// is not found is said and shown plainly, with a way to try again or go back.
#include <algorithm>

#include "flow/kiosk_flow.h"
#include "platform/random_ids.h"

namespace wk {

ScreenModel KioskFlow::view_code_entry(const Metrics& m) const {
  ScreenModel s;
  const float margin = m.mm(6);
  // The speaker sits in the top row here: the keypad needs all the height below it.
  const Rect standard = speaker_rect(m);
  const Rect speaker{m.width - margin - standard.w, margin, standard.w, standard.h};
  s.targets.push_back({"speak", t("ui.speaker"), content_->ui_picture("speaker"), speaker, TargetStyle::Speaker});
  // Top row: what to do (or "not found") with its picture, and the code typed so far.
  const float row_h = std::max(speaker.h, m.title_px * 1.6f);
  const float pic = std::min(row_h, m.mm(18));
  s.pictures.push_back({content_->ui_picture(code_not_found_ ? "not_found" : "returning"), {margin, margin, pic, pic}});
  const float typed_w = std::min(m.mm(90), m.width * 0.32f);
  const float text_x = margin + pic + m.mm(4);
  const float typed_x = speaker.x - m.mm(5) - typed_w;
  s.texts.push_back({t(code_not_found_ ? "ui.code.not_found" : "ui.code.title"),
                     {text_x, margin, typed_x - text_x - m.mm(4), row_h}, TextRole::Title, false});
  Rect typed{typed_x, margin, typed_w, row_h};
  s.panels.push_back(typed);
  std::string shown = typed_code_;
  while (shown.size() < static_cast<size_t>(ids::kCodeLength)) shown += '_';
  s.texts.push_back({ids::display_code(shown), typed, TextRole::Display});

  // The keypad: every code character, then delete, OK and back, in an 8-wide grid.
  const float top = margin + row_h + m.mm(4);
  const Rect pad{margin, top, m.width - 2 * margin, m.height - top - margin};
  std::vector<std::pair<std::string, std::string>> keys;
  for (const char* c = ids::kCodeAlphabet; *c; ++c) keys.push_back({std::string("key:") + *c, std::string(1, *c)});
  const int cols = 8, rows = (static_cast<int>(keys.size()) + 3 + cols - 1) / cols;
  const float gap = m.mm(3);
  const float key = std::min({m.mm(30), (pad.w - (cols - 1) * gap) / cols, (pad.h - (rows - 1) * gap) / rows});
  const float left = pad.x + (pad.w - (cols * key + (cols - 1) * gap)) / 2;
  auto cell = [&](int i, int span) {
    return Rect{left + (i % cols) * (key + gap), pad.y + (i / cols) * (key + gap), span * key + (span - 1) * gap, key};
  };
  int i = 0;
  for (const auto& [id, label] : keys) {
    Target k{id, label, "", cell(i++, 1), TargetStyle::Key};
    s.targets.push_back(k);
  }
  s.targets.push_back({"key:delete", t("ui.code.delete"), content_->ui_picture("back"), cell(i++, 1), TargetStyle::Nav});
  s.targets.push_back({"nav:back", t("ui.back"), content_->ui_picture("stop"), cell(i++, 1), TargetStyle::Nav});
  s.targets.push_back({"key:ok", t("ui.code.ok"), content_->ui_picture("next"), cell(i, cols - i % cols), TargetStyle::Primary});
  return s;
}

}  // namespace wk
