// The credits, from the operator menu: who made the pictures, words and data, and their licences;
// who translated each language and whether a native speaker reviewed it.
#include "screens/operator_parts.h"
#include "screens/screen_unit.h"

namespace wk {

namespace {

class CreditsScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::Credits; }
  Idle idle() const override { return Idle::Staff; }

  void tap(ScreenContext& ctx, const TapEvent& tap, double) override {
    if (tap.is("op")) operator_action(ctx, tap.arg);
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    auto op = [&](const std::string& k) { return operator_text(ctx, k); };
    ScreenModel s;
    s.texts.push_back(
        {op("operator.credits"), {m.mm(6), m.mm(6), m.width - m.mm(12), m.title_px * 1.4f}, TextRole::Title});
    std::string text;
    if (ctx.content())
      for (const auto& c : ctx.content()->credits) text += c.name + " - " + c.what + " - " + c.licence + "\n";
    // Who translated each language, and whether a native speaker reviewed it.
    if (ctx.content())
      for (const auto& cat : ctx.content()->locales)
        text += fill_placeholders(op("operator.credits.translation"),
                                  {{"name", ctx.content()->text(cat.code, "language.name")},
                                   {"translator", cat.translator},
                                   {"review", language_review_words(ctx, cat)}}) +
                "\n";
    s.texts.push_back({text, {m.mm(6), m.mm(10) + m.title_px * 1.5f, m.width - m.mm(12), m.height - m.mm(50)},
                       TextRole::Small, false});
    s.targets.push_back(operator_target("op:back", op("operator.back"),
                                        {m.mm(6), m.height - m.mm(6) - m.mm(24), m.mm(60), m.mm(24)},
                                        TargetStyle::Operator));
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    return {"operator.credits", "operator.back", "operator.credits.translation", "operator.language.reviewed",
            "operator.language.not_reviewed"};
  }
};

}  // namespace

std::unique_ptr<ScreenUnit> make_credits_screen() { return std::make_unique<CreditsScreen>(); }

}  // namespace wk
