// Content pack loading and the content linter, over the built pack and over copies of it
// with one file broken.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "content/content_lint.h"
#include "content/content_pack.h"
#include "screens/screen_table.h"
#include "test_support.h"

using namespace wk;
using wktest::any_contains;
using wktest::copy_content_pack;
using wktest::remove_file;
using wktest::replace_in_file;
using wktest::TempDir;
using wktest::write_file;

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + "\n";
  return out;
}

const Module* find_module(const ContentPack& p, const std::string& id) {
  for (const auto& m : p.modules)
    if (m.id == id) return &m;
  return nullptr;
}

bool has_item(const Module& m, const std::string& id) {
  return std::any_of(m.items.begin(), m.items.end(), [&](const Item& i) { return i.id == id; });
}

}  // namespace

TEST_CASE("the built content pack loads with no warnings and the demo modules") {
  auto load = load_content_pack(wktest::built_pack_dir(), kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  const ContentPack& p = *load.pack;
  CHECK(load.error.empty());
  CHECK_MESSAGE(p.warnings.empty(), join(p.warnings));
  CHECK(p.id == "werkcheck-demo");
  CHECK(p.version == "2026.11.0-demo");
  CHECK(p.source_locale == "nl");

  REQUIRE(p.modules.size() == 2);
  CHECK(p.modules[0].id == "werk_plezier");
  CHECK(p.modules[1].id == "hulp");
  CHECK(p.modules[0].title_key == "werk_plezier.title");
  CHECK(p.modules[0].items.size() == 6);
  CHECK(p.modules[1].items.size() == 1);
  CHECK(p.item_count() == 7);

  const Item& handen = p.modules[0].items[0];
  CHECK(handen.id == "handen");
  CHECK(handen.key == "werk_plezier.handen");
  CHECK(handen.module_id == "werk_plezier");
  CHECK(handen.max_choices == 1);
  CHECK(handen.type == ItemType::Choice);
  CHECK(handen.tags.empty());  // the fixture has no scoring tags on its items (so it shows the answers back)
  REQUIRE(handen.options.size() == 3);  // from the shared answer set faces3
  CHECK(handen.options[0].id == "leuk");
  CHECK(handen.options[0].text_key == "answers.faces3.leuk");
  CHECK(handen.options[0].picture == "1F600");
  CHECK(handen.options[0].tags.at("score") == "2");

  const Item& wie = p.modules[1].items[0];
  CHECK(wie.key == "hulp.wie");
  CHECK(wie.max_choices == 3);
  REQUIRE(wie.options.size() == 5);
  CHECK(wie.options[4].id == "niemand");
  CHECK(wie.options[4].exclusive);
  CHECK_FALSE(wie.options[0].exclusive);
  CHECK(wie.options[0].text_key == "hulp.wie.familie");
  CHECK(wie.options[0].tags.at("network") == "family");
  CHECK(wie.options[4].tags.at("network") == "nobody");
  CHECK(p.find_item("hulp", "wie") == &wie);
  CHECK(p.find_item("werk_plezier", "wie") == nullptr);
  CHECK(p.tag_values("network") == std::vector<std::string>{"coach", "colleagues", "family", "friends", "nobody"});
  CHECK(p.tag_values("score") == std::vector<std::string>{"0", "1", "2"});
  CHECK(p.tag_values("riasec").empty());
  CHECK(p.occupations.empty());
  CHECK(p.stories.empty());
  CHECK(p.prospects.empty());

  // nl.po and screens-nl.po are one language: merged, as are the two English files.
  REQUIRE(p.locales.size() == 2);
  CHECK(p.locales[0].code == "nl");
  CHECK(p.locales[1].code == "en");
  CHECK(p.text("nl", "ui.back") == "Terug");
  CHECK(p.text("nl", "ui.closing.share_question") == "Mag een coach je uitslag zien?");
  CHECK(p.has_text("en", "ui.closing.share_question"));
  CHECK(p.text("en", "char.K") == "K");
  CHECK(p.locales[1].voice == "en-gb");
  CHECK(p.ui_picture("speaker") == "1F5E3");
  CHECK(p.ui_picture("private") == "1F512");
  CHECK(p.ui_picture("come_back") == "1F4C5");
  CHECK(p.ui_picture("no-such-role").empty());
  CHECK(p.credits.size() == 5);
}

TEST_CASE("texts come in the asked language, fall back to Dutch, then to the key") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  // en loses one text: the Dutch one is used instead.
  replace_in_file(pack_dir + "/locales/en.po", "msgstr \"Next\"", "msgstr \"\"");
  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  const ContentPack& p = *load.pack;
  CHECK(p.text("en", "ui.back") == "Back");
  CHECK(p.text("nl", "ui.back") == "Terug");
  CHECK(p.text("en", "ui.next") == "Verder");
  CHECK_FALSE(p.has_text("en", "ui.next"));
  CHECK(p.has_text("nl", "ui.next"));
  CHECK(p.text("xx", "ui.back") == "Terug");
  CHECK(p.text("en", "no.such.key") == "no.such.key");
  // ...and the missing translation is reported.
  CHECK_MESSAGE(any_contains(p.warnings, {"en.po", "ui.next"}), join(p.warnings));
}

TEST_CASE("every picture and spoken clip the built pack uses is there") {
  const ContentPack& p = wktest::built_pack();
  auto pics = p.used_pictures();
  CHECK(pics.size() >= 20);
  for (const auto& pic : pics) CHECK_MESSAGE(std::filesystem::exists(p.picture_path(pic)), pic);
  auto keys = required_text_keys(p, kiosk_content_needs());
  CHECK(std::find(keys.begin(), keys.end(), "hulp.wie.niemand") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), "ui.idle.question") != keys.end());
  for (const auto& cat : p.locales)
    for (const auto& key : keys)
      if (!is_operator_key(key)) CHECK_MESSAGE(std::filesystem::exists(p.audio_path(cat.code, key)), (cat.code + " " + key));
}

TEST_CASE("broken content files give an error naming the file") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string check = pack_dir + "/check.json";
  const std::string hulp = pack_dir + "/modules/hulp.json";

  SUBCASE("missing check.json") {
    remove_file(check);
    auto load = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(load.pack.has_value());
    CHECK_MESSAGE(load.error.find(check) != std::string::npos, load.error);
    CHECK_MESSAGE(load.error.find("missing") != std::string::npos, load.error);
  }
  SUBCASE("malformed JSON in check.json") {
    write_file(check, "{ \"format\": 1, \"id\": \"x\", ");
    auto load = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(load.pack.has_value());
    CHECK_MESSAGE(load.error.find(check) != std::string::npos, load.error);
    CHECK_MESSAGE(load.error.find("not valid JSON") != std::string::npos, load.error);
  }
  SUBCASE("wrong format number") {
    replace_in_file(check, "\"format\": 1", "\"format\": 2");
    auto load = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(load.pack.has_value());
    CHECK_MESSAGE(load.error.find(check) != std::string::npos, load.error);
    CHECK_MESSAGE(load.error.find("format") != std::string::npos, load.error);
  }
  SUBCASE("malformed module file") {
    write_file(hulp, "{ \"id\": \"hulp\", \"items\": [ { ");
    auto load = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(load.pack.has_value());
    CHECK_MESSAGE(load.error.find(hulp) != std::string::npos, load.error);
    CHECK_MESSAGE(load.error.find("not valid JSON") != std::string::npos, load.error);
  }
  SUBCASE("module file listed but missing") {
    remove_file(hulp);
    auto load = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(load.pack.has_value());
    CHECK_MESSAGE(load.error.find(hulp) != std::string::npos, load.error);
  }
  SUBCASE("module id does not match its file name") {
    replace_in_file(hulp, "\"id\": \"hulp\"", "\"id\": \"helpen\"");
    auto load = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(load.pack.has_value());
    CHECK_MESSAGE(load.error.find(hulp) != std::string::npos, load.error);
    CHECK_MESSAGE(load.error.find("helpen") != std::string::npos, load.error);
    CHECK_MESSAGE(load.error.find("does not match") != std::string::npos, load.error);
  }
  SUBCASE("bad picture hexcode for a UI role") {
    replace_in_file(check, "\"tap\": \"1F446\"", "\"tap\": \"finger\"");
    auto load = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(load.pack.has_value());
    CHECK_MESSAGE(load.error.find(check) != std::string::npos, load.error);
    CHECK_MESSAGE(load.error.find("\"finger\"") != std::string::npos, load.error);
    CHECK_MESSAGE(load.error.find("hexcode") != std::string::npos, load.error);
  }
  SUBCASE("bad picture hexcode for a module") {
    replace_in_file(hulp, "\"picture\": \"1F465\"", "\"picture\": \"1f465\"");  // lower case is not a hexcode
    auto load = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(load.pack.has_value());
    CHECK_MESSAGE(load.error.find(hulp) != std::string::npos, load.error);
    CHECK_MESSAGE(load.error.find("1f465") != std::string::npos, load.error);
  }
  SUBCASE("a UI picture role is missing") {
    replace_in_file(check, "\"speaker\": \"1F5E3\",", "");
    auto load = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(load.pack.has_value());
    CHECK_MESSAGE(load.error.find(check) != std::string::npos, load.error);
    CHECK_MESSAGE(load.error.find("speaker") != std::string::npos, load.error);
  }
  SUBCASE("the source language's PO file is broken") {
    const std::string nl = pack_dir + "/locales/nl.po";
    replace_in_file(nl, "msgid \"Terug\"", "msgid \"Terug");
    auto load = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(load.pack.has_value());
    CHECK_MESSAGE(load.error.find(nl) != std::string::npos, load.error);
  }
  SUBCASE("a second PO file repeats a key of the first") {
    const std::string screens = pack_dir + "/locales/screens-nl.po";
    replace_in_file(screens, "msgctxt \"ui.closing.title\"", "msgctxt \"ui.back\"");
    auto load = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(load.pack.has_value());
    CHECK_MESSAGE(load.error.find("ui.back") != std::string::npos, load.error);
    CHECK_MESSAGE(load.error.find("nl.po") != std::string::npos, load.error);
  }
  SUBCASE("no translation file for the source language") {
    // Both files that hold Dutch go: there is no Dutch at all.
    remove_file(pack_dir + "/locales/nl.po");
    remove_file(pack_dir + "/locales/screens-nl.po");
    auto load = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(load.pack.has_value());
    CHECK_MESSAGE(load.error.find("\"nl\"") != std::string::npos, load.error);
  }
}

TEST_CASE("an unknown answer set skips that item with a warning; the pack still loads") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string path = pack_dir + "/modules/werk_plezier.json";
  replace_in_file(path, "{\"id\": \"zorgen\", \"picture\": \"1FA7A\", \"answers\": \"faces3\"}",
                  "{\"id\": \"zorgen\", \"picture\": \"1FA7A\", \"answers\": \"faces9\"}");
  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  const Module* m = find_module(*load.pack, "werk_plezier");
  REQUIRE(m);
  CHECK(m->items.size() == 5);
  CHECK_FALSE(has_item(*m, "zorgen"));
  CHECK(has_item(*m, "handen"));
  CHECK_MESSAGE(any_contains(load.pack->warnings, {path, "zorgen", "faces9", "skipped"}), join(load.pack->warnings));
  CHECK(load.pack->item_count() == 6);
}

TEST_CASE("a bad picture hexcode on an item skips that item with a warning") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string path = pack_dir + "/modules/werk_plezier.json";
  replace_in_file(path, "\"picture\": \"1F4BB\"", "\"picture\": \"laptop.png\"");
  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  const Module* m = find_module(*load.pack, "werk_plezier");
  REQUIRE(m);
  CHECK_FALSE(has_item(*m, "computer"));
  CHECK(m->items.size() == 5);
  CHECK_MESSAGE(any_contains(load.pack->warnings, {path, "computer", "laptop.png", "skipped"}),
                join(load.pack->warnings));
}

TEST_CASE("an item without source text is skipped with a warning naming the PO file") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string nl = pack_dir + "/locales/nl.po";
  replace_in_file(nl,
                  "msgctxt \"werk_plezier.maken\"\n"
                  "msgid \"Iets moois bedenken of tekenen. Vind je dat leuk?\"\n"
                  "msgstr \"Iets moois bedenken of tekenen. Vind je dat leuk?\"\n",
                  "");
  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  const Module* m = find_module(*load.pack, "werk_plezier");
  REQUIRE(m);
  CHECK_FALSE(has_item(*m, "maken"));
  CHECK(m->items.size() == 5);
  CHECK_MESSAGE(any_contains(load.pack->warnings, {nl, "werk_plezier.maken", "skipped"}), join(load.pack->warnings));

  // The linter reports it too, and the now unused English text.
  auto report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_FALSE(report.ok());
  CHECK(any_contains(report.errors, {nl, "werk_plezier.maken"}));
  CHECK(any_contains(report.errors, {"en.po", "werk_plezier.maken", "not used"}));
}

TEST_CASE("a missing option text skips the whole item") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string nl = pack_dir + "/locales/nl.po";
  replace_in_file(nl, "msgctxt \"hulp.wie.coach\"\nmsgid \"Een coach\"\nmsgstr \"Een coach\"\n", "");
  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  // hulp had only this item: the module goes, the pack still works with the other one.
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  CHECK(find_module(*load.pack, "hulp") == nullptr);
  CHECK(load.pack->modules.size() == 1);
  CHECK(any_contains(load.pack->warnings, {nl, "hulp.wie.coach", "hulp.wie skipped"}));
  CHECK(any_contains(load.pack->warnings, {"hulp", "module skipped"}));
}

TEST_CASE("the linter passes the built pack") {
  auto report = lint_content_pack(wktest::built_pack_dir(), kiosk_content_needs());
  CHECK_MESSAGE(report.ok(), join(report.errors));
}

TEST_CASE("the linter reports a missing picture, and the pack still loads") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  remove_file(pack_dir + "/pictures/1F600.png");
  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  CHECK(load.pack->warnings.empty());
  auto report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_FALSE(report.ok());
  CHECK_MESSAGE(any_contains(report.errors, {pack_dir + "/pictures/1F600.png", "picture is missing"}), join(report.errors));
  CHECK(report.errors.size() == 1);
}

TEST_CASE("the linter reports a missing spoken clip, and the pack still loads") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string clip = pack_dir + "/audio/en/hulp.wie.wav";
  remove_file(clip);
  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  auto report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_FALSE(report.ok());
  CHECK_MESSAGE(any_contains(report.errors, {clip, "spoken clip is missing"}), join(report.errors));
  CHECK(report.errors.size() == 1);
}

TEST_CASE("the linter reports a Dutch sentence over 15 words") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string nl = pack_dir + "/locales/nl.po";
  const std::string old_text = "Wie kan jou helpen met werk?";
  auto set_text = [&](const std::string& from, const std::string& to) {
    replace_in_file(nl, "msgid \"" + from + "\"\nmsgstr \"" + from + "\"", "msgid \"" + to + "\"\nmsgstr \"" + to + "\"");
  };

  // 15 words: allowed.
  const std::string fifteen = "Wie kan jou helpen als je werk zoekt of als je vragen hebt over werk?";
  REQUIRE(sentence_word_counts(fifteen) == std::vector<int>{15});
  set_text(old_text, fifteen);
  auto report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_FALSE(any_contains(report.errors, {"hulp.wie", "words"}));

  // 16 words: reported, naming the file and the key.
  const std::string sixteen = "Wie kan jou helpen als je werk zoekt of als je vragen hebt over je werk?";
  set_text(fifteen, sixteen);
  report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_MESSAGE(any_contains(report.errors, {nl, "\"hulp.wie\"", "16 words"}), join(report.errors));

  // Two short sentences of the same length are fine.
  const std::string two = "Wie kan jou helpen als je werk zoekt? Wie helpt als je vragen hebt over werk?";
  set_text(sixteen, two);
  report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_FALSE(any_contains(report.errors, {"hulp.wie", "words"}));
}

TEST_CASE("operator texts are not held to the sentence length") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string nl = pack_dir + "/locales/nl.po";
  const std::string from = "Let op: de demo-PIN is in gebruik. Stel een eigen PIN in met werkcheck set-pin.";
  const std::string to =
      "Let op: de demo-PIN is in gebruik en daarom moet u zo snel als het kan een eigen PIN instellen met set-pin.";
  REQUIRE(sentence_word_counts(to).front() > kMaxWordsPerSentence);
  replace_in_file(nl, "msgid \"" + from + "\"\nmsgstr \"" + from + "\"", "msgid \"" + to + "\"\nmsgstr \"" + to + "\"");
  auto report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_FALSE(any_contains(report.errors, {"operator.demo_pin_warning", "words"}));
  // It is still out of step with the English file.
  CHECK(any_contains(report.errors, {"en.po", "operator.demo_pin_warning", "older Dutch text"}));
}

TEST_CASE("the linter reports a translation made from older Dutch text") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string en = pack_dir + "/locales/en.po";
  replace_in_file(en, "msgctxt \"ui.next\"\nmsgid \"Verder\"", "msgctxt \"ui.next\"\nmsgid \"Ga verder\"");
  auto report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_MESSAGE(any_contains(report.errors, {en, "\"ui.next\"", "older Dutch text"}), join(report.errors));
  CHECK(report.errors.size() == 1);
  // At runtime the English text is still used.
  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  REQUIRE(load.pack.has_value());
  CHECK(load.pack->text("en", "ui.next") == "Next");
}

TEST_CASE("the linter reports a fuzzy translation, which falls back to Dutch") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string en = pack_dir + "/locales/en.po";
  replace_in_file(en, "msgctxt \"ui.stop\"\n", "#, fuzzy\nmsgctxt \"ui.stop\"\n");
  auto report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_MESSAGE(any_contains(report.errors, {en, "\"ui.stop\"", "fuzzy"}), join(report.errors));
  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  REQUIRE(load.pack.has_value());
  CHECK(load.pack->text("en", "ui.stop") == "Stoppen");
}

TEST_CASE("the linter names a direction that is neither ltr nor rtl") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string en = pack_dir + "/locales/en.po";
  CHECK_FALSE(any_contains(lint_content_pack(pack_dir, kiosk_content_needs()).errors, {"X-Werkcheck-Direction"}));
  replace_in_file(en, "\"X-Werkcheck-Voice: en-gb\\n\"\n", "\"X-Werkcheck-Voice: en-gb\\n\"\n\"X-Werkcheck-Direction: right\\n\"\n");
  auto report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_MESSAGE(any_contains(report.errors, {en, "X-Werkcheck-Direction", "\"right\""}), join(report.errors));
  auto load = load_content_pack(pack_dir, kiosk_content_needs());  // the kiosk still runs, left to right
  REQUIRE(load.pack.has_value());
  CHECK_FALSE(load.pack->locale("en")->rtl());
}

TEST_CASE("the linter reports a language without voice; a flag is not needed") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string en = pack_dir + "/locales/en.po";
  // The header of either English file may name the voice: take it out of both.
  replace_in_file(en, "\"X-Werkcheck-Voice: en-gb\\n\"\n", "");
  auto report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_FALSE(any_contains(report.errors, {"X-Werkcheck-Voice"}));
  replace_in_file(pack_dir + "/locales/screens-en.po", "\"X-Werkcheck-Voice: en-gb\\n\"\n", "");
  report = lint_content_pack(pack_dir, kiosk_content_needs());
  CHECK_MESSAGE(any_contains(report.errors, {en, "X-Werkcheck-Voice"}), join(report.errors));
}

TEST_CASE("sentence_word_counts") {
  CHECK(sentence_word_counts("").empty());
  CHECK(sentence_word_counts("   ").empty());
  CHECK(sentence_word_counts("Kies je taal.") == std::vector<int>{3});
  CHECK(sentence_word_counts("Kies je taal") == std::vector<int>{3});
  CHECK(sentence_word_counts("Wil je stoppen? Je antwoorden zijn bewaard.") == std::vector<int>{3, 4});
  CHECK(sentence_word_counts("Ja! Nee.") == std::vector<int>{1, 1});
  CHECK(sentence_word_counts("Hallo!!! Ja") == std::vector<int>{1, 1});
  CHECK(sentence_word_counts("Een regel\nen nog een") == std::vector<int>{2, 3});
  CHECK(sentence_word_counts("Collega's helpen") == std::vector<int>{2});    // apostrophe inside a word
  CHECK(sentence_word_counts("de demo-PIN werkt") == std::vector<int>{3});   // hyphen inside a word
  CHECK(sentence_word_counts("Kies één antwoord.") == std::vector<int>{3});  // UTF-8 letters are letters
  CHECK(sentence_word_counts("Buiten werken, in weer en wind.") == std::vector<int>{6});
  CHECK(sentence_word_counts("Kijk op werkcheck.nl voor meer.").size() == 1);  // a dot inside a word is no end
}

TEST_CASE("is_operator_key") {
  CHECK(is_operator_key("operator.ok"));
  CHECK(is_operator_key("operator.pin.title"));
  CHECK_FALSE(is_operator_key("ui.ok"));
  CHECK_FALSE(is_operator_key("x.operator.ok"));
}

namespace {
void add_text(const std::string& po, const std::string& key, const std::string& source, const std::string& text) {
  std::string all = wktest::read_file(po);
  all += "\nmsgctxt \"" + key + "\"\nmsgid \"" + source + "\"\nmsgstr \"" + text + "\"\n";
  write_file(po, all);
}
}  // namespace

TEST_CASE("a per-choice item follows an earlier item of its module; otherwise it is skipped with a warning") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string hulp = pack_dir + "/modules/hulp.json";
  write_file(hulp, R"({"id": "hulp", "picture": "1F465", "items": [
    {"id": "voor", "type": "per_choice", "of": "wie", "answers": "faces3", "picture": "1F552"},
    {"id": "wie", "picture": "1F91D", "max_choices": 5, "options": [
      {"id": "familie", "picture": "1F46A", "tags": {"network": "family"}},
      {"id": "vrienden", "picture": "1F9D1-200D-1F91D-200D-1F9D1", "tags": {"network": "friends"}},
      {"id": "collegas", "picture": "1F477", "tags": {"network": "colleagues"}},
      {"id": "coach", "picture": "1F9D1-200D-1F3EB", "tags": {"network": "coach"}},
      {"id": "niemand", "picture": "1F6AB", "exclusive": true, "tags": {"network": "nobody"}}]},
    {"id": "wanneer", "type": "per_choice", "of": "wie", "answers": "faces3", "picture": "1F552"},
    {"id": "elders", "type": "per_choice", "of": "handen", "answers": "faces3", "picture": "1F552"},
    {"id": "zonder", "type": "per_choice", "answers": "faces3", "picture": "1F552"},
    {"id": "schuif", "type": "slider", "answers": "faces3", "picture": "1F552"}
  ]})");
  add_text(pack_dir + "/locales/nl.po", "hulp.wanneer", "Wanneer vraag je het?", "Wanneer vraag je het?");
  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  const ContentPack& p = *load.pack;
  const Module* m = find_module(p, "hulp");
  REQUIRE(m);
  REQUIRE(m->items.size() == 2);
  CHECK(m->items[0].id == "wie");
  const Item& wanneer = m->items[1];
  CHECK(wanneer.id == "wanneer");
  CHECK(wanneer.type == ItemType::PerChoice);
  CHECK(wanneer.of == "wie");
  CHECK(wanneer.key == "hulp.wanneer");
  CHECK(wanneer.answer_key("coach") == "hulp.wanneer.coach");
  CHECK(wanneer.options.size() == 3);
  CHECK(p.find_item("hulp", "wanneer") == &wanneer);
  // "of" must name an earlier item of the same module.
  CHECK_MESSAGE(any_contains(p.warnings, {hulp, "\"voor\"", "\"wie\"", "not an earlier item", "skipped"}), join(p.warnings));
  CHECK_MESSAGE(any_contains(p.warnings, {hulp, "\"elders\"", "\"handen\"", "not an earlier item", "skipped"}),
                join(p.warnings));
  CHECK_MESSAGE(any_contains(p.warnings, {hulp, "\"zonder\"", "of", "skipped"}), join(p.warnings));
  CHECK_MESSAGE(any_contains(p.warnings, {hulp, "\"schuif\"", "unknown item type \"slider\"", "skipped"}),
                join(p.warnings));
  CHECK(p.item_count() == 8);
}

TEST_CASE("occupations, stories and prospects load from their files; a broken entry is skipped with a warning") {
  TempDir dir;
  const std::string pack_dir = copy_content_pack(dir);
  const std::string occupations = pack_dir + "/occupations.json";
  write_file(occupations, R"({"occupations": [
    {"id": "chauffeur", "esco_uri": "http://data.europa.eu/esco/occupation/aaa", "isco": "8331", "picture": "1F69A",
     "sector": "transport", "school": "mbo2", "prospect_group": "Chauffeurs", "riasec": ["R", "C"],
     "skills": ["driving"], "values": ["outdoors"], "conditions": {"physical": "heavy", "outdoors": true, "shifts": true}},
    {"id": "nep", "esco_uri": "https://example.org/nep", "isco": "1", "picture": "1F69A", "sector": "x",
     "school": "mbo2", "prospect_group": "X", "riasec": ["R"]},
    {"id": "geen_type", "esco_uri": "http://data.europa.eu/esco/occupation/bbb", "isco": "1", "picture": "1F69A",
     "sector": "x", "school": "mbo2", "prospect_group": "X", "riasec": []},
    {"id": "raar_type", "esco_uri": "http://data.europa.eu/esco/occupation/ccc", "isco": "1", "picture": "1F69A",
     "sector": "x", "school": "mbo2", "prospect_group": "X", "riasec": ["Q"]},
    {"id": "te_zwaar", "esco_uri": "http://data.europa.eu/esco/occupation/ddd", "isco": "1", "picture": "1F69A",
     "sector": "x", "school": "mbo2", "prospect_group": "X", "riasec": ["R"], "conditions": {"physical": "very"}},
    {"id": "chauffeur", "esco_uri": "http://data.europa.eu/esco/occupation/aaa", "isco": "8331", "picture": "1F69A",
     "sector": "transport", "school": "mbo2", "prospect_group": "Chauffeurs", "riasec": ["R"]}
  ]})");
  write_file(pack_dir + "/stories.json", R"({"stories": [
    {"id": "fatima", "picture": "1F469-200D-1F373", "fits": {"network": ["family", "coach"], "value": ["outdoors"]}},
    {"id": "kapot", "picture": "fatima.png"}
  ]})");
  write_file(pack_dir + "/prospects.csv",
             "beroepsgroep,regio,spanningsindicator,periode,bron\n"
             "Chauffeurs,Nederland,\"2,5\",2026-K3,voorbeelddata\n"
             "Chauffeurs,Utrecht,4.5,2026-K3,voorbeelddata\n");

  auto load = load_content_pack(pack_dir, kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  const ContentPack& p = *load.pack;
  REQUIRE(p.occupations.size() == 1);
  const Occupation& o = p.occupations[0];
  CHECK(o.id == "chauffeur");
  CHECK(o.name_key() == "occupation.chauffeur");
  CHECK(o.plain_key() == "occupation_plain.chauffeur");
  CHECK_FALSE(o.travel);  // not given: one fixed workplace
  CHECK(o.training_route.empty());
  CHECK(o.isco == "8331");
  CHECK(o.riasec == std::vector<std::string>{"R", "C"});
  CHECK(o.skills == std::vector<std::string>{"driving"});
  CHECK(o.values == std::vector<std::string>{"outdoors"});
  CHECK(o.physical == "heavy");
  CHECK(o.outdoors);
  CHECK(o.shifts);
  CHECK(o.prospect_group == "Chauffeurs");
  CHECK(any_contains(p.warnings, {occupations, "\"nep\"", "ESCO occupation URI", "skipped"}));
  CHECK(any_contains(p.warnings, {occupations, "\"geen_type\"", "RIASEC", "skipped"}));
  CHECK(any_contains(p.warnings, {occupations, "\"raar_type\"", "\"Q\"", "skipped"}));
  CHECK(any_contains(p.warnings, {occupations, "\"te_zwaar\"", "physical", "skipped"}));
  CHECK(any_contains(p.warnings, {occupations, "\"chauffeur\"", "duplicate", "skipped"}));
  REQUIRE(p.stories.size() == 1);
  CHECK(p.stories[0].id == "fatima");
  CHECK(p.stories[0].fits.at("network") == std::vector<std::string>{"family", "coach"});
  CHECK(p.stories[0].title_key() == "story.fatima.title");
  CHECK(any_contains(p.warnings, {"stories.json", "fatima.png", "skipped"}));
  REQUIRE(p.prospects.size() == 2);
  CHECK(p.prospects[0].ratio == doctest::Approx(2.5));
  CHECK(p.prospect("Chauffeurs", "Utrecht")->ratio == doctest::Approx(4.5));
  CHECK(p.prospect("Chauffeurs", "Twente")->region == "Nederland");
  // With occupations the result screens need their words: reported while they are missing.
  auto keys = required_text_keys(p, kiosk_content_needs());
  for (const char* k : {"occupation.chauffeur", "prospect.krap", "story.fatima.text", "ui.result.occupation_title"})
    CHECK_MESSAGE(std::find(keys.begin(), keys.end(), k) != keys.end(), k);
  CHECK(any_contains(p.warnings, {"nl.po", "occupation.chauffeur"}));

  SUBCASE("a prospects file that cannot be read is reported, and no prospects are shown") {
    write_file(pack_dir + "/prospects.csv", "groep,regio\nChauffeurs,Nederland\n");
    auto again = load_content_pack(pack_dir, kiosk_content_needs());
    REQUIRE_MESSAGE(again.pack.has_value(), again.error);
    CHECK(again.pack->prospects.empty());
    CHECK_MESSAGE(any_contains(again.pack->warnings, {pack_dir + "/prospects.csv", "first line", "no prospects shown"}),
                  join(again.pack->warnings));
  }
  SUBCASE("an occupations file that is not valid JSON stops the pack") {
    write_file(occupations, "{\"occupations\": [");
    auto again = load_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(again.pack.has_value());
    CHECK_MESSAGE(again.error.find(occupations) != std::string::npos, again.error);
  }
  SUBCASE("the linter: only skills, values and story tags that the modules ask about") {
    auto report = lint_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(report.ok());
    CHECK_MESSAGE(any_contains(report.errors, {"occupations.json \"chauffeur\"", "unknown skill \"driving\""}),
                  join(report.errors));
    CHECK(any_contains(report.errors, {"occupations.json \"chauffeur\"", "unknown value \"outdoors\""}));
    CHECK(any_contains(report.errors, {"stories.json \"fatima\"", "value \"outdoors\"", "no item uses"}));
    CHECK_FALSE(any_contains(report.errors, {"stories.json \"fatima\"", "network"}));  // the hulp item asks about these
    CHECK_FALSE(any_contains(report.errors, {"prospect group"}));
    // A group without a national row is reported.
    write_file(pack_dir + "/prospects.csv",
               "beroepsgroep,regio,spanningsindicator,periode,bron\nChauffeurs,Utrecht,4.5,2026-K3,voorbeelddata\n");
    report = lint_content_pack(pack_dir, kiosk_content_needs());
    CHECK(any_contains(report.errors, {"\"chauffeur\"", "prospect group \"Chauffeurs\"", "Nederland"}));
  }
  SUBCASE("the linter: every occupation has a plain name in every language, without a slash") {
    auto report = lint_content_pack(pack_dir, kiosk_content_needs());
    CHECK_MESSAGE(any_contains(report.errors, {"occupations.json \"chauffeur\"", "no plain name",
                                               "occupation_plain.chauffeur", "nl.po"}),
                  join(report.errors));
    CHECK(any_contains(report.errors, {"occupations.json \"chauffeur\"", "no plain name", "en.po"}));
    add_text(pack_dir + "/locales/nl.po", "occupation_plain.chauffeur", "chauffeur/bezorger", "chauffeur/bezorger");
    add_text(pack_dir + "/locales/en.po", "occupation_plain.chauffeur", "chauffeur/bezorger", "driver");
    report = lint_content_pack(pack_dir, kiosk_content_needs());
    CHECK_FALSE(any_contains(report.errors, {"\"chauffeur\"", "no plain name"}));
    CHECK_MESSAGE(any_contains(report.errors, {"\"chauffeur\"", "plain name \"chauffeur/bezorger\"", "nl.po", "slash"}),
                  join(report.errors));
    CHECK_FALSE(any_contains(report.errors, {"plain name \"driver\""}));
  }
  SUBCASE("the linter with ESCO exports: the URI, the ISCO group and both names") {
    add_text(pack_dir + "/locales/nl.po", "occupation.chauffeur", "vrachtwagenchauffeur", "vrachtwagenchauffeur");
    add_text(pack_dir + "/locales/en.po", "occupation.chauffeur", "vrachtwagenchauffeur", "lorry driver");
    const std::string esco = dir.file("esco");
    std::filesystem::create_directories(esco);
    auto report = lint_content_pack(pack_dir, kiosk_content_needs(), esco);
    CHECK(any_contains(report.errors, {esco, "cannot read"}));

    write_file(esco + "/occupations_nl.csv",
               "conceptType,conceptUri,iscoGroup,preferredLabel\n"
               "Occupation,http://data.europa.eu/esco/occupation/aaa,8332,vrachtwagenchauffeur\n");
    write_file(esco + "/occupations_en.csv",
               "conceptType,conceptUri,iscoGroup,preferredLabel\n"
               "Occupation,http://data.europa.eu/esco/occupation/aaa,8332,\"truck driver\"\n");
    report = lint_content_pack(pack_dir, kiosk_content_needs(), esco);
    CHECK_MESSAGE(any_contains(report.errors, {"\"chauffeur\"", "ISCO 8331", "8332"}), join(report.errors));
    CHECK(any_contains(report.errors, {"\"chauffeur\"", "English name", "\"truck driver\""}));
    CHECK_FALSE(any_contains(report.errors, {"\"chauffeur\"", "Dutch name"}));
    CHECK_FALSE(any_contains(report.errors, {"not in the ESCO exports"}));

    replace_in_file(occupations, "occupation/aaa\", \"isco\": \"8331\"", "occupation/zzz\", \"isco\": \"8331\"");
    report = lint_content_pack(pack_dir, kiosk_content_needs(), esco);
    CHECK(any_contains(report.errors, {"\"chauffeur\"", "http://data.europa.eu/esco/occupation/zzz",
                                       "not in the ESCO exports"}));
  }
}
