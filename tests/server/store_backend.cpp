// The store tests' main: picks the backend (--backend=sqlite|postgres), starts the throw-away
// PostgreSQL cluster for the second, runs doctest, and always stops the cluster again.
#define DOCTEST_CONFIG_IMPLEMENT
#include "store_backend.h"

#include <doctest/doctest.h>
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "pg_cluster.h"
#include "store/pg_server_store.h"
#include "store/sqlite_server_store.h"

namespace fs = std::filesystem;

namespace wk::test {

namespace {

class SqliteBackend : public StoreBackend {
 public:
  SqliteBackend() {
    char tmpl[] = "/tmp/werkcheck-store-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  ~SqliteBackend() override { fs::remove_all(dir_); }
  std::unique_ptr<server::ServerStore> fresh() override {
    path_ = (dir_ / ("s" + std::to_string(++n_) + ".db")).string();
    return reopen();
  }
  std::unique_ptr<server::ServerStore> reopen() override { return std::make_unique<server::SqliteServerStore>(path_); }
  std::string raw_exec(const std::string& sql) override {
    sqlite3* db = open();
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = rc == SQLITE_OK ? "" : (err ? err : sqlite3_errstr(rc));
    sqlite3_free(err);
    sqlite3_close(db);
    return msg;
  }
  std::string raw_text(const std::string& sql) override {
    sqlite3* db = open();
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const unsigned char* v = sqlite3_column_text(st, 0);
    std::string out = v ? reinterpret_cast<const char*>(v) : "";
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }
  bool is_postgres() const override { return false; }
  std::string url() const override { return path_; }

 private:
  sqlite3* open() {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path_.c_str(), &db) == SQLITE_OK);
    return db;
  }
  fs::path dir_;
  std::string path_;
  int n_ = 0;
};

class PostgresBackend : public StoreBackend {
 public:
  std::unique_ptr<server::ServerStore> fresh() override {
    url_ = cluster_.create_database();
    return reopen();
  }
  std::unique_ptr<server::ServerStore> reopen() override { return std::make_unique<server::PgServerStore>(url_); }
  std::string raw_exec(const std::string& sql) override {
    try {
      server::pg::Connection(url_).exec_script(sql);
      return "";
    } catch (const std::exception& e) {
      return e.what();
    }
  }
  std::string raw_text(const std::string& sql) override {
    auto r = server::pg::Connection(url_).exec(sql);
    REQUIRE(r.rows() > 0);
    return r.text(0, 0);
  }
  bool is_postgres() const override { return true; }
  PgCluster* cluster() override { return &cluster_; }
  std::string url() const override { return url_; }

 private:
  PgCluster cluster_;
  std::string url_;
};

std::unique_ptr<StoreBackend> the_backend;

}  // namespace

StoreBackend& backend() { return *the_backend; }

}  // namespace wk::test

int main(int argc, char** argv) {
  if (sodium_init() < 0) return 1;
  std::vector<char*> args;
  bool postgres = false;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--backend=postgres") == 0)
      postgres = true;
    else if (std::strcmp(argv[i], "--backend=sqlite") != 0)
      args.push_back(argv[i]);
  }
  doctest::Context context(static_cast<int>(args.size()), args.data());
  // Tests that only one backend has: migrations of the SQLite file format; the PostgreSQL
  // cluster stopped mid-test, concurrent instances.
  context.addFilter("test-suite-exclude", postgres ? "sqlite" : "postgres");
  try {
    if (postgres)
      wk::test::the_backend = std::make_unique<wk::test::PostgresBackend>();
    else
      wk::test::the_backend = std::make_unique<wk::test::SqliteBackend>();
  } catch (const std::exception& e) {
    std::cerr << "server_store_tests: cannot start the backend: " << e.what() << "\n";
    return 1;
  }
  int rc = context.run();
  wk::test::the_backend.reset();  // stops the cluster, also when a test failed
  return rc;
}
