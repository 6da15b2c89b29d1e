// Reading a kiosk's database off a disk that is full or mounted read-only (issue 13: an operator
// must be able to get the data off a failing kiosk). A WAL database normally needs its -shm file
// created or written even to read; so, in turn:
//   1. mode=ro: works when the -wal and -shm files exist or can be created;
//   2. immutable=1: SQLite reads the main file only; safe only when no -wal file holds data;
//   3. a copy of the database and its -wal in a scratch directory under $TMPDIR, opened there.
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "storage/database.h"

namespace fs = std::filesystem;

namespace wk {

namespace {

// A file name inside a SQLite URI: '%', '?' and '#' are escaped.
std::string uri_path(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      static const char* hex = "0123456789ABCDEF";
      out += '%';
      out += hex[(static_cast<unsigned char>(c) >> 4) & 0xf];
      out += hex[static_cast<unsigned char>(c) & 0xf];
    } else {
      out += c;
    }
  }
  return "file:" + out;
}

// Opens and reads the schema once (a WAL database's -shm problems show on the first read).
sqlite3* try_open(const std::string& uri, int& rc, std::string& error) {
  sqlite3* raw = nullptr;
  rc = sqlite3_open_v2(uri.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_exec(raw, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return raw;
  error = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
  sqlite3_close_v2(raw);
  return nullptr;
}

bool wal_has_data(const std::string& path) {
  std::error_code ec;
  auto size = fs::file_size(path + "-wal", ec);
  return !ec && size > 0;
}

}  // namespace

void remove_scratch_dir(const std::string& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
}

std::unique_ptr<Database> Database::open_read_only(const std::string& path) {
  if (!fs::exists(path)) throw DbError(SQLITE_CANTOPEN, "open " + path + ": there is no database here");
  int rc = SQLITE_OK;
  std::string error;
  std::string scratch;
  sqlite3* raw = try_open(uri_path(path) + "?mode=ro", rc, error);
  if (!raw && !wal_has_data(path)) raw = try_open(uri_path(path) + "?immutable=1", rc, error);
  if (!raw) {
    // Copy the database and its WAL to a writable place and read the copy.
    std::error_code ec;
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/werkcheck-export-XXXXXX";
    if (char* made = mkdtemp(pattern.data())) {
      scratch = made;
      const std::string copy = scratch + "/" + fs::path(path).filename().string();
      fs::copy_file(path, copy, ec);
      if (!ec && fs::exists(path + "-wal")) fs::copy_file(path + "-wal", copy + "-wal", ec);
      if (!ec) raw = try_open(uri_path(copy) + "?mode=ro", rc, error);
      if (!raw) remove_scratch_dir(scratch);
    }
  }
  if (!raw) throw DbError(rc, "open " + path + " to read: " + explain_db_error(rc, error));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 2000);
  std::unique_ptr<Database> db(new Database(raw, path));
  db->scratch_dir_ = scratch;
  return db;
}

}  // namespace wk
