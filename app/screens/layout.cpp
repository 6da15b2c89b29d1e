#include "screens/layout.h"

#include <algorithm>
#include <cmath>

namespace wk {

namespace {
constexpr float kMarginMm = 6;
constexpr float kProgressMm = 18;
constexpr float kNavMm = 28;       // nav buttons: 28 mm tall
constexpr float kShortScreenMm = 160;
constexpr float kSpeakerMm = 26;
// Wider than tall: its word ("Luister", about 28 mm at the reading rule's size) fits under the picture.
constexpr float kSpeakerWideMm = 34;
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
  m.rule_cap_px = cap_px;
  return m;
}

bool role_bold(TextRole role) { return role == TextRole::Display || role == TextRole::Title; }

float Metrics::cap_px(TextRole role) const {
  switch (role) {
    case TextRole::Display: return rule_cap_px * 2.4f;
    case TextRole::Title: return rule_cap_px * 1.25f;
    case TextRole::Body:
    case TextRole::Small: break;
  }
  return rule_cap_px;
}

TextSize Metrics::measure(const std::string& utf8, TextRole role, float width_px) const {
  if (text) return text->measure(utf8, cap_px(role), role_bold(role), width_px);
  return estimate_text(utf8, cap_px(role), role_bold(role), width_px);
}

bool Metrics::fits(const std::string& utf8, TextRole role, const Rect& box) const {
  if (utf8.empty()) return true;
  const TextSize s = measure(utf8, role, box.w);
  return !s.word_too_wide && s.height <= box.h + 1;
}

TextSize estimate_text(const std::string& utf8, float cap_px, bool bold, float width_px) {
  const float font_px = cap_px / kNotoCapHeightPerEm;
  const float line_h = font_px * 1.362f;  // Noto Sans ascent + descent
  const float char_w = font_px * (bold ? 0.62f : 0.58f);
  auto chars = [](const std::string& s) {  // code points, not bytes
    return static_cast<float>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xc0) != 0x80; }));
  };
  TextSize out;
  size_t start = 0;
  while (start <= utf8.size()) {
    size_t end = utf8.find('\n', start);
    if (end == std::string::npos) end = utf8.size();
    const std::string para = utf8.substr(start, end - start);
    float line = 0;
    int lines = 1;
    size_t w0 = 0;
    while (w0 <= para.size()) {
      size_t w1 = para.find(' ', w0);
      if (w1 == std::string::npos) w1 = para.size();
      const float word = chars(para.substr(w0, w1 - w0)) * char_w;
      if (width_px > 0 && word > width_px) out.word_too_wide = true;
      const float with = line > 0 ? line + char_w * 0.5f + word : word;
      if (width_px > 0 && line > 0 && with > width_px) {
        out.width = std::max(out.width, line);
        ++lines;
        line = word;
      } else {
        line = with;
      }
      w0 = w1 + 1;
    }
    out.width = std::max(out.width, line);
    out.lines += lines;
    start = end + 1;
  }
  out.height = out.lines * line_h;
  return out;
}

bool short_screen(const Metrics& m) { return m.height / m.px_per_mm < kShortScreenMm; }

PageRegions page_regions(const Metrics& m) {
  // On a short screen (a 10-inch tablet is 136 mm tall) the frame gives the answers more room:
  // smaller margins and step pictures, a lower bottom bar (its buttons stay over 20 mm).
  const bool compact = short_screen(m);
  const float margin = m.mm(compact ? 4 : kMarginMm);
  const float nav_h = m.mm(compact ? 22 : kNavMm);
  PageRegions r;
  // On a short screen the volume button (volume_rect) reaches above the step pictures' row, into
  // the margin, so the row stays low and the answers keep the height.
  r.progress = {margin, margin, m.width - 2 * margin, m.mm(compact ? 14 : kProgressMm)};
  r.nav = {margin, m.height - margin - nav_h, m.width - 2 * margin, nav_h};
  float prompt_top = r.progress.y + r.progress.h + m.mm(4);
  float prompt_h = std::max(m.mm(kSpeakerMm), m.title_px * 2.6f);
  r.prompt = {margin, prompt_top, m.width - 2 * margin, prompt_h};
  const float gap = m.mm(compact ? 3 : 5);
  float body_top = r.prompt.y + r.prompt.h + gap;
  r.body = {margin, body_top, m.width - 2 * margin, r.nav.y - gap - body_top};
  return r;
}

Rect grid_cell_size(const Rect& area, int n, int cols, float gap, float max_w, float max_h) {
  const int rows = (n + cols - 1) / cols;
  return {0, 0, std::min(max_w, (area.w - (cols - 1) * gap) / cols), std::min(max_h, (area.h - (rows - 1) * gap) / rows)};
}

std::vector<Rect> grid_cells_in(const Rect& area, int n, int cols, float gap, float max_w, float max_h, bool top_align) {
  std::vector<Rect> cells;
  if (n <= 0 || cols <= 0) return cells;
  const int rows = (n + cols - 1) / cols;
  const Rect size = grid_cell_size(area, n, cols, gap, max_w, max_h);
  const float cw = size.w, ch = size.h;
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

std::vector<Rect> grid_cells(const Rect& area, int n, float gap, float max_w, float max_h, bool top_align) {
  if (n <= 0) return {};
  int best_cols = 1, best_rows = n;
  float best_score = -1;
  for (int cols = 1; cols <= n; ++cols) {
    int rows = (n + cols - 1) / cols;
    const Rect size = grid_cell_size(area, n, cols, gap, max_w, max_h);
    // The smaller side decides how large a picture can be; on a tie, fewer rows read easier.
    float score = std::min(size.w, size.h);
    if (score > best_score + 0.5f || (score > best_score - 0.5f && rows < best_rows)) {
      best_score = std::max(score, best_score);
      best_cols = cols;
      best_rows = rows;
    }
  }
  return grid_cells_in(area, n, best_cols, gap, max_w, max_h, top_align);
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
  const float h = m.mm(kSpeakerMm), w = m.mm(kSpeakerWideMm);
  return {r.x + r.w - w, r.y + (r.h - h) / 2, w, h};
}

Rect volume_rect(const Metrics& m) {
  if (short_screen(m)) {
    // 1 mm from the top edge: it ends above the prompt row (margin + 14 mm row + 4 mm gap).
    const float side = m.mm(20.5f);
    return {m.width - m.mm(4) - side, m.mm(1), side, side};
  }
  const float side = m.mm(21), margin = m.mm(kMarginMm);
  return {m.width - margin - side, margin, side, side};
}

Rect language_rect(const Metrics& m, float width) {
  const Rect v = volume_rect(m);
  return {v.x - m.mm(short_screen(m) ? 3 : 4) - width, v.y, width, v.h};
}

Rect operator_corner_rect(const Metrics& m) { return {0, 0, m.mm(20), m.mm(20)}; }

}  // namespace wk
