// Out of order: the kiosk cannot store answers (or has no content), so it does not start a
// check. Participants see a picture and "ask for help"; the operator sees the reason.
#include <algorithm>

#include "screens/languages_offered.h"
#include "screens/operator_parts.h"
#include "screens/screen_unit.h"

namespace wk {

namespace {

class OutOfOrderScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::OutOfOrder; }

  void tap(ScreenContext&, const TapEvent&, double) override {}  // only the operator corner, which the flow handles

  std::vector<Clip> speech(const ScreenContext& ctx) const override {
    std::vector<Clip> clips;
    for (const auto* cat : offered_languages(ctx.pack(), ctx.config())) clips.push_back({cat->code, "ui.out_of_order"});
    return clips;
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    const ContentPack* content = ctx.content();
    ScreenModel s;
    float y = m.height * 0.08f;
    if (content) {
      const float pic = std::min(m.height * 0.3f, m.mm(60));
      s.pictures.push_back({content->ui_picture("out_of_order"), {(m.width - pic) / 2, y, pic, pic}});
      y += pic + m.mm(6);
      for (const auto* cat : offered_languages(*content, ctx.config())) {
        s.texts.push_back({content->text(cat->code, "ui.out_of_order"),
                           {m.mm(10), y, m.width - m.mm(20), m.title_px * 2.6f}, TextRole::Title});
        y += m.title_px * 2.6f + m.mm(3);
      }
    } else {
      s.texts.push_back({"Deze computer werkt nu niet. Vraag hulp.  /  This computer is out of order. Please ask for help.",
                         {m.mm(10), y, m.width - m.mm(20), m.title_px * 3}, TextRole::Title});
      y += m.title_px * 3 + m.mm(6);
    }
    s.texts.push_back({fill_placeholders(operator_text(ctx, "operator.out_of_order_reason"), {{"reason", ctx.out_of_order_reason()}}),
                       {m.mm(10), y, m.width - m.mm(20), m.height - y - m.mm(5)}, TextRole::Small, false});
    s.targets.push_back({"operator-corner", "", "", operator_corner_rect(m), TargetStyle::Hidden, false, false});
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    return {"ui.out_of_order", "operator.out_of_order_reason"};
  }
  std::vector<std::string> picture_roles() const override { return {"out_of_order"}; }
};

}  // namespace

std::unique_ptr<ScreenUnit> make_out_of_order_screen() { return std::make_unique<OutOfOrderScreen>(); }

}  // namespace wk
