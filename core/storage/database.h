#pragma once
// A thin RAII layer over SQLite: open with the kiosk's durability settings, run
// migrations, prepared statements. Every failure is a DbError with SQLite's own words.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace wk {

struct DbError : std::runtime_error {
  int code;
  DbError(int c, const std::string& what) : std::runtime_error(what), code(c) {}
};

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, int64_t value);
  Statement& bind_null(int index);
  bool step();  // true while there is a row
  void run();   // step to completion
  std::string text(int col) const;
  std::string bytes(int col) const;  // the value's bytes as stored (a BLOB, or text with NULs kept)
  int64_t int64(int col) const;
  bool is_null(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  // Opens (creating if needed) in WAL mode with synchronous=FULL, applies migrations and
  // checks integrity. Throws DbError with a message an operator can act on.
  static std::unique_ptr<Database> open(const std::string& path, const std::vector<std::string>& migrations);
  // Opens an existing database only to read it: no migration, no check that writes, no journal
  // change, nothing written, so that the data can be copied off a full or read-only disk
  // (database_read_only.cpp). Throws DbError when the file cannot be read.
  static std::unique_ptr<Database> open_read_only(const std::string& path);
  ~Database();

  sqlite3* handle() { return db_; }
  const std::string& path() const { return path_; }
  void exec(const std::string& sql);
  Statement prepare(const std::string& sql) { return Statement(db_, sql); }
  int schema_version();

  // Runs fn inside BEGIN IMMEDIATE ... COMMIT; rolls back and rethrows on error.
  template <typename Fn>
  void transaction(Fn&& fn) {
    exec("BEGIN IMMEDIATE");
    try {
      fn();
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

 private:
  static std::unique_ptr<Database> open_once(const std::string& path, const std::vector<std::string>& migrations);
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::string scratch_dir_;  // a read-only open's copy, removed on close
};

// Removes a read-only open's scratch copy (database_read_only.cpp).
void remove_scratch_dir(const std::string& dir);

// Turns SQLite's result code into advice for the operator.
std::string explain_db_error(int code, const std::string& detail);

}  // namespace wk
