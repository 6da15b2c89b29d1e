// The linter's rules per language (content/locale_lint.h), each on a fixture PO file in
// tests/fixtures/locale_lint/ that breaks one rule, and what the kiosk does with a missing key.
#include <doctest/doctest.h>

#include <filesystem>

#include "content/content_lint.h"
#include "content/locale_lint.h"
#include "screens/screen_table.h"
#include "test_support.h"

using namespace wk;
using wktest::any_contains;
using wktest::join_lines;
using wktest::TempDir;

namespace {

// The fixture's Dutch (nl.po and screens-nl.po) and one translation file, loaded as the pack
// loads them (a language's files merged), and linted for every Dutch key.
struct Linted {
  TempDir dir;
  std::vector<std::string> errors;
  std::string file(const std::string& name) const { return dir.file(name); }
};

std::unique_ptr<Linted> lint_fixture(const std::string& translation) {
  namespace fs = std::filesystem;
  auto out = std::make_unique<Linted>();
  const std::string from = wktest::source_dir() + "/tests/fixtures/locale_lint/";
  fs::copy_file(from + "nl.po", out->file("nl.po"));
  fs::copy_file(from + "screens-nl.po", out->file("screens-nl.po"));
  fs::copy_file(from + translation, out->file("pl.po"));
  auto loaded = load_locales(out->dir.path(), "nl");
  REQUIRE_MESSAGE(loaded.errors.empty(), join_lines(loaded.errors));
  REQUIRE(loaded.catalogs.size() == 2);
  const LocaleCatalog& nl = loaded.catalogs[0];
  std::vector<std::string> keys;
  for (const auto& [key, entry] : nl.entries) keys.push_back(key);
  out->errors = lint_translation(nl, nl, keys, kMaxWordsPerSentence);
  REQUIRE_MESSAGE(out->errors.empty(), join_lines(out->errors));  // the Dutch itself is clean
  out->errors = lint_translation(nl, loaded.catalogs[1], keys, kMaxWordsPerSentence);
  return out;
}

}  // namespace

TEST_CASE("locale lint: a translation that keeps every rule passes, without the coach's ESCO labels") {
  auto l = lint_fixture("pl-good.po");
  CHECK_MESSAGE(l->errors.empty(), join_lines(l->errors));
}

TEST_CASE("locale lint: a missing or empty key is an error naming the file it belongs in and the key") {
  auto l = lint_fixture("pl-missing.po");
  // ui.code.title stands in screens-nl.po, so it is missing from screens-pl.po.
  CHECK_MESSAGE(any_contains(l->errors, {l->file("screens-pl.po") + ": key \"ui.code.title\" is missing"}),
                join_lines(l->errors));
  CHECK(any_contains(l->errors, {l->file("pl.po") + ": key \"occupation_plain.kok\" is not translated (empty)"}));
  CHECK(l->errors.size() == 2);
}

TEST_CASE("locale lint: the placeholders must be the Dutch ones, % signs included") {
  auto l = lint_fixture("pl-placeholders.po");
  CHECK_MESSAGE(any_contains(l->errors, {"pl.po", "\"operator.status.sessions\"", "placeholders"}), join_lines(l->errors));
  CHECK(any_contains(l->errors, {"pl.po", "\"operator.status.volume\"", "placeholders"}));
  CHECK(l->errors.size() == 2);
  CHECK(placeholders("Volume: {percent}%") == std::vector<std::string>{"%", "{percent}"});
  CHECK(placeholders("{b} en {a}") == placeholders("{a} i {b}"));
}

TEST_CASE("locale lint: Dutch left in a translation is an error; one word the same (a name) is not") {
  auto l = lint_fixture("pl-dutch.po");
  CHECK_MESSAGE(any_contains(l->errors, {"pl.po", "\"ui.question.pick_one\"", "still the Dutch"}), join_lines(l->errors));
  CHECK_FALSE(any_contains(l->errors, {"\"ui.next\""}));  // "Verder": one word, allowed as a name would be
  CHECK(l->errors.size() == 1);
}

TEST_CASE("locale lint: a sentence over 15 words in any language; staff texts are not held to it") {
  auto l = lint_fixture("pl-long.po");
  CHECK_MESSAGE(any_contains(l->errors, {"pl.po", "\"story.kort.text\"", "17 words"}), join_lines(l->errors));
  CHECK_FALSE(any_contains(l->errors, {"operator.status.sessions"}));
  CHECK(l->errors.size() == 1);
}

TEST_CASE("locale lint: the header says who translated and whether a native speaker reviewed it") {
  auto l = lint_fixture("pl-no-review.po");
  CHECK_MESSAGE(any_contains(l->errors, {"pl.po", "X-Werkcheck-Translator"}), join_lines(l->errors));
  CHECK(any_contains(l->errors, {"pl.po", "X-Werkcheck-Reviewed"}));
  CHECK(l->errors.size() == 2);
}

TEST_CASE("the reviewed state is read from the header; one unreviewed file makes its language unreviewed") {
  TempDir dir;
  namespace fs = std::filesystem;
  const std::string from = wktest::source_dir() + "/tests/fixtures/locale_lint/";
  fs::copy_file(from + "nl.po", dir.file("nl.po"));
  fs::copy_file(from + "screens-nl.po", dir.file("screens-nl.po"));
  auto loaded = load_locales(dir.path(), "nl");
  REQUIRE(loaded.catalogs.size() == 1);
  CHECK(loaded.catalogs[0].reviewed_by_native_speaker());
  CHECK(loaded.catalogs[0].translator == "werkcheck team (source language)");
  wktest::replace_in_file(dir.file("screens-nl.po"), "X-Werkcheck-Reviewed: yes: werkcheck team", "X-Werkcheck-Reviewed: no");
  loaded = load_locales(dir.path(), "nl");
  CHECK_FALSE(loaded.catalogs[0].reviewed_by_native_speaker());
}

TEST_CASE("a key missing in a language: the pack's linter names file and key; the Dutch text and clip stand in") {
  TempDir dir;
  const std::string pack_dir = wktest::copy_content_pack(dir);
  const std::string en = pack_dir + "/locales/en.po";
  wktest::replace_in_file(en, "msgctxt \"ui.stop\"\nmsgid \"Stoppen\"\nmsgstr \"Stop\"\n", "");
  auto report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_MESSAGE(any_contains(report.errors, {en + ": key \"ui.stop\" is missing"}), join_lines(report.errors));
  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  CHECK(load.pack->text("en", "ui.stop") == "Stoppen");
  CHECK(load.pack->clip_path("en", "ui.stop") == pack_dir + "/audio/nl/ui.stop.ogg");
  CHECK(load.pack->clip_path("en", "ui.back") == pack_dir + "/audio/en/ui.back.ogg");
  CHECK(any_contains(load.pack->warnings, {en, "the Dutch stands in", "ui.stop"}));
}
