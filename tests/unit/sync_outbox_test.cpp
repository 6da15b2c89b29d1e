// Sync client, outbox side: sessions enter the outbox when they end (same transaction),
// what leaves the kiosk without consent, bounded batches, and the retention purge.
#include <doctest/doctest.h>

#include <chrono>
#include <iostream>
#include <sstream>
#include <set>
#include <thread>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "storage/session_store.h"
#include "sync/client/outbox.h"
#include "sync/client/sync_client.h"
#include "test_support.h"

using namespace wk;
using wktest::TempDir;

namespace {
SessionRef ended(SessionStore& store, SessionStatus status, int consent = -1) {
  SessionRef ref = store.start_session("nl", "pack", "1");
  store.record_answer(ref, "intake.reden", {"werk_zoeken"});
  if (consent >= 0) store.set_consent(ref, consent == 1);
  store.end_session(ref, status);
  return ref;
}
}  // namespace

TEST_CASE("sync outbox: a session enters the outbox when it ends, whatever the ending") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  sync::Outbox outbox(store->db());
  for (auto st : {SessionStatus::Finished, SessionStatus::Stopped, SessionStatus::Abandoned}) {
    SessionRef ref = store->start_session("nl", "pack", "1");
    CHECK(outbox.state_of(ref.uuid) == "");  // in progress: not queued, not sendable
    store->end_session(ref, st);
    CHECK(outbox.state_of(ref.uuid) == "pending");
  }
  SessionRef open = store->start_session("nl", "pack", "1");
  CHECK(outbox.next_batch().uuids.size() == 3);
  CHECK(store->close_interrupted_sessions() == 1);
  CHECK(outbox.state_of(open.uuid) == "pending");
  CHECK(outbox.counts().pending == 4);
  // Ending twice queues once.
  store->end_session(open, SessionStatus::Finished);
  CHECK(outbox.counts().pending == 4);
}

TEST_CASE("sync outbox: sessions that ended before migration v3 are queued by it") {
  TempDir dir;
  {
    auto db = Database::open(SessionStore::database_path(dir.path()),
                             {session_store_migrations()[0], session_store_migrations()[1]});
    db->exec("INSERT INTO sessions(uuid, code, locale, content_id, content_version, started_at, ended_at, status) VALUES"
             "('a', 'AAAAAA', 'nl', 'p', '1', 't', 't', 'finished'), ('b', 'BBBBBB', 'nl', 'p', '1', 't', NULL, 'in_progress')");
  }
  auto store = SessionStore::open(dir.path());
  sync::Outbox outbox(store->db());
  CHECK(outbox.state_of("a") == "pending");
  CHECK(outbox.state_of("b") == "");
}

TEST_CASE("sync outbox: without consent the code stays on the kiosk and the session is anonymous") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  SessionRef yes = ended(*store, SessionStatus::Finished, 1);
  SessionRef no = ended(*store, SessionStatus::Finished, 0);
  SessionRef unasked = ended(*store, SessionStatus::Abandoned, -1);
  sync::Outbox outbox(store->db());
  auto batch = outbox.next_batch();
  REQUIRE(batch.uuids.size() == 3);
  auto j = nlohmann::json::parse(batch.body);
  REQUIRE(j["sessions"].size() == 3);
  for (const auto& s : j["sessions"]) {
    const std::string uuid = s["uuid"];
    if (uuid == yes.uuid) {
      CHECK(s["code"] == yes.code);
      CHECK(s["anonymous"] == false);
      CHECK(s["consent"] == true);
    } else {
      CHECK(s["code"].is_null());
      CHECK(s["anonymous"] == true);
      CHECK(batch.body.find(uuid == no.uuid ? no.code : unasked.code) == std::string::npos);
    }
    CHECK(s["answers"]["intake.reden"] == nlohmann::json::array({"werk_zoeken"}));
    CHECK(s.contains("events"));
    CHECK(s["content"]["id"] == "pack");
  }
}

TEST_CASE("sync outbox: batches hold at most 50 sessions and 1 MiB, oldest first, and progress") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  std::vector<std::string> order;
  store->db().exec("PRAGMA synchronous=OFF");  // speed only; durability is tested elsewhere
  for (int i = 0; i < 120; ++i) {
    SessionRef ref = store->start_session("nl", "pack", "1");
    store->end_session(ref, SessionStatus::Finished);
    order.push_back(ref.uuid);
  }
  sync::Outbox outbox(store->db());
  auto first = outbox.next_batch();
  CHECK(first.uuids.size() == sync::kMaxBatchSessions);
  CHECK(first.uuids.front() == order.front());
  CHECK(nlohmann::json::parse(first.body)["sessions"].size() == 50);

  // A byte bound smaller than three sessions: each batch fits (or is one session alone).
  auto one = nlohmann::json::parse(first.body)["sessions"][0].dump();
  auto small = outbox.next_batch(50, one.size() * 2 + 40);
  CHECK(small.uuids.size() == 2);
  CHECK(small.body.size() <= one.size() * 2 + 40);
  auto tiny = outbox.next_batch(50, 10);
  CHECK(tiny.uuids.size() == 1);  // never stuck: one session goes alone

  outbox.mark_sent(first.uuids, 1000);
  auto second = outbox.next_batch();
  CHECK(second.uuids.front() == order[50]);
  outbox.mark_conflict({second.uuids[0]}, "different content");
  outbox.mark_failed({second.uuids[1]}, "HTTP 500", 2000);
  CHECK(outbox.state_of(second.uuids[0]) == "conflict");
  CHECK(outbox.state_of(second.uuids[1]) == "pending");
  auto third = outbox.next_batch();
  std::set<std::string> in_third(third.uuids.begin(), third.uuids.end());
  CHECK(in_third.count(second.uuids[0]) == 0);  // a conflict is never re-sent automatically
  CHECK(in_third.count(second.uuids[1]) == 1);
  auto c = outbox.counts();
  CHECK(c.sent == 50);
  CHECK(c.conflict == 1);
  CHECK(c.pending == 69);
}

TEST_CASE("sync outbox: confirmed sessions are deleted after the retention period, nothing else") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  SessionRef old_sent = ended(*store, SessionStatus::Finished, 1);
  SessionRef new_sent = ended(*store, SessionStatus::Finished, 1);
  SessionRef pending = ended(*store, SessionStatus::Finished, 1);
  SessionRef conflict = ended(*store, SessionStatus::Finished, 1);
  SessionRef in_progress = store->start_session("nl", "pack", "1");
  sync::Outbox outbox(store->db());
  const int64_t day = 86400, now = 100 * day;
  outbox.mark_sent({old_sent.uuid}, now - 31 * day);
  outbox.mark_sent({new_sent.uuid}, now - 29 * day);
  outbox.mark_conflict({conflict.uuid}, "x");
  CHECK(outbox.purge_sent(now, 30) == 1);
  std::set<std::string> left;
  for (const auto& s : store->all_sessions()) left.insert(s.uuid);
  CHECK(left == std::set<std::string>{new_sent.uuid, pending.uuid, conflict.uuid, in_progress.uuid});
  CHECK(outbox.state_of(old_sent.uuid) == "");
  auto ev = store->db().prepare("SELECT count(*) FROM answer_events WHERE session_id NOT IN (SELECT id FROM sessions)");
  REQUIRE(ev.step());
  CHECK(ev.int64(0) == 0);
  CHECK(outbox.purge_sent(now + 2 * day, 30) == 1);  // the other one, once its time has come
  CHECK(outbox.purge_sent(now + 2 * day, 30) == 0);
}

#include "sync/client/device.h"
#include "sync/client/sync_client.h"

TEST_CASE("sync client: with the server unreachable a round keeps everything pending and backs off") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  SessionRef ref = ended(*store, SessionStatus::Finished, 1);
  sync::DeviceCredential cred{"k", std::string(64, 'a'), "o", "Org", sync::base64_encode(std::string(32, 'k'))};
  REQUIRE(cred.save(dir.path()));
  sync::SyncSettings s;
  s.data_dir = dir.path();
  s.server_url = "http://127.0.0.1:1";  // nothing listens on port 1
  s.retention_days = 30;
  sync::SyncClient client(s);
  auto r = client.run_round();
  CHECK(r.enrolled);
  CHECK(!r.reached);
  CHECK(r.upload_failed);
  CHECK(r.pending == 1);
  CHECK(r.wait_s >= 0);
  CHECK(r.wait_s <= 1.0);  // first failure: full jitter within [0, 1 s]
  sync::Outbox outbox(store->db());
  CHECK(outbox.state_of(ref.uuid) == "pending");
  auto st = client.status();
  CHECK(st.enrolled);
  CHECK(!st.online);
  CHECK(st.pending == 1);
  CHECK(st.organisation == "Org");
  // The background thread starts and stops promptly.
  auto t0 = std::chrono::steady_clock::now();
  client.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  client.stop();
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(3));
}

TEST_CASE("make-sessions --script: sessions as described, answers in order, same code and follow-up") {
  TempDir dir;
  const std::string script = dir.file("script.json");
  wktest::write_file(script, R"({"content": {"id": "pack", "version": "7"}, "sessions": [
    {"locale": "nl", "answers": {"plan.acties": ["coach", "cv"], "plan.wanneer.coach": ["week"],
                                 "intake.reden": ["werk_kwijt"]}, "consent": true, "status": "finished"},
    {"locale": "en", "answers": {"gedrag.flexibel": ["wel"]}, "consent": null, "same_code_as": 0,
     "follow_up": true, "status": "stopped"},
    {"answers": {}, "consent": false}]})");
  std::ostringstream out;
  auto* old = std::cout.rdbuf(out.rdbuf());
  int rc = run_make_sessions_script(dir.path(), script);
  std::cout.rdbuf(old);
  REQUIRE(rc == 0);
  std::istringstream lines(out.str());
  std::vector<std::pair<std::string, std::string>> printed;
  for (std::string u, c; lines >> u >> c;) printed.emplace_back(u, c);
  REQUIRE(printed.size() == 3);
  auto store = SessionStore::open(dir.path());
  auto all = store->all_sessions();
  REQUIRE(all.size() == 3);
  CHECK(all[0].uuid == printed[0].first);
  CHECK(all[0].code == printed[0].second);
  CHECK(all[0].content_id == "pack");
  CHECK(all[0].content_version == "7");
  CHECK(all[0].consent == 1);
  CHECK(all[0].status == "finished");
  REQUIRE(all[0].events.size() == 3);
  CHECK(all[0].events[0].item == "plan.acties");  // the script's order, not sorted
  CHECK(all[0].events[1].item == "plan.wanneer.coach");
  CHECK(all[0].events[2].item == "intake.reden");
  CHECK(all[1].code == all[0].code);
  CHECK(all[1].follow_up_of == all[0].uuid);
  CHECK(all[1].locale == "en");
  CHECK(all[1].consent == -1);
  CHECK(all[1].status == "stopped");
  CHECK(all[2].code != all[0].code);
  CHECK(all[2].consent == 0);
  CHECK(all[2].follow_up_of.empty());
  // Every ended session is queued for the server.
  sync::Outbox outbox(store->db());
  for (const auto& s : all) CHECK(outbox.state_of(s.uuid) == "pending");

  old = std::cerr.rdbuf(out.rdbuf());
  wktest::write_file(script, R"({"content": {"id": "p", "version": "1"}, "sessions": [{"same_code_as": 0}]})");
  CHECK(run_make_sessions_script(dir.path(), script) == 1);
  wktest::write_file(script, R"({"content": {"id": "p", "version": "1"}, "sessions": [{"status": "done"}]})");
  CHECK(run_make_sessions_script(dir.path(), script) == 1);
  std::cerr.rdbuf(old);
}
