// "Wil je stoppen?": stopping is never one accidental tap away, and "no" is as big as "yes".
// Once the person has a result (stopping from the result, consent or closing), the screen also
// shows and says their code: whoever stops there still leaves with it.
#include <algorithm>

#include "screens/code_parts.h"
#include "screens/page_parts.h"
#include "screens/screen_unit.h"

namespace wk {

namespace {

class StopConfirmScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::StopConfirm; }
  Idle idle() const override { return Idle::Participant; }

  void tap(ScreenContext& ctx, const TapEvent& tap, double now) override {
    if (tap.is("stop", "yes"))
      // Someone who answered every question and stops while reading the result did finish.
      ctx.reset_to_attract(ctx.after_questions(ctx.return_to()) ? SessionStatus::Finished : SessionStatus::Stopped);
    else if (tap.is("stop", "no"))
      ctx.go(ctx.return_to(), now);
  }

  std::vector<Clip> speech(const ScreenContext& ctx) const override {
    std::vector<Clip> clips = {{ctx.locale(), "ui.stop.question"}};
    if (has_result(ctx))
      for (auto& c : code_speech(ctx)) clips.push_back(std::move(c));
    return clips;
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    const ContentPack& content = ctx.pack();
    auto t = [&](const std::string& key) { return ctx.t(key); };
    ScreenModel s;
    const bool code = has_result(ctx);
    // With the code below it, the stop sign is smaller: the answers keep their room.
    float y = add_centred_heading(s, m, content.ui_picture("stop"), t("ui.stop.question"),
                                  code ? std::min(m.height * 0.1f, m.mm(20)) : std::min(m.height * 0.25f, m.mm(50)));
    if (code) {  // the code between the question and the answers
      y += add_code_card(s, ctx, m, {m.mm(10), y, m.width - m.mm(20), m.height - y}) + m.mm(6);
    }
    Rect area{m.mm(10), y, m.width - m.mm(20), m.height - y - m.mm(10)};
    auto cells = grid_cells(area, 2, m.mm(15), m.mm(120), m.mm(70));
    s.targets.push_back({"stop:no", t("ui.stop.no"), content.ui_picture("no"), cells[0], TargetStyle::Primary});
    s.targets.push_back({"stop:yes", t("ui.stop.yes"), content.ui_picture("stop"), cells[1], TargetStyle::Nav});
    add_speaker(s, ctx, m);
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    std::vector<std::string> keys = {"ui.stop.question", "ui.stop.yes", "ui.stop.no", "ui.speaker"};
    for (auto& k : code_text_keys()) keys.push_back(std::move(k));
    return keys;
  }

 private:
  // Every question was answered: the person is in the result, consent or closing.
  static bool has_result(const ScreenContext& ctx) {
    return ctx.session() && ctx.after_questions(ctx.return_to());
  }
  std::vector<std::string> picture_roles() const override { return {"stop", "no", "speaker"}; }
};

}  // namespace

std::unique_ptr<ScreenUnit> make_stop_confirm_screen() { return std::make_unique<StopConfirmScreen>(); }

}  // namespace wk
