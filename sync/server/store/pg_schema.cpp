#include "store/pg_server_store.h"

// The PostgreSQL schema: migrations in order, each run once, in its own transaction, under an
// advisory lock, and recorded in schema_version, so that two instances starting at once do
// not both migrate. Version 1 is the SQLite schema at its version 2 (sqlite_schema.cpp) with
// PostgreSQL types: the same tables and columns, times as ISO text in UTC (compared as text,
// as the interfaces say), session JSON as the exact text the kiosk sent (its hash decides
// "duplicate"), content as bytea. sessions.seq keeps the order of arrival (SQLite's rowid).
// What SQLite's queries take out of the JSON (ended_at, and the slim row the totals count) is
// taken out once, at ingest, into columns: PostgreSQL's JSON functions refuse a whole document
// over one "\u0000" in any string, which a kiosk may send, and the totals then read no events.
// Text columns collate as "C" (bytes, as SQLite compares), whatever the database's locale:
// ISO times compare as text, and names sort the same on both backends.

namespace wk::server {

namespace {

// Any fixed number: the key of the advisory lock every instance takes to migrate.
constexpr int64_t kMigrationLock = 0x77657263686b31;  // "werchk1"

const std::vector<std::string> kMigrations = {
    R"SQL(
CREATE FUNCTION wk_now() RETURNS text LANGUAGE sql AS
  $$ SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
CREATE TABLE organisations (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL DEFAULT wk_now()
);
CREATE TABLE kiosks (
  id text COLLATE "C" PRIMARY KEY,
  organisation_id text COLLATE "C" NOT NULL REFERENCES organisations(id),
  token_hash text COLLATE "C" NOT NULL UNIQUE,
  revoked boolean NOT NULL DEFAULT false,
  enrolled_at text COLLATE "C" NOT NULL,
  last_heartbeat_at text COLLATE "C",
  app_version text COLLATE "C",
  content_version text COLLATE "C",
  last_sync text COLLATE "C",
  pending bigint,
  free_disk_bytes bigint,
  group_name text COLLATE "C" NOT NULL DEFAULT ''
);
CREATE TABLE enrollment_codes (
  code_hash text COLLATE "C" PRIMARY KEY,
  organisation_id text COLLATE "C" NOT NULL REFERENCES organisations(id),
  created_at text COLLATE "C" NOT NULL DEFAULT wk_now(),
  expires_at text COLLATE "C" NOT NULL,
  used_at text COLLATE "C",
  used_by_kiosk text COLLATE "C"
);
CREATE TABLE coaches (
  username text COLLATE "C" PRIMARY KEY,
  organisation_id text COLLATE "C" NOT NULL REFERENCES organisations(id),
  password_hash text COLLATE "C" NOT NULL,
  role text COLLATE "C" NOT NULL CHECK (role IN ('coach', 'admin', 'employer')),
  created_at text COLLATE "C" NOT NULL DEFAULT wk_now(),
  disabled boolean NOT NULL DEFAULT false
);
CREATE TABLE sessions (
  uuid text COLLATE "C" PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  organisation_id text COLLATE "C" NOT NULL REFERENCES organisations(id),
  kiosk_id text COLLATE "C" NOT NULL REFERENCES kiosks(id),
  code text COLLATE "C",
  anonymous boolean NOT NULL CHECK (anonymous = (code IS NULL)),
  session_json text COLLATE "C" NOT NULL,
  content_hash text COLLATE "C" NOT NULL,
  received_at text COLLATE "C" NOT NULL,
  ended_at text COLLATE "C",
  totals_json text COLLATE "C" NOT NULL
);
CREATE INDEX sessions_by_org_code ON sessions(organisation_id, code);
CREATE INDEX sessions_by_org_received ON sessions(organisation_id, received_at);
CREATE TABLE content_packs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  manifest bytea NOT NULL,
  signature bytea NOT NULL,
  published_at text COLLATE "C" NOT NULL
);
CREATE TABLE content_blobs (
  sha256 text COLLATE "C" PRIMARY KEY,
  data bytea NOT NULL
);
CREATE TABLE content_files (
  pack_id bigint NOT NULL REFERENCES content_packs(id),
  path text COLLATE "C" NOT NULL,
  sha256 text COLLATE "C" NOT NULL REFERENCES content_blobs(sha256),
  PRIMARY KEY (pack_id, path)
);
CREATE TABLE server_keys (
  purpose text COLLATE "C" PRIMARY KEY,
  public_key text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL
);
CREATE TABLE login_sessions (
  token_hash text COLLATE "C" PRIMARY KEY,
  username text COLLATE "C" NOT NULL REFERENCES coaches(username),
  csrf_token text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  last_seen_at text COLLATE "C" NOT NULL
);
CREATE INDEX login_sessions_by_user ON login_sessions(username);
CREATE TABLE coach_notes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation_id text COLLATE "C" NOT NULL REFERENCES organisations(id),
  code text COLLATE "C" NOT NULL,
  username text COLLATE "C" NOT NULL REFERENCES coaches(username),
  text text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL
);
CREATE INDEX coach_notes_by_org_code ON coach_notes(organisation_id, code);
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation_id text COLLATE "C" NOT NULL,
  at text COLLATE "C" NOT NULL,
  username text COLLATE "C" NOT NULL,
  action text COLLATE "C" NOT NULL,
  code text COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_org ON audit_log(organisation_id, id);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
)SQL",
    // 2 (SQLite's 3): stateless instances. The content-signing secret key in the database; failed
    // logins and enrollment codes counted here (store/login_attempt_store.h).
    R"SQL(
ALTER TABLE server_keys ADD COLUMN secret_key text COLLATE "C";
CREATE TABLE login_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  scope text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('user', 'address')),
  name text COLLATE "C" NOT NULL,
  at_ms bigint NOT NULL
);
CREATE INDEX login_failures_by_name ON login_failures(scope, kind, name, at_ms);
CREATE INDEX login_failures_by_time ON login_failures(scope, at_ms);
)SQL",
};

void migrate(pg::Pool& pool) {
  for (size_t v = 1; v <= kMigrations.size(); ++v) {
    pool.transaction([&](pg::Connection& c) {
      // Held until this transaction ends: a second instance waits here, then sees the version done.
      c.exec("SELECT pg_advisory_xact_lock($1)", {int64_t{kMigrationLock}});
      c.exec(
          "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, "
          "applied_at text NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', "
          "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))");
      int64_t have = c.exec("SELECT coalesce(max(version), 0) FROM schema_version").int64(0, 0);
      if (have > static_cast<int64_t>(kMigrations.size()))
        throw std::runtime_error("the PostgreSQL database has schema version " + std::to_string(have) +
                                 ", newer than this werkcheck-server knows (" +
                                 std::to_string(kMigrations.size()) + "); upgrade werkcheck-server");
      if (have >= static_cast<int64_t>(v)) return;
      c.exec_script(kMigrations[v - 1]);
      c.exec("INSERT INTO schema_version(version) VALUES ($1)", {static_cast<int64_t>(v)});
    });
  }
}

}  // namespace

PgServerStore::PgServerStore(const std::string& url, size_t max_connections) : pool_(url, max_connections) {
  migrate(pool_);
}

}  // namespace wk::server
