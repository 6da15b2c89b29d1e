#include "screens/slip_parts.h"

#include <algorithm>

#include "screens/code_parts.h"
#include "screens/target_parts.h"

namespace wk {

namespace {
const char* state_key(SlipState state) {
  switch (state) {
    case SlipState::Ready: return "ui.slip.button";
    case SlipState::Printing: return "ui.slip.printing";
    case SlipState::Printed: return "ui.slip.printed";
    case SlipState::Failed: return "ui.slip.failed";
    case SlipState::NoPrinter: break;
  }
  return "";
}
// The slip is offered where a printer is set, to a person with a session (a code to print).
bool slip_offered(const ScreenContext& ctx) { return ctx.slip_state() != SlipState::NoPrinter && ctx.session(); }
}  // namespace

float slip_row_height(const ScreenContext& ctx, const Metrics& m) { return slip_offered(ctx) ? m.mm(26) : 0; }

void add_slip_row(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const Rect& row) {
  if (!slip_offered(ctx)) return;
  const SlipState state = ctx.slip_state();
  const std::string picture = ctx.pack().ui_picture("print");
  const std::string words = ctx.t(state_key(state));
  if (state == SlipState::Ready) {
    // The narrowest card (from 60 mm, in 5 mm steps) whose word fits beside its picture, as the
    // window draws it (target_parts); never under 20 x 20 mm.
    Target button{"print:slip", words, picture, {0, row.y, row.w, row.h}, TargetStyle::Answer};
    for (float w = m.mm(60); w < row.w; w += m.mm(5)) {
      button.rect.w = w;
      if (target_fits(m, button)) break;
    }
    button.rect.w = std::min(button.rect.w, row.w);
    button.rect.x = row.x + (row.w - button.rect.w) / 2;
    s.targets.push_back(button);
    return;
  }
  // What happens to the slip: the printer's picture and the words beside it, centred.
  const float pic = std::min(row.h, m.mm(22));
  const float text_w = std::min(row.w - pic - m.mm(5), m.measure(words, TextRole::Body, 0).width + m.mm(2));
  const float x = row.x + (row.w - pic - m.mm(5) - text_w) / 2;
  s.pictures.push_back({picture, {x, row.y + (row.h - pic) / 2, pic, pic}});
  s.texts.push_back({words, {x + pic + m.mm(5), row.y, text_w, row.h}, TextRole::Body, false});
}

std::vector<Clip> slip_speech(const ScreenContext& ctx, bool with_code) {
  if (!slip_offered(ctx)) return {};
  const SlipState state = ctx.slip_state();
  std::vector<Clip> clips = {{ctx.locale(), state_key(state), state == SlipState::Ready ? "print:slip" : ""}};
  if (state == SlipState::Failed && with_code)  // the code again, so the person can still take it with them
    for (auto& c : code_speech(ctx)) clips.push_back(std::move(c));
  return clips;
}

std::vector<std::string> slip_picture_roles() { return {"print"}; }

}  // namespace wk
