// The layout linter lays every question out with the real text engine at the four supported
// screen sizes: the test pack fits; words that cannot fit even one card a page are named with
// their question, language and screen size.
#include <doctest/doctest.h>

#include "cli/layout_lint.h"
#include "test_support.h"

using namespace wk;

TEST_CASE("layout lint: the test pack fits every supported screen") {
  const auto problems = lint_layout(wktest::built_pack());
  for (const auto& p : problems) INFO(p);
  CHECK(problems.empty());
  CHECK(supported_screen_sizes().size() == 4);
}

TEST_CASE("layout lint: an answer word too long for any card is named with its question and screen size") {
  ContentPack pack = wktest::built_pack();
  const Item& item = pack.modules.front().items.front();
  const std::string key = item.options.front().text_key;
  const std::string word = "Arbeidsongeschiktheidsverzekeringsmaatschappijbeoordelingscommissievergadering";
  for (auto& catalog : pack.locales)
    if (auto it = catalog.entries.find(key); it != catalog.entries.end()) it->second.text = word;

  const auto problems = lint_layout(pack);
  REQUIRE_FALSE(problems.empty());
  bool named = false, tablet = false;
  for (const auto& p : problems) {
    INFO(p);
    CHECK(p.find(word) != std::string::npos);  // only the long word is a problem
    if (p.find(pack.modules.front().id + "." + item.id) != std::string::npos) named = true;
    if (p.find("10-inch") != std::string::npos) tablet = true;
  }
  CHECK(named);
  CHECK(tablet);
}
