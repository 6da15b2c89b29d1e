// Earlier content versions: scripts/snapshot-content-version.py keeps a version's questions in
// history/<version>/, then the content changes (an item removed, another reworded, the version
// raised); answers made with the kept version are read with its questions and words, by the
// coach pages (ContentVersions) and by `werkcheck result`.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cli/commands.h"
#include "content/content_history.h"
#include "content/content_lint.h"
#include "screens/screen_table.h"
#include "test_support.h"

using namespace wk;
using wktest::any_contains;
using wktest::copy_content_pack;
using wktest::replace_in_file;
using wktest::TempDir;
using wktest::write_file;

namespace {

const std::string kOldHanden = "Iets maken met je handen. Vind je dat leuk?";
const std::string kNewHanden = "Met je handen werken. Vind je dat leuk?";
const std::string kMaken = "Iets moois bedenken of tekenen. Vind je dat leuk?";

// A copy of the unit tests' pack whose version 2026.11.0-demo is kept, then changed into
// 2026.12.0-demo: werk_plezier.maken removed, werk_plezier.handen reworded.
std::string changed_pack(const TempDir& dir) {
  const std::string pack = copy_content_pack(dir);
  const std::string cmd = "python3 " + wktest::source_dir() + "/scripts/snapshot-content-version.py " + pack + " " +
                          pack + "/locales > /dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  REQUIRE(std::filesystem::exists(pack + "/history/2026.11.0-demo/modules/werk_plezier.json"));
  replace_in_file(pack + "/check.json", "\"2026.11.0-demo\"", "\"2026.12.0-demo\"");
  replace_in_file(pack + "/modules/werk_plezier.json", R"(    {"id": "maken", "picture": "1F3A8", "answers": "faces3"})",
                  R"(    {"id": "nieuw", "picture": "1F3A8", "answers": "faces3"})");
  replace_in_file(pack + "/locales/nl.po", "msgstr \"" + kOldHanden + "\"", "msgstr \"" + kNewHanden + "\"");
  return pack;
}

int result_of(const std::string& pack, const std::string& answers_json, std::string& out, std::string& err) {
  TempDir dir;
  write_file(dir.file("answers.json"), answers_json);
  std::ostringstream o, e;
  const int code = run_result(pack, dir.file("answers.json"), "Nederland", o, e);
  out = o.str();
  err = e.str();
  return code;
}

}  // namespace

TEST_CASE("a kept version's questions and words, over the current pack") {
  TempDir dir;
  const std::string dir_path = changed_pack(dir);
  auto load = load_content_pack(dir_path, kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  const ContentVersions versions(*load.pack);
  CHECK(versions.problems().empty());
  CHECK(versions.earlier_versions() == std::vector<std::string>{"2026.11.0-demo"});
  CHECK(versions.knows("2026.12.0-demo"));
  CHECK(versions.knows("2026.11.0-demo"));
  CHECK_FALSE(versions.knows("2025.1.0"));

  const ContentPack& now = versions.current();
  CHECK(now.item_for_answer_key("werk_plezier.maken") == nullptr);
  CHECK(now.text("nl", "werk_plezier.handen") == kNewHanden);

  const ContentPack& then = versions.for_version("2026.11.0-demo");
  CHECK(then.version == "2026.11.0-demo");
  const Item* maken = then.item_for_answer_key("werk_plezier.maken");
  REQUIRE(maken);
  CHECK(then.text("nl", maken->key) == kMaken);
  CHECK(then.text("nl", "werk_plezier.handen") == kOldHanden);  // the words the participant heard
  CHECK(then.item_for_answer_key("werk_plezier.nieuw") == nullptr);
  // The rest is the current pack's: its screens' words and pictures.
  CHECK(then.dir == now.dir);
  CHECK(then.ui_picture("next") == now.ui_picture("next"));
  CHECK(then.text("nl", "ui.next") == now.text("nl", "ui.next"));
  // A version without history is read with the current pack.
  CHECK(&versions.for_version("2025.1.0") == &now);
  CHECK(&versions.for_version("2026.12.0-demo") == &now);

  // The linter reads the history too: the changed pack is clean apart from the new item's words.
  auto report = lint_content_pack(dir_path, kiosk_content_needs());
  CHECK_FALSE(any_contains(report.errors, {"history"}));
}

TEST_CASE("a history that cannot be read is reported and left out") {
  TempDir dir;
  const std::string pack = changed_pack(dir);
  std::filesystem::create_directories(pack + "/history/2026.1.0");
  write_file(pack + "/history/2026.1.0/check.json", "{\"format\": 1,");
  std::filesystem::copy(pack + "/history/2026.11.0-demo", pack + "/history/2026.2.0", std::filesystem::copy_options::recursive);
  auto load = load_content_pack(pack, kiosk_content_needs());
  REQUIRE(load.pack.has_value());
  const ContentVersions versions(*load.pack);
  CHECK(any_contains(versions.problems(), {pack + "/history/2026.1.0/check.json", "not valid JSON"}));
  CHECK(any_contains(versions.problems(), {"2026.2.0", "version \"2026.11.0-demo\"", "not the directory's name"}));
  CHECK(versions.knows("2026.11.0-demo"));  // the good one still counts
  CHECK_FALSE(versions.knows("2026.1.0"));
  auto report = lint_content_pack(pack, kiosk_content_needs());
  CHECK(any_contains(report.errors, {"history: ", "2026.1.0/check.json", "not valid JSON"}));
}

TEST_CASE("werkcheck result reads a session with the version it was made with") {
  TempDir dir;
  const std::string pack = changed_pack(dir);
  std::string out, err;
  const std::string old_session =
      R"({"content": {"id": "werkcheck-demo", "version": "2026.11.0-demo"}, "answers": {"werk_plezier.maken": ["leuk"]}})";
  CHECK_MESSAGE(result_of(pack, old_session, out, err) == 0, err);
  CHECK(out.find("\"version\": \"2026.11.0-demo\"") != std::string::npos);

  // The bare answers are read with the current version, which no longer has the item.
  CHECK(result_of(pack, R"({"werk_plezier.maken": ["leuk"]})", out, err) == 2);
  CHECK_MESSAGE(err.find("\"werk_plezier.maken\" is not a question of this content (version 2026.12.0-demo)") !=
                    std::string::npos,
                err);
  CHECK(out.empty());
  // A version the pack does not keep: said so.
  CHECK(result_of(pack, R"({"content": {"version": "2025.1.0"}, "answers": {"werk_plezier.maken": ["leuk"]}})", out,
                  err) == 2);
  CHECK_MESSAGE(err.find("made with content version 2025.1.0, which is not kept") != std::string::npos, err);
  // Malformed JSON and a wrong content dir: exit 2 naming the problem.
  CHECK(result_of(pack, "{\"content\": ", out, err) == 2);
  CHECK(err.find("not valid JSON") != std::string::npos);
  CHECK(result_of(dir.file("nowhere"), old_session, out, err) == 2);
  CHECK(err.find("no check.json") != std::string::npos);
}
