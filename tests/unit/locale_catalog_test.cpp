// PO loading: header fields, fuzzy entries, and every way a translator's file can be wrong.
#include <doctest/doctest.h>

#include "content/locale_catalog.h"
#include "test_support.h"

using namespace wk;
using wktest::TempDir;
using wktest::write_file;

namespace {

const char* kGoodHeader =
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Project-Id-Version: werkcheck test\\n\"\n"
    "\"Language: de\\n\"\n"
    "\"MIME-Version: 1.0\\n\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "\"Content-Transfer-Encoding: 8bit\\n\"\n"
    "\"X-Werkcheck-Flag: 1F1E9-1F1EA\\n\"\n"  // an older file's flag: ignored
    "\"X-Werkcheck-Voice: de\\n\"\n"
    "\n";

const char* kGoodEntries =
    "msgctxt \"ui.back\"\n"
    "msgid \"Terug\"\n"
    "msgstr \"Zurück\"\n"
    "\n"
    "#, fuzzy\n"
    "msgctxt \"ui.next\"\n"
    "msgid \"Verder\"\n"
    "msgstr \"Weiter\"\n"
    "\n"
    "msgctxt \"ui.stop\"\n"
    "msgid \"Stoppen\"\n"
    "msgstr \"\"\n"
    "\n"
    "msgctxt \"operator.back\"\n"
    "msgid \"Terug\"\n"
    "msgstr \"Zurück (Personal)\"\n";

}  // namespace

TEST_CASE("a good PO file gives its header fields and its entries") {
  TempDir dir;
  const std::string path = dir.file("de.po");
  write_file(path, std::string(kGoodHeader) + kGoodEntries);

  std::string error;
  auto cat = LocaleCatalog::load(path, &error);
  REQUIRE_MESSAGE(cat.has_value(), error);
  CHECK(error.empty());
  CHECK(cat->code == "de");
  CHECK(cat->voice == "de");
  CHECK_FALSE(cat->rtl());  // no X-Werkcheck-Direction: left to right
  CHECK(cat->file == path);
  CHECK(cat->entries.size() == 4);  // the header entry is not a text

  REQUIRE(cat->find("ui.back") != nullptr);
  CHECK(*cat->find("ui.back") == "Zurück");
  CHECK(cat->entries.at("ui.back").source == "Terug");
  CHECK_FALSE(cat->entries.at("ui.back").fuzzy);

  // The same Dutch word under two keys stays two entries.
  REQUIRE(cat->find("operator.back") != nullptr);
  CHECK(*cat->find("operator.back") == "Zurück (Personal)");
}

TEST_CASE("fuzzy and untranslated entries give no text") {
  TempDir dir;
  const std::string path = dir.file("de.po");
  write_file(path, std::string(kGoodHeader) + kGoodEntries);
  std::string error;
  auto cat = LocaleCatalog::load(path, &error);
  REQUIRE_MESSAGE(cat.has_value(), error);

  REQUIRE(cat->entries.count("ui.next") == 1);
  CHECK(cat->entries.at("ui.next").fuzzy);
  CHECK(cat->entries.at("ui.next").source == "Verder");
  CHECK(cat->entries.at("ui.next").text.empty());
  CHECK(cat->find("ui.next") == nullptr);

  REQUIRE(cat->entries.count("ui.stop") == 1);
  CHECK(cat->find("ui.stop") == nullptr);
  CHECK(cat->find("no.such.key") == nullptr);
}

TEST_CASE("a PO file with a syntax error is refused with an error naming the file and line") {
  TempDir dir;
  const std::string path = dir.file("broken.po");
  write_file(path, std::string(kGoodHeader) +
                       "msgctxt \"ui.back\"\n"
                       "msgid \"Terug\n"  // unterminated string
                       "msgstr \"Zurück\"\n");
  std::string error;
  auto cat = LocaleCatalog::load(path, &error);
  CHECK_FALSE(cat.has_value());
  CHECK_MESSAGE(error.find(path) != std::string::npos, error);
  CHECK_MESSAGE(error.find(path + ":") != std::string::npos, error);  // with the line
}

TEST_CASE("a PO file that is not PO at all is refused, naming the file") {
  TempDir dir;
  const std::string path = dir.file("garbage.po");
  write_file(path, "this is { not a PO file\n}}}\n");
  std::string error;
  CHECK_FALSE(LocaleCatalog::load(path, &error).has_value());
  CHECK_MESSAGE(error.find(path) != std::string::npos, error);
}

TEST_CASE("an entry without msgctxt is an error") {
  TempDir dir;
  const std::string path = dir.file("nokey.po");
  write_file(path, std::string(kGoodHeader) + kGoodEntries +
                       "\n"
                       "msgid \"Een tekst zonder sleutel\"\n"
                       "msgstr \"Ein Text ohne Schlüssel\"\n");
  std::string error;
  auto cat = LocaleCatalog::load(path, &error);
  CHECK_FALSE(cat.has_value());
  CHECK_MESSAGE(error.find(path) != std::string::npos, error);
  CHECK_MESSAGE(error.find("msgctxt") != std::string::npos, error);
  CHECK_MESSAGE(error.find("Een tekst zonder sleutel") != std::string::npos, error);
}

TEST_CASE("X-Werkcheck-Direction: rtl makes a language right to left; a second file of it may say so") {
  TempDir dir;
  const std::string ar_header = "msgid \"\"\nmsgstr \"\"\n\"Language: ar\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n";
  write_file(dir.file("ar.po"), ar_header + "\"X-Werkcheck-Voice: ar\\n\"\n\n" + kGoodEntries);
  write_file(dir.file("screens-ar.po"), ar_header + "\"X-Werkcheck-Direction: rtl\\n\"\n\nmsgctxt \"ui.speaker\"\nmsgid \"Luister\"\nmsgstr \"\xd8\xa7\xd8\xb3\xd8\xaa\xd9\x85\xd8\xb9\"\n");
  write_file(dir.file("nl.po"), std::string(kGoodHeader).replace(std::string(kGoodHeader).find("Language: de"), 12, "Language: nl") + kGoodEntries);
  auto loaded = load_locales(dir.path(), "nl");
  REQUIRE_MESSAGE(loaded.errors.empty(), loaded.errors.front());
  REQUIRE(loaded.catalogs.size() == 2);
  CHECK(loaded.catalogs[0].code == "nl");
  CHECK(loaded.catalogs[0].direction == "ltr");
  CHECK(loaded.catalogs[1].code == "ar");
  CHECK(loaded.catalogs[1].direction == "rtl");
  CHECK(loaded.catalogs[1].rtl());
}

TEST_CASE("a PO file without a Language header is an error") {
  TempDir dir;
  const std::string path = dir.file("nolang.po");
  write_file(path,
             "msgid \"\"\n"
             "msgstr \"\"\n"
             "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
             "\"X-Werkcheck-Flag: 1F1E9-1F1EA\\n\"\n"
             "\"X-Werkcheck-Voice: de\\n\"\n"
             "\n" +
                 std::string(kGoodEntries));
  std::string error;
  auto cat = LocaleCatalog::load(path, &error);
  CHECK_FALSE(cat.has_value());
  CHECK_MESSAGE(error.find(path) != std::string::npos, error);
  CHECK_MESSAGE(error.find("Language") != std::string::npos, error);
}

TEST_CASE("a missing PO file is an error naming it") {
  TempDir dir;
  const std::string path = dir.file("absent.po");
  std::string error;
  CHECK_FALSE(LocaleCatalog::load(path, &error).has_value());
  CHECK_MESSAGE(error.find(path) != std::string::npos, error);
}

TEST_CASE("load_locales puts the source language first and collects broken files") {
  TempDir dir;
  std::string nl = kGoodHeader;
  nl.replace(nl.find("Language: de"), 12, "Language: nl");
  std::string en = kGoodHeader;
  en.replace(en.find("Language: de"), 12, "Language: en");
  write_file(dir.file("de.po"), std::string(kGoodHeader) + kGoodEntries);
  write_file(dir.file("en.po"), en + kGoodEntries);
  write_file(dir.file("nl.po"), nl + kGoodEntries);
  write_file(dir.file("notes.txt"), "not a translation");

  auto loaded = load_locales(dir.path(), "nl");
  CHECK(loaded.errors.empty());
  REQUIRE(loaded.catalogs.size() == 3);
  CHECK(loaded.catalogs[0].code == "nl");
  CHECK(loaded.catalogs[1].code == "de");
  CHECK(loaded.catalogs[2].code == "en");

  write_file(dir.file("xx.po"), "msgid \"unterminated\n");
  loaded = load_locales(dir.path(), "nl");
  CHECK(loaded.catalogs.size() == 3);
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors[0].find(dir.file("xx.po")) != std::string::npos);
}

TEST_CASE("the repository's own PO files load, with Dutch as msgid == msgstr") {
  std::string error;
  auto nl = LocaleCatalog::load(wktest::source_dir() + "/locales/nl.po", &error);
  REQUIRE_MESSAGE(nl.has_value(), error);
  auto en = LocaleCatalog::load(wktest::source_dir() + "/locales/en.po", &error);
  REQUIRE_MESSAGE(en.has_value(), error);
  CHECK(nl->code == "nl");
  CHECK(en->code == "en");
  CHECK(nl->voice == "nl");
  CHECK(en->voice == "en-gb");
  CHECK_FALSE(nl->entries.empty());
  CHECK(nl->entries.size() == en->entries.size());
  for (const auto& [key, e] : nl->entries) {
    CHECK_MESSAGE(e.text == e.source, key);
    CHECK_MESSAGE(en->find(key) != nullptr, key);
  }
}
