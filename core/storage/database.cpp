#include "storage/database.h"

#include <chrono>

namespace wk {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, const std::string& context) {
  std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw DbError(rc, context + ": " + explain_db_error(rc, detail));
}
}  // namespace

std::string explain_db_error(int code, const std::string& detail) {
  switch (code & 0xff) {
    case SQLITE_FULL:
      return "the disk is full (" + detail + "); free space before participants continue";
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return "the database cannot be written (" + detail + "); check the data directory's permissions";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "the database is locked by another program (" + detail + "); is a second werkcheck running?";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "the database is damaged (" + detail + "); restore it from a backup or move it aside";
    case SQLITE_IOERR:
      return "the disk reported an error (" + detail + ")";
    default:
      return detail;
  }
}

Statement::Statement(sqlite3* db, const std::string& sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr);
  if (rc != SQLITE_OK) fail(db, rc, "database");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, const std::string& value) {
  int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, rc, "database");
}

void Statement::run() {
  while (step()) {
  }
}

std::string Statement::text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? reinterpret_cast<const char*>(t) : "";
}

std::string Statement::bytes(int col) const {
  const void* b = sqlite3_column_blob(stmt_, col);
  return b ? std::string(static_cast<const char*>(b), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : "";
}

int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::unique_ptr<Database> Database::open(const std::string& path, const std::vector<std::string>& migrations) {
  // Two processes opening one new file at the same moment (two server instances starting
  // together) can get SQLITE_BUSY at once, without the busy handler's wait: SQLite gives up
  // rather than deadlock when both switch the new file to WAL or begin its first migration. A
  // quick "busy" is tried again, a few times; a lock held for the whole busy timeout (another
  // program really holds the file) is reported as before.
  constexpr int kAttempts = 5;
  constexpr auto kQuick = std::chrono::milliseconds(1000);
  for (int attempt = 1;; ++attempt) {
    const auto started = std::chrono::steady_clock::now();
    try {
      return open_once(path, migrations);
    } catch (const DbError& e) {
      const bool quick = std::chrono::steady_clock::now() - started < kQuick;
      if ((e.code & 0xff) != SQLITE_BUSY || !quick || attempt == kAttempts) throw;
      sqlite3_sleep(50 * attempt);
    }
  }
}

std::unique_ptr<Database> Database::open_once(const std::string& path, const std::vector<std::string>& migrations) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    throw DbError(rc, "open " + path + ": " + explain_db_error(rc, msg));
  }
  std::unique_ptr<Database> db(new Database(raw, path));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 2000);
  if (sqlite3_db_readonly(raw, "main") == 1)
    throw DbError(SQLITE_READONLY, "open " + path + ": " + explain_db_error(SQLITE_READONLY, "opened read-only"));

  // Integrity first: a damaged file must not get new answers on top.
  {
    Statement check(raw, "PRAGMA quick_check");
    std::string first;
    if (check.step()) first = check.text(0);
    if (first != "ok") throw DbError(SQLITE_CORRUPT, "open " + path + ": " + explain_db_error(SQLITE_CORRUPT, "quick_check: " + first));
  }
  db->exec("PRAGMA journal_mode=WAL");
  {
    Statement mode(raw, "PRAGMA journal_mode");
    if (!mode.step() || mode.text(0) != "wal") throw DbError(SQLITE_CANTOPEN, "open " + path + ": cannot switch to WAL mode");
  }
  db->exec("PRAGMA synchronous=FULL");

  // Migrations run with foreign keys off (a table rebuild needs it) and are checked after.
  db->exec("PRAGMA foreign_keys=OFF");
  int version = db->schema_version();
  if (version > static_cast<int>(migrations.size()))
    throw DbError(SQLITE_ERROR, "open " + path + ": schema version " + std::to_string(version) +
                                    " is newer than this werkcheck knows (" + std::to_string(migrations.size()) + ")");
  // Each step reads the version again inside its transaction: another process opening the same
  // file at the same moment (a second server instance) may have run it already.
  for (bool more = version < static_cast<int>(migrations.size()); more;) {
    db->transaction([&] {
      const int v = db->schema_version();
      more = v + 1 < static_cast<int>(migrations.size());
      if (v >= static_cast<int>(migrations.size())) return;
      db->exec(migrations[v]);
      Statement fk(raw, "PRAGMA foreign_key_check");
      if (fk.step()) throw DbError(SQLITE_CONSTRAINT, "migration to version " + std::to_string(v + 1) + " broke a reference");
      db->exec("PRAGMA user_version=" + std::to_string(v + 1));
    });
  }
  db->exec("PRAGMA foreign_keys=ON");
  return db;
}

Database::~Database() {
  sqlite3_close_v2(db_);
  if (!scratch_dir_.empty()) remove_scratch_dir(scratch_dir_);
}

void Database::exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw DbError(rc, explain_db_error(rc, msg));
  }
}

int Database::schema_version() {
  Statement s(db_, "PRAGMA user_version");
  return s.step() ? static_cast<int>(s.int64(0)) : 0;
}

}  // namespace wk
