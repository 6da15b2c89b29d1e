#pragma once
// Answer cards, as many on a page as fit: every card at least 20 x 20 mm, its picture at least
// kMinCardPictureMm, its words inside it at the reading rule's size, measured, and room for
// its own speaker. When all
// options do not fit, they go on pages of the same size, with one cell for the "other choices"
// card that turns the page (always in the same place, the last cell).
#include <string>
#include <vector>

#include "screens/layout.h"

namespace wk {

inline constexpr float kMinTargetMm = 20;

struct CardPages {
  int per_page = 0;          // options on a full page
  int pages = 1;
  std::vector<Rect> cells;   // per_page cells, then (with pages > 1) the page-turn card's
  bool fits = true;          // false: even one option a page does not fit (the linter says so)
  Rect more() const { return pages > 1 ? cells.back() : Rect{}; }
};

// labels: the options' words; more_labels: the page-turn card's words, every one of them must
// fit its card (the language screen shows it in the language being said); own_listen: each card
// keeps room for its own speaker (TargetParts::listen).
CardPages card_pages(const Metrics& m, const Rect& area, const std::vector<std::string>& labels,
                     const std::vector<std::string>& more_labels, bool own_listen, float gap, float max_w,
                     float max_h);
inline CardPages card_pages(const Metrics& m, const Rect& area, const std::vector<std::string>& labels,
                            const std::string& more_label, bool own_listen, float gap, float max_w, float max_h) {
  return card_pages(m, area, labels, std::vector<std::string>{more_label}, own_listen, gap, max_w, max_h);
}

// The options on a page: [first, first + count).
struct PageSpan {
  int first = 0, count = 0;
};
PageSpan page_span(const CardPages& p, int n, int page);

}  // namespace wk
