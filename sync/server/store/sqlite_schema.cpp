#include "store/sqlite_server_store.h"

// The server database's schema: migrations in order, run on open (PRAGMA user_version).

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
    // 3: stateless server instances. The content-signing secret key moves into the database
    // (imported once from the key file beside it); failed logins and enrollment codes are
    // counted here, not in one process's memory (store/login_attempt_store.h).
    R"SQL(
ALTER TABLE server_keys ADD COLUMN secret_key TEXT;
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  scope TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('user', 'address')),
  name TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX login_failures_by_name ON login_failures(scope, kind, name, at_ms);
CREATE INDEX login_failures_by_time ON login_failures(scope, at_ms);
)SQL",
};

}  // namespace

SqliteServerStore::SqliteServerStore(const std::string& path) : db_(Database::open(path, kMigrations)) {}

void store_error(const DbError& e) {
  switch (e.code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
      throw StoreUnavailable(e.what());
    default:
      throw e;
  }
}

}  // namespace wk::server
