// The text engine (app/text) on Ukrainian and Arabic: Arabic letters join, a mixed
// Arabic/Latin/digits line keeps its runs in order, Ukrainian wraps at word boundaries, a
// right-to-left paragraph is right-aligned, the capital H measured in the drawn pixels has the
// cap height asked for, a script no font covers is drawn as boxes and logged once, and the
// cache stays within its budget. Uses the fonts Debian's fonts-noto-core installs.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "platform/log.h"
#include "test_support.h"
#include "text/text_engine.h"

using namespace wk;

namespace {

// Rows and columns of a drawn block where a glyph covers at least half a pixel.
struct Ink {
  int top = -1, bottom = -1, left = -1, right = -1;
  int height() const { return top < 0 ? 0 : bottom - top + 1; }
  int width() const { return left < 0 ? 0 : right - left + 1; }
};

Ink ink_of(const RenderedText& b, int x_from = 0, int x_to = -1) {
  Ink ink;
  if (x_to < 0) x_to = b.width;
  for (int y = 0; y < b.height; ++y)
    for (int x = x_from; x < x_to; ++x)
      if (b.rgba[(static_cast<size_t>(y) * b.width + x) * 4 + 3] >= 128) {
        if (ink.top < 0) ink.top = y;
        ink.bottom = y;
        ink.left = ink.left < 0 ? x : std::min(ink.left, x);
        ink.right = std::max(ink.right, x);
      }
  return ink;
}

// The horizontal extent of the glyphs that draw bytes [first, first + n) of the text.
struct Span {
  float left = 1e9f, right = -1e9f;
  bool found() const { return right > left - 1e8f; }
};
Span span_of(const TextLayout& l, const std::string& text, const std::string& part) {
  Span s;
  const size_t first = text.find(part);
  REQUIRE(first != std::string::npos);
  for (const auto& run : l.runs)
    for (size_t g = 0; g < run.glyphs.size(); ++g) {
      const auto& glyph = run.glyphs[g];
      if (glyph.byte < static_cast<int>(first) || glyph.byte >= static_cast<int>(first + part.size())) continue;
      // A glyph's right edge is the next glyph's left edge (or the run's end).
      const float right = g + 1 < run.glyphs.size() ? run.glyphs[g + 1].x : run.x + run.width;
      s.left = std::min(s.left, glyph.x);
      s.right = std::max(s.right, right);
    }
  return s;
}

std::vector<unsigned> glyph_ids(const TextLayout& l) {
  std::vector<unsigned> ids;
  for (const auto& run : l.runs)
    for (const auto& g : run.glyphs) ids.push_back(g.id);
  return ids;
}

float x_of_byte(const TextLayout& l, int byte) {
  for (const auto& run : l.runs)
    for (const auto& g : run.glyphs)
      if (g.byte == byte) return g.x;
  FAIL("no glyph for byte " << byte);
  return 0;
}

}  // namespace

TEST_CASE("a capital H is drawn as tall as the cap height asked for, within a pixel") {
  TextEngine engine;
  // The rule's cap height (0.7 degrees at 50 cm is 6.11 mm) at the kiosk's screens, a title
  // size and the large code.
  for (float cap : {17.0f, 22.2f, 23.1f, 28.9f, 36.0f, 46.8f, 72.0f}) {
    for (TextWeight w : {TextWeight::Regular, TextWeight::Bold}) {
      CAPTURE(cap);
      CAPTURE(static_cast<int>(w));
      auto block = engine.render("H", {cap, 0, w, TextAlign::Start});
      const Ink ink = ink_of(*block);
      CHECK(std::abs(ink.height() - cap) <= 1.0f);
      // The Cyrillic capital En has the same cap height, from the same family.
      auto cyr = engine.render("Н", {cap, 0, w, TextAlign::Start});
      CHECK(std::abs(ink_of(*cyr).height() - cap) <= 1.0f);
      // The font size is the family's, not 0.714 of an assumed em: Noto Sans is 1.4 x cap.
      CHECK(block->layout.font_px == doctest::Approx(cap / 0.714f).epsilon(0.06));
    }
  }
  // And in a line of text: the H of "Hallo" is measured on its own columns.
  auto word = engine.render("Hallo", {30, 0, TextWeight::Regular, TextAlign::Start});
  const auto& run = word->layout.runs.at(0);
  const int h_left = word->origin_x + static_cast<int>(std::floor(run.glyphs.at(0).x));
  const int h_right = word->origin_x + static_cast<int>(std::ceil(run.glyphs.at(1).x));
  CHECK(std::abs(ink_of(*word, h_left, h_right).height() - 30) <= 1);
  // The l's ascender is taller than the H: the cap height is not the line's ink.
  CHECK(ink_of(*word).height() > ink_of(*word, h_left, h_right).height());
}

TEST_CASE("Arabic letters join: the shaped glyphs of a word differ from its letters alone") {
  TextEngine engine;
  const TextStyle style{30, 0, TextWeight::Regular, TextAlign::Start};
  // "salaam" (peace) and "marhaban" (hello): seen, lam, alef, meem; meem, ra, ha, ba, alef.
  for (const std::string word : {"سلام", "مرحبا"}) {
    CAPTURE(word);
    const TextLayout joined = engine.layout(word, style);
    REQUIRE_FALSE(joined.runs.empty());
    CHECK(joined.rtl);
    CHECK(joined.runs[0].rtl);
    CHECK(joined.runs[0].font == "Noto Naskh Arabic");  // not DejaVu's Arabic
    CHECK(joined.missing_glyphs == 0);
    // Each letter laid out alone is its isolated form.
    std::vector<unsigned> isolated;
    const char* p = word.c_str();
    while (*p) {
      const char* next = p + 1;
      while ((*next & 0xC0) == 0x80) ++next;
      const auto ids = glyph_ids(engine.layout(std::string(p, next), style));
      REQUIRE(ids.size() == 1);
      isolated.push_back(ids[0]);
      p = next;
    }
    // The word's glyphs in logical order (the run is right to left: reverse the visual order).
    std::vector<unsigned> shaped = glyph_ids(joined);
    std::reverse(shaped.begin(), shaped.end());
    CHECK(shaped != isolated);
    int different = 0;
    for (size_t i = 0; i < std::min(shaped.size(), isolated.size()); ++i) different += shaped[i] != isolated[i];
    CHECK(different >= 2);  // at least the first (initial form) and a later one (medial or final)
  }
}

TEST_CASE("Ethiopic (Amharic, Tigrinya) comes from Noto Sans Ethiopic") {
  TextEngine engine;
  const TextLayout l = engine.layout("ሰላም እንኳን ደህና መጡ", {26, 0, TextWeight::Regular, TextAlign::Start});
  REQUIRE_FALSE(l.runs.empty());
  CHECK(l.runs[0].font == "Noto Sans Ethiopic");
  CHECK(l.missing_glyphs == 0);
  CHECK_FALSE(l.rtl);
}

TEST_CASE("a mixed Arabic, Latin and digits line keeps the order of its runs") {
  TextEngine engine;
  // "My name Werkcheck and my number 2024 thanks": Arabic first, so the paragraph is right to left.
  const std::string a1 = "اسمي", latin = "Werkcheck", a2 = "ورقمي", digits = "2024", a3 = "شكرا";
  const std::string text = a1 + " " + latin + " " + a2 + " " + digits + " " + a3;
  const TextLayout l = engine.layout(text, {24, 1200, TextWeight::Regular, TextAlign::Start});
  REQUIRE(l.lines.size() == 1);
  CHECK(l.rtl);
  const Span s1 = span_of(l, text, a1), sl = span_of(l, text, latin), s2 = span_of(l, text, a2),
             sd = span_of(l, text, digits), s3 = span_of(l, text, a3);
  REQUIRE((s1.found() && sl.found() && s2.found() && sd.found() && s3.found()));
  // Read from the right: a1, the Latin word, a2, the number, a3.
  CHECK(s1.left >= sl.right - 0.5f);
  CHECK(sl.left >= s2.right - 0.5f);
  CHECK(s2.left >= sd.right - 0.5f);
  CHECK(sd.left >= s3.right - 0.5f);
  // Inside the right-to-left line the Latin word and the number run left to right.
  const int w_byte = static_cast<int>(text.find(latin)), d_byte = static_cast<int>(text.find(digits));
  CHECK(x_of_byte(l, w_byte) < x_of_byte(l, w_byte + 1));          // W before e
  CHECK(x_of_byte(l, w_byte + 1) < x_of_byte(l, w_byte + 8));      // e before the last k
  for (int i = 0; i < 3; ++i) CHECK(x_of_byte(l, d_byte + i) < x_of_byte(l, d_byte + i + 1));  // 2 0 2 4
  // Its runs: right-to-left for the Arabic, left-to-right for Latin and digits.
  for (const auto& run : l.runs) {
    const std::string piece = text.substr(run.first_byte, run.bytes);
    if (piece.find(latin) != std::string::npos || piece.find(digits) != std::string::npos) CHECK_FALSE(run.rtl);
    if (piece.find(a1) != std::string::npos) CHECK(run.rtl);
  }
  // A Dutch sentence with an Arabic word stays left to right.
  const std::string nl = "Ik spreek " + a1 + " goed";
  const TextLayout ltr = engine.layout(nl, {24, 1200, TextWeight::Regular, TextAlign::Start});
  CHECK_FALSE(ltr.rtl);
  CHECK(span_of(ltr, nl, "Ik").right <= span_of(ltr, nl, a1).left + 0.5f);
  CHECK(span_of(ltr, nl, a1).right <= span_of(ltr, nl, "goed").left + 0.5f);
}

TEST_CASE("on a right-to-left screen a line that starts with a Latin word or digits still reads from the right") {
  TextEngine engine;
  // "Werkcheck: choose 1 of 3 answers." starts with a Latin word; on an Arabic screen (base
  // direction Rtl) it is an Arabic sentence: the Latin word at the right, then the Arabic to its
  // left, the digits inside it left to right.
  const std::string latin = "Werkcheck:", a1 = "اختر", one = "1", a2 = "من", three = "3", a3 = "إجابات.";
  const std::string text = latin + " " + a1 + " " + one + " " + a2 + " " + three + " " + a3;
  const float width = 1200;
  const TextLayout automatic = engine.layout(text, {24, width, TextWeight::Regular, TextAlign::Start});
  CHECK_FALSE(automatic.rtl);  // from its first letter: left to right, the Latin word at the left
  const TextLayout l =
      engine.layout(text, {24, width, TextWeight::Regular, TextAlign::Start, TextDirection::Rtl});
  REQUIRE(l.lines.size() == 1);
  CHECK(l.rtl);
  // Right-aligned: the line ends at the right edge of its box.
  CHECK(l.lines[0].x + l.lines[0].width == doctest::Approx(width).epsilon(0.002));
  // The visual order, right to left: Werkcheck:, a1, 1, a2, 3, a3 (the middle of each piece).
  std::vector<float> middles;
  for (const std::string& piece : {latin, a1, one, a2, three, a3}) {
    const Span sp = span_of(l, text, piece);
    REQUIRE_MESSAGE(sp.found(), piece);
    middles.push_back((sp.left + sp.right) / 2);
  }
  for (size_t i = 0; i + 1 < middles.size(); ++i) CHECK_MESSAGE(middles[i] > middles[i + 1], "piece " << i);
  // Inside it the Latin word runs left to right: W before e.
  const int w_byte = static_cast<int>(text.find(latin));
  CHECK(x_of_byte(l, w_byte) < x_of_byte(l, w_byte + 1));
}

TEST_CASE("on a right-to-left screen a text without Arabic (Dutch standing in) keeps its order, aligned right") {
  TextEngine engine;
  const std::string text = "Klaar! Goed gedaan.";
  const float width = 900;
  const TextLayout l = engine.layout(text, {24, width, TextWeight::Regular, TextAlign::Start, TextDirection::Rtl});
  REQUIRE(l.lines.size() == 1);
  CHECK_FALSE(l.rtl);
  CHECK(l.lines[0].x + l.lines[0].width == doctest::Approx(width).epsilon(0.002));
  CHECK(l.lines[0].x > width / 2);
  CHECK(x_of_byte(l, 0) < x_of_byte(l, static_cast<int>(text.size()) - 1));  // K before the full stop
}

TEST_CASE("the participant code keeps its order on a right-to-left screen as Ltr") {
  TextEngine engine;
  const std::string code = "123 456 7890";
  const TextLayout rtl = engine.layout(code, {30, 800, TextWeight::Bold, TextAlign::Center, TextDirection::Rtl});
  const TextLayout ltr = engine.layout(code, {30, 800, TextWeight::Bold, TextAlign::Center, TextDirection::Ltr});
  auto x = [&](const TextLayout& l, const std::string& group) { return x_of_byte(l, static_cast<int>(code.find(group))); };
  // Within Arabic words a right-to-left paragraph shows the groups from the right (7890 456
  // 123). That is why the screens draw the code as Ltr (TextBlock::ltr), whatever its letters.
  const std::string in_words = "رمز " + code;
  const TextLayout sentence = engine.layout(in_words, {30, 800, TextWeight::Bold, TextAlign::Center, TextDirection::Rtl});
  auto xs = [&](const std::string& group) { return x_of_byte(sentence, static_cast<int>(in_words.find(group))); };
  CHECK(xs("123") > xs("456"));
  CHECK(xs("456") > xs("7890"));
  CHECK(x(rtl, "123") < x(rtl, "456"));  // digits alone: no Arabic letter, their own order
  CHECK(x(ltr, "123") < x(ltr, "456"));
  CHECK(x(ltr, "456") < x(ltr, "7890"));
  for (int i = 0; i + 1 < 3; ++i) CHECK(x_of_byte(ltr, i) < x_of_byte(ltr, i + 1));
}

TEST_CASE("Arabic and Ukrainian draw with the installed Noto fonts, nothing missing") {
  TextEngine engine;
  for (const std::string text : {"اختر لغتك.", "Виберіть свою мову. Українська", "Wybierz swój język. Türkçe"}) {
    const TextLayout l = engine.layout(text, {24, 0, TextWeight::Regular, TextAlign::Start});
    CHECK_MESSAGE(l.missing_glyphs == 0, text);
    for (const auto& run : l.runs) CHECK_MESSAGE(run.font.rfind("Noto", 0) == 0, text << ": " << run.font);
  }
}

TEST_CASE("a right-to-left paragraph is right-aligned, a left-to-right one left-aligned (in the pixels)") {
  TextEngine engine;
  const float width = 900;
  auto rtl = engine.render("مرحبا بكم في الفحص", {26, width, TextWeight::Regular, TextAlign::Start});
  auto ltr = engine.render("Welkom bij de check", {26, width, TextWeight::Regular, TextAlign::Start});
  REQUIRE(rtl->layout.lines.size() == 1);
  CHECK(rtl->layout.rtl);
  CHECK(rtl->layout.lines[0].x + rtl->layout.lines[0].width == doctest::Approx(width).epsilon(0.002));
  const Ink r = ink_of(*rtl), l = ink_of(*ltr);
  CHECK(r.right - rtl->origin_x > width - 8);  // the ink ends at the right edge
  CHECK(r.left - rtl->origin_x > width / 3);    // and starts well right of the left edge
  CHECK(l.left - ltr->origin_x < 8);
  CHECK(l.right - ltr->origin_x < width * 2 / 3);
  // Centred stays centred whatever the direction.
  auto centred = engine.layout("مرحبا", {26, width, TextWeight::Regular, TextAlign::Center});
  const auto& line = centred.lines.at(0);
  CHECK(std::abs((line.x + line.width / 2) - width / 2) < 1.0f);
}

TEST_CASE("Ukrainian wraps at word boundaries and never cuts a word") {
  TextEngine engine;
  const std::string text = "Оберіть відповідь, яка найкраще описує вашу роботу зараз і що вам подобається";
  std::vector<std::string> words;
  {
    std::istringstream in(text);
    for (std::string w; in >> w;) words.push_back(w);
  }
  for (float width : {260.0f, 420.0f, 700.0f}) {
    CAPTURE(width);
    const TextLayout l = engine.layout(text, {22, width, TextWeight::Regular, TextAlign::Start});
    CHECK(l.lines.size() >= 2);
    CHECK_FALSE(l.overflows);
    CHECK(l.missing_glyphs == 0);
    CHECK(l.runs.at(0).font == "Noto Sans");  // Cyrillic from the first choice, no fallback
    std::vector<std::string> seen;
    for (const auto& line : l.lines) {
      CHECK(line.width <= width + 0.5f);
      if (line.first_byte > 0) CHECK(text[line.first_byte - 1] == ' ');  // a line starts after a space
      std::istringstream in(text.substr(line.first_byte, line.bytes));
      for (std::string w; in >> w;) seen.push_back(w);
    }
    CHECK(seen == words);  // every word whole, on exactly one line, in order
  }
  // A word longer than the width sticks out (it is reported, not cut).
  const TextLayout narrow = engine.layout("найкраще", {22, 40, TextWeight::Regular, TextAlign::Start});
  CHECK(narrow.lines.size() == 1);
  CHECK(narrow.overflows);
  // New lines in the text start new paragraphs.
  CHECK(engine.layout("Так\nНі", {22, 0, TextWeight::Regular, TextAlign::Start}).lines.size() == 2);
}

TEST_CASE("a script no installed font covers is drawn as visible boxes and logged once") {
  // Korean: fonts-noto-core has no Hangul (fonts-noto-cjk is not installed).
  wktest::TempDir dir;
  log::open_file(dir.file("log"));
  TextEngine engine;
  auto block = engine.render("한국어", {26, 0, TextWeight::Regular, TextAlign::Start});
  CHECK(block->layout.missing_glyphs == 3);
  const Ink ink = ink_of(*block);
  CHECK(ink.width() > 26);  // three boxes with their codes, not nothing
  CHECK(ink.height() > 13);
  engine.render("안녕하세요", {26, 0, TextWeight::Regular, TextAlign::Start});
  engine.layout("Hallo 한국어", {30, 500, TextWeight::Bold, TextAlign::Center});
  const std::string logged = wktest::read_file(dir.file("log"));
  size_t count = 0;
  for (size_t at = logged.find("script Hang"); at != std::string::npos; at = logged.find("script Hang", at + 1)) ++count;
  CHECK(count == 1);
  // Bytes that are not UTF-8 are drawn as replacement characters, not a crash.
  const TextLayout bad = engine.layout(std::string("Hallo \xff\xfe wereld"), {26, 0, TextWeight::Regular, TextAlign::Start});
  CHECK(bad.lines.size() == 1);
  log::open_file("/dev/null");
}

TEST_CASE("the cache of drawn blocks stays within its budget, least recently used out first") {
  const TextStyle style{30, 600, TextWeight::Regular, TextAlign::Start};
  const size_t one = TextEngine().render("Привіт, це перший рядок", style)->bytes();
  CHECK(one > 10 * 1024);
  const size_t budget = one * 8;
  TextEngine engine(kDefaultFamilies, budget);
  auto kept = engine.render("Привіт, це перший рядок", style);
  for (int i = 0; i < 60; ++i) {
    engine.render("Рядок номер " + std::to_string(i) + " з українським текстом", style);
    CHECK(engine.cache_bytes() <= budget);
    // The first block is used every time, so it is never the least recently used.
    CHECK(engine.render("Привіт, це перший рядок", style) == kept);
  }
  CHECK(engine.cache_entries() < 61);
  CHECK(engine.cache_entries() >= 3);
  CHECK(engine.cache_misses() == 61);
  CHECK(engine.cache_hits() == 60);
  // An early one went out and is drawn again.
  engine.render("Рядок номер 0 з українським текстом", style);
  CHECK(engine.cache_misses() == 62);
  // Another colour is another block.
  CHECK(engine.render("Привіт, це перший рядок", style, 0xffffffff) != kept);
  // A block larger than the whole budget is drawn but not kept.
  TextEngine tiny(kDefaultFamilies, 1000);
  auto big = tiny.render("Великий текст", style);
  CHECK(big->width > 0);
  CHECK(tiny.cache_entries() == 0);
  CHECK(tiny.cache_bytes() == 0);
}

TEST_CASE("Arabic is as tall as Latin: alef reaches Latin's ascender (l), in the pixels") {
  TextEngine engine;
  // Above the baseline, in drawn rows. Sized by the capital H alone, alef stood at 0.88 of l
  // (Noto Naskh Arabic 0.671 em, Noto Sans 0.76 em): Arabic words looked a size smaller.
  auto above_baseline = [](const RenderedText& b) {
    return b.origin_y + static_cast<int>(std::lround(b.layout.lines.at(0).baseline)) - ink_of(b).top;
  };
  for (float cap : {17.0f, 23.1f, 36.0f}) {
    for (TextWeight w : {TextWeight::Regular, TextWeight::Bold}) {
      CAPTURE(cap);
      CAPTURE(static_cast<int>(w));
      const int l = above_baseline(*engine.render("l", {cap, 0, w, TextAlign::Start}));
      const int alef = above_baseline(*engine.render("ا", {cap, 0, w, TextAlign::Start}));
      CHECK(std::abs(alef - l) <= 1);
      // The body grows with it: heh above Latin's 0.76 x-height share it had.
      const int x = above_baseline(*engine.render("x", {cap, 0, w, TextAlign::Start}));
      const int heh = above_baseline(*engine.render("ه", {cap, 0, w, TextAlign::Start}));
      CHECK(heh >= std::floor(x * 0.84f));
      // The capital H still sets the size of Latin, also on a line with Arabic after it.
      auto mixed = engine.render("H ا", {cap, 0, w, TextAlign::Start});
      const auto& run = mixed->layout.runs.at(0);
      const int h_right = mixed->origin_x + static_cast<int>(std::ceil(run.x + run.width * 0.5f));
      CHECK(std::abs(ink_of(*mixed, 0, h_right).height() - cap) <= 1.0f);
    }
  }
  // Digits inside Arabic text stay Latin-sized (the digits of a code or an age).
  auto digits = engine.render("123", {30, 0, TextWeight::Regular, TextAlign::Start});
  auto in_arabic = engine.render("العمر 123", {30, 0, TextWeight::Regular, TextAlign::Start, TextDirection::Rtl});
  const Span d = span_of(in_arabic->layout, "العمر 123", "123");
  REQUIRE(d.found());
  const Ink di = ink_of(*in_arabic, in_arabic->origin_x + static_cast<int>(d.left),
                        in_arabic->origin_x + static_cast<int>(std::ceil(d.right)));
  CHECK(std::abs(di.height() - ink_of(*digits).height()) <= 1);
}
