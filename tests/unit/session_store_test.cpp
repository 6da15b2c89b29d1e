// SessionStore: durability settings, append-only answers, and the failures an operator
// must be told about (damaged, read-only, locked, disk full).
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "platform/random_ids.h"
#include "storage/session_store.h"
#include "test_support.h"

using namespace wk;
using wktest::TempDir;
using wktest::write_file;

namespace {

// A separate connection, as another program (or a later kiosk run) would have.
struct RawDb {
  sqlite3* db = nullptr;
  explicit RawDb(const std::string& path) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(db); }
  std::string text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
  }
  int exec(const std::string& sql) { return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); }
};

int64_t pragma_int(Database& db, const std::string& pragma) {
  auto st = db.prepare("PRAGMA " + pragma);
  REQUIRE(st.step());
  return st.int64(0);
}

const SessionRecord* by_uuid(const std::vector<SessionRecord>& all, const std::string& uuid) {
  for (const auto& s : all)
    if (s.uuid == uuid) return &s;
  return nullptr;
}

// Runs fn, which must throw a StoreError; returns it.
template <typename Fn>
StoreError expect_store_error(Fn&& fn) {
  try {
    fn();
  } catch (const StoreError& e) {
    return e;
  }
  FAIL("no StoreError was thrown");
  return StoreError(0, "");
}

// Sets the file's immutable flag (chattr +i) for the guard's lifetime, where the system allows.
struct ImmutableGuard {
  std::string path;
  bool on = false;
  explicit ImmutableGuard(std::string p) : path(std::move(p)) { on = set(true); }
  ~ImmutableGuard() {
    if (on) set(false);
  }
  bool set(bool value) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    int flags = 0;
    bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    if (ok) {
      flags = value ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
      ok = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
    ::close(fd);
    return ok;
  }
};

const std::regex kUuidV4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

}  // namespace

TEST_CASE("open creates werkcheck.db in WAL mode with synchronous FULL and the current schema") {
  TempDir dir;
  const std::string data = dir.file("data/nested");
  auto store = SessionStore::open(data);
  REQUIRE(store);
  const std::string path = SessionStore::database_path(data);
  CHECK(path == data + "/werkcheck.db");
  CHECK(std::filesystem::is_regular_file(path));

  // journal_mode is a property of the file: a fresh connection sees it.
  {
    RawDb raw(path);
    CHECK(raw.text("PRAGMA journal_mode") == "wal");
  }
  // synchronous is per connection: the store's own handle.
  CHECK(pragma_int(store->db(), "synchronous") == 2);  // FULL
  CHECK(pragma_int(store->db(), "foreign_keys") == 1);
  CHECK(store->db().schema_version() == static_cast<int>(session_store_migrations().size()));
  CHECK(store->db().schema_version() == 3);
  CHECK(store->count_sessions() == 0);

  // Opening proved a write reaches the disk.
  RawDb raw(path);
  CHECK_FALSE(raw.text("SELECT value FROM kiosk_state WHERE key='last_start'").empty());
}

TEST_CASE("start_session gives a v4 UUID and a six-character readable code") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  std::set<std::string> uuids, codes;
  for (int i = 0; i < 20; ++i) {
    SessionRef s = store->start_session("nl", "werkcheck-demo", "1.0");
    CHECK(s.row > 0);
    CHECK_MESSAGE(std::regex_match(s.uuid, kUuidV4), s.uuid);
    REQUIRE(s.code.size() == static_cast<size_t>(ids::kCodeLength));
    for (char c : s.code) CHECK_MESSAGE(std::strchr(ids::kCodeAlphabet, c) != nullptr, s.code);
    uuids.insert(s.uuid);
    codes.insert(s.code);
  }
  CHECK(uuids.size() == 20);
  CHECK(codes.size() == 20);  // a new participant never gets a code that is in use
  CHECK(store->count_sessions() == 20);

  auto all = store->all_sessions();
  REQUIRE(all.size() == 20);
  CHECK(all[0].locale == "nl");
  CHECK(all[0].content_id == "werkcheck-demo");
  CHECK(all[0].content_version == "1.0");
  CHECK(all[0].status == "in_progress");
  CHECK_FALSE(all[0].started_at.empty());
  CHECK(all[0].ended_at.empty());
}

TEST_CASE("a changed answer keeps its history; the latest answer counts") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  SessionRef s = store->start_session("en", "c", "1");
  store->record_answer(s, "werk_plezier.handen", {"leuk"});
  store->record_answer(s, "hulp.wie", {"familie", "coach"});
  store->record_answer(s, "werk_plezier.handen", {"niet_leuk"});
  store->record_skip(s, "werk_plezier.zorgen");

  auto all = store->all_sessions();
  REQUIRE(all.size() == 1);
  const auto& ev = all[0].events;
  REQUIRE(ev.size() == 4);
  CHECK(ev[0].item == "werk_plezier.handen");
  CHECK(ev[0].kind == "answer");
  CHECK(ev[0].values == std::vector<std::string>{"leuk"});
  CHECK(ev[2].item == "werk_plezier.handen");
  CHECK(ev[2].values == std::vector<std::string>{"niet_leuk"});
  CHECK(ev[3].kind == "skip");
  CHECK(ev[3].values.empty());
  CHECK(ev[0].seq < ev[1].seq);
  CHECK(ev[1].seq < ev[2].seq);
  CHECK_FALSE(ev[0].at.empty());

  auto latest = all[0].latest_answers();
  CHECK(latest.size() == 3);
  CHECK(latest["werk_plezier.handen"] == std::vector<std::string>{"niet_leuk"});
  CHECK(latest["hulp.wie"] == std::vector<std::string>{"familie", "coach"});
  CHECK(latest["werk_plezier.zorgen"].empty());
}

TEST_CASE("answers of different sessions stay apart") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  SessionRef a = store->start_session("nl", "c", "1");
  SessionRef b = store->start_session("en", "c", "1");
  store->record_answer(a, "x.y", {"1"});
  store->record_answer(b, "x.y", {"2"});
  store->record_answer(a, "x.z", {"3"});
  auto all = store->all_sessions();
  REQUIRE(by_uuid(all, a.uuid));
  REQUIRE(by_uuid(all, b.uuid));
  CHECK(by_uuid(all, a.uuid)->events.size() == 2);
  CHECK(by_uuid(all, b.uuid)->events.size() == 1);
  CHECK(by_uuid(all, b.uuid)->latest_answers().at("x.y") == std::vector<std::string>{"2"});
}

TEST_CASE("answer events cannot be updated") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  SessionRef s = store->start_session("nl", "c", "1");
  store->record_answer(s, "werk_plezier.handen", {"leuk"});
  StoreError e = expect_store_error([&] { store->db().exec("UPDATE answer_events SET answer='[\"niet_leuk\"]'"); });
  CHECK_MESSAGE(std::string(e.what()).find("append-only") != std::string::npos, std::string(e.what()));
  auto all = store->all_sessions();
  REQUIRE(all[0].events.size() == 1);
  CHECK(all[0].events[0].values == std::vector<std::string>{"leuk"});

  // Neither through another connection.
  RawDb raw(SessionStore::database_path(dir.path()));
  CHECK(raw.exec("UPDATE answer_events SET item='other'") != SQLITE_OK);
}

TEST_CASE("set_locale and end_session; a closed session is not closed twice") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  SessionRef s = store->start_session("nl", "c", "1");
  store->set_locale(s, "en");
  store->end_session(s, SessionStatus::Finished);
  store->end_session(s, SessionStatus::Abandoned);  // only an in-progress session can end
  auto all = store->all_sessions();
  REQUIRE(all.size() == 1);
  CHECK(all[0].locale == "en");
  CHECK(all[0].status == "finished");
  CHECK_FALSE(all[0].ended_at.empty());
}

TEST_CASE("close_interrupted_sessions closes what was in progress, and only that") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  SessionRef a = store->start_session("nl", "c", "1");
  SessionRef b = store->start_session("nl", "c", "1");
  SessionRef c = store->start_session("nl", "c", "1");
  store->end_session(b, SessionStatus::Finished);
  store->end_session(c, SessionStatus::Stopped);

  CHECK(store->close_interrupted_sessions() == 1);
  auto all = store->all_sessions();
  CHECK(by_uuid(all, a.uuid)->status == "interrupted");
  CHECK_FALSE(by_uuid(all, a.uuid)->ended_at.empty());
  CHECK(by_uuid(all, b.uuid)->status == "finished");
  CHECK(by_uuid(all, c.uuid)->status == "stopped");
  CHECK(store->close_interrupted_sessions() == 0);
}

TEST_CASE("a reopened store sees everything that was committed") {
  TempDir dir;
  std::string uuid, code;
  {
    auto store = SessionStore::open(dir.path());
    SessionRef s = store->start_session("en", "werkcheck-demo", "2");
    uuid = s.uuid;
    code = s.code;
    store->record_answer(s, "werk_plezier.handen", {"leuk"});
    store->record_answer(s, "hulp.wie", {"niemand"});
    store->end_session(s, SessionStatus::Finished);
    SessionRef open = store->start_session("nl", "werkcheck-demo", "2");
    store->record_skip(open, "werk_plezier.handen");
  }
  auto store = SessionStore::open(dir.path());
  CHECK(store->count_sessions() == 2);
  auto all = store->all_sessions();
  const SessionRecord* s = by_uuid(all, uuid);
  REQUIRE(s);
  CHECK(s->code == code);
  CHECK(s->locale == "en");
  CHECK(s->status == "finished");
  CHECK(s->latest_answers().at("hulp.wie") == std::vector<std::string>{"niemand"});
  // The session a crash left open is closed on start, never resumed.
  CHECK(store->close_interrupted_sessions() == 1);
}

TEST_CASE("a damaged database file is refused with 'damaged'") {
  TempDir dir;
  const std::string path = SessionStore::database_path(dir.path());

  SUBCASE("a file of random bytes") {
    std::string junk(16384, '\0');
    unsigned state = 12345;
    for (auto& ch : junk) {
      state = state * 1103515245u + 12345u;
      ch = static_cast<char>(state >> 16);
    }
    write_file(path, junk);
  }
  SUBCASE("garbage written over the first pages of a real database") {
    {
      auto store = SessionStore::open(dir.path());
      SessionRef s = store->start_session("nl", "c", "1");
      for (int i = 0; i < 50; ++i) store->record_answer(s, "item" + std::to_string(i), {std::string(200, 'x')});
    }
    REQUIRE_FALSE(std::filesystem::exists(path + "-wal"));  // checkpointed on close: all of it is in the file
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    std::string junk(8192, '\xA5');
    f.seekp(0);
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  SUBCASE("garbage over the pages after an intact header") {
    {
      auto store = SessionStore::open(dir.path());
      SessionRef s = store->start_session("nl", "c", "1");
      for (int i = 0; i < 50; ++i) store->record_answer(s, "item" + std::to_string(i), {std::string(200, 'x')});
    }
    REQUIRE(std::filesystem::file_size(path) > 4 * 4096);
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    std::string junk(3 * 4096, '\x5A');
    f.seekp(4096);
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }

  StoreError e = expect_store_error([&] { SessionStore::open(dir.path()); });
  CHECK_MESSAGE(std::string(e.what()).find("damaged") != std::string::npos, std::string(e.what()));
  const int primary = e.code & 0xff;
  CHECK((primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB));
}

TEST_CASE("a data directory that cannot be created or written gives a StoreError") {
  TempDir dir;
  SUBCASE("the data directory would be under a regular file") {
    write_file(dir.file("plainfile"), "x");
    StoreError e = expect_store_error([&] { SessionStore::open(dir.file("plainfile/data")); });
    CHECK(e.code == SQLITE_CANTOPEN);
    CHECK_MESSAGE(std::string(e.what()).find(dir.file("plainfile/data")) != std::string::npos, std::string(e.what()));
  }
  SUBCASE("werkcheck.db is not a file") {
    std::filesystem::create_directories(SessionStore::database_path(dir.path()));
    StoreError e = expect_store_error([&] { SessionStore::open(dir.path()); });
    CHECK_MESSAGE(std::string(e.what()).find("cannot be written") != std::string::npos, std::string(e.what()));
  }
  SUBCASE("a read-only database file") {
    const std::string db = SessionStore::database_path(dir.path());
    { auto store = SessionStore::open(dir.path()); }
    // Root ignores permissions, but not the immutable flag; others are stopped by chmod.
    ImmutableGuard immutable(db);
    if (!immutable.on) {
      if (::geteuid() == 0) {
        MESSAGE("running as root without CAP_LINUX_IMMUTABLE: read-only case skipped");
        return;
      }
      std::filesystem::permissions(db, std::filesystem::perms::owner_read);
    }
    StoreError e = expect_store_error([&] { SessionStore::open(dir.path()); });
    CHECK((e.code & 0xff) == SQLITE_READONLY);
    CHECK_MESSAGE(std::string(e.what()).find("cannot be written") != std::string::npos, std::string(e.what()));
    CHECK_MESSAGE(std::string(e.what()).find(db) != std::string::npos, std::string(e.what()));
  }
}

TEST_CASE("a database locked by another program makes open fail with 'locked'") {
  TempDir dir;
  { auto store = SessionStore::open(dir.path()); }  // a WAL database exists
  RawDb other(SessionStore::database_path(dir.path()));
  REQUIRE(other.exec("BEGIN EXCLUSIVE") == SQLITE_OK);

  auto t0 = std::chrono::steady_clock::now();
  StoreError e = expect_store_error([&] { SessionStore::open(dir.path()); });
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK_MESSAGE(std::string(e.what()).find("locked") != std::string::npos, std::string(e.what()));
  CHECK((e.code & 0xff) == SQLITE_BUSY);
  CHECK(waited >= 1.5);  // it waited for the busy timeout rather than failing at once
  CHECK(waited < 10);

  // Once the other program lets go, the kiosk can open again.
  REQUIRE(other.exec("COMMIT") == SQLITE_OK);
  CHECK_NOTHROW(SessionStore::open(dir.path()));
}

TEST_CASE("disk full: the answer is refused with SQLITE_FULL and earlier answers stay") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  SessionRef s = store->start_session("nl", "c", "1");
  store->record_answer(s, "werk_plezier.handen", {"leuk"});
  store->record_answer(s, "werk_plezier.zorgen", {"weet_niet"});

  const int64_t pages = pragma_int(store->db(), "page_count");
  store->db().exec("PRAGMA max_page_count=" + std::to_string(pages));
  CHECK(pragma_int(store->db(), "max_page_count") == pages);

  // An answer that needs more pages than the "disk" has.
  StoreError e = expect_store_error(
      [&] { store->record_answer(s, "werk_plezier.computer", {std::string(3 * 4096, 'x')}); });
  CHECK((e.code & 0xff) == SQLITE_FULL);
  CHECK_MESSAGE(std::string(e.what()).find("disk is full") != std::string::npos, std::string(e.what()));

  // Small answers fill what is left, then fail the same way; none is half-written.
  int stored = 0;
  bool full = false;
  for (int i = 0; i < 2000 && !full; ++i) {
    try {
      store->record_answer(s, "fill." + std::to_string(i), {"leuk"});
      ++stored;
    } catch (const StoreError& err) {
      CHECK((err.code & 0xff) == SQLITE_FULL);
      full = true;
    }
  }
  CHECK(full);

  auto all = store->all_sessions();
  REQUIRE(all.size() == 1);
  REQUIRE(all[0].events.size() == static_cast<size_t>(2 + stored));
  CHECK(all[0].events[0].values == std::vector<std::string>{"leuk"});
  CHECK(all[0].events[1].values == std::vector<std::string>{"weet_niet"});
  CHECK(all[0].latest_answers().count("werk_plezier.computer") == 0);

  // After a restart (space again), everything committed is there.
  store.reset();
  auto again = SessionStore::open(dir.path());
  auto reread = again->all_sessions();
  REQUIRE(reread.size() == 1);
  CHECK(reread[0].events.size() == static_cast<size_t>(2 + stored));
}

TEST_CASE("explain_db_error turns result codes into advice") {
  CHECK(explain_db_error(SQLITE_FULL, "x").find("disk is full") != std::string::npos);
  CHECK(explain_db_error(SQLITE_IOERR_WRITE, "x").find("disk reported an error") != std::string::npos);
  CHECK(explain_db_error(SQLITE_BUSY, "x").find("locked") != std::string::npos);
  CHECK(explain_db_error(SQLITE_CORRUPT, "x").find("damaged") != std::string::npos);
  CHECK(explain_db_error(SQLITE_NOTADB, "x").find("damaged") != std::string::npos);
  CHECK(explain_db_error(SQLITE_READONLY, "x").find("cannot be written") != std::string::npos);
  CHECK(explain_db_error(SQLITE_ERROR, "plain words") == "plain words");
}

TEST_CASE("consent: not asked is -1; yes is 1, no is 0, and the later answer wins") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  SessionRef a = store->start_session("nl", "c", "1");
  SessionRef b = store->start_session("nl", "c", "1");
  CHECK(by_uuid(store->all_sessions(), a.uuid)->consent == -1);

  store->set_consent(a, true);
  CHECK(by_uuid(store->all_sessions(), a.uuid)->consent == 1);
  CHECK(by_uuid(store->all_sessions(), b.uuid)->consent == -1);  // only that session
  store->set_consent(a, false);
  CHECK(by_uuid(store->all_sessions(), a.uuid)->consent == 0);
  store->set_consent(b, false);
  store->set_consent(b, true);
  store->end_session(b, SessionStatus::Finished);

  // On disk, and kept when the session ends and the kiosk restarts.
  store.reset();
  auto again = SessionStore::open(dir.path());
  auto all = again->all_sessions();
  CHECK(by_uuid(all, a.uuid)->consent == 0);
  CHECK(by_uuid(all, b.uuid)->consent == 1);
  CHECK(by_uuid(all, b.uuid)->status == "finished");
  RawDb raw(SessionStore::database_path(dir.path()));
  CHECK(raw.text("SELECT consent FROM sessions WHERE uuid='" + a.uuid + "'") == "0");
  // The column takes nothing but 0 and 1 (or NULL).
  CHECK(raw.exec("UPDATE sessions SET consent=2") != SQLITE_OK);
}

TEST_CASE("set_follow_up_of links a session to an earlier one") {
  TempDir dir;
  auto store = SessionStore::open(dir.path());
  SessionRef first = store->start_session("nl", "c", "1");
  SessionRef later = store->start_session("nl", "c", "1");
  store->set_follow_up_of(later, first.uuid);
  auto all = store->all_sessions();
  CHECK(by_uuid(all, first.uuid)->follow_up_of.empty());
  CHECK(by_uuid(all, later.uuid)->follow_up_of == first.uuid);
}

TEST_CASE("a version 1 database is migrated to version 2 and keeps its sessions and answers") {
  TempDir dir;
  const std::string path = SessionStore::database_path(dir.path());
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    auto exec = [&](const std::string& sql) {
      char* err = nullptr;
      int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
      INFO(sql << ": " << (err ? err : ""));
      sqlite3_free(err);
      REQUIRE(rc == SQLITE_OK);
    };
    exec("PRAGMA journal_mode=WAL");
    exec(session_store_migrations()[0]);
    exec("PRAGMA user_version=1");
    exec("INSERT INTO sessions(id, uuid, code, locale, content_id, content_version, started_at, ended_at, status) VALUES"
         "(1, '11111111-1111-4111-8111-111111111111', 'K7MR2X', 'en', 'werkcheck-demo', '2026.10', "
         "'2026-10-01T09:00:00.000Z', '2026-10-01T09:10:00.000Z', 'finished'),"
         "(2, '22222222-2222-4222-8222-222222222222', 'ABCDEF', 'nl', 'werkcheck-demo', '2026.10', "
         "'2026-10-02T09:00:00.000Z', NULL, 'in_progress')");
    exec("INSERT INTO answer_events(session_id, item, kind, answer, at) VALUES"
         "(1, 'werk_plezier.handen', 'answer', '[\"leuk\"]', '2026-10-01T09:01:00.000Z'),"
         "(1, 'hulp.wie', 'answer', '[\"familie\",\"coach\"]', '2026-10-01T09:02:00.000Z'),"
         "(2, 'werk_plezier.handen', 'skip', '[]', '2026-10-02T09:01:00.000Z')");
    exec("INSERT INTO kiosk_state(key, value) VALUES('volume', '70')");
    sqlite3_close(db);
  }

  auto store = SessionStore::open(dir.path());
  CHECK(store->db().schema_version() == 3);
  CHECK(pragma_int(store->db(), "foreign_keys") == 1);
  CHECK(store->count_sessions() == 2);
  auto all = store->all_sessions();
  REQUIRE(all.size() == 2);
  const SessionRecord* old = by_uuid(all, "11111111-1111-4111-8111-111111111111");
  REQUIRE(old);
  CHECK(old->code == "K7MR2X");
  CHECK(old->locale == "en");
  CHECK(old->content_id == "werkcheck-demo");
  CHECK(old->content_version == "2026.10");
  CHECK(old->started_at == "2026-10-01T09:00:00.000Z");
  CHECK(old->ended_at == "2026-10-01T09:10:00.000Z");
  CHECK(old->status == "finished");
  CHECK(old->consent == -1);  // NULL: never asked
  CHECK(old->follow_up_of.empty());
  REQUIRE(old->events.size() == 2);
  CHECK(old->latest_answers().at("hulp.wie") == std::vector<std::string>{"familie", "coach"});
  const SessionRecord* open = by_uuid(all, "22222222-2222-4222-8222-222222222222");
  REQUIRE(open);
  CHECK(open->consent == -1);
  REQUIRE(open->events.size() == 1);
  CHECK(open->events[0].kind == "skip");

  // Nothing else was lost or loosened by the rebuild.
  RawDb raw(path);
  CHECK(raw.text("SELECT value FROM kiosk_state WHERE key='volume'") == "70");
  CHECK(raw.text("PRAGMA foreign_key_check").empty());
  CHECK(raw.text("PRAGMA integrity_check") == "ok");
  CHECK(raw.exec("UPDATE answer_events SET item='other'") != SQLITE_OK);  // still append-only
  CHECK(raw.exec("INSERT INTO sessions(uuid, code, locale, content_id, content_version, started_at, status) "
                 "VALUES('x', 'QQQQQQ', 'nl', 'c', '1', 'now', 'lost')") != SQLITE_OK);  // status still checked
  CHECK(raw.exec("INSERT INTO sessions(uuid, code, locale, content_id, content_version, started_at, status) "
                 "VALUES('11111111-1111-4111-8111-111111111111', 'QQQQQQ', 'nl', 'c', '1', 'now', 'stopped')") !=
        SQLITE_OK);  // uuid still unique
  CHECK(raw.exec("PRAGMA foreign_keys=ON") == SQLITE_OK);
  CHECK(raw.exec("INSERT INTO answer_events(session_id, item, kind, answer, at) VALUES(99, 'x', 'skip', '[]', 'now')") !=
        SQLITE_OK);  // answers still belong to a session

  // The migrated store works as a new one: the session left open is closed, consent is stored,
  // new sessions get the next ids and fresh codes.
  CHECK(store->close_interrupted_sessions() == 1);
  const SessionRef old_ref{1, old->uuid, old->code};  // `old` points into `all`, which is read again below
  store->set_consent(old_ref, true);
  SessionRef fresh = store->start_session("nl", "werkcheck-demo", "2026.11");
  CHECK(fresh.row == 3);
  CHECK(fresh.code != "K7MR2X");
  store->record_answer(fresh, "hulp.wie", {"coach"});
  all = store->all_sessions();
  REQUIRE(all.size() == 3);
  CHECK(by_uuid(all, old_ref.uuid)->consent == 1);
  CHECK(by_uuid(all, "22222222-2222-4222-8222-222222222222")->status == "interrupted");
  CHECK(by_uuid(all, fresh.uuid)->events.size() == 1);

  // Opening again does not migrate twice.
  store.reset();
  auto again = SessionStore::open(dir.path());
  CHECK(again->db().schema_version() == 3);
  CHECK(again->count_sessions() == 3);
}

TEST_CASE("a database from a newer werkcheck is refused, not changed") {
  TempDir dir;
  { auto store = SessionStore::open(dir.path()); }
  {
    RawDb raw(SessionStore::database_path(dir.path()));
    REQUIRE(raw.exec("PRAGMA user_version=" + std::to_string(session_store_migrations().size() + 1)) == SQLITE_OK);
  }
  StoreError e = expect_store_error([&] { SessionStore::open(dir.path()); });
  CHECK_MESSAGE(std::string(e.what()).find("newer") != std::string::npos, std::string(e.what()));
  RawDb raw(SessionStore::database_path(dir.path()));
  CHECK(raw.text("PRAGMA user_version") == std::to_string(session_store_migrations().size() + 1));
}
