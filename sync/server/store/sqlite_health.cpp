#include <chrono>

#include "store/sqlite_server_store.h"

// HealthStore on SQLite.

namespace wk::server {

namespace {
// An upload must take SQLite's write lock; a ping waits at most this long for it (uploads
// wait the connection's normal 2 s), so that /readyz answers quickly while a lock is held.
constexpr int kPingBusyMs = 500;
}  // namespace

std::optional<std::string> SqliteServerStore::ping() {
  std::lock_guard lock(mu_);
  sqlite3* h = db_->handle();
  sqlite3_busy_timeout(h, kPingBusyMs);
  // BEGIN IMMEDIATE takes the write lock, as an upload does; reading the schema proves that the
  // file is still a database. Nothing is written.
  std::optional<std::string> problem;
  char* err = nullptr;
  if (sqlite3_exec(h, "BEGIN IMMEDIATE; SELECT count(*) FROM sqlite_master;", nullptr, nullptr, &err) != SQLITE_OK) {
    problem = std::string("the database cannot take a write: ") + (err ? err : sqlite3_errmsg(h));
    sqlite3_free(err);
  }
  if (!sqlite3_get_autocommit(h)) sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
  // A database file deleted or renamed under the server would take writes that vanish at restart.
  int moved = 0;
  if (!problem && sqlite3_file_control(h, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved)
    problem = "the database file " + db_->path() + " was deleted or renamed while the server runs";
  sqlite3_busy_timeout(h, 2000);  // the connection's own (core/storage/database.cpp)
  return problem;
}

}  // namespace wk::server
