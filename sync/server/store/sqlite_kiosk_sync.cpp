#include "store/sqlite_server_store.h"

// KioskSyncStore on SQLite.

namespace wk::server {

namespace {

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

}  // namespace

void SqliteServerStore::add_enrollment_code(const std::string& code_hash, const std::string& organisation_id,
                                            const std::string& expires_at) try {
  std::lock_guard lock(mu_);
  db_->prepare("INSERT INTO enrollment_codes(code_hash, organisation_id, expires_at) VALUES (?, ?, ?)")
      .bind(1, code_hash)
      .bind(2, organisation_id)
      .bind(3, expires_at)
      .run();
} catch (const DbError& e) {
  store_error(e);
}

std::optional<Organisation> SqliteServerStore::enroll(const std::string& code_hash, const std::string& now,
                                                      const std::string& kiosk_id, const std::string& token_hash) try {
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
} catch (const DbError& e) {
  store_error(e);
}

std::optional<KioskAuth> SqliteServerStore::kiosk_by_token_hash(const std::string& token_hash) try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare("SELECT id, organisation_id, revoked FROM kiosks WHERE token_hash = ?");
  s.bind(1, token_hash);
  if (!s.step()) return std::nullopt;
  return KioskAuth{s.text(0), s.text(1), s.int64(2) != 0};
} catch (const DbError& e) {
  store_error(e);
}

bool SqliteServerStore::revoke_kiosk(const std::string& kiosk_id) try {
  std::lock_guard lock(mu_);
  db_->prepare("UPDATE kiosks SET revoked = 1 WHERE id = ?").bind(1, kiosk_id).run();
  return sqlite3_changes(db_->handle()) > 0;
} catch (const DbError& e) {
  store_error(e);
}

std::vector<KioskInfo> SqliteServerStore::list_kiosks() try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(std::string(kKioskColumns) + " ORDER BY k.enrolled_at, k.id");
  return read_kiosks(s);
} catch (const DbError& e) {
  store_error(e);
}

void SqliteServerStore::record_heartbeat(const std::string& kiosk_id, const Heartbeat& hb, const std::string& now) try {
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
} catch (const DbError& e) {
  store_error(e);
}

std::vector<KioskInfo> SqliteServerStore::kiosks_of(const std::string& organisation_id) try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(std::string(kKioskColumns) + " WHERE k.organisation_id = ? ORDER BY k.enrolled_at, k.id");
  s.bind(1, organisation_id);
  return read_kiosks(s);
} catch (const DbError& e) {
  store_error(e);
}

bool SqliteServerStore::set_kiosk_group(const std::string& organisation_id, const std::string& kiosk_id,
                                        const std::string& group) try {
  std::lock_guard lock(mu_);
  db_->prepare("UPDATE kiosks SET group_name = ? WHERE id = ? AND organisation_id = ?")
      .bind(1, group)
      .bind(2, kiosk_id)
      .bind(3, organisation_id)
      .run();
  return sqlite3_changes(db_->handle()) > 0;
} catch (const DbError& e) {
  store_error(e);
}

bool SqliteServerStore::revoke_kiosk_of(const std::string& organisation_id, const std::string& kiosk_id) try {
  std::lock_guard lock(mu_);
  db_->prepare("UPDATE kiosks SET revoked = 1 WHERE id = ? AND organisation_id = ?")
      .bind(1, kiosk_id)
      .bind(2, organisation_id)
      .run();
  return sqlite3_changes(db_->handle()) > 0;
} catch (const DbError& e) {
  store_error(e);
}

IngestResult SqliteServerStore::ingest_sessions(const std::string& organisation_id, const std::string& kiosk_id,
                                                const std::vector<IncomingSession>& sessions,
                                                const std::string& now) try {
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
} catch (const DbError& e) {
  store_error(e);
}

int64_t SqliteServerStore::session_count() try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare("SELECT COUNT(*) FROM sessions");
  s.step();
  return s.int64(0);
} catch (const DbError& e) {
  store_error(e);
}

void SqliteServerStore::publish_content(const std::string& manifest, const std::string& signature,
                                        const std::vector<ContentFileIn>& files, const std::string& now) try {
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
} catch (const DbError& e) {
  store_error(e);
}

std::optional<PublishedContent> SqliteServerStore::current_content() try {
  std::lock_guard lock(mu_);
  RawStmt s(db_->handle(), "SELECT id, manifest, signature, published_at FROM content_packs ORDER BY id DESC LIMIT 1");
  if (!s.step()) return std::nullopt;
  PublishedContent c;
  c.id = sqlite3_column_int64(s.st, 0);
  c.manifest = s.col_blob(1);
  c.signature = s.col_blob(2);
  c.published_at = s.col_blob(3);
  return c;
} catch (const DbError& e) {
  store_error(e);
}

std::optional<std::string> SqliteServerStore::current_content_file(const std::string& path) try {
  std::lock_guard lock(mu_);
  RawStmt s(db_->handle(),
            "SELECT b.data FROM content_files f JOIN content_blobs b ON b.sha256 = f.sha256 "
            "WHERE f.pack_id = (SELECT MAX(id) FROM content_packs) AND f.path = ?");
  s.text(1, path);
  if (!s.step()) return std::nullopt;
  return s.col_blob(0);
} catch (const DbError& e) {
  store_error(e);
}

std::optional<std::string> SqliteServerStore::recorded_public_key() try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare("SELECT public_key FROM server_keys WHERE purpose = 'content'");
  if (!s.step()) return std::nullopt;
  return s.text(0);
} catch (const DbError& e) {
  store_error(e);
}

void SqliteServerStore::record_public_key(const std::string& public_key_b64, const std::string& now) try {
  std::lock_guard lock(mu_);
  db_->prepare("INSERT OR REPLACE INTO server_keys(purpose, public_key, created_at) VALUES ('content', ?, ?)")
      .bind(1, public_key_b64)
      .bind(2, now)
      .run();
} catch (const DbError& e) {
  store_error(e);
}

}  // namespace wk::server
