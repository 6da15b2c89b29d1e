// The closing screen: the participant code, large and spoken character by character; the
// question whether a coach may see the result, saying plainly who sees what; and the
// invitation to come back in a year (the yearly check).
#include <algorithm>

#include "flow/kiosk_flow.h"
#include "platform/random_ids.h"

namespace wk {

ScreenModel KioskFlow::view_closing(const Metrics& m) const {
  ScreenModel s;
  add_speaker(s, m);
  const PageRegions r = page_regions(m);
  const Rect speaker = speaker_rect(m);
  const float margin = m.mm(6);
  float y = margin;
  s.texts.push_back({t("ui.closing.title"), {margin, y, speaker.x - 2 * margin, m.title_px * 1.5f}, TextRole::Title});
  y += m.title_px * 1.5f + m.mm(2);
  // The code: words on the left, the code itself large in a card.
  const float code_h = m.title_px * 2.9f;
  const float code_w = std::min(m.mm(100), r.body.w * 0.4f);
  const float code_x = speaker.x - m.mm(5) - code_w;  // left of the speaker, never under it
  s.texts.push_back({t("ui.closing.code"), {margin, y, code_x - margin - m.mm(4), code_h}, TextRole::Body, false});
  Rect code_card{code_x, y, code_w, code_h};
  s.panels.push_back(code_card);
  s.texts.push_back({session_ ? ids::display_code(session_->code) : "", code_card, TextRole::Display});
  y += std::max(code_h, speaker.y + speaker.h - y) + m.mm(4);

  // Share with a coach? Who sees what, in plain words; "no" is as big as "yes".
  s.texts.push_back({t("ui.closing.share_question"), {margin, y, r.body.w, m.title_px * 1.4f}, TextRole::Title, false});
  y += m.title_px * 1.4f;
  s.texts.push_back({t("ui.closing.share_who"), {margin, y, r.body.w, m.body_px * 2.6f}, TextRole::Body, false, false});
  y += m.body_px * 2.6f + m.mm(2);
  const float choice_h = std::max(m.mm(24), std::min(m.mm(30), r.nav.y - y - m.title_px * 2.2f - m.mm(6)));
  auto cells = grid_cells({margin, y, r.body.w, choice_h}, 2, m.mm(10), m.mm(130), choice_h);
  s.targets.push_back({"consent:yes", t("ui.closing.share_yes"), content_->ui_picture("yes"), cells[0], TargetStyle::Answer,
                       consent_ == true});
  s.targets.push_back({"consent:no", t("ui.closing.share_no"), content_->ui_picture("private"), cells[1],
                       TargetStyle::Answer, consent_ == false});
  y += choice_h + m.mm(3);
  const float come_h = std::max(m.title_px * 1.6f, r.nav.y - y - m.mm(3));
  const float pic = std::min(come_h, m.mm(18));
  s.pictures.push_back({content_->ui_picture("come_back"), {margin, y + (come_h - pic) / 2, pic, pic}});
  s.texts.push_back({t("ui.closing.come_back"), {margin + pic + m.mm(4), y, r.body.w - pic - m.mm(4), come_h}, TextRole::Body,
                     false});
  s.targets.push_back({"nav:back", t("ui.back"), content_->ui_picture("back"), nav_back_rect(m), TargetStyle::Nav});
  s.targets.push_back({"done", t("ui.done"), content_->ui_picture("done"), nav_next_rect(m), TargetStyle::Primary});
  return s;
}

}  // namespace wk
