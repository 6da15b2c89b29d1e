#include "print/slip_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>

#include "platform/log.h"
#include "screens/layout.h"

namespace wk {

namespace {

// The page is laid out in dots of 1/300 inch: the text engine rounds glyph advances to whole
// units, which on paper must be finer than a point.
constexpr double kDotsPerMm = 300.0 / 25.4;
constexpr double kPointsPerDot = 72.0 / 300.0;
constexpr float dots(double mm) { return static_cast<float>(mm * kDotsPerMm); }

class SlipPage {
 public:
  SlipPage(cairo_t* cr, TextEngine& engine) : cr_(cr), engine_(engine) {}

  float y = dots(15);
  const float left = dots(15), width = dots(kSlipPageWidthMm - 30);
  const float body_cap = dots(min_cap_height_mm(kSlipReadingDistanceCm));
  const float code_cap = dots(min_cap_height_mm(kSlipCodeDistanceCm));
  const float title_cap = body_cap * 1.3f;

  // Words from the left edge at x, width w; returns their height.
  float words(const std::string& text, float x, float top, float w, float cap, TextWeight weight,
              TextAlign align = TextAlign::Start) {
    if (text.empty()) return 0;
    return engine_.draw_onto(cr_, text, {cap, w, weight, align}, x, top).height;
  }

  void heading(const std::string& text) {
    y += words(text, left, y, width, title_cap, TextWeight::Bold) + dots(3);
  }

  // The code, large and in groups, in a box across the page, with what it is for under it.
  void code(const std::string& code, const std::string& code_for) {
    const TextLayout l = engine_.layout(code, {code_cap, 0, TextWeight::Bold, TextAlign::Start});
    const float pad = dots(5), box_h = l.height + 2 * pad;
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_set_line_width(cr_, dots(0.8));
    cairo_rectangle(cr_, left, y, width, box_h);
    cairo_stroke(cr_);
    words(code, left, y + pad, width, code_cap, TextWeight::Bold, TextAlign::Center);
    y += box_h + dots(3);
    y += words(code_for, left, y, width, body_cap, TextWeight::Regular, TextAlign::Center) + dots(8);
  }

  // A picture with its words beside it (and "when" under them, bold, after its own picture, a
  // line and a half tall as on the screen).
  void line(const SlipLine& item, float picture_mm) {
    const float pic = dots(picture_mm), gap = dots(6);
    const float text_x = left + pic + gap, text_w = width - pic - gap;
    const TextLayout a = engine_.layout(item.words, {body_cap, text_w, TextWeight::Regular, TextAlign::Start});
    const float when_pic = item.when_picture.empty() ? 0 : engine_.layout("H", {body_cap, 0}).height * 1.5f;
    const float when_x = text_x + (when_pic > 0 ? when_pic + dots(2) : 0), when_w = text_x + text_w - when_x;
    const TextLayout b = item.when.empty()
                             ? TextLayout{}
                             : engine_.layout(item.when, {body_cap, when_w, TextWeight::Bold, TextAlign::Start});
    const float when_h = item.when.empty() ? 0 : std::max(b.height, when_pic);
    const float text_h = a.height + when_h;
    const float row_h = std::max(pic, text_h);
    picture(item.picture, left, y + (row_h - pic) / 2, pic);
    float ty = y + (row_h - text_h) / 2;
    ty += words(item.words, text_x, ty, text_w, body_cap, TextWeight::Regular);
    if (!item.when.empty()) {
      picture(item.when_picture, text_x, ty + (when_h - when_pic) / 2, when_pic);
      words(item.when, when_x, ty + (when_h - b.height) / 2, when_w, body_cap, TextWeight::Bold);
    }
    y += row_h + dots(4);
  }

  void gap(double mm) { y += dots(mm); }

 private:
  void picture(const std::string& png, float x, float top, float size) {
    if (png.empty()) return;
    cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
    if (cairo_surface_status(image) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(image) > 0) {
      const double scale = size / std::max(cairo_image_surface_get_width(image), cairo_image_surface_get_height(image));
      cairo_save(cr_);
      cairo_translate(cr_, x, top);
      cairo_scale(cr_, scale, scale);
      cairo_set_source_surface(cr_, image, 0, 0);
      cairo_paint(cr_);
      cairo_restore(cr_);
    } else {
      log::warn("print", "slip picture " + png + " does not load; the words go without it");
    }
    cairo_surface_destroy(image);
  }

  cairo_t* cr_;
  TextEngine& engine_;
};

}  // namespace

std::optional<std::string> write_slip_pdf(const SlipContent& slip, TextEngine& engine, const std::string& path) {
  const double w_pt = kSlipPageWidthMm / 25.4 * 72, h_pt = kSlipPageHeightMm / 25.4 * 72;
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), w_pt, h_pt);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, slip.title.c_str());
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, kPointsPerDot, kPointsPerDot);

  SlipPage page(cr, engine);
  page.heading(slip.title);
  page.code(slip.code, slip.code_for);
  if (!slip.plan.empty()) {
    page.heading(slip.plan_title);
    for (const auto& step : slip.plan) page.line(step, 25);
    page.gap(4);
  }
  if (!slip.occupations.empty()) {
    page.heading(slip.work_title);
    for (const auto& job : slip.occupations) page.line(job, 25);
  }
  const bool overflows = page.y > dots(kSlipPageHeightMm - 10);

  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return "cannot write the slip " + path + ": " + cairo_status_to_string(status);
  if (overflows) return "the slip does not fit one page (" + std::to_string(static_cast<int>(page.y / kDotsPerMm)) + " mm)";
  return std::nullopt;
}

}  // namespace wk
