#include "sqlite_server_store.h"

#include "platform/random_ids.h"

namespace wk::server {

namespace {

const std::vector<std::string> kMigrations = {
    R"SQL(
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
)SQL",
    // 2: coach pages. Kiosk groups; coaches gain the role "employer" and can be disabled (SQLite
    // cannot change a CHECK in place, so the table is rebuilt); browser logins, notes on codes and
    // an append-only audit log.
    R"SQL(
ALTER TABLE kiosks ADD COLUMN group_name TEXT NOT NULL DEFAULT '';
CREATE TABLE coaches_new (
  username TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('coach', 'admin', 'employer')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  disabled INTEGER NOT NULL DEFAULT 0
);
INSERT INTO coaches_new(username, organisation_id, password_hash, role, created_at)
  SELECT username, organisation_id, password_hash, role, created_at FROM coaches;
DROP TABLE coaches;
ALTER TABLE coaches_new RENAME TO coaches;
CREATE TABLE login_sessions (
  token_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES coaches(username),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX login_sessions_by_user ON login_sessions(username);
CREATE TABLE coach_notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  code TEXT NOT NULL,
  username TEXT NOT NULL REFERENCES coaches(username),
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX coach_notes_by_org_code ON coach_notes(organisation_id, code);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organisation_id TEXT NOT NULL,
  at TEXT NOT NULL,
  username TEXT NOT NULL,
  action TEXT NOT NULL,
  code TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_org ON audit_log(organisation_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;
CREATE INDEX sessions_by_org_received ON sessions(organisation_id, received_at);
)SQL",
};

// wk::Statement binds text only; content is binary, so blobs go through SQLite directly.
struct RawStmt {
  sqlite3* db;
  sqlite3_stmt* st = nullptr;
  RawStmt(sqlite3* d, const char* sql) : db(d) {
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    if (rc != SQLITE_OK) throw DbError(rc, sqlite3_errmsg(db));
  }
  ~RawStmt() { sqlite3_finalize(st); }
  void blob(int i, const std::string& v) {
    int rc = sqlite3_bind_blob64(st, i, v.data(), v.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) throw DbError(rc, sqlite3_errmsg(db));
  }
  void text(int i, const std::string& v) {
    int rc = sqlite3_bind_text64(st, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) throw DbError(rc, sqlite3_errmsg(db));
  }
  bool step() {
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw DbError(rc, explain_db_error(rc, sqlite3_errmsg(db)));
  }
  std::string col_blob(int c) {
    const void* p = sqlite3_column_blob(st, c);
    int n = sqlite3_column_bytes(st, c);
    return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
  }
};

std::optional<std::string> opt_text(Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return s.text(col);
}
std::optional<int64_t> opt_int(Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return s.int64(col);
}

struct ConflictAbort {};

constexpr const char* kKioskColumns =
    "SELECT k.id, k.organisation_id, o.name, k.enrolled_at, k.revoked, k.last_heartbeat_at, k.app_version, "
    "k.content_version, k.last_sync, k.pending, k.free_disk_bytes, k.group_name "
    "FROM kiosks k JOIN organisations o ON o.id = k.organisation_id";

std::vector<KioskInfo> read_kiosks(Statement& s) {
  std::vector<KioskInfo> out;
  while (s.step()) {
    KioskInfo k;
    k.id = s.text(0);
    k.organisation_id = s.text(1);
    k.organisation_name = s.text(2);
    k.enrolled_at = s.text(3);
    k.revoked = s.int64(4) != 0;
    k.last_heartbeat_at = opt_text(s, 5);
    k.app_version = opt_text(s, 6);
    k.content_version = opt_text(s, 7);
    k.last_sync = opt_text(s, 8);
    k.pending = opt_int(s, 9);
    k.free_disk_bytes = opt_int(s, 10);
    k.group = s.text(11);
    out.push_back(std::move(k));
  }
  return out;
}

constexpr const char* kCoachColumns =
    "SELECT c.username, c.organisation_id, o.name, c.password_hash, c.role, c.created_at, c.disabled "
    "FROM coaches c JOIN organisations o ON o.id = c.organisation_id";

CoachAccount read_coach(Statement& s) {
  CoachAccount c;
  c.username = s.text(0);
  c.organisation_id = s.text(1);
  c.organisation_name = s.text(2);
  c.password_hash = s.text(3);
  c.role = s.text(4);
  c.created_at = s.text(5);
  c.disabled = s.int64(6) != 0;
  return c;
}

constexpr const char* kSharedColumns =
    "SELECT s.uuid, s.kiosk_id, k.group_name, s.code, s.session_json, s.received_at "
    "FROM sessions s JOIN kiosks k ON k.id = s.kiosk_id";

std::vector<SharedSession> read_shared(Statement& s) {
  std::vector<SharedSession> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
  return out;
}

}  // namespace

SqliteServerStore::SqliteServerStore(const std::string& path) : db_(Database::open(path, kMigrations)) {}

std::string SqliteServerStore::create_organisation(const std::string& name) {
  std::lock_guard lock(mu_);
  std::string id = ids::new_uuid();
  db_->prepare("INSERT INTO organisations(id, name) VALUES (?, ?)").bind(1, id).bind(2, name).run();
  return id;
}

std::optional<Organisation> SqliteServerStore::organisation_locked(const std::string& id) {
  auto s = db_->prepare("SELECT id, name FROM organisations WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return Organisation{s.text(0), s.text(1)};
}

std::optional<Organisation> SqliteServerStore::organisation(const std::string& id) {
  std::lock_guard lock(mu_);
  return organisation_locked(id);
}

void SqliteServerStore::add_enrollment_code(const std::string& code_hash, const std::string& organisation_id,
                                            const std::string& expires_at) {
  std::lock_guard lock(mu_);
  db_->prepare("INSERT INTO enrollment_codes(code_hash, organisation_id, expires_at) VALUES (?, ?, ?)")
      .bind(1, code_hash)
      .bind(2, organisation_id)
      .bind(3, expires_at)
      .run();
}

std::optional<Organisation> SqliteServerStore::enroll(const std::string& code_hash, const std::string& now,
                                                      const std::string& kiosk_id, const std::string& token_hash) {
  std::lock_guard lock(mu_);
  std::optional<Organisation> org;
  db_->transaction([&] {
    auto s = db_->prepare(
        "UPDATE enrollment_codes SET used_at = ?, used_by_kiosk = ? "
        "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING organisation_id");
    s.bind(1, now).bind(2, kiosk_id).bind(3, code_hash).bind(4, now);
    if (!s.step()) return;
    std::string org_id = s.text(0);
    s.run();
    db_->prepare("INSERT INTO kiosks(id, organisation_id, token_hash, enrolled_at) VALUES (?, ?, ?, ?)")
        .bind(1, kiosk_id)
        .bind(2, org_id)
        .bind(3, token_hash)
        .bind(4, now)
        .run();
    org = organisation_locked(org_id);
  });
  return org;
}

void SqliteServerStore::create_coach(const std::string& organisation_id, const std::string& username,
                                     const std::string& password_hash, const std::string& role) {
  std::lock_guard lock(mu_);
  db_->prepare("INSERT INTO coaches(username, organisation_id, password_hash, role) VALUES (?, ?, ?, ?)")
      .bind(1, username)
      .bind(2, organisation_id)
      .bind(3, password_hash)
      .bind(4, role)
      .run();
}

std::optional<KioskAuth> SqliteServerStore::kiosk_by_token_hash(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  auto s = db_->prepare("SELECT id, organisation_id, revoked FROM kiosks WHERE token_hash = ?");
  s.bind(1, token_hash);
  if (!s.step()) return std::nullopt;
  return KioskAuth{s.text(0), s.text(1), s.int64(2) != 0};
}

bool SqliteServerStore::revoke_kiosk(const std::string& kiosk_id) {
  std::lock_guard lock(mu_);
  db_->prepare("UPDATE kiosks SET revoked = 1 WHERE id = ?").bind(1, kiosk_id).run();
  return sqlite3_changes(db_->handle()) > 0;
}

std::vector<KioskInfo> SqliteServerStore::list_kiosks() {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(std::string(kKioskColumns) + " ORDER BY k.enrolled_at, k.id");
  return read_kiosks(s);
}

void SqliteServerStore::record_heartbeat(const std::string& kiosk_id, const Heartbeat& hb, const std::string& now) {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(
      "UPDATE kiosks SET last_heartbeat_at = ?, app_version = ?, content_version = ?, last_sync = ?, pending = ?, "
      "free_disk_bytes = ? WHERE id = ?");
  s.bind(1, now).bind(2, hb.app_version).bind(3, hb.content_version);
  if (hb.last_sync)
    s.bind(4, *hb.last_sync);
  else
    s.bind_null(4);
  s.bind(5, hb.pending).bind(6, hb.free_disk_bytes).bind(7, kiosk_id);
  s.run();
}

IngestResult SqliteServerStore::ingest_sessions(const std::string& organisation_id, const std::string& kiosk_id,
                                                const std::vector<IncomingSession>& sessions,
                                                const std::string& now) {
  std::lock_guard lock(mu_);
  IngestResult result;
  try {
    db_->transaction([&] {
      for (const auto& in : sessions) {
        auto existing = db_->prepare("SELECT content_hash FROM sessions WHERE uuid = ?");
        existing.bind(1, in.uuid);
        if (existing.step()) {
          if (existing.text(0) == in.content_hash)
            result.results.emplace_back(in.uuid, "duplicate");
          else
            result.conflicting_uuids.push_back(in.uuid);
          continue;
        }
        auto ins = db_->prepare(
            "INSERT INTO sessions(uuid, organisation_id, kiosk_id, code, anonymous, session_json, content_hash, "
            "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        ins.bind(1, in.uuid).bind(2, organisation_id).bind(3, kiosk_id);
        if (in.code)
          ins.bind(4, *in.code);
        else
          ins.bind_null(4);
        ins.bind(5, int64_t{in.code ? 0 : 1}).bind(6, in.canonical_json).bind(7, in.content_hash).bind(8, now);
        ins.run();
        result.results.emplace_back(in.uuid, "stored");
      }
      if (!result.conflicting_uuids.empty()) throw ConflictAbort{};
    });
  } catch (const ConflictAbort&) {
    result.conflict = true;
    result.results.clear();
  }
  return result;
}

int64_t SqliteServerStore::session_count() {
  std::lock_guard lock(mu_);
  auto s = db_->prepare("SELECT COUNT(*) FROM sessions");
  s.step();
  return s.int64(0);
}

void SqliteServerStore::publish_content(const std::string& manifest, const std::string& signature,
                                        const std::vector<ContentFileIn>& files, const std::string& now) {
  std::lock_guard lock(mu_);
  db_->transaction([&] {
    sqlite3* h = db_->handle();
    {
      RawStmt s(h, "INSERT INTO content_packs(manifest, signature, published_at) VALUES (?, ?, ?)");
      s.blob(1, manifest);
      s.blob(2, signature);
      s.text(3, now);
      s.step();
    }
    int64_t pack = sqlite3_last_insert_rowid(h);
    for (const auto& f : files) {
      RawStmt b(h, "INSERT OR IGNORE INTO content_blobs(sha256, data) VALUES (?, ?)");
      b.text(1, f.sha256);
      b.blob(2, f.data);
      b.step();
      db_->prepare("INSERT INTO content_files(pack_id, path, sha256) VALUES (?, ?, ?)")
          .bind(1, pack)
          .bind(2, f.path)
          .bind(3, f.sha256)
          .run();
    }
  });
}

std::optional<PublishedContent> SqliteServerStore::current_content() {
  std::lock_guard lock(mu_);
  RawStmt s(db_->handle(), "SELECT id, manifest, signature, published_at FROM content_packs ORDER BY id DESC LIMIT 1");
  if (!s.step()) return std::nullopt;
  PublishedContent c;
  c.id = sqlite3_column_int64(s.st, 0);
  c.manifest = s.col_blob(1);
  c.signature = s.col_blob(2);
  c.published_at = s.col_blob(3);
  return c;
}

std::optional<std::string> SqliteServerStore::current_content_file(const std::string& path) {
  std::lock_guard lock(mu_);
  RawStmt s(db_->handle(),
            "SELECT b.data FROM content_files f JOIN content_blobs b ON b.sha256 = f.sha256 "
            "WHERE f.pack_id = (SELECT MAX(id) FROM content_packs) AND f.path = ?");
  s.text(1, path);
  if (!s.step()) return std::nullopt;
  return s.col_blob(0);
}

std::optional<std::string> SqliteServerStore::recorded_public_key() {
  std::lock_guard lock(mu_);
  auto s = db_->prepare("SELECT public_key FROM server_keys WHERE purpose = 'content'");
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

void SqliteServerStore::record_public_key(const std::string& public_key_b64, const std::string& now) {
  std::lock_guard lock(mu_);
  db_->prepare("INSERT OR REPLACE INTO server_keys(purpose, public_key, created_at) VALUES ('content', ?, ?)")
      .bind(1, public_key_b64)
      .bind(2, now)
      .run();
}

// ---- Coach pages ----

std::optional<CoachAccount> SqliteServerStore::coach(const std::string& username) {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(std::string(kCoachColumns) + " WHERE c.username = ?");
  s.bind(1, username);
  if (!s.step()) return std::nullopt;
  return read_coach(s);
}

std::vector<CoachAccount> SqliteServerStore::coaches_of(const std::string& organisation_id) {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(std::string(kCoachColumns) + " WHERE c.organisation_id = ? ORDER BY c.username");
  s.bind(1, organisation_id);
  std::vector<CoachAccount> out;
  while (s.step()) out.push_back(read_coach(s));
  return out;
}

bool SqliteServerStore::set_coach_disabled(const std::string& organisation_id, const std::string& username,
                                           bool disabled) {
  std::lock_guard lock(mu_);
  bool changed = false;
  db_->transaction([&] {
    db_->prepare("UPDATE coaches SET disabled = ? WHERE username = ? AND organisation_id = ?")
        .bind(1, int64_t{disabled ? 1 : 0})
        .bind(2, username)
        .bind(3, organisation_id)
        .run();
    changed = sqlite3_changes(db_->handle()) > 0;
    if (changed && disabled) db_->prepare("DELETE FROM login_sessions WHERE username = ?").bind(1, username).run();
  });
  return changed;
}

bool SqliteServerStore::set_coach_password(const std::string& organisation_id, const std::string& username,
                                           const std::string& password_hash) {
  std::lock_guard lock(mu_);
  bool changed = false;
  db_->transaction([&] {
    db_->prepare("UPDATE coaches SET password_hash = ? WHERE username = ? AND organisation_id = ?")
        .bind(1, password_hash)
        .bind(2, username)
        .bind(3, organisation_id)
        .run();
    changed = sqlite3_changes(db_->handle()) > 0;
    // A new password ends every login made with the old one.
    if (changed) db_->prepare("DELETE FROM login_sessions WHERE username = ?").bind(1, username).run();
  });
  return changed;
}

void SqliteServerStore::create_login(const LoginSession& login) {
  std::lock_guard lock(mu_);
  db_->prepare(
         "INSERT INTO login_sessions(token_hash, username, csrf_token, created_at, last_seen_at) "
         "VALUES (?, ?, ?, ?, ?)")
      .bind(1, login.token_hash)
      .bind(2, login.username)
      .bind(3, login.csrf_token)
      .bind(4, login.created_at)
      .bind(5, login.last_seen_at)
      .run();
}

std::optional<LoginSession> SqliteServerStore::login(const std::string& token_hash, const std::string& now,
                                                     const std::string& idle_since,
                                                     const std::string& created_since) {
  std::lock_guard lock(mu_);
  std::optional<LoginSession> out;
  db_->transaction([&] {
    auto s = db_->prepare(
        "SELECT l.token_hash, l.username, c.organisation_id, c.role, l.csrf_token, l.created_at, l.last_seen_at, "
        "c.disabled FROM login_sessions l JOIN coaches c ON c.username = l.username WHERE l.token_hash = ?");
    s.bind(1, token_hash);
    if (!s.step()) return;
    LoginSession l{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)};
    bool disabled = s.int64(7) != 0;
    if (disabled || l.last_seen_at <= idle_since || l.created_at <= created_since) {
      // An ended login never comes back (not even when the idle limit is raised later).
      db_->prepare("DELETE FROM login_sessions WHERE token_hash = ?").bind(1, token_hash).run();
      return;
    }
    db_->prepare("UPDATE login_sessions SET last_seen_at = ? WHERE token_hash = ?")
        .bind(1, now)
        .bind(2, token_hash)
        .run();
    l.last_seen_at = now;
    out = std::move(l);
  });
  return out;
}

int SqliteServerStore::forget_code(const std::string& organisation_id, const std::string& code) {
  std::lock_guard lock(mu_);
  int unlinked = 0;
  db_->transaction([&] {
    // content_hash stays the hash of what the kiosk sent, so a late resend of the same check
    // is still a "duplicate" and does not bring the code back.
    db_->prepare(
           "UPDATE sessions SET code = NULL, anonymous = 1, "
           "session_json = json_set(session_json, '$.code', json('null'), '$.anonymous', json('true'), "
           "'$.consent', json('false')) "
           "WHERE organisation_id = ? AND code = ?")
        .bind(1, organisation_id)
        .bind(2, code)
        .run();
    unlinked = sqlite3_changes(db_->handle());
    db_->prepare("DELETE FROM coach_notes WHERE organisation_id = ? AND code = ?")
        .bind(1, organisation_id)
        .bind(2, code)
        .run();
  });
  return unlinked;
}

void SqliteServerStore::delete_login(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  db_->prepare("DELETE FROM login_sessions WHERE token_hash = ?").bind(1, token_hash).run();
}

std::vector<SharedSession> SqliteServerStore::shared_sessions(const std::string& organisation_id,
                                                              const std::string& code) {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(std::string(kSharedColumns) +
                        " WHERE s.organisation_id = ? AND s.code = ? AND s.anonymous = 0 "
                        "ORDER BY json_extract(s.session_json, '$.ended_at'), s.received_at, s.rowid");
  s.bind(1, organisation_id).bind(2, code);
  return read_shared(s);
}

std::vector<SharedSession> SqliteServerStore::recent_shared(const std::string& organisation_id, int limit) {
  std::lock_guard lock(mu_);
  // Walks the organisation's sessions newest first and keeps a row only when it is the newest of its code.
  auto s = db_->prepare(std::string(kSharedColumns) +
                        " WHERE s.organisation_id = ? AND s.anonymous = 0 AND s.rowid = ("
                        "SELECT s2.rowid FROM sessions s2 WHERE s2.organisation_id = s.organisation_id "
                        "AND s2.code = s.code ORDER BY s2.received_at DESC, s2.rowid DESC LIMIT 1) "
                        "ORDER BY s.received_at DESC, s.rowid DESC LIMIT ?");
  s.bind(1, organisation_id).bind(2, int64_t{limit < 0 ? 0 : limit});
  return read_shared(s);
}

std::vector<SessionForTotals> SqliteServerStore::sessions_for_totals(const std::string& organisation_id,
                                                                     const std::string& group,
                                                                     const std::string& from,
                                                                     const std::string& to) {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(
      // Only what the totals count: the events (most of a session's bytes) stay in the database.
      "SELECT s.kiosk_id, k.group_name, "
      "json_object('uuid', s.uuid, 'status', json_extract(s.session_json, '$.status'), "
      "'follow_up_of', json_extract(s.session_json, '$.follow_up_of'), "
      "'answers', json(coalesce(json_extract(s.session_json, '$.answers'), '{}'))), s.received_at "
      "FROM sessions s JOIN kiosks k ON k.id = s.kiosk_id "
      "WHERE s.organisation_id = ? AND s.received_at >= ? AND s.received_at < ? AND (? = '' OR k.group_name = ?) "
      "ORDER BY s.received_at, s.rowid");
  s.bind(1, organisation_id).bind(2, from).bind(3, to).bind(4, group).bind(5, group);
  std::vector<SessionForTotals> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
  return out;
}

int64_t SqliteServerStore::add_note(const std::string& organisation_id, const std::string& code,
                                    const std::string& username, const std::string& text, const std::string& now) {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(
      "INSERT INTO coach_notes(organisation_id, code, username, text, created_at) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id");
  s.bind(1, organisation_id).bind(2, code).bind(3, username).bind(4, text).bind(5, now);
  s.step();
  int64_t id = s.int64(0);
  s.run();
  return id;
}

std::vector<CoachNote> SqliteServerStore::notes(const std::string& organisation_id, const std::string& code) {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(
      "SELECT id, code, username, text, created_at FROM coach_notes WHERE organisation_id = ? AND code = ? "
      "ORDER BY id");
  s.bind(1, organisation_id).bind(2, code);
  std::vector<CoachNote> out;
  while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
  return out;
}

void SqliteServerStore::audit(const std::string& organisation_id, const std::string& username,
                              const std::string& action, const std::string& code, const std::string& now) {
  std::lock_guard lock(mu_);
  db_->prepare("INSERT INTO audit_log(organisation_id, at, username, action, code) VALUES (?, ?, ?, ?, ?)")
      .bind(1, organisation_id)
      .bind(2, now)
      .bind(3, username)
      .bind(4, action)
      .bind(5, code)
      .run();
}

std::vector<AuditEntry> SqliteServerStore::audit_log(const std::string& organisation_id, int limit, int offset) {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(
      "SELECT id, at, username, action, code FROM audit_log WHERE organisation_id = ? "
      "ORDER BY id DESC LIMIT ? OFFSET ?");
  s.bind(1, organisation_id).bind(2, int64_t{limit < 0 ? 0 : limit}).bind(3, int64_t{offset < 0 ? 0 : offset});
  std::vector<AuditEntry> out;
  while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
  return out;
}

std::vector<KioskInfo> SqliteServerStore::kiosks_of(const std::string& organisation_id) {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(std::string(kKioskColumns) + " WHERE k.organisation_id = ? ORDER BY k.enrolled_at, k.id");
  s.bind(1, organisation_id);
  return read_kiosks(s);
}

bool SqliteServerStore::set_kiosk_group(const std::string& organisation_id, const std::string& kiosk_id,
                                        const std::string& group) {
  std::lock_guard lock(mu_);
  db_->prepare("UPDATE kiosks SET group_name = ? WHERE id = ? AND organisation_id = ?")
      .bind(1, group)
      .bind(2, kiosk_id)
      .bind(3, organisation_id)
      .run();
  return sqlite3_changes(db_->handle()) > 0;
}

bool SqliteServerStore::revoke_kiosk_of(const std::string& organisation_id, const std::string& kiosk_id) {
  std::lock_guard lock(mu_);
  db_->prepare("UPDATE kiosks SET revoked = 1 WHERE id = ? AND organisation_id = ?")
      .bind(1, kiosk_id)
      .bind(2, organisation_id)
      .run();
  return sqlite3_changes(db_->handle()) > 0;
}

std::vector<std::string> SqliteServerStore::kiosk_groups(const std::string& organisation_id) {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(
      "SELECT DISTINCT group_name FROM kiosks WHERE organisation_id = ? AND group_name <> '' ORDER BY group_name");
  s.bind(1, organisation_id);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

}  // namespace wk::server
