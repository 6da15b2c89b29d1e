#include "storage/session_store.h"

#include <nlohmann/json.hpp>

#include "platform/files.h"
#include "platform/random_ids.h"

namespace wk {

const char* to_string(SessionStatus s) {
  switch (s) {
    case SessionStatus::InProgress: return "in_progress";
    case SessionStatus::Finished: return "finished";
    case SessionStatus::Stopped: return "stopped";
    case SessionStatus::Abandoned: return "abandoned";
    case SessionStatus::Interrupted: return "interrupted";
  }
  return "?";
}

const std::vector<std::string>& session_store_migrations() {
  // Append only: each entry moves the schema one version up (PRAGMA user_version).
  static const std::vector<std::string> migrations = {
      R"sql(
      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        code TEXT NOT NULL UNIQUE,
        locale TEXT NOT NULL,
        content_id TEXT NOT NULL,
        content_version TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('in_progress','finished','stopped','abandoned','interrupted'))
      );
      CREATE TABLE answer_events (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        item TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('answer','skip')),
        answer TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX answer_events_by_session ON answer_events(session_id, id);
      CREATE TRIGGER answer_events_append_only BEFORE UPDATE ON answer_events
        BEGIN SELECT RAISE(ABORT, 'answer events are append-only'); END;
      CREATE TABLE kiosk_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      )sql",
      // v2: the participant's answer to "may a coach see your result?" (NULL: not asked yet,
      // 0: no, 1: yes); the earlier session a follow-up check compares with; and a code may now
      // stand on several sessions (a returning participant keeps their code), so the table is
      // rebuilt without UNIQUE(code) (SQLite's documented way to change a constraint).
      R"sql(
      CREATE TABLE sessions_v2 (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        code TEXT NOT NULL,
        locale TEXT NOT NULL,
        content_id TEXT NOT NULL,
        content_version TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('in_progress','finished','stopped','abandoned','interrupted')),
        consent INTEGER CHECK (consent IN (0, 1)),
        follow_up_of TEXT
      );
      INSERT INTO sessions_v2 (id, uuid, code, locale, content_id, content_version, started_at, ended_at, status)
        SELECT id, uuid, code, locale, content_id, content_version, started_at, ended_at, status FROM sessions;
      DROP TABLE sessions;
      ALTER TABLE sessions_v2 RENAME TO sessions;
      CREATE INDEX sessions_by_code ON sessions(code);
      )sql",
      // v3: the outbox of the sync client (sync/client). A session enters it, in the same
      // transaction, when it ends; 'sent' once the server confirmed it (then deleted after the
      // retention period), 'conflict' when the server holds different content under its uuid
      // (kept, never re-sent automatically). Times are Unix seconds. Sessions that had already
      // ended before this version are queued too.
      R"sql(
      CREATE TABLE outbox (
        session_uuid TEXT PRIMARY KEY REFERENCES sessions(uuid),
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','conflict')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        queued_at INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        sent_at INTEGER
      );
      CREATE INDEX outbox_by_state ON outbox(state, queued_at);
      INSERT INTO outbox(session_uuid, queued_at)
        SELECT uuid, CAST(strftime('%s','now') AS INTEGER) FROM sessions WHERE status <> 'in_progress' ORDER BY id;
      )sql",
  };
  return migrations;
}

namespace {
const char* kNow = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
}

std::unique_ptr<SessionStore> SessionStore::open(const std::string& data_dir) {
  if (!files::make_dirs(data_dir))
    throw StoreError(SQLITE_CANTOPEN, "cannot create the data directory " + data_dir);
  auto db = Database::open(database_path(data_dir), session_store_migrations());
  // Prove that a write reaches the disk now, rather than fail on the first answer.
  db->transaction([&] {
    db->prepare(std::string("INSERT INTO kiosk_state(key, value) VALUES('last_start', ") + kNow +
                ") ON CONFLICT(key) DO UPDATE SET value=excluded.value")
        .run();
  });
  return std::unique_ptr<SessionStore>(new SessionStore(std::move(db)));
}

std::unique_ptr<SessionStore> SessionStore::open_read_only(const std::string& data_dir) {
  auto db = Database::open_read_only(database_path(data_dir));
  const auto version = db->schema_version();
  const auto want = static_cast<int>(session_store_migrations().size());
  if (version != want)
    throw StoreError(SQLITE_MISMATCH, "the database has schema version " + std::to_string(version) + ", this werkcheck reads " +
                                          std::to_string(want) + "; start this werkcheck on it once to upgrade it");
  return std::unique_ptr<SessionStore>(new SessionStore(std::move(db)));
}

SessionRef SessionStore::start_session(const std::string& locale, const std::string& content_id,
                                       const std::string& content_version, const std::string& code) {
  for (int attempt = 0;; ++attempt) {
    SessionRef ref{0, ids::new_uuid(), code.empty() ? ids::new_participant_code() : code};
    try {
      db_->transaction([&] {
        // A new participant gets a code nobody on this kiosk has had; a returning one keeps theirs.
        if (code.empty()) {
          auto taken = db_->prepare("SELECT 1 FROM sessions WHERE code=?");
          taken.bind(1, ref.code);
          if (taken.step()) throw DbError(SQLITE_CONSTRAINT_UNIQUE, "code already in use");
        }
        auto st = db_->prepare(std::string("INSERT INTO sessions(uuid, code, locale, content_id, content_version, "
                                           "started_at, status) VALUES(?,?,?,?,?,") +
                               kNow + ",'in_progress')");
        st.bind(1, ref.uuid).bind(2, ref.code).bind(3, locale).bind(4, content_id).bind(5, content_version).run();
        ref.row = sqlite3_last_insert_rowid(db_->handle());
      });
      return ref;
    } catch (const DbError& e) {
      // A code that is already taken is retried with a new one; anything else is real.
      if (e.code != SQLITE_CONSTRAINT_UNIQUE || attempt > 20) throw;
    }
  }
}

void SessionStore::append_event(const SessionRef& s, const std::string& item, const std::string& kind,
                                const std::vector<std::string>& values) {
  std::string answer = nlohmann::json(values).dump();
  db_->transaction([&] {
    auto st = db_->prepare(std::string("INSERT INTO answer_events(session_id, item, kind, answer, at) VALUES(?,?,?,?,") +
                           kNow + ")");
    st.bind(1, s.row).bind(2, item).bind(3, kind).bind(4, answer).run();
  });
}

void SessionStore::record_answer(const SessionRef& s, const std::string& item, const std::vector<std::string>& values) {
  append_event(s, item, "answer", values);
}

void SessionStore::record_skip(const SessionRef& s, const std::string& item) { append_event(s, item, "skip", {}); }

void SessionStore::set_locale(const SessionRef& s, const std::string& locale) {
  db_->transaction([&] { db_->prepare("UPDATE sessions SET locale=? WHERE id=?").bind(1, locale).bind(2, s.row).run(); });
}

void SessionStore::set_consent(const SessionRef& s, bool consent) {
  db_->transaction([&] {
    db_->prepare("UPDATE sessions SET consent=? WHERE id=?").bind(1, int64_t{consent ? 1 : 0}).bind(2, s.row).run();
  });
}

void SessionStore::set_follow_up_of(const SessionRef& s, const std::string& earlier_uuid) {
  db_->transaction([&] {
    db_->prepare("UPDATE sessions SET follow_up_of=? WHERE id=?").bind(1, earlier_uuid).bind(2, s.row).run();
  });
}

std::optional<SessionRecord> SessionStore::latest_finished_with_code(const std::string& code) {
  auto found = read_sessions(*db_, "code=? AND status='finished'", code);
  if (found.empty()) return std::nullopt;
  return std::move(found.back());  // oldest first: the last is the latest
}

void SessionStore::end_session(const SessionRef& s, SessionStatus status) {
  db_->transaction([&] {
    db_->prepare(std::string("UPDATE sessions SET status=?, ended_at=") + kNow + " WHERE id=? AND status='in_progress'")
        .bind(1, std::string(to_string(status)))
        .bind(2, s.row)
        .run();
    // Queued for the server in the same transaction: an ended session is never left unqueued.
    if (sqlite3_changes(db_->handle()) > 0 && status != SessionStatus::InProgress)
      db_->prepare("INSERT OR IGNORE INTO outbox(session_uuid, queued_at) SELECT uuid, CAST(strftime('%s','now') AS "
                   "INTEGER) FROM sessions WHERE id=?")
          .bind(1, s.row)
          .run();
  });
}

int SessionStore::close_interrupted_sessions() {
  int changed = 0;
  db_->transaction([&] {
    // Queue first (the rows are still recognisable as in progress), then close them.
    db_->prepare("INSERT OR IGNORE INTO outbox(session_uuid, queued_at) SELECT uuid, CAST(strftime('%s','now') AS "
                 "INTEGER) FROM sessions WHERE status='in_progress' ORDER BY id")
        .run();
    db_->prepare(std::string("UPDATE sessions SET status='interrupted', ended_at=") + kNow +
                 " WHERE status='in_progress'")
        .run();
    changed = sqlite3_changes(db_->handle());
  });
  return changed;
}

int64_t SessionStore::count_sessions() {
  auto st = db_->prepare("SELECT count(*) FROM sessions");
  return st.step() ? st.int64(0) : 0;
}

std::vector<SessionRecord> read_sessions(Database& db, const std::string& condition, const std::string& param) {
  const std::string where = condition.empty() ? "" : " WHERE " + condition;
  auto bind = [&](Statement& st) {
    if (!condition.empty()) st.bind(1, param);
  };
  std::vector<SessionRecord> out;
  std::map<int64_t, size_t> index;
  auto st = db.prepare(
      "SELECT id, uuid, code, locale, content_id, content_version, started_at, ended_at, status, consent, follow_up_of "
      "FROM sessions" + where + " ORDER BY id");
  bind(st);
  while (st.step()) {
    SessionRecord s{st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.text(7), st.text(8), {}};
    s.consent = st.is_null(9) ? -1 : static_cast<int>(st.int64(9));
    s.follow_up_of = st.text(10);
    index[st.int64(0)] = out.size();
    out.push_back(std::move(s));
  }
  auto ev = db.prepare("SELECT session_id, id, item, kind, answer, at FROM answer_events WHERE session_id IN "
                       "(SELECT id FROM sessions" + where + ") ORDER BY id");
  bind(ev);
  while (ev.step()) {
    auto it = index.find(ev.int64(0));
    if (it == index.end()) continue;
    AnswerEvent e;
    e.seq = ev.int64(1);
    e.item = ev.text(2);
    e.kind = ev.text(3);
    e.values = nlohmann::json::parse(ev.text(4)).get<std::vector<std::string>>();
    e.at = ev.text(5);
    out[it->second].events.push_back(std::move(e));
  }
  return out;
}

std::vector<SessionRecord> SessionStore::all_sessions() { return read_sessions(*db_); }

}  // namespace wk
