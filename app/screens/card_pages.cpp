#include "screens/card_pages.h"

#include <algorithm>

#include "screens/target_parts.h"

namespace wk {

namespace {
// Whether every word fits a card of this size, with the card and its picture large enough.
bool cell_fits(const Metrics& m, const Rect& cell, const std::vector<std::string>& labels) {
  if (cell.w < m.mm(kMinTargetMm) - 0.01f || cell.h < m.mm(kMinTargetMm) - 0.01f) return false;
  Target card;
  card.rect = cell;
  card.picture = "-";  // any: every answer card has one
  for (const auto& label : labels) {
    card.label = label;
    if (!target_fits(m, card)) return false;
  }
  return true;
}
}  // namespace

CardPages card_pages(const Metrics& m, const Rect& area, const std::vector<std::string>& labels,
                     const std::string& more_label, float gap, float max_w, float max_h) {
  const int n = static_cast<int>(labels.size());
  CardPages out;
  if (n == 0) return out;
  auto all_labels = labels;
  all_labels.push_back(more_label);
  // grid_cells makes cells of one size, so the first cell tells for all.
  auto cells = grid_cells(area, n, gap, max_w, max_h);
  if (cell_fits(m, cells[0], labels)) {
    out.per_page = n;
    out.cells = std::move(cells);
    return out;
  }
  for (int k = n - 1; k >= 1; --k) {
    cells = grid_cells(area, k + 1, gap, max_w, max_h);
    if (!cell_fits(m, cells[0], all_labels)) continue;
    out.per_page = k;
    out.pages = (n + k - 1) / k;
    out.cells = std::move(cells);
    return out;
  }
  // Not even one card a page fits: one a page, and the linter reports the words.
  out.per_page = 1;
  out.pages = n;
  out.cells = grid_cells(area, n > 1 ? 2 : 1, gap, max_w, max_h);
  out.fits = false;
  return out;
}

PageSpan page_span(const CardPages& p, int n, int page) {
  if (p.per_page <= 0 || n <= 0) return {};
  page = std::clamp(page, 0, p.pages - 1);
  const int first = page * p.per_page;
  return {first, std::min(p.per_page, n - first)};
}

}  // namespace wk
