// The kiosk's languages, from the operator menu: each by its own name, switched on or off for
// this kiosk (kept in kiosk.json "languages_off"), with who translated it and whether a native
// speaker reviewed it. A language switched off is never offered; its sessions still reach the coach.
#include <algorithm>

#include "platform/log.h"
#include "screens/languages_offered.h"
#include "screens/operator_parts.h"
#include "screens/screen_unit.h"

namespace wk {

namespace {

class OperatorLanguagesScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::OperatorLanguages; }
  Idle idle() const override { return Idle::Staff; }
  void enter(ScreenContext&, Screen) override { refused_ = false; }

  void tap(ScreenContext& ctx, const TapEvent& tap, double) override {
    if (tap.is("op")) {
      operator_action(ctx, tap.arg);
    } else if (tap.is("language_switch") && ctx.content() && ctx.content()->locale(tap.arg)) {
      refused_ = !switch_language(ctx, tap.arg);
    }
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    auto op = [&](const std::string& k) { return operator_text(ctx, k); };
    ScreenModel s;
    s.texts.push_back(
        {op("operator.languages"), {m.mm(6), m.mm(6), m.width - m.mm(12), m.title_px * 1.4f}, TextRole::Title});
    const float top = m.mm(10) + m.title_px * 1.5f;
    const float back_h = m.mm(22);
    const ContentPack* content = ctx.content();
    const size_t n = content ? content->locales.size() : 0;
    // 22 mm rows where they fit; on a short screen they shrink to stay above the back button.
    float row = m.mm(22), gap = m.mm(3);
    const float room = m.height - top - back_h - m.mm(12);
    if (n > 0 && n * (row + gap) > room) {
      const float scale = room / (n * (row + gap));
      row *= scale;
      gap *= scale;
    }
    const float bw = std::min(m.mm(90), m.width * 0.35f);
    float y = top;
    for (size_t i = 0; i < n; ++i) {
      const LocaleCatalog& cat = content->locales[i];
      const bool on = !ctx.config().language_off(cat.code);
      s.targets.push_back(operator_target("language_switch:" + cat.code,
                                          content->text(cat.code, "language.name") + ": " +
                                              op(on ? "operator.language.on" : "operator.language.off"),
                                          {m.mm(6), y, bw, row}, TargetStyle::Operator));
      const float tx = m.mm(6) + bw + m.mm(6);
      s.texts.push_back({cat.code + ": " + language_review_words(ctx, cat), {tx, y, m.width - tx - m.mm(6), row},
                         TextRole::Small, false});
      y += row + gap;
    }
    if (refused_)
      s.texts.push_back({op("operator.language.last_on"), {m.mm(6) + m.mm(66), m.height - m.mm(6) - back_h,
                                                           m.width - m.mm(78), back_h},
                         TextRole::Small, false});
    s.targets.push_back(operator_target("op:back", op("operator.back"), {m.mm(6), m.height - m.mm(6) - back_h, m.mm(60), back_h},
                                        TargetStyle::Operator));
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    return {"operator.languages", "operator.language.on", "operator.language.off", "operator.language.last_on",
            "operator.language.reviewed", "operator.language.not_reviewed", "operator.back", "language.name"};
  }

 private:
  // Switches a language on or off; refuses to switch off the last one offered. The default
  // language moves to one still offered.
  static bool switch_language(ScreenContext& ctx, const std::string& code) {
    KioskConfig& config = ctx.config();
    auto& off = config.languages_off;
    if (config.language_off(code)) {
      off.erase(std::remove(off.begin(), off.end(), code), off.end());
    } else {
      if (offered_languages(*ctx.content(), config).size() <= 1) return false;
      off.push_back(code);
    }
    config.default_locale = starting_language(*ctx.content(), config);
    ctx.set_locale(config.default_locale);
    log::info("operator", "language " + code + (config.language_off(code) ? " switched off" : " switched on"));
    ctx.effects().settings_changed = true;
    return true;
  }

  bool refused_ = false;
};

}  // namespace

std::unique_ptr<ScreenUnit> make_operator_languages_screen() { return std::make_unique<OperatorLanguagesScreen>(); }

}  // namespace wk
