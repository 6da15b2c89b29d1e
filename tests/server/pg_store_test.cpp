// What only the PostgreSQL store has: migrations taken under a lock by instances starting at
// once, several instances on one database racing for the same session, enrollment code and
// login, and PostgreSQL going down mid-transaction and coming back.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "pg_cluster.h"
#include "server_util.h"
#include "store/pg_server_store.h"
#include "store_backend.h"

using namespace wk::server;
using wk::test::backend;

namespace {

IncomingSession anonymous_session(const std::string& uuid, const std::string& extra = "") {
  std::string json = "{\"extra\":\"" + extra + "\",\"uuid\":\"" + uuid + "\"}";
  return {uuid, std::nullopt, json, sha256_hex(json)};
}

// Org "Org" with kiosk k1, enrolled on `store`.
std::string org_with_kiosk(ServerStore& store) {
  std::string org = store.create_organisation("Org");
  store.add_enrollment_code("code-k1", org, "2999-01-01T00:00:00.000Z");
  REQUIRE(store.enroll("code-k1", now_iso(), "k1", "token-k1"));
  return org;
}

}  // namespace

TEST_SUITE("postgres") {

TEST_CASE("migrations run once, recorded in schema_version, when instances start at once") {
  // A database that nobody has opened yet: six instances start on it at once.
  std::string url = backend().cluster()->create_database();
  std::atomic<int> opened{0}, failed{0};
  std::vector<std::thread> starting;
  for (int i = 0; i < 6; ++i)
    starting.emplace_back([&] {
      try {
        PgServerStore s(url);
        s.session_count();
        ++opened;
      } catch (const std::exception& e) {
        MESSAGE(e.what());
        ++failed;
      }
    });
  for (auto& t : starting) t.join();
  CHECK(opened == 6);
  CHECK(failed == 0);
  pg::Connection raw(url);
  CHECK(raw.exec("SELECT count(*) FROM schema_version").int64(0, 0) == 2);  // 2: the stateless-instance tables
  CHECK(raw.exec("SELECT max(version) FROM schema_version").int64(0, 0) == 2);
  // A database from a newer werkcheck-server is refused with the reason, not used half-understood.
  raw.exec("INSERT INTO schema_version(version) VALUES (99)");
  try {
    PgServerStore newer(url);
    FAIL("a newer schema was accepted");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("schema version 99") != std::string::npos);
  }
}

TEST_CASE("two instances: the same sessions uploaded to both at once are stored exactly once") {
  auto one = backend().fresh();
  auto two = backend().reopen();
  std::string org = org_with_kiosk(*one);
  std::vector<IncomingSession> batch;
  for (int i = 0; i < 50; ++i) batch.push_back(anonymous_session("u" + std::to_string(i)));
  std::atomic<int> stored{0}, duplicate{0}, conflicts{0};
  std::vector<std::thread> kiosks;
  for (int i = 0; i < 8; ++i)
    kiosks.emplace_back([&, i] {
      ServerStore& s = i % 2 ? *two : *one;
      auto r = s.ingest_sessions(org, "k1", batch, now_iso());
      if (r.conflict) ++conflicts;
      for (const auto& [uuid, what] : r.results) ++(what == "stored" ? stored : duplicate);
    });
  for (auto& t : kiosks) t.join();
  CHECK(conflicts == 0);
  CHECK(stored == 50);
  CHECK(duplicate == 7 * 50);
  CHECK(one->session_count() == 50);
  // Other content under a stored uuid, sent to the other instance: 409, nothing of the batch kept.
  auto r = two->ingest_sessions(org, "k1", {anonymous_session("new"), anonymous_session("u3", "changed")}, now_iso());
  CHECK(r.conflict);
  CHECK(r.conflicting_uuids == std::vector<std::string>{"u3"});
  CHECK(one->session_count() == 50);
}

TEST_CASE("two instances: an enrollment code works once when both use it at once") {
  auto one = backend().fresh();
  auto two = backend().reopen();
  std::string org = one->create_organisation("Org");
  one->add_enrollment_code("shared-code", org, "2999-01-01T00:00:00.000Z");
  std::atomic<int> enrolled{0};
  std::vector<std::thread> kiosks;
  for (int i = 0; i < 8; ++i)
    kiosks.emplace_back([&, i] {
      ServerStore& s = i % 2 ? *two : *one;
      std::string id = "k" + std::to_string(i);
      if (s.enroll("shared-code", now_iso(), id, "token-" + id)) ++enrolled;
    });
  for (auto& t : kiosks) t.join();
  CHECK(enrolled == 1);
  CHECK(one->list_kiosks().size() == 1);
}

TEST_CASE("two instances: a login made on one is valid on the other; disabling on one ends it on both") {
  auto one = backend().fresh();
  auto two = backend().reopen();
  std::string org = one->create_organisation("Org");
  one->create_coach(org, "bert", "hash", "coach");
  const std::string t0 = "2026-05-01T10:00:00.000Z", idle = "2026-05-01T09:00:00.000Z", made = "2026-04-30T00:00:00.000Z";
  one->create_login({"tok", "bert", "", "", "csrf", t0, t0});
  auto seen = two->login("tok", t0, idle, made);
  REQUIRE(seen);
  CHECK(seen->csrf_token == "csrf");
  CHECK(two->set_coach_disabled(org, "bert", true));
  CHECK_FALSE(one->login("tok", t0, idle, made));
}

TEST_CASE("PostgreSQL restarted: the same store carries on; stopped mid-upload: StoreUnavailable, nothing half-stored") {
  auto store = backend().fresh();
  std::string org = org_with_kiosk(*store);
  REQUIRE_FALSE(store->ingest_sessions(org, "k1", {anonymous_session("before")}, now_iso()).conflict);
  // Calls at once leave several connections idle in the pool; they all go stale with the restart.
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i)
    readers.emplace_back([&] {
      for (int j = 0; j < 20; ++j) store->list_kiosks();
    });
  for (auto& t : readers) t.join();
  auto* cluster = backend().cluster();
  cluster->stop();
  cluster->start();
  // The same store, without a restart of the server: its pool drops the stale connections and
  // reconnects, so no call fails once PostgreSQL is back.
  for (int i = 0; i < 8; ++i) CHECK_NOTHROW(store->list_kiosks());

  // The second row of the batch takes 3 s to insert: PostgreSQL is stopped while the first is in.
  REQUIRE(backend().raw_exec(
              "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
              "IF NEW.uuid = 'slow' THEN PERFORM pg_sleep(3); END IF; RETURN NEW; END $$;"
              "CREATE TRIGGER slow BEFORE INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION slow();") == "");
  const std::vector<IncomingSession> batch = {anonymous_session("first"), anonymous_session("slow"),
                                              anonymous_session("last")};
  std::string thrown;
  std::thread upload([&] {
    try {
      store->ingest_sessions(org, "k1", batch, now_iso());
      thrown = "nothing";
    } catch (const StoreUnavailable& e) {
      thrown = "StoreUnavailable";
    } catch (const std::exception& e) {
      thrown = std::string("another error: ") + e.what();
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  cluster->stop();
  upload.join();
  CHECK(thrown == "StoreUnavailable");
  // While it is down every call says so, and a new instance cannot start.
  CHECK_THROWS_AS(store->session_count(), StoreUnavailable);
  CHECK_THROWS_AS(store->ingest_sessions(org, "k1", {anonymous_session("while-down")}, now_iso()), StoreUnavailable);
  CHECK_THROWS_AS(store->login("tok", now_iso(), "", ""), StoreUnavailable);
  CHECK_THROWS_AS(PgServerStore(backend().url()), StoreUnavailable);

  cluster->start();
  CHECK(store->session_count() == 1);  // "before" only: the interrupted batch was rolled back
  REQUIRE(backend().raw_exec("DROP TRIGGER slow ON sessions") == "");
  auto again = store->ingest_sessions(org, "k1", batch, now_iso());
  CHECK_FALSE(again.conflict);
  REQUIRE(again.results.size() == 3);
  for (const auto& [uuid, what] : again.results) CHECK(what == "stored");
  CHECK(store->session_count() == 4);
}

TEST_CASE("ping (/readyz) says why while PostgreSQL is down, and nothing once it is back") {
  auto store = backend().fresh();
  CHECK_FALSE(store->ping());
  auto* cluster = backend().cluster();
  cluster->stop();
  auto why = store->ping();
  cluster->start();
  REQUIRE(why);
  CHECK(why->find("PostgreSQL") != std::string::npos);
  CHECK_FALSE(store->ping());
}

TEST_CASE("a NUL byte in a text value is refused, not cut off") {
  auto store = backend().fresh();
  std::string org = store->create_organisation("Org");
  store->create_coach(org, "bert", "hash", "coach");
  CHECK_THROWS_AS(store->add_note(org, "K7MR2X", "bert", std::string("voor\0na", 7), now_iso()), pg::PgError);
  CHECK(store->notes(org, "K7MR2X").empty());
}

}  // TEST_SUITE
