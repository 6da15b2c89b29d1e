#include "text/text_engine.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <list>
#include <map>
#include <set>
#include <unordered_map>

#include "platform/log.h"

namespace wk {

std::size_t RenderedText::bytes() const {
  std::size_t n = sizeof(RenderedText) + rgba.size();
  for (const auto& r : layout.runs) n += sizeof(TextRun) + r.font.size() + r.glyphs.size() * sizeof(TextGlyph);
  return n + layout.lines.size() * sizeof(TextLine);
}

namespace {

constexpr float kScale = PANGO_SCALE;

// Owns a PangoLayout for one scope.
struct LayoutPtr {
  PangoLayout* p;
  explicit LayoutPtr(PangoLayout* q) : p(q) {}
  ~LayoutPtr() { g_object_unref(p); }
  LayoutPtr(const LayoutPtr&) = delete;
  LayoutPtr& operator=(const LayoutPtr&) = delete;
  PangoLayout* get() const { return p; }
};

// Pango wants valid UTF-8; a bad byte becomes U+FFFD instead of a warning or worse.
std::string valid_utf8(const std::string& s) {
  if (g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) return s;
  gchar* fixed = g_utf8_make_valid(s.data(), static_cast<gssize>(s.size()));
  std::string out(fixed);
  g_free(fixed);
  return out;
}

std::string script_name(gunichar c) {
  guint32 tag = g_unicode_script_to_iso15924(g_unichar_get_script(c));
  std::string s;
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((tag >> shift) & 0xff);
  return s;
}

// Whether the text has a letter of a right-to-left script. On a right-to-left screen such a
// text is a right-to-left paragraph (also when it starts with a Latin word or a digit); one
// without (a Dutch text standing in for a missing translation) keeps its own order, right-aligned.
bool has_rtl_letter(const std::string& text) {
  for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p)) {
    switch (g_unichar_get_script(g_utf8_get_char(p))) {
      case G_UNICODE_SCRIPT_ARABIC:
      case G_UNICODE_SCRIPT_HEBREW:
      case G_UNICODE_SCRIPT_SYRIAC:
      case G_UNICODE_SCRIPT_THAANA:
      case G_UNICODE_SCRIPT_NKO:
        return true;
      default:
        break;
    }
  }
  return false;
}

// Scripts without capitals, each with its tallest ordinary letter. A role is sized by a capital
// H, which such a script lacks: in Noto Naskh Arabic at the size that makes H 0.714 em, alef
// stands 0.671 em and the body (heh) 0.41 em, against Latin's l at 0.76 and x at 0.54, so a
// word looked a size smaller. Its letters are scaled so its tallest letter (alef) is as tall as
// Latin's ascender (l): a word's ink, top to bottom, then matches a Latin word's at the same
// role (language screen at 24": 31 px against English 32 and Ukrainian 31; it was 27).
// Matching heh to x instead (x 1.31) draws Arabic larger than Latin (36 px) and its 1.7 em
// lines no longer fit the 10" tablet's answer cards.
struct CaselessScript {
  GUnicodeScript script;
  const char* tallest_letter;
};
constexpr CaselessScript kCaselessScripts[] = {{G_UNICODE_SCRIPT_ARABIC, "\xd8\xa7"}};  // U+0627 alef

// Byte ranges of the text in a caseless script: from its letter on, through spaces, marks and
// punctuation, up to a letter of another script or a digit (digits stay Latin-sized).
std::vector<std::pair<int, int>> script_stretches(const std::string& text, GUnicodeScript script) {
  std::vector<std::pair<int, int>> out;
  int start = -1;
  for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    const GUnicodeScript sc = g_unichar_get_script(c);
    const int at = static_cast<int>(p - text.c_str());
    const bool neutral = (sc == G_UNICODE_SCRIPT_COMMON || sc == G_UNICODE_SCRIPT_INHERITED) && !g_unichar_isdigit(c);
    if (sc == script && start < 0) start = at;
    if (start >= 0 && sc != script && !neutral) {
      out.emplace_back(start, at);
      start = -1;
    }
  }
  if (start >= 0) out.emplace_back(start, static_cast<int>(text.size()));
  return out;
}

std::string hex_code(gunichar c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

}  // namespace

struct TextEngine::Impl {
  std::string family;
  PangoFontMap* font_map = nullptr;
  PangoContext* context = nullptr;
  // A context per fixed base direction (a layout takes its base direction from its context).
  PangoContext* context_ltr = nullptr;
  PangoContext* context_rtl = nullptr;
  std::map<std::pair<int, int>, float> font_px_cache;  // (cap in 1/64 px, weight) -> font px
  std::map<std::pair<int, int>, float> caseless_cache;  // (script, weight) -> size factor
  std::set<std::string> logged_scripts;

  // The cache of drawn blocks: most recently used at the front.
  struct Entry {
    std::string key;
    std::shared_ptr<const RenderedText> block;
    std::size_t bytes = 0;
  };
  std::list<Entry> lru;
  std::unordered_map<std::string, std::list<Entry>::iterator> index;
  std::size_t budget = 0, used = 0, hits = 0, misses = 0;

  Impl(std::string f, std::size_t b) : family(std::move(f)), budget(b) {
    font_map = pango_cairo_font_map_new();
    context = pango_font_map_create_context(font_map);
    cairo_font_options_t* options = cairo_font_options_create();
    // Grey antialiasing (the texture is drawn on any background). Outlines unhinted: the
    // autohinter rounds a cap height to the grid in jumps of two pixels at some sizes, so the
    // size asked for could not be met. Metrics hinted: baselines and advances on whole
    // pixels, so the bottom of a capital sits sharp on its row.
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_ON);
    context_ltr = pango_font_map_create_context(font_map);
    context_rtl = pango_font_map_create_context(font_map);
    pango_context_set_base_dir(context_ltr, PANGO_DIRECTION_LTR);
    pango_context_set_base_dir(context_rtl, PANGO_DIRECTION_RTL);
    for (PangoContext* c : {context, context_ltr, context_rtl}) {
      pango_cairo_context_set_font_options(c, options);
      pango_cairo_context_set_resolution(c, 96);
    }
    cairo_font_options_destroy(options);
  }
  ~Impl() {
    lru.clear();
    index.clear();
    g_object_unref(context);
    g_object_unref(context_ltr);
    g_object_unref(context_rtl);
    g_object_unref(font_map);
  }

  PangoLayout* make(const std::string& text, float font_px, TextWeight weight, float width_px, TextAlign align,
                    TextDirection direction = TextDirection::Auto, bool scale_caseless = true) {
    const bool rtl_base = direction == TextDirection::Rtl && has_rtl_letter(text);
    PangoLayout* layout = pango_layout_new(rtl_base ? context_rtl : direction == TextDirection::Auto ? context : context_ltr);
    PangoFontDescription* desc = pango_font_description_new();
    pango_font_description_set_family(desc, family.c_str());
    pango_font_description_set_weight(desc, weight == TextWeight::Bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(desc, font_px * kScale);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    // Auto: each paragraph's direction from its first strong letter; else the context's.
    pango_layout_set_auto_dir(layout, direction == TextDirection::Auto);
    // Start: with auto_dir, Pango takes LEFT as the start (right in a right-to-left paragraph);
    // without it LEFT is left, so a right-to-left base direction starts at the RIGHT.
    pango_layout_set_alignment(layout, align == TextAlign::Center         ? PANGO_ALIGN_CENTER
                                       : direction == TextDirection::Rtl ? PANGO_ALIGN_RIGHT
                                                                         : PANGO_ALIGN_LEFT);
    if (width_px > 0) {
      pango_layout_set_width(layout, static_cast<int>(std::floor(width_px * kScale)));
      pango_layout_set_wrap(layout, PANGO_WRAP_WORD);  // never inside a word
    }
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    if (scale_caseless) scale_caseless_scripts(layout, text, weight);
    return layout;
  }

  // The ink top above the baseline of a text at 1000 px, unscaled, in em.
  float ink_top_em(const char* text, TextWeight weight) {
    LayoutPtr l(make(text, 1000, weight, 0, TextAlign::Start, TextDirection::Auto, false));
    PangoRectangle ink;
    pango_layout_get_extents(l.get(), &ink, nullptr);
    return (pango_layout_get_baseline(l.get()) - ink.y) / kScale / 1000;
  }

  // How much larger a caseless script is drawn so that its tallest letter is as tall as Latin's
  // ascender at the same size, from the fonts the fallback picks (1 when a font lacks the letter).
  float caseless_factor(const CaselessScript& cs, TextWeight weight) {
    const auto key = std::make_pair(static_cast<int>(cs.script), static_cast<int>(weight));
    if (auto it = caseless_cache.find(key); it != caseless_cache.end()) return it->second;
    const float tallest = ink_top_em(cs.tallest_letter, weight), ascender = ink_top_em("l", weight);
    const float factor = tallest > 0.1f && ascender > tallest ? ascender / tallest : 1.0f;
    caseless_cache[key] = factor;
    return factor;
  }

  void scale_caseless_scripts(PangoLayout* layout, const std::string& text, TextWeight weight) {
    PangoAttrList* attrs = nullptr;
    for (const auto& cs : kCaselessScripts) {
      auto stretches = script_stretches(text, cs.script);
      if (stretches.empty()) continue;
      const float factor = caseless_factor(cs, weight);
      if (factor == 1.0f) continue;
      if (!attrs) attrs = pango_attr_list_new();
      for (const auto& [from, to] : stretches) {
        PangoAttribute* a = pango_attr_scale_new(factor);
        a->start_index = static_cast<guint>(from);
        a->end_index = static_cast<guint>(to);
        pango_attr_list_insert(attrs, a);
      }
    }
    if (!attrs) return;
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
  }

  // The cap height as drawn: rows of a capital H that are at least half covered. Hinting
  // puts the H's top and bottom on whole pixels, so this is what a person sees.
  int drawn_cap_height(float font_px, TextWeight weight) {
    LayoutPtr l(make("H", font_px, weight, 0, TextAlign::Start));
    PangoRectangle ink;
    pango_layout_get_pixel_extents(l.get(), &ink, nullptr);
    const int w = ink.x + ink.width + 2, h = ink.y + ink.height + 2;
    if (w <= 2 || h <= 2) return 0;
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgba(cr, 1, 1, 1, 1);
    pango_cairo_show_layout(cr, l.get());
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    int top = -1, bottom = -1;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        if ((reinterpret_cast<const std::uint32_t*>(data + y * stride)[x] >> 24) >= 128) {
          if (top < 0) top = y;
          bottom = y;
          break;
        }
    cairo_surface_destroy(surface);
    return top < 0 ? 0 : bottom - top + 1;
  }

  float font_px_for_cap(float cap_px, TextWeight weight) {
    cap_px = std::max(cap_px, 1.0f);
    const auto key = std::make_pair(static_cast<int>(std::lround(cap_px * 64)), static_cast<int>(weight));
    if (auto it = font_px_cache.find(key); it != font_px_cache.end()) return it->second;
    // The family's own proportion from the ink of a large H gives the size at which the
    // outline of H is cap_px tall; then it is checked as drawn: the rows at least half covered
    // must reach the next whole pixel, so a person sees no less than was asked.
    const float reference = 1000;
    LayoutPtr big(make("H", reference, weight, 0, TextAlign::Start));
    PangoRectangle ink;
    pango_layout_get_extents(big.get(), &ink, nullptr);
    const float ratio = ink.height / kScale / reference;
    float px = ratio > 0.1f ? cap_px / ratio : cap_px / 0.714f;
    const int want = static_cast<int>(std::ceil(cap_px - 0.01f));
    const float step = std::max(0.05f, px * 0.003f);
    for (int i = 0; i < 60 && drawn_cap_height(px, weight) < want; ++i) px += step;
    font_px_cache[key] = px;
    return px;
  }

  TextLayout describe(PangoLayout* layout, const std::string& text, float font_px, const TextStyle& style) {
    TextLayout out;
    out.font_px = font_px;
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    out.width = style.width_px > 0 ? style.width_px : logical.width / kScale;
    out.height = logical.height / kScale;
    out.overflows = style.width_px > 0 && (logical.x + logical.width) / kScale > style.width_px + 0.5f;
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    int line_no = 0;
    do {
      PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
      PangoRectangle line_rect;
      pango_layout_iter_get_line_extents(it, nullptr, &line_rect);
      TextLine tl;
      tl.first_byte = line->start_index;
      tl.bytes = line->length;
      tl.x = line_rect.x / kScale;
      tl.y = line_rect.y / kScale;
      tl.width = line_rect.width / kScale;
      tl.height = line_rect.height / kScale;
      tl.baseline = pango_layout_iter_get_baseline(it) / kScale;
      tl.rtl = pango_layout_line_get_resolved_direction(line) == PANGO_DIRECTION_RTL;
      if (line_no == 0) out.rtl = tl.rtl;
      // Runs are in visual order, left to right, from the line's left edge.
      int x = line_rect.x;
      for (GSList* r = line->runs; r; r = r->next) {
        auto* run = static_cast<PangoGlyphItem*>(r->data);
        TextRun tr;
        tr.line = line_no;
        tr.first_byte = run->item->offset;
        tr.bytes = run->item->length;
        tr.rtl = run->item->analysis.level % 2 == 1;
        if (PangoFont* font = run->item->analysis.font) {
          PangoFontDescription* d = pango_font_describe(font);
          if (const char* fam = pango_font_description_get_family(d)) tr.font = fam;
          pango_font_description_free(d);
        }
        tr.x = x / kScale;
        PangoGlyphString* gs = run->glyphs;
        for (int g = 0; g < gs->num_glyphs; ++g) {
          const PangoGlyphInfo& info = gs->glyphs[g];
          TextGlyph glyph;
          glyph.id = info.glyph;
          glyph.x = (x + info.geometry.x_offset) / kScale;
          glyph.byte = run->item->offset + gs->log_clusters[g];
          if (info.glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
            ++out.missing_glyphs;
            note_missing(text, glyph.byte);
          }
          x += info.geometry.width;
          tr.glyphs.push_back(glyph);
        }
        tr.width = x / kScale - tr.x;
        out.runs.push_back(std::move(tr));
      }
      out.lines.push_back(tl);
      ++line_no;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return out;
  }

  void note_missing(const std::string& text, int byte) {
    if (byte < 0 || static_cast<std::size_t>(byte) >= text.size()) return;
    gunichar c = g_utf8_get_char(text.data() + byte);
    std::string script = script_name(c);
    if (!logged_scripts.insert(script).second) return;
    log::warn("text", "no installed font covers script " + script + " (" + hex_code(c) +
                          "); drawn as a box with its code. Install a font for it (fonts-noto-*)");
  }

  TextLayout layout(const std::string& raw, const TextStyle& style) {
    const std::string text = valid_utf8(raw);
    const float font_px = font_px_for_cap(style.cap_px, style.weight);
    LayoutPtr l(make(text, font_px, style.weight, style.width_px, style.align, style.direction));
    return describe(l.get(), text, font_px, style);
  }

  std::shared_ptr<const RenderedText> draw(const std::string& raw, const TextStyle& style, std::uint32_t colour) {
    const std::string text = valid_utf8(raw);
    const float font_px = font_px_for_cap(style.cap_px, style.weight);
    LayoutPtr l(make(text, font_px, style.weight, style.width_px, style.align, style.direction));
    auto block = std::make_shared<RenderedText>();
    block->layout = describe(l.get(), text, font_px, style);
    PangoRectangle ink, logical;
    pango_layout_get_extents(l.get(), &ink, &logical);
    // The buffer holds the ink and the logical box (whichever reaches further).
    const float x0 = std::min({0.0f, ink.x / kScale, logical.x / kScale});
    const float y0 = std::min({0.0f, ink.y / kScale, logical.y / kScale});
    const float x1 = std::max({(ink.x + ink.width) / kScale, (logical.x + logical.width) / kScale, 1.0f});
    const float y1 = std::max({(ink.y + ink.height) / kScale, (logical.y + logical.height) / kScale, 1.0f});
    block->origin_x = static_cast<int>(std::ceil(-x0));
    block->origin_y = static_cast<int>(std::ceil(-y0));
    block->width = block->origin_x + static_cast<int>(std::ceil(x1)) + 1;
    block->height = block->origin_y + static_cast<int>(std::ceil(y1)) + 1;
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, block->width, block->height);
    cairo_t* cr = cairo_create(surface);
    cairo_translate(cr, block->origin_x, block->origin_y);
    cairo_set_source_rgba(cr, 1, 1, 1, 1);
    pango_cairo_show_layout(cr, l.get());
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    // One colour drawn: the coverage is the alpha, the colour is the colour (straight alpha).
    const std::uint8_t red = colour >> 24, green = (colour >> 16) & 0xff, blue = (colour >> 8) & 0xff,
                       alpha = colour & 0xff;
    block->rgba.resize(static_cast<std::size_t>(block->width) * block->height * 4);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    std::uint8_t* out = block->rgba.data();
    for (int y = 0; y < block->height; ++y) {
      const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
      for (int x = 0; x < block->width; ++x) {
        const unsigned coverage = row[x] >> 24;
        *out++ = red;
        *out++ = green;
        *out++ = blue;
        *out++ = static_cast<std::uint8_t>((coverage * alpha + 127) / 255);
      }
    }
    cairo_surface_destroy(surface);
    return block;
  }

  TextLayout draw_onto(cairo_t* cr, const std::string& raw, const TextStyle& style, float x, float y,
                       std::uint32_t colour) {
    const std::string text = valid_utf8(raw);
    const float font_px = font_px_for_cap(style.cap_px, style.weight);
    LayoutPtr l(make(text, font_px, style.weight, style.width_px, style.align, style.direction));
    TextLayout out = describe(l.get(), text, font_px, style);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_set_source_rgba(cr, (colour >> 24) / 255.0, ((colour >> 16) & 0xff) / 255.0, ((colour >> 8) & 0xff) / 255.0,
                          (colour & 0xff) / 255.0);
    pango_cairo_show_layout(cr, l.get());
    cairo_restore(cr);
    return out;
  }

  std::shared_ptr<const RenderedText> render(const std::string& text, const TextStyle& style, std::uint32_t colour) {
    char head[160];
    std::snprintf(head, sizeof head, "%.3f|%.3f|%d|%d|%d|%08x|", style.cap_px, style.width_px,
                  static_cast<int>(style.weight), static_cast<int>(style.align), static_cast<int>(style.direction), colour);
    std::string key = head + text;
    if (auto it = index.find(key); it != index.end()) {
      ++hits;
      lru.splice(lru.begin(), lru, it->second);
      return it->second->block;
    }
    ++misses;
    auto block = draw(text, style, colour);
    const std::size_t bytes = block->bytes() + key.size() * 2 + sizeof(Entry) + 64;
    if (bytes > budget) return block;
    while (used + bytes > budget && !lru.empty()) {
      used -= lru.back().bytes;
      index.erase(lru.back().key);
      lru.pop_back();
    }
    lru.push_front({key, block, bytes});
    index[std::move(key)] = lru.begin();
    used += bytes;
    return block;
  }
};

TextEngine::TextEngine(std::string family, std::size_t cache_budget)
    : impl_(std::make_unique<Impl>(std::move(family), cache_budget)) {}
TextEngine::~TextEngine() = default;

float TextEngine::font_px_for_cap(float cap_px, TextWeight weight) { return impl_->font_px_for_cap(cap_px, weight); }
TextLayout TextEngine::layout(const std::string& utf8, const TextStyle& style) { return impl_->layout(utf8, style); }
std::shared_ptr<const RenderedText> TextEngine::render(const std::string& utf8, const TextStyle& style,
                                                       std::uint32_t colour) {
  return impl_->render(utf8, style, colour);
}
TextLayout TextEngine::draw_onto(cairo_t* cr, const std::string& utf8, const TextStyle& style, float x, float y,
                                 std::uint32_t colour) {
  return impl_->draw_onto(cr, utf8, style, x, y, colour);
}
std::size_t TextEngine::cache_bytes() const { return impl_->used; }
std::size_t TextEngine::cache_budget() const { return impl_->budget; }
std::size_t TextEngine::cache_entries() const { return impl_->lru.size(); }
std::size_t TextEngine::cache_hits() const { return impl_->hits; }
std::size_t TextEngine::cache_misses() const { return impl_->misses; }
void TextEngine::clear_cache() {
  impl_->lru.clear();
  impl_->index.clear();
  impl_->used = 0;
}

}  // namespace wk
