// One picture, one meaning: the linter's rules over pictures.json, each on a copy of the unit
// tests' pack with one thing broken, and docs/pictures.md made from it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "content/content_lint.h"
#include "content/picture_meanings.h"
#include "screens/screen_table.h"
#include "test_support.h"

using namespace wk;
using wktest::any_contains;
using wktest::copy_content_pack;
using wktest::read_file;
using wktest::remove_file;
using wktest::replace_in_file;
using wktest::TempDir;
using wktest::write_file;

namespace {

// Edits the copy's pictures.json as JSON.
template <typename Edit>
void edit_meanings(const std::string& pack_dir, Edit edit) {
  auto j = nlohmann::json::parse(read_file(pack_dir + "/pictures.json"));
  edit(j);
  write_file(pack_dir + "/pictures.json", j.dump(2));
}

std::vector<std::string> lint(const std::string& pack_dir) { return lint_content_pack(pack_dir, kiosk_content_needs()).errors; }

}  // namespace

TEST_CASE("every place the pack shows a picture is a use, named as in pictures.json") {
  const auto uses = picture_uses(wktest::built_pack());
  auto at = [&](const std::string& use) { return uses.count(use) ? uses.at(use).picture : std::string("(none)"); };
  CHECK(at("module.werk_plezier") == "1F9D1-200D-1F4BC");
  CHECK(at("werk_plezier.handen") == "1F528");
  CHECK(at("answers.faces3.leuk") == "1F600");  // an answer set's option, not one per item
  CHECK_FALSE(uses.count("werk_plezier.handen.leuk"));
  CHECK(at("hulp.wie.niemand") == "1F6AB");
  CHECK(at("screen.next") == "27A1");
  CHECK_FALSE(uses.count("flag.nl"));  // a language is shown by its name, never a flag
  CHECK(uses.at("hulp.wie.familie").text_key == "hulp.wie.familie");
}

TEST_CASE("the unit tests' pack gives each picture one meaning") {
  auto meanings = load_picture_meanings(wktest::built_pack_dir());
  REQUIRE_MESSAGE(meanings.meanings.has_value(), meanings.error);
  CHECK_MESSAGE(lint_picture_meanings(wktest::built_pack(), *meanings.meanings).empty(),
                wktest::join_lines(lint_picture_meanings(wktest::built_pack(), *meanings.meanings)));
}

TEST_CASE("the linter: pictures that do not carry one meaning") {
  TempDir dir;
  const std::string pack = copy_content_pack(dir);
  const std::string file = pack + "/pictures.json";
  REQUIRE_MESSAGE(lint(pack).empty(), wktest::join_lines(lint(pack)));

  SUBCASE("no pictures.json at all") {
    remove_file(file);
    CHECK_MESSAGE(any_contains(lint(pack), {file, "missing", "meaning"}), wktest::join_lines(lint(pack)));
  }
  SUBCASE("pictures.json that is not JSON, or not the shape") {
    write_file(file, "{\"pictures\": {");
    CHECK_MESSAGE(any_contains(lint(pack), {file, "not valid"}), wktest::join_lines(lint(pack)));
    write_file(file, R"({"pictures": {"1F600": {"meaning": "blij", "why": "x", "uses": "answers.faces3.leuk"}}})");
    CHECK_MESSAGE(any_contains(lint(pack), {file, "1F600", "\"uses\" must be a list"}), wktest::join_lines(lint(pack)));
  }
  SUBCASE("a picture used somewhere its uses do not list has a second meaning") {
    // The smiling face of "leuk" also on the drawing item.
    replace_in_file(pack + "/modules/werk_plezier.json", R"({"id": "maken", "picture": "1F3A8")",
                    R"({"id": "maken", "picture": "1F600")");
    const auto errors = lint(pack);
    CHECK_MESSAGE(any_contains(errors, {file, "picture 1F600 has a second meaning at werk_plezier.maken"}), wktest::join_lines(errors));
    // ... and the palette's listed use now shows another picture.
    CHECK(any_contains(errors, {"picture 1F3A8 lists use werk_plezier.maken", "now shows 1F600"}));
  }
  SUBCASE("mirror_rtl: the arrows are mirrored right to left; anything but true or false is named") {
    auto load = load_content_pack(pack, kiosk_content_needs());
    REQUIRE(load.pack.has_value());
    CHECK(load.pack->mirror_rtl == std::set<std::string>{"1F504", "2197", "2198", "27A1", "2B05"});
    edit_meanings(pack, [](auto& j) { j["pictures"]["27A1"]["mirror_rtl"] = "yes"; });
    CHECK_MESSAGE(any_contains(lint(pack), {file, "27A1", "\"mirror_rtl\" must be true"}), wktest::join_lines(lint(pack)));
  }
  SUBCASE("a picture that is not listed at all") {
    replace_in_file(pack + "/modules/hulp.json", R"({"id": "coach", "picture": "1F9D1-200D-1F3EB")",
                    R"({"id": "coach", "picture": "1F69A")");
    CHECK_MESSAGE(any_contains(lint(pack), {file, "picture 1F69A at hulp.wie.coach is not listed"}), wktest::join_lines(lint(pack)));
  }
  SUBCASE("a use listed under two pictures") {
    edit_meanings(pack, [](auto& j) { j["pictures"]["2B05"]["uses"].push_back("screen.next"); });
    CHECK_MESSAGE(any_contains(lint(pack), {file, "use screen.next is listed under two pictures", "27A1", "2B05"}),
                  wktest::join_lines(lint(pack)));
  }
  SUBCASE("a forbidden picture, wherever it is used, names the reason") {
    edit_meanings(pack, [](auto& j) { j["forbidden"]["1F44C"] = "OK hand: rude in Turkey and Brazil"; });
    CHECK(lint(pack).empty());  // listed but not used: fine
    replace_in_file(pack + "/check.json", "\"picture\": \"1F610\"", "\"picture\": \"1F44C\"");
    CHECK_MESSAGE(any_contains(lint(pack), {file, "picture 1F44C at answers.faces3.weet_niet is forbidden",
                                            "rude in Turkey and Brazil"}),
                  wktest::join_lines(lint(pack)));
    // A skin tone of the same gesture is the same gesture.
    replace_in_file(pack + "/check.json", "\"picture\": \"1F44C\"", "\"picture\": \"1F44C-1F3FD\"");
    CHECK(any_contains(lint(pack), {"picture 1F44C-1F3FD at answers.faces3.weet_niet is forbidden", "Turkey"}));
    // A person composed with the gesture (the build joins them with 200D) shows the gesture too;
    // a code that only starts with the same digits is another picture.
    replace_in_file(pack + "/check.json", "\"picture\": \"1F44C-1F3FD\"", "\"picture\": \"1F9D1-200D-1F44C\"");
    CHECK(any_contains(lint(pack), {"picture 1F9D1-200D-1F44C at answers.faces3.weet_niet is forbidden", "Turkey"}));
    replace_in_file(pack + "/check.json", "\"picture\": \"1F9D1-200D-1F44C\"", "\"picture\": \"1F9D1-200D-1F44C0\"");
    CHECK_FALSE(any_contains(lint(pack), {"at answers.faces3.weet_niet is forbidden"}));
    replace_in_file(pack + "/check.json", "\"picture\": \"1F9D1-200D-1F44C0\"", "\"picture\": \"1F44C-1F3FD\"");
    // Giving it a meaning does not make it allowed.
    edit_meanings(pack, [](auto& j) {
      j["pictures"]["1F44C"] = {{"meaning", "een beetje"}, {"why", "x"}, {"uses", nlohmann::json::array({"answers.faces3.weet_niet"})}};
    });
    CHECK(any_contains(lint(pack), {"picture 1F44C is forbidden", "but is given a meaning"}));
  }
  SUBCASE("a listed use that no longer exists") {
    edit_meanings(pack, [](auto& j) { j["pictures"]["1F528"]["uses"].push_back("werk_plezier.timmeren"); });
    CHECK_MESSAGE(any_contains(lint(pack), {file, "picture 1F528 lists use werk_plezier.timmeren", "no longer exists"}),
                  wktest::join_lines(lint(pack)));
  }
  SUBCASE("a screen's picture named ui.<role> gets the name it needs") {
    edit_meanings(pack, [](auto& j) { j["pictures"]["27A1"]["uses"] = nlohmann::json::array({"ui.next"}); });
    CHECK_MESSAGE(any_contains(lint(pack), {"picture 27A1 lists use ui.next: a screen's picture is named screen.next"}),
                  wktest::join_lines(lint(pack)));
  }
  SUBCASE("a picture without a meaning, a reason or a use") {
    edit_meanings(pack, [](auto& j) {
      j["pictures"]["1F528"]["meaning"] = "";
      j["pictures"]["1F333"].erase("why");
      j["pictures"]["1F4BB"]["uses"] = nlohmann::json::array();
    });
    const auto errors = lint(pack);
    CHECK_MESSAGE(any_contains(errors, {file, "picture 1F528 has no meaning"}), wktest::join_lines(errors));
    CHECK(any_contains(errors, {file, "picture 1F333 does not say why"}));
    CHECK(any_contains(errors, {file, "picture 1F4BB lists no use"}));
    CHECK(any_contains(errors, {"picture 1F4BB has a second meaning at werk_plezier.computer"}));  // its use is unlisted
  }
}

TEST_CASE("the linter: an occupation without a plain name or an ESCO link") {
  TempDir dir;
  const std::string pack = copy_content_pack(dir);
  write_file(pack + "/occupations.json", R"({"occupations": [
    {"id": "chauffeur", "isco": "8331", "picture": "1F69A", "sector": "transport", "school": "mbo2",
     "prospect_group": "Chauffeurs", "riasec": ["R"]}]})");
  auto errors = lint(pack);
  CHECK_MESSAGE(any_contains(errors, {"occupations.json", "\"chauffeur\"", "missing \"esco_uri\"", "skipped"}), wktest::join_lines(errors));
  replace_in_file(pack + "/occupations.json", R"("isco": "8331")",
                  R"("esco_uri": "http://data.europa.eu/esco/occupation/aaa", "isco": "8331")");
  errors = lint(pack);
  CHECK_FALSE(any_contains(errors, {"esco_uri"}));
  CHECK_MESSAGE(any_contains(errors, {"occupations.json \"chauffeur\"", "no plain name", "nl.po"}), wktest::join_lines(errors));
  // Its picture is a new use: it needs a meaning like any other.
  CHECK(any_contains(errors, {"picture 1F69A at occupation.chauffeur is not listed"}));
}

TEST_CASE("docs/pictures.md is made from pictures.json: meaning, why and each use with its words") {
  auto meanings = load_picture_meanings(wktest::built_pack_dir());
  REQUIRE_MESSAGE(meanings.meanings.has_value(), meanings.error);
  const std::string md = pictures_markdown(wktest::built_pack(), *meanings.meanings);
  const auto& p = *meanings.meanings->find("1F6AB");
  CHECK(md.find("| 🚫 `1F6AB` | " + p.meaning + " | " + p.why + " | `hulp.wie.niemand` Niemand<br>`screen.none` |") !=
        std::string::npos);
  CHECK(md.find("flag.") == std::string::npos);
  CHECK(md.find(std::to_string(meanings.meanings->pictures.size()) + " pictures") != std::string::npos);
}
