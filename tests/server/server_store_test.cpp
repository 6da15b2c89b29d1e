// Unit tests of the server's storage (SqliteServerStore) and its input checks.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>

#include "server_util.h"
#include "sqlite_server_store.h"
#include "validate.h"

using namespace wk::server;
namespace fs = std::filesystem;

namespace {
struct TempDb {
  fs::path dir;
  TempDb() {
    char tmpl[] = "/tmp/werkcheck-store-test-XXXXXX";
    dir = mkdtemp(tmpl);
  }
  ~TempDb() { fs::remove_all(dir); }
  std::string path() const { return (dir / "s.db").string(); }
};

IncomingSession session(const std::string& uuid, const std::string& json, bool anonymous = false) {
  return {uuid, anonymous ? std::nullopt : std::optional<std::string>("K7MR2X"), json, sha256_hex(json)};
}
}  // namespace

TEST_CASE("enrollment codes work once and only before they expire") {
  REQUIRE(sodium_init() >= 0);
  TempDb t;
  SqliteServerStore store(t.path());
  auto org = store.create_organisation("Org");
  store.add_enrollment_code("h1", org, "2999-01-01T00:00:00.000Z");
  store.add_enrollment_code("h2", org, "2000-01-01T00:00:00.000Z");
  auto now = now_iso();
  auto a = store.enroll("h1", now, "k1", "tok1");
  REQUIRE(a);
  CHECK(a->name == "Org");
  CHECK_FALSE(store.enroll("h1", now, "k2", "tok2"));
  CHECK_FALSE(store.enroll("h2", now, "k3", "tok3"));
  CHECK_FALSE(store.enroll("nope", now, "k4", "tok4"));
  CHECK(store.list_kiosks().size() == 1);
  auto k = store.kiosk_by_token_hash("tok1");
  REQUIRE(k);
  CHECK_FALSE(k->revoked);
  CHECK(store.revoke_kiosk("k1"));
  CHECK(store.kiosk_by_token_hash("tok1")->revoked);
  CHECK_FALSE(store.revoke_kiosk("unknown"));
}

TEST_CASE("a batch is all or nothing: a conflict stores none of it") {
  TempDb t;
  SqliteServerStore store(t.path());
  auto org = store.create_organisation("Org");
  store.add_enrollment_code("h", org, "2999-01-01T00:00:00.000Z");
  store.enroll("h", now_iso(), "k1", "tok");
  auto r = store.ingest_sessions(org, "k1", {session("u1", "{\"a\":1}"), session("u2", "{}", true)}, now_iso());
  CHECK_FALSE(r.conflict);
  REQUIRE(r.results.size() == 2);
  CHECK(r.results[0].second == "stored");
  r = store.ingest_sessions(org, "k1", {session("u1", "{\"a\":1}")}, now_iso());
  CHECK(r.results[0].second == "duplicate");
  r = store.ingest_sessions(org, "k1", {session("u3", "{}"), session("u1", "{\"a\":2}")}, now_iso());
  CHECK(r.conflict);
  CHECK(r.conflicting_uuids == std::vector<std::string>{"u1"});
  CHECK(store.session_count() == 2);
}

TEST_CASE("content: only files of the newest pack are served, binary-safe") {
  TempDb t;
  SqliteServerStore store(t.path());
  CHECK_FALSE(store.current_content());
  std::string bin("a\0b\xff", 4);
  store.publish_content("m1", "s1", {{"x.bin", sha256_hex(bin), bin}, {"old.txt", sha256_hex("o"), "o"}}, now_iso());
  store.publish_content("m2", "s2", {{"x.bin", sha256_hex(bin), bin}}, now_iso());
  CHECK(store.current_content()->manifest == "m2");
  CHECK(store.current_content_file("x.bin") == bin);
  CHECK_FALSE(store.current_content_file("old.txt"));
}

TEST_CASE("input checks") {
  nlohmann::json j;
  CHECK(parse_body("{\"a\":1,\"a\":2}", j)->code == "duplicate_field");
  CHECK(parse_body(std::string("{\"a\":\"\xed\xa0\x80\"}"), j)->code == "invalid_utf8");  // a surrogate
  CHECK_FALSE(parse_body("{\"sessions\":[]}", j));
  std::vector<IncomingSession> out;
  CHECK_FALSE(check_sessions_batch(j, out));
  CHECK(valid_utf8("Wàt doe je? 🙂"));
  std::string code = new_enrollment_code();
  CHECK(code.size() == 14);
  CHECK(normalise_enrollment_code("abcd efgh-jkmn") == "ABCDEFGHJKMN");
}
