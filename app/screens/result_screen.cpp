#include "screens/result_screen.h"

#include <algorithm>

#include "screens/page_parts.h"
#include "screens/slip_content.h"
#include "screens/slip_parts.h"

namespace wk {

namespace {
constexpr int kLastPart = 1000;  // "the last part", whatever the screen makes of the page
}  // namespace

void ResultScreen::enter(ScreenContext& ctx, Screen from) {
  if (from == Screen::Question) page_ = part_ = 0;  // after the last question
  if (from == Screen::Consent) {  // back from consent: the last page, its last part
    page_ = static_cast<int>(result_pages(ctx).size()) - 1;
    part_ = kLastPart;
  }
}

void ResultScreen::tap(ScreenContext& ctx, const TapEvent& tap, double now) {
  part_ = std::clamp(part_, 0, std::max(0, parts_ - 1));
  if (tap.is("nav", "next")) {
    if (part_ + 1 < parts_) {
      ++part_;
      ctx.go(Screen::Result, now);
    } else if (page_ + 1 < static_cast<int>(result_pages(ctx).size())) {
      ++page_;
      part_ = 0;
      ctx.go(Screen::Result, now);
    } else {
      ctx.go(Screen::Consent, now);
    }
  } else if (tap.is("nav", "back")) {
    if (part_ > 0) {
      --part_;
      ctx.go(Screen::Result, now);
    } else if (page_ > 0) {
      --page_;
      part_ = kLastPart;
      ctx.go(Screen::Result, now);
    } else {
      ctx.go(Screen::Question, now);
    }
  } else if (tap.is("nav", "stop")) {
    ctx.ask_stop(now);
  } else if (tap.is("print", "slip")) {
    ctx.print_slip(now);
  }
}

void ResultScreen::show_code(const ScreenContext& ctx) {
  const auto pages = result_pages(ctx);
  for (size_t i = 0; i < pages.size(); ++i)
    if (pages[i].kind == ResultPage::Code) {
      page_ = static_cast<int>(i);
      part_ = 0;
    }
}

std::vector<Clip> ResultScreen::speech(const ScreenContext& ctx) const {
  const auto pages = result_pages(ctx);
  if (pages.empty()) return {};
  return result_page_speech(ctx, pages[std::min<size_t>(page_, pages.size() - 1)], part_);
}

ScreenModel ResultScreen::view(const ScreenContext& ctx, const Metrics& m) const {
  ScreenModel s;
  add_progress(s, ctx, m);
  add_speaker(s, ctx, m);
  const auto pages = result_pages(ctx);
  parts_ = add_result_page(s, ctx, m,
                           pages.empty() ? ResultPageRef{ResultPage::Answers} : pages[std::min<size_t>(page_, pages.size() - 1)],
                           part_);
  add_nav(s, ctx, m, true, "ui.next", "next", "nav:next");
  return s;
}

std::vector<std::string> ResultScreen::text_keys(const ContentPack& content) const {
  std::vector<std::string> keys = {"ui.speaker", "ui.back", "ui.stop", "ui.next"};
  for (auto& k : result_text_keys(content)) keys.push_back(std::move(k));
  for (auto& k : slip_text_keys()) keys.push_back(std::move(k));
  return keys;
}

std::vector<std::string> ResultScreen::picture_roles() const {
  std::vector<std::string> roles = {"speaker", "back", "stop", "next", "done", "returning", "attract", kScaleFullRole,
                                    kScaleEmptyRole, "yes", "no"};
  for (const char* r : kChangeRoles) roles.push_back(r);
  for (auto& r : slip_picture_roles()) roles.push_back(std::move(r));
  return roles;
}

std::unique_ptr<ScreenUnit> make_result_screen() { return std::make_unique<ResultScreen>(); }

}  // namespace wk
