#include "screens/card_pages.h"

#include <algorithm>

#include "platform/log.h"
#include "screens/target_parts.h"

namespace wk {

namespace {
// Whether every word fits a card of this size, with the card and its picture large enough:
// the options' cards with their own speaker, the page-turn card (each of more's words) without.
bool cell_fits(const Metrics& m, const Rect& cell, const std::vector<std::string>& labels,
               const std::vector<std::string>& more, bool own_listen) {
  if (cell.w < m.mm(kMinTargetMm) - 0.01f || cell.h < m.mm(kMinTargetMm) - 0.01f) return false;
  Target card;
  card.rect = cell;
  card.picture = "-";  // any: every answer card has one
  card.own_listen = own_listen;
  for (const auto& label : labels) {
    card.label = label;
    if (!target_fits(m, card)) return false;
  }
  card.own_listen = false;
  for (const auto& label : more) {
    card.label = label;
    if (!target_fits(m, card)) return false;
  }
  return true;
}

// The grid of `cells` equal cards in area where every option's label fits (any option may be
// on any page), and the page-turn card's words (more), with the largest cards (on a tie, fewer rows); empty when none fits.
// A card is at most max_w wide, unless only a wider, low card (words beside the picture) holds
// the words.
std::vector<Rect> best_grid(const Metrics& m, const Rect& area, int cells, const std::vector<std::string>& labels,
                            const std::vector<std::string>& more, bool own_listen, float gap, float max_w,
                            float max_h) {
  int best_cols = 0, best_rows = 0;
  float best_score = -1, best_max_w = max_w;
  for (float mw : {max_w, area.w}) {
    for (int cols = 1; cols <= cells; ++cols) {
      const int rows = (cells + cols - 1) / cols;
      const Rect cell = grid_cell_size(area, cells, cols, gap, mw, max_h);
      if (!cell_fits(m, cell, labels, more, own_listen)) continue;
      const float score = std::min(cell.w, cell.h);
      if (score > best_score + 0.5f || (score > best_score - 0.5f && rows < best_rows)) {
        best_score = std::max(score, best_score);
        best_cols = cols;
        best_rows = rows;
        best_max_w = mw;
      }
    }
    if (best_cols > 0) break;
  }
  if (best_cols == 0) return {};
  return grid_cells_in(area, cells, best_cols, gap, best_max_w, max_h);
}
}  // namespace

CardPages card_pages(const Metrics& m, const Rect& area, const std::vector<std::string>& labels,
                     const std::vector<std::string>& more_labels, bool own_listen, float gap, float max_w,
                     float max_h) {
  const int n = static_cast<int>(labels.size());
  CardPages out;
  if (n == 0) return out;
  // All options on one page if they fit, else as many as fit beside the page-turn card. For
  // each count, every column count is tried: a short screen fits wide, low cards (picture
  // beside the words) where square ones do not. When the page-turn card as one of the grid's
  // cells leaves too little room, it becomes a column of its own on the right.
  for (int k = n; k >= 1; --k) {
    const bool paged = k < n;
    std::vector<Rect> cells =
        best_grid(m, area, paged ? k + 1 : k, labels, paged ? more_labels : std::vector<std::string>{}, own_listen, gap,
                  max_w, max_h);
    if (cells.empty() && paged) {
      for (float share : {0.25f, 0.33f}) {
        const float more_w = std::min(area.w * share, max_w);
        const Rect more{area.x + area.w - more_w, area.y, more_w, std::min(area.h, max_h)};
        if (!cell_fits(m, more, {}, more_labels, false)) continue;
        const Rect rest{area.x, area.y, area.w - more_w - gap, area.h};
        cells = best_grid(m, rest, k, labels, {}, own_listen, gap, max_w, max_h);
        if (cells.empty()) continue;
        cells.push_back({more.x, area.y + (area.h - more.h) / 2, more.w, more.h});
        break;
      }
    }
    if (cells.empty()) continue;
    out.per_page = k;
    out.pages = (n + k - 1) / k;
    out.cells = std::move(cells);
    return out;
  }
  // Not even one card a page fits: one a page, and the linter reports the words.
  {
    std::string which;
    const Rect cell = grid_cell_size(area, 2, 2, gap, area.w, max_h);
    for (const auto& l : labels)
      if (!cell_fits(m, cell, {l}, {}, own_listen)) which += " '" + l + "'";
    for (const auto& l : more_labels)
      if (!cell_fits(m, cell, {}, {l}, own_listen)) which += " '" + l + "'";
    log::warn("layout", "cards do not fit even one a page in " + std::to_string(cell.w / m.px_per_mm) + " x " +
                            std::to_string(cell.h / m.px_per_mm) + " mm:" + which);
  }
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
