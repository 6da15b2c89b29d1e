#include "screens/operator_enroll_screen.h"

#include <algorithm>

#include "platform/log.h"
#include "screens/operator_parts.h"

namespace wk {

void OperatorEnrollScreen::enter(ScreenContext&, Screen) {
  typed_.clear();
  message_.clear();
}

// Enrollment codes are 12 letters from the server's alphabet, shown as ABCD-EFGH-JKLM.
void OperatorEnrollScreen::tap(ScreenContext& ctx, const TapEvent& tap, double) {
  if (tap.is("op", "back")) {
    if (!busy_) operator_action(ctx, tap.arg);
    return;
  }
  if (!tap.is("enroll") || busy_) return;  // one attempt at a time
  const std::string& key = tap.arg;
  if (key == "delete") {
    if (!typed_.empty()) typed_.pop_back();
  } else if (key == "ok") {
    if (typed_.size() != 12) return;
    busy_ = true;
    message_ = ctx.t("operator.enroll.busy");
    ctx.effects().enroll_code = typed_.substr(0, 4) + "-" + typed_.substr(4, 4) + "-" + typed_.substr(8);
    log::info("operator", "enrolling with the server");
  } else if (key.size() == 1 && typed_.size() < 12) {
    typed_ += key;
    message_.clear();
  }
}

void OperatorEnrollScreen::finished(const ScreenContext& ctx, const std::string& problem) {
  busy_ = false;
  message_ = problem.empty() ? ctx.t("operator.enroll.done") : problem;
  if (problem.empty()) typed_.clear();
}

ScreenModel OperatorEnrollScreen::view(const ScreenContext& ctx, const Metrics& m) const {
  auto op = [&](const std::string& k) { return operator_text(ctx, k); };
  ScreenModel s;
  const float margin = m.mm(6);
  const float row = m.title_px * 1.5f;
  s.texts.push_back({op("operator.enroll.title"), {margin, margin, m.width * 0.45f, row}, TextRole::Title, false});
  std::string shown = typed_;
  while (shown.size() < 12) shown += '_';
  shown = shown.substr(0, 4) + "-" + shown.substr(4, 4) + "-" + shown.substr(8);
  s.texts.push_back({shown, {m.width * 0.5f, margin, m.width * 0.5f - margin, row}, TextRole::Title});
  s.texts.push_back({message_.empty() ? " " : message_, {margin, margin + row, m.width - 2 * margin, row},
                     TextRole::Body, false});
  // The server's 21 code letters, then delete, back and OK: an 8-wide grid.
  static const char* kLetters = "ABCDEFGHJKMNPQRSTWXYZ";
  const float top = margin + 2 * row + m.mm(2);
  const int cols = 8, rows = 3;
  const float gap = m.mm(3);
  const float key = std::min({m.mm(28), (m.width - 2 * margin - (cols - 1) * gap) / cols,
                              (m.height - top - margin - (rows - 1) * gap) / rows});
  const float left = (m.width - (cols * key + (cols - 1) * gap)) / 2;
  auto cell = [&](int n) { return Rect{left + (n % cols) * (key + gap), top + (n / cols) * (key + gap), key, key}; };
  int i = 0;
  for (const char* c = kLetters; *c; ++c)
    s.targets.push_back(operator_target(std::string("enroll:") + *c, std::string(1, *c), cell(i++), TargetStyle::Key));
  s.targets.push_back(operator_target("enroll:delete", op("operator.clear"), cell(i++), TargetStyle::Operator));
  s.targets.push_back(operator_target("op:back", op("operator.back"), cell(i++), TargetStyle::Operator));
  s.targets.push_back(operator_target("enroll:ok", op("operator.ok"), cell(i++), TargetStyle::Operator));
  return s;
}

std::vector<std::string> OperatorEnrollScreen::text_keys(const ContentPack&) const {
  return {"operator.enroll.title", "operator.enroll.busy", "operator.enroll.done", "operator.clear", "operator.back",
          "operator.ok"};
}

std::unique_ptr<ScreenUnit> make_operator_enroll_screen() { return std::make_unique<OperatorEnrollScreen>(); }

}  // namespace wk
