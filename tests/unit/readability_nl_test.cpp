// Dutch keeps its Flesch-Douma check (content/readability_nl.h): syllables from Debian's
// hyph_nl_NL patterns through libhyphen, the formula, the unit a text is scored in, and the
// linter's error naming file, key and score (fixture tests/fixtures/locale_lint/douma-nl.po).
#include <doctest/doctest.h>

#include "content/content_lint.h"
#include "content/readability_nl.h"
#include "test_support.h"

using namespace wk;
using wktest::any_contains;
using wktest::join_lines;

namespace {
const DutchSyllables& nl_syllables() {
  static auto s = DutchSyllables::load();
  REQUIRE_MESSAGE(s, "no ", kDutchHyphenPatterns, " (Debian package hyphen-nl)");
  return *s;
}
}  // namespace

TEST_CASE("Dutch syllables come from the hyphenation patterns, accents and capitals included") {
  const auto& s = nl_syllables();
  CHECK(s.count("werk") == 1);
  CHECK(s.count("Verder") == 2);
  CHECK(s.count("schoonmaker") == 3);
  CHECK(s.count("vliegtuigen") == 3);
  // The patterns are Latin-1: ë must reach them as one letter, not two bytes of UTF-8.
  CHECK(s.count("ideeën") >= 2);  // as UTF-8 bytes the patterns find no break at all (1)
  CHECK(s.count("IDEEËN") == s.count("ideeën"));
  CHECK(s.count("arbeidsmarktgerelateerde") >= 8);
  CHECK(s.count("4") == 0);
}

TEST_CASE("Flesch-Douma: the formula, and a text's words, sentences and syllables") {
  CHECK(flesch_douma(10, 2, 15) == doctest::Approx(206.835 - 0.93 * 5 - 77 * 1.5));
  CHECK(flesch_douma(0, 0, 0) == 0);
  auto r = measure_dutch({"Tik hier. Je code is {code}."}, nl_syllables());
  CHECK(r.words == 5);  // {code} is not a word
  CHECK(r.sentences == 2);
  CHECK(r.syllables == 6);  // co-de
}

TEST_CASE("Flesch-Douma: a long text alone, short labels pooled with their question; names not scored") {
  const auto& s = nl_syllables();
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> texts = {
      {"q", {"f", "Wat kun je goed?"}},
      {"q.a", {"f", "Koken"}},
      {"q.b", {"f", "Schoonmaken"}},
      {"story.x.text", {"f", "Ik werk in een winkel. Ik zet de spullen in het rek."}},
      {"occupation_plain.kok", {"f", "Kok"}},
      {"language.name", {"f", "Nederlands"}}};
  auto units = douma_units(texts, s);
  REQUIRE(units.size() == 2);
  CHECK(units[0].key == "story.x.text");
  CHECK(units[1].key == "q.*");
  CHECK(units[1].r.words == 6);  // the question with its two labels
  CHECK(units[1].r.sentences == 3);
}

TEST_CASE("content lint: Dutch under the Flesch-Douma threshold fails naming file, key and score; plain Dutch passes") {
  std::string error;
  auto cat = LocaleCatalog::load(wktest::source_dir() + "/tests/fixtures/locale_lint/douma-nl.po", &error);
  REQUIRE_MESSAGE(cat, error);
  const LocaleCatalog& nl = *cat;
  std::vector<std::string> keys;
  for (const auto& [key, entry] : nl.entries) keys.push_back(key);
  auto lint = lint_dutch_readability(nl, keys, kMinFleschDouma);
  CHECK_MESSAGE(any_contains(lint.errors, {"douma-nl.po: \"story.office.text\" has Flesch-Douma -"}), join_lines(lint.errors));
  CHECK_FALSE(any_contains(lint.errors, {"story.plain.text"}));
  CHECK_FALSE(any_contains(lint.errors, {"kunnen.hand"}));       // the pooled labels are plain
  CHECK_FALSE(any_contains(lint.errors, {"operator.status"}));   // staff words are not held to it
  CHECK(lint.errors.size() == 1);
  CHECK(lint.spread.find("lowest -") != std::string::npos);
  CHECK(lint.spread.find("threshold 60") != std::string::npos);
}
