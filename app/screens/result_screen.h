#pragma once
// The result screen: one page at a time (result_pages.h), then the consent screen.
#include "screens/result_pages.h"
#include "screens/screen_unit.h"

namespace wk {

class ResultScreen : public ScreenUnit {
 public:
  Screen id() const override { return Screen::Result; }
  Idle idle() const override { return Idle::Participant; }
  bool after_questions() const override { return true; }
  int page() const { return page_; }
  // Back to the page with the code (a slip that could not be printed); the flow says why.
  void show_code(const ScreenContext& ctx);

  void enter(ScreenContext& ctx, Screen from) override;
  void reset() override {
    page_ = 0;
    part_ = 0;
  }
  void tap(ScreenContext& ctx, const TapEvent& tap, double now) override;
  std::vector<Clip> speech(const ScreenContext& ctx) const override;
  ScreenModel view(const ScreenContext& ctx, const Metrics& m) const override;
  std::vector<std::string> text_keys(const ContentPack& content) const override;
  std::vector<std::string> picture_roles() const override;

 private:
  int page_ = 0;
  // A page whose words do not fit the screen is shown in parts (Next shows the next part).
  // How many parts depends on the screen, so the view notes it for the taps that follow.
  int part_ = 0;
  mutable int parts_ = 1;
};

}  // namespace wk
