// The staff keypad behind the hidden corner: a PIN opens the operator menu; too many wrong
// ones lock it for a minute. Not spoken; still large enough to tap.
#include <algorithm>

#include "platform/log.h"
#include "screens/operator_parts.h"
#include "screens/screen_unit.h"

namespace wk {

namespace {

class OperatorPinScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::OperatorPin; }
  Idle idle() const override { return Idle::Staff; }

  void enter(ScreenContext&, Screen) override {
    pin_.clear();
    wrong_shown_ = false;
  }
  void reset() override { pin_.clear(); }  // failures and the lock outlast a reset

  void tap(ScreenContext& ctx, const TapEvent& tap, double now) override {
    if (!tap.is("pin")) return;
    const std::string& key = tap.arg;
    if (key == "cancel") {
      pin_.clear();
      ctx.show(ctx.out_of_order_reason().empty() ? Screen::Attract : Screen::OutOfOrder);
      return;
    }
    if (now < locked_until_) return;
    if (key == "clear") {
      pin_.clear();
    } else if (key == "ok") {
      if (check_operator_pin(ctx.config(), pin_)) {
        failures_ = 0;
        ctx.show(Screen::OperatorMenu);
        log::info("operator", "menu opened");
      } else {
        ++failures_;
        wrong_shown_ = true;
        log::warn("operator", "wrong PIN (" + std::to_string(failures_) + ")");
        if (failures_ >= kPinAttempts) {
          locked_until_ = now + kPinLockS;
          failures_ = 0;
        }
      }
      pin_.clear();
    } else if (key.size() == 1 && key[0] >= '0' && key[0] <= '9' && pin_.size() < 12) {
      pin_ += key;
      wrong_shown_ = false;
    }
  }

  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override {
    auto op = [&](const std::string& k) { return operator_text(ctx, k); };
    ScreenModel s;
    s.texts.push_back({op("operator.pin.title"), {0, m.mm(6), m.width, m.title_px * 1.4f}, TextRole::Title});
    std::string dots(pin_.size(), '*');
    std::string status = dots.empty() ? " " : dots;
    if (wrong_shown_) status = op("operator.pin.wrong");
    if (locked_until_ > ctx.last_input()) status = op("operator.pin.locked");
    s.texts.push_back({status, {0, m.mm(6) + m.title_px * 1.5f, m.width, m.title_px * 1.4f}, TextRole::Title});
    const float top = m.mm(10) + m.title_px * 3.0f;
    const float key = std::min(m.mm(24), (m.height - top - m.mm(8) - 3 * m.mm(3)) / 4.0f);
    const float gap = m.mm(3);
    const float left = (m.width - (3 * key + 2 * gap)) / 2;
    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"};
    for (int i = 0; i < 12; ++i) {
      Rect r{left + (i % 3) * (key + gap), top + (i / 3) * (key + gap), key, key};
      std::string id = labels[i];
      std::string label = id == "clear" ? op("operator.clear") : id == "ok" ? op("operator.ok") : id;
      s.targets.push_back(operator_target("pin:" + id, label, r, TargetStyle::Key));
    }
    s.targets.push_back(operator_target("pin:cancel", op("operator.cancel"),
                                        {m.mm(6), m.height - m.mm(6) - m.mm(24), m.mm(60), m.mm(24)},
                                        TargetStyle::Operator));
    return s;
  }

  std::vector<std::string> text_keys(const ContentPack&) const override {
    return {"operator.pin.title", "operator.pin.wrong", "operator.pin.locked", "operator.ok", "operator.clear",
            "operator.cancel"};
  }

 private:
  std::string pin_;
  int failures_ = 0;
  double locked_until_ = 0;
  bool wrong_shown_ = false;
};

}  // namespace

std::unique_ptr<ScreenUnit> make_operator_pin_screen() { return std::make_unique<OperatorPinScreen>(); }

}  // namespace wk
