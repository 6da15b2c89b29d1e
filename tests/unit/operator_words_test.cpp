// The staff words built into the kiosk (for when no content pack loads) are the Dutch words of
// the shipped PO files, key for key, and every operator word a screen asks for has one.
#include <doctest/doctest.h>

#include "content/content_pack.h"
#include "content/locale_catalog.h"
#include "screens/operator_parts.h"
#include "screens/screen_table.h"
#include "test_support.h"

using namespace wk;

TEST_CASE("built-in operator words match locales/*nl.po and cover every operator key") {
  auto loaded = load_locales(wktest::source_dir() + "/locales", "nl");
  REQUIRE(loaded.errors.empty());
  REQUIRE(!loaded.catalogs.empty());
  const LocaleCatalog& nl = loaded.catalogs.front();
  REQUIRE(nl.code == "nl");

  auto load = load_content_pack(wktest::built_pack_dir(), kiosk_content_needs());
  REQUIRE(load.pack);
  int operator_keys = 0;
  for (const auto& key : kiosk_text_keys(*load.pack)) {
    if (key.rfind("operator.", 0) != 0) continue;
    ++operator_keys;
    const std::string* shipped = nl.find(key);
    INFO(key);
    REQUIRE(shipped);
    CHECK(builtin_operator_text(key) == *shipped);
  }
  CHECK(operator_keys >= 30);
}

TEST_CASE("fill_placeholders fills each known name once and leaves the rest") {
  CHECK(fill_placeholders("Volume: {percent}%", {{"percent", "80"}}) == "Volume: 80%");
  CHECK(fill_placeholders("{a} {b} {a}", {{"a", "{b}"}}) == "{b} {b} {b}");
  CHECK(fill_placeholders("open { only", {{"only", "x"}}) == "open { only");
}
