// The end of a check, two screens with one message each:
//  - consent: may a coach see the result? Saying plainly who sees what; "no" as big as "yes".
//  - closing: the participant code, large and spoken character by character, and the
//    invitation to come back in a year (the yearly check).
#include <algorithm>

#include "flow/kiosk_flow.h"
#include "platform/random_ids.h"

namespace wk {

namespace {
// After the questions the step pictures have done their job: these pages use that room.
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
  return {standard.x, r.prompt.y + (r.prompt.h - standard.h) / 2, standard.w, standard.h};
}
}  // namespace

ScreenModel KioskFlow::view_consent(const Metrics& m) const {
  ScreenModel s;
  const PageRegions r = end_regions(m);
  const Rect speaker = end_speaker(m, r);
  s.targets.push_back({"speak", t("ui.speaker"), content_->ui_picture("speaker"), speaker, TargetStyle::Speaker});
  const float pic = r.prompt.h;
  s.pictures.push_back({content_->ui_picture("private"), {r.prompt.x, r.prompt.y, pic, pic}});
  const float text_x = r.prompt.x + pic + m.mm(5);
  s.texts.push_back({t("ui.closing.share_question"), {text_x, r.prompt.y, speaker.x - m.mm(5) - text_x, r.prompt.h},
                     TextRole::Title, false});
  const float who_h = m.body_px * 2.7f;
  s.texts.push_back({t("ui.closing.share_who"), {r.body.x, r.body.y, r.body.w, who_h}, TextRole::Body, false, false});
  const Rect choices{r.body.x, r.body.y + who_h, r.body.w, r.body.h - who_h};
  auto cells = grid_cells(choices, 2, m.mm(10), m.mm(110), m.mm(90));
  s.targets.push_back({"consent:yes", t("ui.closing.share_yes"), content_->ui_picture("yes"), cells[0], TargetStyle::Answer,
                       consent_ == true});
  s.targets.push_back({"consent:no", t("ui.closing.share_no"), content_->ui_picture("none"), cells[1], TargetStyle::Answer,
                       consent_ == false});
  add_nav(s, m, true, "ui.next", "next", "nav:next");
  return s;
}

ScreenModel KioskFlow::view_closing(const Metrics& m) const {
  ScreenModel s;
  const PageRegions r = end_regions(m);
  const Rect speaker = end_speaker(m, r);
  s.targets.push_back({"speak", t("ui.speaker"), content_->ui_picture("speaker"), speaker, TargetStyle::Speaker});
  s.texts.push_back({t("ui.closing.title"), {r.prompt.x, r.prompt.y, speaker.x - m.mm(5) - r.prompt.x, r.prompt.h},
                     TextRole::Title});
  // The code in a card, large; what it is for beside it.
  const float code_h = std::min(r.body.h * 0.5f, m.title_px * 3.0f);
  const float code_w = std::min(m.mm(110), r.body.w * 0.45f);
  Rect code_card{r.body.x, r.body.y, code_w, code_h};
  s.panels.push_back(code_card);
  s.texts.push_back({session_ ? ids::display_code(session_->code) : "", code_card, TextRole::Display});
  const float tx = code_card.x + code_w + m.mm(6);
  s.texts.push_back({t("ui.closing.code"), {tx, r.body.y, r.body.x + r.body.w - tx, code_h}, TextRole::Body, false});
  // Come back in a year.
  const float y = r.body.y + code_h + m.mm(6);
  const float come_h = r.body.y + r.body.h - y;
  const float pic = std::min(come_h, m.mm(30));
  s.pictures.push_back({content_->ui_picture("come_back"), {r.body.x, y + (come_h - pic) / 2, pic, pic}});
  s.texts.push_back({t("ui.closing.come_back"), {r.body.x + pic + m.mm(6), y, r.body.w - pic - m.mm(6), come_h},
                     TextRole::Title, false});
  s.targets.push_back({"nav:back", t("ui.back"), content_->ui_picture("back"), nav_back_rect(m), TargetStyle::Nav});
  s.targets.push_back({"done", t("ui.done"), content_->ui_picture("done"), nav_next_rect(m), TargetStyle::Primary});
  return s;
}

}  // namespace wk
