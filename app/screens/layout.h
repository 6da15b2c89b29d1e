#pragma once
// Physical layout: the kiosk knows its screen's size in millimetres, so targets can be
// 20 x 20 mm and text can have the cap height the viewing distance asks for
// (EN 301 549 5.1.4: a capital H subtends 0.7 degrees; 20 mm targets after Colle & Hiszem 2004),
// whatever the pixel density.
#include <string>
#include <vector>

#include "screens/screen_model.h"
#include "screens/text_measure.h"

namespace wk {

struct Metrics {
  float width = 1280, height = 800;  // window, pixels
  float px_per_mm = 96.0f / 25.4f;
  float body_px = 32, title_px = 42, small_px = 26;  // font pixel sizes (em), for spacing
  float rule_cap_px = 22.3f;  // the 0.7 degree rule: the least cap height of any participant text
  const TextMeasure* text = nullptr;  // the window's text engine; null: estimate_text

  float mm(float v) const { return v * px_per_mm; }
  // The cap height (a capital H, pixels) a role is drawn at: body, answers, hints and sources
  // at the rule, titles larger, the participant code larger still.
  float cap_px(TextRole role) const;
  // The block the words of a role take at a width (0: no wrapping).
  TextSize measure(const std::string& utf8, TextRole role, float width_px) const;
  float line_height(TextRole role) const { return measure("H", role, 0).height; }
  // Whether the words fit a box: no word wider than it, all lines inside it.
  bool fits(const std::string& utf8, TextRole role, const Rect& box) const;
};

bool role_bold(TextRole role);
// Without a text engine (headless tests that do not bring one): a cautious guess from Noto
// Sans's proportions, wrapping at spaces.
TextSize estimate_text(const std::string& utf8, float cap_px, bool bold, float width_px);

// Noto Sans cap height is 1462/2048 of the em.
inline constexpr float kNotoCapHeightPerEm = 0.714f;
// A capital H must subtend 0.7 degrees at the viewing distance (EN 301 549 5.1.4).
float min_cap_height_mm(double viewing_distance_cm);
Metrics make_metrics(float width_px, float height_px, float px_per_mm, double viewing_distance_cm);

// Shared page regions, in window pixels.
struct PageRegions {
  Rect progress;  // step pictures along the top
  Rect prompt;    // picture, question, speaker
  Rect body;      // answers
  Rect nav;       // back / stop / next along the bottom
};
PageRegions page_regions(const Metrics& m);

// Lays out n cells in a grid inside area, as large as fits, each at most max_w wide;
// label_h is the room each cell keeps under its picture for words.
std::vector<Rect> grid_cells(const Rect& area, int n, float gap, float max_w, float max_h, bool top_align = false);
// The same with the number of columns given, and the size of one cell of such a grid.
std::vector<Rect> grid_cells_in(const Rect& area, int n, int cols, float gap, float max_w, float max_h,
                                bool top_align = false);
Rect grid_cell_size(const Rect& area, int n, int cols, float gap, float max_w, float max_h);
// A screen under 160 mm tall (a 10-inch tablet): the page frame is tighter.
bool short_screen(const Metrics& m);

// Standard bottom bar positions, identical on every participant screen.
Rect nav_back_rect(const Metrics& m);
Rect nav_stop_rect(const Metrics& m);
Rect nav_next_rect(const Metrics& m);
Rect speaker_rect(const Metrics& m);
// The participant's volume button: the top right corner, above the speaker, 21 x 21 mm.
Rect volume_rect(const Metrics& m);
// The language button (screens/language_button.h), as wide as its word needs: left of the
// volume button, as tall and on the same line.
Rect language_rect(const Metrics& m, float width);
Rect operator_corner_rect(const Metrics& m);

}  // namespace wk
