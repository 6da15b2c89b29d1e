#include "screens/layout.h"

#include <algorithm>
#include <cmath>

namespace wk {

namespace {
constexpr float kMarginMm = 6;
constexpr float kProgressMm = 18;
constexpr float kNavMm = 28;       // nav buttons: 28 mm tall
constexpr float kSpeakerMm = 26;
}  // namespace

float min_cap_height_mm(double viewing_distance_cm) {
  const double kPi = 3.14159265358979;
  return static_cast<float>(2.0 * viewing_distance_cm * 10.0 * std::tan(0.35 * kPi / 180.0));
}

Metrics make_metrics(float width_px, float height_px, float px_per_mm, double viewing_distance_cm) {
  Metrics m;
  m.width = width_px;
  m.height = height_px;
  m.px_per_mm = px_per_mm;
  float cap_px = min_cap_height_mm(viewing_distance_cm) * px_per_mm;
  m.body_px = std::ceil(cap_px / kNotoCapHeightPerEm);
  m.title_px = std::ceil(m.body_px * 1.3f);
  m.small_px = std::ceil(m.body_px * 0.75f);
  return m;
}

PageRegions page_regions(const Metrics& m) {
  const float margin = m.mm(kMarginMm);
  PageRegions r;
  r.progress = {margin, margin, m.width - 2 * margin, m.mm(kProgressMm)};
  r.nav = {margin, m.height - margin - m.mm(kNavMm), m.width - 2 * margin, m.mm(kNavMm)};
  float prompt_top = r.progress.y + r.progress.h + m.mm(4);
  float prompt_h = std::max(m.mm(kSpeakerMm), m.title_px * 2.6f);
  r.prompt = {margin, prompt_top, m.width - 2 * margin, prompt_h};
  float body_top = r.prompt.y + r.prompt.h + m.mm(5);
  r.body = {margin, body_top, m.width - 2 * margin, r.nav.y - m.mm(5) - body_top};
  return r;
}

std::vector<Rect> grid_cells(const Rect& area, int n, float gap, float max_w, float max_h, bool top_align) {
  std::vector<Rect> cells;
  if (n <= 0) return cells;
  int best_cols = 1, best_rows = n;
  float best_score = -1;
  for (int cols = 1; cols <= n; ++cols) {
    int rows = (n + cols - 1) / cols;
    float cw = std::min(max_w, (area.w - (cols - 1) * gap) / cols);
    float ch = std::min(max_h, (area.h - (rows - 1) * gap) / rows);
    // The smaller side decides how large a picture can be; on a tie, fewer rows read easier.
    float score = std::min(cw, ch);
    if (score > best_score + 0.5f || (score > best_score - 0.5f && rows < best_rows)) {
      best_score = std::max(score, best_score);
      best_cols = cols;
      best_rows = rows;
    }
  }
  int cols = best_cols;
  int rows = (n + cols - 1) / cols;
  float cw = std::min(max_w, (area.w - (cols - 1) * gap) / cols);
  float ch = std::min(max_h, (area.h - (rows - 1) * gap) / rows);
  float grid_h = rows * ch + (rows - 1) * gap;
  float top = top_align ? area.y : area.y + (area.h - grid_h) / 2;
  for (int i = 0; i < n; ++i) {
    int row = i / cols;
    int in_row = std::min(cols, n - row * cols);
    float row_w = in_row * cw + (in_row - 1) * gap;
    float left = area.x + (area.w - row_w) / 2;
    int col = i % cols;
    cells.push_back({left + col * (cw + gap), top + row * (ch + gap), cw, ch});
  }
  return cells;
}

namespace {
constexpr float kNavBackMm = 62, kNavStopMm = 62, kNavNextMm = 80, kNavGapMm = 10;
// The bar's buttons keep their widths where they fit; on a narrow screen (a 10-inch tablet
// is 217 mm wide) they shrink together so that stop and next never overlap.
float nav_scale(const Metrics& m) {
  const float bar = page_regions(m).nav.w - 2 * m.mm(kNavGapMm);
  return std::min(1.0f, bar / m.mm(kNavBackMm + kNavStopMm + kNavNextMm));
}
}  // namespace

Rect nav_back_rect(const Metrics& m) {
  auto r = page_regions(m).nav;
  return {r.x, r.y, m.mm(kNavBackMm) * nav_scale(m), r.h};
}

Rect nav_stop_rect(const Metrics& m) {
  auto r = page_regions(m).nav;
  const float s = nav_scale(m);
  return {r.x + m.mm(kNavBackMm) * s + m.mm(kNavGapMm), r.y, m.mm(kNavStopMm) * s, r.h};
}

Rect nav_next_rect(const Metrics& m) {
  auto r = page_regions(m).nav;
  float w = m.mm(kNavNextMm) * nav_scale(m);
  return {r.x + r.w - w, r.y, w, r.h};
}

Rect speaker_rect(const Metrics& m) {
  auto r = page_regions(m).prompt;
  float s = m.mm(kSpeakerMm);
  return {r.x + r.w - s, r.y + (r.h - s) / 2, s, s};
}

Rect volume_rect(const Metrics& m) {
  const float side = m.mm(21), margin = m.mm(kMarginMm);
  return {m.width - margin - side, margin, side, side};
}

Rect operator_corner_rect(const Metrics& m) { return {0, 0, m.mm(20), m.mm(20)}; }

}  // namespace wk
