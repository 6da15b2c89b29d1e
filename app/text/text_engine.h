#pragma once
// The text engine: lays out and draws text in any script with Pango and Cairo. Shaping
// (HarfBuzz, so Arabic letters join), bidirectional runs (the base direction comes from the
// text, or from the style on a right-to-left screen; a right-to-left paragraph is right-aligned
// and keeps Latin words and digits in their order), font fallback through fontconfig and line
// breaking at word boundaries.
//
// Text is sized by real font metrics: the caller asks for the cap height it needs (EN 301 549
// 5.1.4: a capital H subtends 0.7 degrees at the viewing distance; Metrics in
// screens/layout.h turns that into pixels) and the engine chooses the font size at which the
// ink of a capital H is that tall. A script without capitals (Arabic) is drawn larger by its
// font's own proportions, so that its tallest letter (alef) is as tall as Latin's ascender (l)
// at that size and its words are as tall as Latin words beside them. A character no installed font covers is drawn as a visible
// box with its code and logged once per script. No SDL, no GL: it draws into plain RGBA
// buffers, so it runs headless; the window turns the buffers into textures.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

typedef struct _cairo cairo_t;  // as cairo.h declares it; only the print layer draws on one

namespace wk {

enum class TextWeight { Regular, Bold };
// Start: left in a left-to-right paragraph, right in a right-to-left one.
enum class TextAlign { Start, Center };
// The paragraph's base direction. Auto: from its first strong letter. Rtl: the screen of a
// right-to-left language: aligned right, and a text with Arabic letters is a right-to-left
// paragraph even where it starts with a Latin word or a digit (Pango's bidi puts the runs in
// Arabic order); one without any keeps its own order. Ltr: the participant code, which reads
// left to right on any screen.
enum class TextDirection { Auto, Ltr, Rtl };

struct TextStyle {
  float cap_px = 20;    // wanted height of a capital H, pixels
  float width_px = 0;   // lines wrap at word boundaries to fit this width; 0: no wrapping
  TextWeight weight = TextWeight::Regular;
  TextAlign align = TextAlign::Start;
  TextDirection direction = TextDirection::Auto;
};

// One glyph as drawn, in visual order within its run.
struct TextGlyph {
  unsigned id = 0;     // the font's glyph id; kMissingGlyph set when no font has the character
  float x = 0;         // left edge in the block, pixels
  int byte = 0;        // first byte of the text it draws (its cluster)
};

// A stretch of one font, one direction and one script, in visual order within its line.
struct TextRun {
  int line = 0;
  int first_byte = 0, bytes = 0;  // of the text
  float x = 0, width = 0;         // in the block, pixels
  bool rtl = false;
  std::string font;  // the family the fallback chose
  std::vector<TextGlyph> glyphs;
};

struct TextLine {
  int first_byte = 0, bytes = 0;
  float x = 0, y = 0, width = 0, height = 0;  // logical box in the block, pixels
  float baseline = 0;                         // y of the baseline in the block
  bool rtl = false;                           // the paragraph's direction
};

struct TextLayout {
  float width = 0, height = 0;  // the block: width_px when wrapping, else the widest line
  float font_px = 0;            // the font size (em) chosen for the cap height
  bool rtl = false;             // direction of the first paragraph
  bool overflows = false;       // a word wider than width_px sticks out (it is never cut)
  int missing_glyphs = 0;       // characters no installed font covers
  std::vector<TextLine> lines;
  std::vector<TextRun> runs;  // line by line, left to right
};

inline constexpr unsigned kMissingGlyph = 0x10000000u;  // PANGO_GLYPH_UNKNOWN_FLAG

// A block drawn into straight (not premultiplied) RGBA, row after row. The buffer covers the
// ink as well as the logical box: the block's top-left corner is at (origin_x, origin_y) in it.
struct RenderedText {
  int width = 0, height = 0;
  int origin_x = 0, origin_y = 0;
  std::vector<std::uint8_t> rgba;
  TextLayout layout;
  std::size_t bytes() const;
};

inline constexpr const char* kDefaultFamilies = "Noto Sans, Noto Naskh Arabic, Noto Sans Ethiopic";

class TextEngine {
 public:
  // families: the fonts to try first, in order (a Pango family list); for a character none of
  // them has, fontconfig finds one. Noto for Latin, Cyrillic, Arabic and Ethiopic, so the
  // scripts match in weight and size instead of falling back to whatever covers them (DejaVu
  // has Arabic letters too). cache_budget: bytes of drawn blocks kept, least recently used
  // out first.
  explicit TextEngine(std::string families = kDefaultFamilies, std::size_t cache_budget = 48u << 20);
  ~TextEngine();
  TextEngine(const TextEngine&) = delete;
  TextEngine& operator=(const TextEngine&) = delete;

  // The font size (em, pixels) at which a capital H of the family is cap_px tall.
  float font_px_for_cap(float cap_px, TextWeight weight);

  TextLayout layout(const std::string& utf8, const TextStyle& style);

  // Lays out and draws in colour 0xRRGGBBAA; the same text, style and colour come from the
  // cache. A block larger than the whole budget is drawn but not kept.
  std::shared_ptr<const RenderedText> render(const std::string& utf8, const TextStyle& style,
                                             std::uint32_t colour = 0x1a1a1aff);

  // Lays out and draws onto a Cairo context (a PDF page: the glyphs stay text), with the
  // block's top-left corner at (x, y) in its user space, in colour 0xRRGGBBAA. Not cached.
  TextLayout draw_onto(cairo_t* cr, const std::string& utf8, const TextStyle& style, float x, float y,
                       std::uint32_t colour = 0x000000ff);

  std::size_t cache_bytes() const;
  std::size_t cache_budget() const;
  std::size_t cache_entries() const;
  std::size_t cache_hits() const;
  std::size_t cache_misses() const;
  void clear_cache();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wk
