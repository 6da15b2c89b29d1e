// The kiosk's shell without a window: start-up, the data directory's lock, content choice
// and the switch between participants, operator status.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>

#include "screens/operator_parts.h"
#include "shell/kiosk_shell.h"
#include "shell/operator_status.h"
#include "storage/session_store.h"
#include "sync/client/content_update.h"
#include "test_support.h"

using namespace wk;
using wktest::TempDir;
namespace fs = std::filesystem;

namespace {

const Metrics kMetrics = make_metrics(1280, 800, 96.0f / 25.4f, 50);

KioskConfig config_for(const TempDir& dir) {
  KioskConfig config;
  config.data_dir = dir.file("data");
  config.content_dir = wktest::built_pack_dir();
  return config;
}

// A copy of the built pack under DATA/content/<version>, as the sync client leaves a download.
std::string downloaded_pack(const KioskConfig& config, const std::string& version) {
  const std::string to = sync::ContentStore{config.data_dir}.dir_for(version);
  fs::create_directories(fs::path(to).parent_path());
  fs::copy(wktest::built_pack_dir(), to, fs::copy_options::recursive);
  wktest::replace_in_file(to + "/check.json", "\"version\": \"2026.11.0-demo\"", "\"version\": \"" + version + "\"");
  return to;
}

// A content update source that offers one directory until the shell says it switched.
struct OfferedUpdate : ContentUpdates {
  std::optional<std::string> dir;
  int switches = 0;
  bool last_ok = false;
  std::string last_version;
  std::optional<std::string> ready_content_dir() const override { return dir; }
  void content_switched(const std::string&, const std::string& version, bool ok, const std::string&) override {
    ++switches;
    last_ok = ok;
    last_version = version;
    dir.reset();
  }
};

void open_operator_menu(KioskShell& shell, double& now) {
  for (int i = 0; i < KioskFlow::kCornerTapsToOpen; ++i) shell.flow().tap("operator-corner", now += 0.2);
  now += 0.3;  // the keypad takes taps a moment after it opens (KioskFlow::kTapHoldS)
  for (char digit : std::string(kDemoOperatorPin)) shell.flow().tap(std::string("pin:") + digit, now += 0.2);
  shell.flow().tap("pin:ok", now += 0.2);
  shell.update(now);
  REQUIRE(shell.flow().screen() == Screen::OperatorMenu);
}

std::string menu_text(KioskShell& shell) {
  std::string all;
  for (const auto& t : shell.flow().view(kMetrics).texts) all += t.text + "\n";
  return all;
}

}  // namespace

TEST_CASE("shell: a second kiosk on the same data directory is out of order, naming the lock") {
  TempDir dir;
  const KioskConfig config = config_for(dir);
  auto first = std::make_unique<KioskShell>(config);
  CHECK(first->flow().screen() == Screen::Attract);
  CHECK(first->out_of_order_reason().empty());
  {
    KioskShell second(config);
    CHECK(second.flow().screen() == Screen::OutOfOrder);
    CHECK(second.out_of_order_reason() == "another werkcheck is already using " + config.data_dir);
  }
  first.reset();  // the lock goes with the kiosk that held it
  KioskShell third(config);
  CHECK(third.flow().screen() == Screen::Attract);
}

TEST_CASE("shell: a downloaded pack that does not load falls back to the bundled pack") {
  TempDir dir;
  const KioskConfig config = config_for(dir);
  const sync::ContentStore store{config.data_dir};
  const std::string broken = downloaded_pack(config, "2099.1");
  wktest::write_file(broken + "/check.json", "{ not json");

  SUBCASE("the pack last switched to") { REQUIRE(store.mark_current("2099.1")); }
  SUBCASE("a ready update") { REQUIRE(store.mark_ready("2099.1")); }

  KioskShell shell(config);
  CHECK(shell.content_dir() == config.content_dir);
  REQUIRE(shell.content() != nullptr);
  CHECK(shell.content()->version == "2026.11.0-demo");
  CHECK(shell.flow().screen() == Screen::Attract);
  CHECK(store.current_dir() != broken);  // the broken pack is never marked as in use
}

TEST_CASE("shell: a ready update that loads is used from the start and becomes the current pack") {
  TempDir dir;
  const KioskConfig config = config_for(dir);
  const sync::ContentStore store{config.data_dir};
  const std::string old_pack = downloaded_pack(config, "2099.1");
  const std::string ready = downloaded_pack(config, "2099.2");
  REQUIRE(store.mark_current("2099.1"));
  REQUIRE(store.mark_ready("2099.2"));

  KioskShell shell(config);
  CHECK(shell.content_dir() == ready);
  REQUIRE(shell.content() != nullptr);
  CHECK(shell.content()->version == "2099.2");
  CHECK(store.current_dir() == ready);
  CHECK(!store.ready_dir());
  CHECK(!fs::exists(old_pack));  // switched away from: removed at start
}

TEST_CASE("shell: a ready content update is switched to only on the attract screen") {
  TempDir dir;
  const KioskConfig config = config_for(dir);
  KioskShell shell(config);
  OfferedUpdate updates;
  shell.watch_content_updates(&updates);
  double now = 1000;

  shell.flow().tap("start", now += 1);
  REQUIRE(shell.flow().screen() == Screen::Language);
  updates.dir = downloaded_pack(config, "2099.3");
  CHECK(!shell.update(now += 1).redraw);
  CHECK(updates.switches == 0);
  CHECK(shell.content()->version == "2026.11.0-demo");

  // The participant walks away: idle prompt, then back to the attract screen.
  shell.update(now += config.idle_timeout_s + 1);
  REQUIRE(shell.flow().screen() == Screen::IdlePrompt);
  CHECK(updates.switches == 0);
  WindowWork work = shell.update(now += config.idle_prompt_s + 1);
  CHECK(shell.flow().screen() == Screen::Attract);
  CHECK(updates.switches == 1);
  CHECK(updates.last_ok);
  CHECK(updates.last_version == "2099.3");
  CHECK(work.redraw);
  REQUIRE(shell.content() != nullptr);
  CHECK(shell.content()->version == "2099.3");
  CHECK(shell.content_dir() == sync::ContentStore{config.data_dir}.dir_for("2099.3"));
}

TEST_CASE("shell: an update that does not load is refused and the content stays") {
  TempDir dir;
  const KioskConfig config = config_for(dir);
  KioskShell shell(config);
  OfferedUpdate updates;
  shell.watch_content_updates(&updates);
  const std::string broken = downloaded_pack(config, "2099.4");
  wktest::remove_file(broken + "/check.json");
  updates.dir = broken;

  shell.update(1000);
  CHECK(updates.switches == 1);
  CHECK(!updates.last_ok);
  REQUIRE(shell.content() != nullptr);
  CHECK(shell.content()->version == "2026.11.0-demo");
  CHECK(shell.flow().screen() == Screen::Attract);
}

TEST_CASE("shell: the operator menu shows the status lines in the menu's words, numbers filled in") {
  TempDir dir;
  const KioskConfig config = config_for(dir);
  {
    auto store = SessionStore::open(config.data_dir);
    for (int i = 0; i < 2; ++i) store->end_session(store->start_session("nl", "werkcheck-demo", "1"), SessionStatus::Finished);
  }
  KioskShell shell(config);
  shell.set_window_facts({false, kMetrics});
  double now = 1000;
  open_operator_menu(shell, now);
  const std::string text = menu_text(shell);
  const ContentPack& pack = *shell.content();
  auto word = [&](const std::string& key) { return pack.text("nl", "operator.status." + key); };
  CHECK(word("sessions") == "Opgeslagen sessies: {count}");  // the fixture's Dutch, not a built-in text
  CHECK(text.find("Opgeslagen sessies: 2\n") != std::string::npos);
  CHECK(text.find(fill_placeholders(word("data"), {{"dir", config.data_dir}}) + "\n") != std::string::npos);
  CHECK(text.find(fill_placeholders(word("content"), {{"id", "werkcheck-demo"}, {"version", "2026.11.0-demo"}}) + "\n") !=
        std::string::npos);
  CHECK(text.find(word("audio_off") + "\n") != std::string::npos);
  CHECK(text.find(word("sync_off") + "\n") != std::string::npos);
  CHECK(text.find(fill_placeholders(word("log"), {{"file", config.data_dir + "/werkcheck.log"}}) + "\n") !=
        std::string::npos);
  CHECK(text.find("{") == std::string::npos);  // no placeholder left unfilled
}

TEST_CASE("shell: without a content pack the status lines use the built-in Dutch words") {
  TempDir dir;
  KioskConfig config = config_for(dir);
  config.content_dir = dir.file("no-pack");
  KioskShell shell(config);
  REQUIRE(shell.flow().screen() == Screen::OutOfOrder);
  const auto lines = shell.status_lines();
  REQUIRE(lines.size() >= 2);
  CHECK(lines.front() == "Gegevens: " + config.data_dir);
  CHECK(lines.back() == "Logboek: " + config.data_dir + "/werkcheck.log");
  CHECK(wktest::any_contains(lines, {"Opgeslagen sessies: 0"}));
}

TEST_CASE("shell: sync status lines") {
  StatusFacts facts;
  facts.data_dir = "/d";
  sync::SyncStatus st;
  st.enrolled = true;
  st.online = false;
  st.organisation = "Org {x}";
  st.pending = 3;
  st.conflicts = 1;
  st.content_ready = "2099.5";
  st.last_error = "HTTP 503";
  facts.sync = st;
  const auto lines = operator_status_lines(facts, builtin_operator_text);
  CHECK(wktest::any_contains(lines, {"Sync: offline, organisatie Org {x}"}));  // a value is not filled in again
  CHECK(wktest::any_contains(lines, {"Laatste geslaagde sync: nooit"}));
  CHECK(wktest::any_contains(lines, {"Wachtend: 3, conflicten: 1"}));
  CHECK(wktest::any_contains(lines, {"Inhoudsupdate klaar: 2099.5"}));
  CHECK(wktest::any_contains(lines, {"Syncprobleem: HTTP 503"}));
  st.enrolled = false;
  facts.sync = st;
  CHECK(wktest::any_contains(operator_status_lines(facts, builtin_operator_text), {"Sync: niet aangemeld"}));
}

TEST_CASE("shell: the window's picture and clip caches in the status, in MB of their budgets") {
  TempDir dir;
  const KioskConfig config = config_for(dir);
  KioskShell shell(config);
  CHECK_FALSE(wktest::any_contains(shell.status_lines(), {"Geheugen"}));  // no window, no caches
  CacheUse pictures, clips;
  pictures.bytes = 3 * 1024 * 1024 + 512 * 1024;
  pictures.budget = 8u << 20;
  clips.bytes = 1024 * 1024;
  clips.budget = 4u << 20;
  shell.set_cache_use(pictures, clips);
  const auto lines = shell.status_lines();
  CHECK(wktest::any_contains(lines, {"Geheugen: plaatjes 3.5 van 8.0 MB, geluid 1.0 van 4.0 MB"}));
  CHECK(lines.back() == "Logboek: " + config.data_dir + "/werkcheck.log");
}

TEST_CASE("shell: placeholders are filled in once, unknown ones stay") {
  CHECK(fill_placeholders("{a} and {b}", {{"a", "{b}"}, {"b", "2"}}) == "{b} and 2");
  CHECK(fill_placeholders("{unknown} {", {{"a", "1"}}) == "{unknown} {");
  CHECK(fill_placeholders("no braces", {}) == "no braces");
}

TEST_CASE("shell: operator settings changed in the menu are saved to kiosk.json") {
  TempDir dir;
  KioskConfig config = config_for(dir);
  fs::create_directories(config.data_dir);
  wktest::write_file(kiosk_settings_path(config.data_dir), R"({"region": "Utrecht", "volume_percent": 80})");
  REQUIRE(!load_kiosk_settings(config));
  KioskShell shell(config);
  double now = 1000;
  open_operator_menu(shell, now);
  shell.flow().tap("op:volume_down", now += 1);
  WindowWork work = shell.update(now);
  CHECK(work.volume_changed);
  KioskConfig saved = config_for(dir);
  REQUIRE(!load_kiosk_settings(saved));
  CHECK(saved.volume_percent == shell.config().volume_percent);
  CHECK(saved.volume_percent < 80);
  CHECK(saved.region == "Utrecht");  // the rest of the file stays
}

TEST_CASE("shell: enrolment without a server_url tells the operator at once") {
  TempDir dir;
  KioskShell shell(config_for(dir));
  double now = 1000;
  open_operator_menu(shell, now);
  shell.flow().tap("op:enroll", now += 1);
  REQUIRE(shell.flow().screen() == Screen::OperatorEnroll);
  now += 0.4;  // the keypad takes taps a moment after it opens
  for (char c : std::string("ABCDEFGHJKMN")) shell.flow().tap(std::string("enroll:") + c, now += 0.1);
  shell.flow().tap("enroll:ok", now += 0.1);
  shell.update(now);
  CHECK(menu_text(shell).find("no server_url in " + shell.config().data_dir + "/kiosk.json") != std::string::npos);
}
