// The operator menu: exit, volume, headphones, default language, the languages on or off, credits,
// enrollment, and the
// kiosk's status (volume, headphones, PIN, out-of-order reason and the lines the shell reports).
#include <algorithm>

#include "sound/clip_decode.h"
#include "sound/volume.h"

#include "screens/operator_parts.h"
#include "screens/screen_unit.h"

namespace wk {

namespace {

class OperatorMenuScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::OperatorMenu; }
  Idle idle() const override { return Idle::Staff; }

  void tap(ScreenContext& ctx, const TapEvent& tap, double) override {
    if (tap.is("op")) operator_action(ctx, tap.arg);
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    auto op = [&](const std::string& k) { return operator_text(ctx, k); };
    const KioskConfig& config = ctx.config();
    ScreenModel s;
    s.texts.push_back({op("operator.title"), {m.mm(6), m.mm(6), m.width - m.mm(12), m.title_px * 1.4f}, TextRole::Title});
    const float bw = std::min(m.mm(75), m.width * 0.3f);
    const float top = m.mm(10) + m.title_px * 1.5f;
    float y = top;
    const float x = m.mm(6);
    std::string lang = config.default_locale;
    std::vector<std::pair<std::string, std::string>> buttons = {
        {"op:volume_down", op("operator.volume") + " -"},
        {"op:volume_up", op("operator.volume") + " +"},
        {"op:headphones", op(config.headphones ? "operator.headphones_on" : "operator.headphones_off")},
        {"op:language", op("operator.language") + ": " + lang},
        {"op:languages", op("operator.languages")},
        {"op:credits", op("operator.credits")},
        {"op:enroll", op("operator.enroll")},
        {"op:back", op("operator.back")},
        {"op:exit", op("operator.exit")},
    };
    if (!ctx.content()) buttons.erase(buttons.begin() + 3, buttons.begin() + 5);  // no languages to choose from
    // 22 mm buttons where they fit; on a short screen the column shrinks to stay on screen.
    const float n = static_cast<float>(buttons.size());
    float bh = m.mm(22), gap = m.mm(4);
    const float room = m.height - top - m.mm(6);
    if (n * bh + (n - 1) * gap > room) {
      const float scale = room / (n * bh + (n - 1) * gap);
      bh *= scale;
      gap *= scale;
    }
    for (const auto& [id, label] : buttons) {
      s.targets.push_back(operator_target(id, label, {x, y, bw, bh}, TargetStyle::Operator));
      y += bh + gap;
    }
    std::string status = op("operator.status") + "\n";
    status += fill_placeholders(op("operator.status.volume"), {{"percent", std::to_string(config.volume_percent)}}) + "\n";
    status += op(config.headphones ? "operator.headphones_on" : "operator.headphones_off") + ", " +
              fill_placeholders(op("operator.status.participant_volume"),
                                {{"start", std::to_string(participant_start_percent(config.volume_percent, config.headphones))},
                                 {"max", std::to_string(participant_max_percent(config.headphones))}}) +
              "\n";
    if (config.operator_pin_hash.empty()) status += op("operator.demo_pin_warning") + "\n";
    if (!ctx.out_of_order_reason().empty())
      status += fill_placeholders(op("operator.status.out_of_order"), {{"reason", ctx.out_of_order_reason()}}) + "\n";
    for (const auto& line : language_status_lines(ctx)) status += line + "\n";
    for (const auto& line : ctx.status_lines()) status += line + "\n";
    const float sx = x + bw + m.mm(8);
    const float status_y = m.mm(10) + m.title_px * 1.5f;
    s.texts.push_back(
        {status, {sx, status_y, m.width - sx - m.mm(6), m.height - status_y - m.mm(6)}, TextRole::Small, false});
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    std::vector<std::string> keys = {
        "operator.title", "operator.exit", "operator.volume", "operator.headphones_on", "operator.headphones_off",
        "operator.status.participant_volume", "operator.language", "operator.credits",
        "operator.enroll", "operator.back", "operator.demo_pin_warning",
        // The status panel's words (filled in by the shell, app/shell/operator_status.cpp).
        "operator.status", "operator.status.volume", "operator.status.out_of_order", "operator.status.data", "operator.status.sessions", "operator.status.content",
        "operator.status.audio_on", "operator.status.audio_off", "operator.status.clip_problem", "operator.status.screen", "operator.status.sync_off",
        "operator.status.sync_not_enrolled", "operator.status.sync_online", "operator.status.sync_offline",
        "operator.status.last_sync", "operator.status.last_sync_never", "operator.status.pending",
        "operator.status.content_ready", "operator.status.sync_problem", "operator.status.caches", "operator.status.log",
        "operator.status.printer", "operator.status.printer_none", "operator.status.print_problem",
        "operator.languages", "operator.status.language", "operator.language.on", "operator.language.off",
        "operator.language.reviewed", "operator.language.not_reviewed",
        "operator.status.voices",
    };
    for (auto& k : clip_fault_keys()) keys.push_back(std::move(k));  // why a clip does not play
    return keys;
  }
};

}  // namespace

std::unique_ptr<ScreenUnit> make_operator_menu_screen() { return std::make_unique<OperatorMenuScreen>(); }

}  // namespace wk
