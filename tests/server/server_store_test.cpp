// Unit tests of the server's storage, on SQLite and on PostgreSQL (store_backend.h: the same
// tests, run once per backend), and its input checks.
#include <doctest/doctest.h>
#include <sodium.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "content_key.h"
#include "server_util.h"
#include "store/sqlite_server_store.h"
#include "storage/database.h"
#include "store_backend.h"
#include "temp_db.h"
#include "validate.h"

using namespace wk::server;
using wk::test::backend;
namespace fs = std::filesystem;

namespace {
IncomingSession session(const std::string& uuid, const std::string& json, bool anonymous = false) {
  return {uuid, anonymous ? std::nullopt : std::optional<std::string>("K7MR2X"), json, sha256_hex(json)};
}

IncomingSession coded(const std::string& uuid, const std::string& code, const std::string& ended_at = "") {
  std::string json = "{\"anonymous\":false,\"code\":\"" + code + "\",\"consent\":true,\"ended_at\":\"" + ended_at +
                     "\",\"uuid\":\"" + uuid + "\"}";
  return {uuid, code, json, sha256_hex(json)};
}
IncomingSession anonymous(const std::string& uuid) {
  std::string json = "{\"uuid\":\"" + uuid + "\"}";
  return {uuid, std::nullopt, json, sha256_hex(json)};
}

void enroll_kiosk(ServerStore& store, const std::string& org, const std::string& kiosk) {
  store.add_enrollment_code("code-" + kiosk, org, "2999-01-01T00:00:00.000Z");
  REQUIRE(store.enroll("code-" + kiosk, now_iso(), kiosk, "token-" + kiosk));
}

void ingest(ServerStore& store, const std::string& org, const std::string& kiosk,
            const std::vector<IncomingSession>& sessions, const std::string& received_at) {
  auto r = store.ingest_sessions(org, kiosk, sessions, received_at);
  REQUIRE_FALSE(r.conflict);
}

std::vector<std::string> uuids(const std::vector<SharedSession>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.uuid);
  return out;
}
std::vector<std::string> uuids(const std::vector<SessionForTotals>& rows) {  // from the test sessions' JSON
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(nlohmann::json::parse(r.session_json).at("uuid").get<std::string>());
  return out;
}

// The schema as version 1 shipped it (a frozen copy: databases in the field look like this).
const char* kSchemaV1 = R"SQL(
CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE TABLE kiosks (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  token_hash TEXT NOT NULL UNIQUE,
  revoked INTEGER NOT NULL DEFAULT 0,
  enrolled_at TEXT NOT NULL,
  last_heartbeat_at TEXT,
  app_version TEXT,
  content_version TEXT,
  last_sync TEXT,
  pending INTEGER,
  free_disk_bytes INTEGER
);
CREATE TABLE enrollment_codes (
  code_hash TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  expires_at TEXT NOT NULL,
  used_at TEXT,
  used_by_kiosk TEXT
);
CREATE TABLE coaches (
  username TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('coach', 'admin')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE TABLE sessions (
  uuid TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  kiosk_id TEXT NOT NULL REFERENCES kiosks(id),
  code TEXT,
  anonymous INTEGER NOT NULL CHECK ((anonymous = 1) = (code IS NULL)),
  session_json TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE INDEX sessions_by_org_code ON sessions(organisation_id, code);
CREATE TABLE content_packs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  manifest BLOB NOT NULL,
  signature BLOB NOT NULL,
  published_at TEXT NOT NULL
);
CREATE TABLE content_blobs (
  sha256 TEXT PRIMARY KEY,
  data BLOB NOT NULL
);
CREATE TABLE content_files (
  pack_id INTEGER NOT NULL REFERENCES content_packs(id),
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES content_blobs(sha256),
  PRIMARY KEY (pack_id, path)
);
CREATE TABLE server_keys (
  purpose TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  created_at TEXT NOT NULL
);
)SQL";

// Two organisations, each with kiosks; coaches anna (admin, A), bert (coach, A), carla (coach, B).
struct TwoOrgs {
  std::unique_ptr<ServerStore> opened = backend().fresh();
  ServerStore& store = *opened;
  std::string a = store.create_organisation("Org A"), b = store.create_organisation("Org B");
  TwoOrgs() {
    enroll_kiosk(store, a, "ka1");
    enroll_kiosk(store, a, "ka2");
    enroll_kiosk(store, a, "ka3");
    enroll_kiosk(store, b, "kb1");
    store.create_coach(a, "bert", "hash-b", "coach");
    store.create_coach(a, "anna", "hash-a", "admin");
    store.create_coach(b, "carla", "hash-c", "coach");
  }
};
}  // namespace

TEST_CASE("enrollment codes work once and only before they expire") {
  auto opened = backend().fresh();
  ServerStore& store = *opened;
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
  auto opened = backend().fresh();
  ServerStore& store = *opened;
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
  auto opened = backend().fresh();
  ServerStore& store = *opened;
  CHECK_FALSE(store.current_content());
  std::string bin("a\0b\xff", 4);
  store.publish_content("m1", "s1", {{"x.bin", sha256_hex(bin), bin}, {"old.txt", sha256_hex("o"), "o"}}, now_iso());
  store.publish_content("m2", "s2", {{"x.bin", sha256_hex(bin), bin}}, now_iso());
  CHECK(store.current_content()->manifest == "m2");
  CHECK(store.current_content_file("x.bin") == bin);
  CHECK_FALSE(store.current_content_file("old.txt"));
}

TEST_CASE("input checks" * doctest::test_suite("sqlite")) {  // no store: once is enough
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

TEST_CASE("a version 1 database migrates to the coach-pages schema with its rows kept" * doctest::test_suite("sqlite")) {
  TempDb t;
  {
    auto db = wk::Database::open(t.path(), {kSchemaV1});
    CHECK(db->schema_version() == 1);
    db->exec(
        "INSERT INTO organisations(id, name) VALUES ('o1', 'Gemeente');"
        "INSERT INTO kiosks(id, organisation_id, token_hash, enrolled_at) "
        "  VALUES ('k1', 'o1', 'tokhash', '2026-01-01T00:00:00.000Z');"
        "INSERT INTO coaches(username, organisation_id, password_hash, role, created_at) "
        "  VALUES ('anna', 'o1', 'argon', 'admin', '2026-01-02T00:00:00.000Z');"
        "INSERT INTO sessions(uuid, organisation_id, kiosk_id, code, anonymous, session_json, content_hash, "
        "  received_at) VALUES ('u1', 'o1', 'k1', 'K7MR2X', 0, '{}', 'h', '2026-01-03T00:00:00.000Z');");
  }
  {
    SqliteServerStore store(t.path());
    auto anna = store.coach("anna");
    REQUIRE(anna);
    CHECK(anna->organisation_id == "o1");
    CHECK(anna->organisation_name == "Gemeente");
    CHECK(anna->password_hash == "argon");
    CHECK(anna->role == "admin");
    CHECK(anna->created_at == "2026-01-02T00:00:00.000Z");
    CHECK_FALSE(anna->disabled);
    auto kiosks = store.kiosks_of("o1");
    REQUIRE(kiosks.size() == 1);
    CHECK(kiosks[0].id == "k1");
    CHECK(kiosks[0].group.empty());
    CHECK(store.kiosk_by_token_hash("tokhash"));
    CHECK(uuids(store.shared_sessions("o1", "K7MR2X")) == std::vector<std::string>{"u1"});
    // The rebuilt table takes the new role, still checks roles and still references organisations.
    store.create_coach("o1", "eva", "h", "employer");
    CHECK(store.coach("eva")->role == "employer");
    CHECK_THROWS_AS(store.create_coach("o1", "x", "h", "boss"), wk::DbError);
    CHECK_THROWS_AS(store.create_coach("no-such-org", "y", "h", "coach"), wk::DbError);
    CHECK(store.set_kiosk_group("o1", "k1", "Utrecht"));
  }
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(t.path().c_str(), &raw) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(sqlite3_column_int(st, 0) == 3);  // 3: the stateless-instance tables
    sqlite3_finalize(st);
    sqlite3_close(raw);
  }
  SqliteServerStore again(t.path());  // reopening a migrated database changes nothing
  CHECK(again.kiosks_of("o1")[0].group == "Utrecht");
  CHECK(again.coaches_of("o1").size() == 2);
}

TEST_CASE("coach accounts: lookup, per organisation, disable and password only within the organisation") {
  TwoOrgs w;
  auto& store = w.store;
  auto anna = store.coach("anna");
  REQUIRE(anna);
  CHECK(anna->organisation_name == "Org A");
  CHECK(anna->role == "admin");
  CHECK_FALSE(store.coach("nobody"));
  auto of_a = store.coaches_of(w.a);
  REQUIRE(of_a.size() == 2);
  CHECK(of_a[0].username == "anna");  // by username, not by creation
  CHECK(of_a[1].username == "bert");
  CHECK(store.coaches_of(w.b).size() == 1);

  CHECK_FALSE(store.set_coach_disabled(w.a, "carla", true));  // carla is in B
  CHECK_FALSE(store.coach("carla")->disabled);
  CHECK_FALSE(store.set_coach_password(w.a, "carla", "evil"));
  CHECK(store.coach("carla")->password_hash == "hash-c");
  CHECK_FALSE(store.set_coach_disabled(w.a, "nobody", true));

  const std::string t0 = "2026-05-01T10:00:00.000Z";
  store.create_login({"bert-login", "bert", "", "", "csrf", t0, t0});
  store.create_login({"carla-login", "carla", "", "", "csrf", t0, t0});
  CHECK(store.set_coach_password(w.a, "bert", "hash-b2"));
  CHECK(store.coach("bert")->password_hash == "hash-b2");
  // A new password ends the account's logins, and only its own.
  CHECK_FALSE(store.login("bert-login", t0, "2026-05-01T09:00:00.000Z", "2026-04-30T00:00:00.000Z"));
  CHECK(store.login("carla-login", t0, "2026-05-01T09:00:00.000Z", "2026-04-30T00:00:00.000Z"));
  CHECK(store.set_coach_disabled(w.a, "bert", true));
  CHECK(store.coach("bert")->disabled);
  CHECK(store.set_coach_disabled(w.a, "bert", false));
  CHECK_FALSE(store.coach("bert")->disabled);
}

TEST_CASE("login sessions: idle and absolute expiry, disabled accounts") {
  TwoOrgs w;
  auto& store = w.store;
  const std::string t0 = "2026-05-01T10:00:00.000Z";
  auto make = [&](const std::string& token, const std::string& user) {
    store.create_login({token, user, "", "", "csrf-" + token, t0, t0});
  };
  make("t1", "bert");
  CHECK_FALSE(store.login("unknown", t0, "2026-05-01T09:00:00.000Z", "2026-04-30T00:00:00.000Z"));

  // Valid: seen after idle_since, created after created_since; last_seen_at moves to now.
  auto l = store.login("t1", "2026-05-01T10:20:00.000Z", "2026-05-01T09:50:00.000Z", "2026-04-30T22:20:00.000Z");
  REQUIRE(l);
  CHECK(l->username == "bert");
  CHECK(l->organisation_id == w.a);
  CHECK(l->role == "coach");
  CHECK(l->csrf_token == "csrf-t1");
  CHECK(l->created_at == t0);
  CHECK(l->last_seen_at == "2026-05-01T10:20:00.000Z");
  // The touch counts: idle_since between t0 and 10:20 is fine now.
  CHECK(store.login("t1", "2026-05-01T10:30:00.000Z", "2026-05-01T10:10:00.000Z", "2026-04-30T22:30:00.000Z"));
  // Idle: last seen exactly at idle_since is expired, and the login stays ended.
  CHECK_FALSE(store.login("t1", "2026-05-01T11:00:00.000Z", "2026-05-01T10:30:00.000Z", "2026-04-30T23:00:00.000Z"));
  CHECK_FALSE(store.login("t1", "2026-05-01T11:00:00.000Z", "2026-05-01T09:00:00.000Z", "2026-04-30T23:00:00.000Z"));

  // Absolute: created at or before created_since is expired however recently it was seen.
  make("t2", "bert");
  CHECK(store.login("t2", "2026-05-01T10:05:00.000Z", "2026-05-01T09:35:00.000Z", "2026-04-30T22:05:00.000Z"));
  CHECK_FALSE(store.login("t2", "2026-05-01T22:00:00.000Z", "2026-05-01T09:00:00.000Z", t0));

  // delete_login (logout).
  make("t3", "bert");
  store.delete_login("t3");
  CHECK_FALSE(store.login("t3", t0, "2026-05-01T09:00:00.000Z", "2026-04-30T00:00:00.000Z"));

  // Disabling ends every login of that account and no other.
  make("t4", "bert");
  make("t5", "bert");
  make("t6", "anna");
  CHECK(store.set_coach_disabled(w.a, "bert", true));
  CHECK(backend().raw_int("SELECT COUNT(*) FROM login_sessions WHERE username = 'bert'") == 0);
  CHECK_FALSE(store.login("t4", t0, "2026-05-01T09:00:00.000Z", "2026-04-30T00:00:00.000Z"));
  CHECK_FALSE(store.login("t5", t0, "2026-05-01T09:00:00.000Z", "2026-04-30T00:00:00.000Z"));
  CHECK(store.login("t6", t0, "2026-05-01T09:00:00.000Z", "2026-04-30T00:00:00.000Z"));
  // A login row of a disabled account (made after disabling) is refused too.
  make("t7", "bert");
  CHECK_FALSE(store.login("t7", t0, "2026-05-01T09:00:00.000Z", "2026-04-30T00:00:00.000Z"));
  // Refusing another organisation's account does not end its logins.
  make("t8", "carla");
  CHECK_FALSE(store.set_coach_disabled(w.a, "carla", true));
  CHECK(store.login("t8", t0, "2026-05-01T09:00:00.000Z", "2026-04-30T00:00:00.000Z"));
}

TEST_CASE("shared sessions: own organisation only, oldest check first, never anonymous ones") {
  TwoOrgs w;
  auto& store = w.store;
  store.set_kiosk_group(w.a, "ka1", "Utrecht");
  // Received in one order, ended in the other: the page lists by ended_at.
  ingest(store, w.a, "ka1", {coded("a-late", "K7MR2X", "2026-03-05T10:00:00.000Z")}, "2026-03-05T10:01:00.000Z");
  ingest(store, w.a, "ka2", {coded("a-early", "K7MR2X", "2026-03-01T10:00:00.000Z")}, "2026-03-06T10:00:00.000Z");
  ingest(store, w.a, "ka1", {coded("a-other", "PQ4ZT9", "2026-03-02T10:00:00.000Z"), anonymous("a-anon")},
         "2026-03-07T10:00:00.000Z");
  ingest(store, w.b, "kb1", {coded("b-1", "BBBB22", "2026-03-03T10:00:00.000Z"),
                             coded("b-same", "K7MR2X", "2026-03-03T11:00:00.000Z")},
         "2026-03-08T10:00:00.000Z");

  auto mine = store.shared_sessions(w.a, "K7MR2X");
  CHECK(uuids(mine) == std::vector<std::string>{"a-early", "a-late"});
  REQUIRE(mine.size() == 2);
  CHECK(mine[0].kiosk_id == "ka2");
  CHECK(mine[0].kiosk_group.empty());
  CHECK(mine[1].kiosk_group == "Utrecht");
  CHECK(mine[1].code == "K7MR2X");
  CHECK(mine[1].received_at == "2026-03-05T10:01:00.000Z");
  CHECK(mine[1].session_json.find("a-late") != std::string::npos);
  // Another organisation's code, and the same code seen from the other organisation.
  CHECK(store.shared_sessions(w.a, "BBBB22").empty());
  CHECK(uuids(store.shared_sessions(w.b, "K7MR2X")) == std::vector<std::string>{"b-same"});
  CHECK(store.shared_sessions(w.a, "NOPE99").empty());
  CHECK(store.shared_sessions(w.a, "").empty());
}

TEST_CASE("forget a code: the checks stay anonymous, the code leaves row and JSON, notes go; other orgs untouched") {
  TwoOrgs w;
  auto& store = w.store;
  ingest(store, w.a, "ka1", {coded("a-1", "K7MR2X", "2026-03-01T10:00:00.000Z"),
                             coded("a-2", "K7MR2X", "2026-03-02T10:00:00.000Z"),
                             coded("a-keep", "PQ4ZT9", "2026-03-02T10:00:00.000Z")},
         "2026-03-05T10:00:00.000Z");
  ingest(store, w.b, "kb1", {coded("b-same", "K7MR2X", "2026-03-03T11:00:00.000Z")}, "2026-03-05T10:00:00.000Z");
  store.add_note(w.a, "K7MR2X", "anna", "note a", "2026-03-06T10:00:00.000Z");
  store.add_note(w.b, "K7MR2X", "carla", "note b", "2026-03-06T10:00:00.000Z");
  const auto totals_before = store.sessions_for_totals(w.a, "", "2026-01-01", "2027-01-01").size();

  CHECK(store.forget_code(w.a, "K7MR2X") == 2);
  CHECK(store.shared_sessions(w.a, "K7MR2X").empty());
  CHECK(store.notes(w.a, "K7MR2X").empty());
  CHECK(store.sessions_for_totals(w.a, "", "2026-01-01", "2027-01-01").size() == totals_before);
  {
    // The stored JSON itself, read beside the store (a second connection).
    const std::string stored = backend().raw_text("SELECT session_json FROM sessions WHERE uuid = 'a-1'");
    CHECK(stored.find("K7MR2X") == std::string::npos);
    CHECK(stored.find("\"consent\":false") != std::string::npos);
    CHECK(stored.find("\"anonymous\":true") != std::string::npos);
    CHECK(backend().raw_int("SELECT CASE WHEN code IS NULL THEN 1 ELSE 0 END FROM sessions WHERE uuid = 'a-1'") == 1);
    CHECK(backend().raw_int("SELECT CASE WHEN anonymous THEN 1 ELSE 0 END FROM sessions WHERE uuid = 'a-1'") == 1);
  }
  CHECK(uuids(store.shared_sessions(w.a, "PQ4ZT9")) == std::vector<std::string>{"a-keep"});
  CHECK(uuids(store.shared_sessions(w.b, "K7MR2X")) == std::vector<std::string>{"b-same"});
  CHECK(store.notes(w.b, "K7MR2X").size() == 1);
  // A late resend of the same check is still a duplicate: the code does not come back.
  auto again = store.ingest_sessions(w.a, "ka1", {coded("a-1", "K7MR2X", "2026-03-01T10:00:00.000Z")},
                                     "2026-03-07T10:00:00.000Z");
  CHECK_FALSE(again.conflict);
  REQUIRE(again.results.size() == 1);
  CHECK(again.results[0].second == "duplicate");
  CHECK(store.shared_sessions(w.a, "K7MR2X").empty());
  CHECK(store.forget_code(w.a, "K7MR2X") == 0);
}

TEST_CASE("recent shared: newest per code, newest first, no anonymous, no other organisation") {
  TwoOrgs w;
  auto& store = w.store;
  ingest(store, w.a, "ka1", {coded("x1", "XXXX11")}, "2026-03-01T10:00:00.000Z");
  ingest(store, w.a, "ka1", {coded("y1", "YYYY22")}, "2026-03-02T10:00:00.000Z");
  ingest(store, w.a, "ka2", {coded("x2", "XXXX11")}, "2026-03-03T10:00:00.000Z");
  ingest(store, w.a, "ka2", {anonymous("anon")}, "2026-03-04T10:00:00.000Z");
  ingest(store, w.b, "kb1", {coded("b1", "BBBB33")}, "2026-03-05T10:00:00.000Z");
  CHECK(uuids(store.recent_shared(w.a, 10)) == std::vector<std::string>{"x2", "y1"});
  CHECK(uuids(store.recent_shared(w.a, 1)) == std::vector<std::string>{"x2"});
  CHECK(uuids(store.recent_shared(w.b, 10)) == std::vector<std::string>{"b1"});
}

TEST_CASE("totals: anonymous sessions count, group and period filters, half-open period") {
  TwoOrgs w;
  auto& store = w.store;
  CHECK(store.set_kiosk_group(w.a, "ka1", "Utrecht"));
  CHECK(store.set_kiosk_group(w.a, "ka2", "Zeist"));
  ingest(store, w.a, "ka1", {coded("u-feb", "AAAA11")}, "2026-02-28T23:59:59.999Z");
  ingest(store, w.a, "ka1", {anonymous("u-mar1"), coded("u-mar1b", "AAAA11")}, "2026-03-01T00:00:00.000Z");
  ingest(store, w.a, "ka1", {anonymous("u-apr")}, "2026-04-01T00:00:00.000Z");
  ingest(store, w.a, "ka2", {anonymous("z-mar")}, "2026-03-15T12:00:00.000Z");
  ingest(store, w.a, "ka3", {coded("none-mar", "CCCC11")}, "2026-03-16T12:00:00.000Z");
  ingest(store, w.b, "kb1", {anonymous("b-mar")}, "2026-03-10T12:00:00.000Z");

  auto all = store.sessions_for_totals(w.a, "", "2026-03-01", "2026-04-01");
  REQUIRE(all.size() == 4);  // u-mar1, u-mar1b, z-mar, none-mar; not Feb, not Apr 1st, not org B
  CHECK(all[0].received_at == "2026-03-01T00:00:00.000Z");
  CHECK(all[2].kiosk_id == "ka2");
  CHECK(all[2].kiosk_group == "Zeist");
  CHECK(all[3].kiosk_id == "ka3");
  CHECK(all[3].kiosk_group.empty());
  CHECK(all[2].session_json.find("z-mar") != std::string::npos);
  // Only what the totals count: no code, no events.
  for (const auto& row : all) CHECK(row.session_json.find("\"code\"") == std::string::npos);

  auto utrecht = store.sessions_for_totals(w.a, "Utrecht", "2026-03-01", "2026-04-01");
  CHECK(utrecht.size() == 2);
  for (const auto& s : utrecht) CHECK(s.kiosk_id == "ka1");
  CHECK(store.sessions_for_totals(w.a, "Utrecht", "2026-01-01", "2026-12-31").size() == 4);
  // With full timestamps: `from` is included, `to` is not.
  auto exact = store.sessions_for_totals(w.a, "Utrecht", "2026-03-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z");
  CHECK(uuids(exact) == std::vector<std::string>{"u-mar1", "u-mar1b"});
  CHECK(uuids(store.sessions_for_totals(w.a, "Utrecht", "2026-02-28T23:59:59.999Z", "2026-03-01T00:00:00.000Z")) ==
        std::vector<std::string>{"u-feb"});
  CHECK(store.sessions_for_totals(w.a, "Zeist", "2026-04-01", "2026-05-01").empty());
  CHECK(store.sessions_for_totals(w.a, "Nergens", "2026-01-01", "2026-12-31").empty());
  CHECK(store.sessions_for_totals(w.b, "", "2026-01-01", "2026-12-31").size() == 1);
  // Anonymous sessions are counted here but never shown as a participant's.
  CHECK(store.shared_sessions(w.a, "AAAA11").size() == 2);
  CHECK(uuids(store.recent_shared(w.a, 10)) == std::vector<std::string>{"none-mar", "u-mar1b"});
}

TEST_CASE("notes: per organisation and code, oldest first") {
  TwoOrgs w;
  auto& store = w.store;
  auto n1 = store.add_note(w.a, "K7MR2X", "bert", "eerste gesprek", "2026-03-01T10:00:00.000Z");
  auto n2 = store.add_note(w.a, "K7MR2X", "anna", "tweede <b>gesprek</b>", "2026-03-02T10:00:00.000Z");
  store.add_note(w.a, "PQ4ZT9", "bert", "ander", "2026-03-02T10:00:00.000Z");
  auto nb = store.add_note(w.b, "BBBB22", "carla", "van B", "2026-03-03T10:00:00.000Z");
  CHECK(n2 > n1);
  CHECK(nb > n2);
  auto notes = store.notes(w.a, "K7MR2X");
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].id == n1);
  CHECK(notes[0].username == "bert");
  CHECK(notes[0].text == "eerste gesprek");
  CHECK(notes[0].code == "K7MR2X");
  CHECK(notes[0].created_at == "2026-03-01T10:00:00.000Z");
  CHECK(notes[1].text == "tweede <b>gesprek</b>");
  CHECK(store.notes(w.a, "BBBB22").empty());  // another organisation's code
  CHECK(store.notes(w.b, "K7MR2X").empty());
  CHECK(store.notes(w.b, "BBBB22").size() == 1);
}

TEST_CASE("audit log: newest first, per organisation, paged, append-only") {
  TwoOrgs w;
  auto& store = w.store;
  store.audit(w.a, "bert", "view", "K7MR2X", "2026-03-01T10:00:00.000Z");
  store.audit(w.a, "bert", "print", "K7MR2X", "2026-03-01T10:01:00.000Z");
  store.audit(w.b, "carla", "view", "BBBB22", "2026-03-01T10:02:00.000Z");
  store.audit(w.a, "anna", "login", "", "2026-03-01T10:03:00.000Z");
  auto log = store.audit_log(w.a, 10, 0);
  REQUIRE(log.size() == 3);
  CHECK(log[0].action == "login");
  CHECK(log[0].username == "anna");
  CHECK(log[0].code.empty());
  CHECK(log[1].action == "print");
  CHECK(log[2].action == "view");
  CHECK(log[2].code == "K7MR2X");
  CHECK(log[2].at == "2026-03-01T10:00:00.000Z");
  CHECK(log[0].id > log[1].id);
  auto page = store.audit_log(w.a, 1, 1);
  REQUIRE(page.size() == 1);
  CHECK(page[0].action == "print");
  CHECK(store.audit_log(w.b, 10, 0).size() == 1);

  CHECK(backend().raw_exec("UPDATE audit_log SET username = 'someone else'").find("append-only") !=
        std::string::npos);
  CHECK(backend().raw_exec("DELETE FROM audit_log").find("append-only") != std::string::npos);
  CHECK(backend().raw_exec("DELETE FROM audit_log WHERE username = 'bert'").find("append-only") !=
        std::string::npos);
  CHECK(store.audit_log(w.a, 10, 0).size() == 3);
  CHECK(store.audit_log(w.a, 10, 0)[2].username == "bert");
}

TEST_CASE("kiosks of an organisation: groups and revocation only within the organisation") {
  TwoOrgs w;
  auto& store = w.store;
  auto of_a = store.kiosks_of(w.a);
  REQUIRE(of_a.size() == 3);
  for (const auto& k : of_a) {
    CHECK(k.organisation_id == w.a);
    CHECK(k.organisation_name == "Org A");
  }
  CHECK(store.kiosks_of(w.b).size() == 1);
  CHECK(store.list_kiosks().size() == 4);

  CHECK_FALSE(store.set_kiosk_group(w.a, "kb1", "Gekaapt"));  // kb1 is in B
  CHECK(store.kiosks_of(w.b)[0].group.empty());
  CHECK_FALSE(store.set_kiosk_group(w.a, "no-such-kiosk", "X"));
  CHECK(store.set_kiosk_group(w.a, "ka2", "Zeist"));
  CHECK(store.set_kiosk_group(w.a, "ka1", "Utrecht"));
  CHECK(store.set_kiosk_group(w.a, "ka3", "Zeist"));
  CHECK(store.set_kiosk_group(w.b, "kb1", "Amersfoort"));
  CHECK(store.kiosk_groups(w.a) == std::vector<std::string>{"Utrecht", "Zeist"});
  CHECK(store.kiosk_groups(w.b) == std::vector<std::string>{"Amersfoort"});
  CHECK(store.set_kiosk_group(w.a, "ka3", ""));
  CHECK(store.kiosk_groups(w.a) == std::vector<std::string>{"Utrecht", "Zeist"});
  CHECK(store.set_kiosk_group(w.a, "ka2", ""));
  CHECK(store.kiosk_groups(w.a) == std::vector<std::string>{"Utrecht"});
  bool seen = false;
  for (const auto& k : store.list_kiosks())
    if (k.id == "ka1") seen = k.group == "Utrecht";
  CHECK(seen);

  CHECK_FALSE(store.revoke_kiosk_of(w.a, "kb1"));
  CHECK_FALSE(store.kiosk_by_token_hash("token-kb1")->revoked);
  CHECK(store.revoke_kiosk_of(w.a, "ka1"));
  CHECK(store.kiosk_by_token_hash("token-ka1")->revoked);
  CHECK_FALSE(store.kiosk_by_token_hash("token-ka2")->revoked);
}

TEST_CASE("a NUL character (\\u0000) in an answer: stored, shown, counted and forgotten like any other") {
  // A kiosk may send one (answers are free strings); PostgreSQL's JSON functions refuse it.
  TwoOrgs w;
  auto& store = w.store;
  const std::string json =
      "{\"anonymous\":false,\"answers\":{\"intake.situatie\":[\"a\\u0000b\"]},\"code\":\"NUL111\",\"consent\":true,"
      "\"ended_at\":\"2026-03-01T10:00:00.000Z\",\"status\":\"finished\",\"uuid\":\"nul-1\"}";
  ingest(store, w.a, "ka1", {{"nul-1", std::string("NUL111"), json, sha256_hex(json)}}, "2026-03-02T10:00:00.000Z");
  auto shown = store.shared_sessions(w.a, "NUL111");
  REQUIRE(shown.size() == 1);
  CHECK(shown[0].session_json == json);
  CHECK(uuids(store.recent_shared(w.a, 10)) == std::vector<std::string>{"nul-1"});
  auto counted = store.sessions_for_totals(w.a, "", "2026-03-01", "2026-04-01");
  REQUIRE(counted.size() == 1);
  auto slim = nlohmann::json::parse(counted[0].session_json);
  CHECK(slim.at("answers").at("intake.situatie").at(0).get<std::string>() == std::string("a\0b", 3));
  CHECK(slim.at("status") == "finished");
  CHECK(slim.at("follow_up_of").is_null());
  CHECK(store.forget_code(w.a, "NUL111") == 1);
  CHECK(store.shared_sessions(w.a, "NUL111").empty());
  CHECK(backend().raw_text("SELECT session_json FROM sessions WHERE uuid = 'nul-1'").find("a\\u0000b") !=
        std::string::npos);
}

// ---- stateless instances: two stores on one database stand for two server processes.

namespace {
int64_t sqlite_int(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const int64_t v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}
}  // namespace

TEST_CASE("two instances opening a new database at once both migrate it once" * doctest::test_suite("sqlite")) {
  TempDb t;
  std::vector<std::string> errors(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      try {
        SqliteServerStore store(t.path());
        store.create_organisation("Org " + std::to_string(i));
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  for (auto& th : threads) th.join();
  for (const auto& e : errors) CHECK_MESSAGE(e.empty(), e);
  CHECK(sqlite_int(t.path(), "PRAGMA user_version") == 3);
  CHECK(sqlite_int(t.path(), "SELECT COUNT(*) FROM organisations") == 4);
}

TEST_CASE("login attempts: 16 at once through two stores on one database check at most the limit") {
  auto a = backend().fresh();
  auto b = backend().reopen();
  const AttemptRule rule{"coach_login", 5, 20, 15 * 60 * 1000};
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&, i] {
      ServerStore& s = i % 2 ? *a : *b;
      if (s.begin_attempt(rule, "anna", "10.0.0." + std::to_string(i), 1000000 + i) == 0) ++allowed;
    });
  for (auto& th : threads) th.join();
  CHECK(allowed == 5);
  CHECK(b->attempt_wait(rule, "anna", "10.9.9.9", 1000100) > 0);
  CHECK(backend().raw_int("SELECT COUNT(*) FROM login_failures WHERE kind = 'user' AND name = 'anna'") == 5);
  // A right answer takes back exactly its own failure, through the other store too.
  CHECK(a->begin_attempt(rule, "bert", "10.1.1.1", 1000200) == 0);
  CHECK(a->begin_attempt(rule, "bert", "10.1.1.1", 1000201) == 0);
  b->attempt_passed(rule, "bert", "10.1.1.1", 1000201);
  CHECK(backend().raw_int("SELECT COUNT(*) FROM login_failures WHERE name IN ('bert', '10.1.1.1')") == 2);
  b->forget_user_failures(rule, "anna");
  CHECK(a->attempt_wait(rule, "anna", "10.9.9.9", 1000100) == 0);
  CHECK(backend().raw_int("SELECT COUNT(*) FROM login_failures WHERE kind = 'address' AND name LIKE '10.0.0.%'") ==
        5);  // the addresses keep their failures
}

TEST_CASE("signing key: two instances starting together keep one key, in the database") {
  REQUIRE(sodium_init() >= 0);
  auto a = backend().fresh();
  auto b = backend().reopen();
  std::string pk_a, pk_b;
  std::thread ta([&] { pk_a = to_base64(open_content_key(*a, "").public_key); });
  std::thread tb([&] { pk_b = to_base64(open_content_key(*b, "").public_key); });
  ta.join();
  tb.join();
  CHECK(pk_a == pk_b);
  CHECK(pk_a.size() == 44);
  CHECK(backend().raw_int("SELECT COUNT(*) FROM server_keys WHERE secret_key IS NOT NULL") == 1);
  CHECK(a->recorded_public_key() == pk_a);
  // A signature made by one verifies with the key the other hands out.
  const SigningKey k = open_content_key(*b, "");
  const std::string sig = k.sign("manifest");
  CHECK(crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                    reinterpret_cast<const unsigned char*>("manifest"), 8,
                                    reinterpret_cast<const unsigned char*>(open_content_key(*a, "").public_key.data())) ==
        0);
}

TEST_CASE("signing key: the key file of an older database is imported once; a swapped or lost one stops") {
  REQUIRE(sodium_init() >= 0);
  TempDb files;
  const std::string file = (files.dir / "content.signing-key").string();
  auto store = backend().fresh();
  // As before the key moved in: the secret in the file, its public half recorded in the database.
  const SigningKey old = load_or_create_signing_key(file, true);
  store->record_public_key(to_base64(old.public_key), now_iso());
  CHECK(store->signing_key()->secret_key_hex.empty());
  CHECK(open_content_key(*store, file).public_key == old.public_key);
  CHECK(store->signing_key()->secret_key_hex == to_hex(old.secret_key));
  fs::rename(file, file + ".backup");  // the file is not needed any more
  CHECK(open_content_key(*store, file).public_key == old.public_key);
  load_or_create_signing_key(file, true);  // another key where the file was: stop, do not re-key
  CHECK_THROWS_WITH_AS(open_content_key(*store, file), doctest::Contains("is not the key kept"), std::runtime_error);
  fs::remove(file);

  auto older = backend().fresh();  // an older database whose key file is gone
  older->record_public_key(to_base64(old.public_key), now_iso());
  CHECK_THROWS_WITH_AS(open_content_key(*older, file), doctest::Contains("is missing"), std::runtime_error);
  load_or_create_signing_key(file, true);  // and one with another key
  CHECK_THROWS_WITH_AS(open_content_key(*older, file), doctest::Contains("does not match"), std::runtime_error);
  CHECK(older->signing_key()->secret_key_hex.empty());  // nothing was kept
}

TEST_CASE("a database locked past the busy timeout: StoreUnavailable, nothing stored; other errors stay" *
          doctest::test_suite("sqlite")) {
  TempDb t;
  SqliteServerStore store(t.path());
  auto org = store.create_organisation("Org");
  enroll_kiosk(store, org, "k1");
  sqlite3* other = nullptr;  // another process's connection holding the write lock
  REQUIRE(sqlite3_open(t.path().c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  const auto t0 = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(store.ingest_sessions(org, "k1", {anonymous("u1")}, now_iso()), StoreUnavailable);
  CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(1900));  // after the busy timeout
  CHECK_THROWS_AS(store.begin_attempt({"coach_login"}, "anna", "10.0.0.1", 1), StoreUnavailable);
  CHECK(store.kiosk_by_token_hash("token-k1"));  // WAL: reading goes on
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  CHECK(store.session_count() == 0);
  CHECK(store.ingest_sessions(org, "k1", {anonymous("u1")}, now_iso()).results[0].second == "stored");
  // A broken rule is the caller's mistake, not an outage: still a DbError.
  CHECK_THROWS_AS(store.create_coach(org, "x", "h", "boss"), wk::DbError);
}
