#pragma once
// Enrolling the kiosk with the server: the operator types the 12-letter code from the admin;
// the shell enrolls off the UI thread and reports back through finished().
#include "screens/screen_unit.h"

namespace wk {

class OperatorEnrollScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::OperatorEnroll; }
  Idle idle() const override { return Idle::Staff; }
  bool waiting() const override { return busy_; }

  void enter(ScreenContext& ctx, Screen from) override;
  void tap(ScreenContext& ctx, const TapEvent& tap, double now) override;
  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override;
  std::vector<std::string> text_keys(const ContentPack&) const override;
  // How enrollment went: empty means enrolled, else what went wrong.
  void finished(const ScreenContext& ctx, const std::string& problem);

 private:
  std::string typed_, message_;
  bool busy_ = false;
};

}  // namespace wk
