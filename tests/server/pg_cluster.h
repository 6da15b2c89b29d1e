#pragma once
// A throw-away PostgreSQL 15 cluster for tests: initdb and pg_ctl in a temp dir, listening on
// a unix socket there only (no TCP port), with Dutch ICU collation as an office's server might
// have. PostgreSQL refuses to run as root (CI runs as root), so then the cluster runs as
// `nobody` (runuser). Stopped and removed when the object goes, also when a test failed; and
// when the test process dies without that (a crash, ctest's kill at its timeout), by a watchdog
// shell that waits for the end of a pipe only this process holds.
#include <cstdio>
#include <string>

namespace wk::test {

class PgCluster {
 public:
  PgCluster();  // initdb + start; throws std::runtime_error with the log when that fails
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // A new empty database; returns its postgresql:// URL.
  std::string create_database();
  // The URL of an existing database `name`.
  std::string url(const std::string& name) const;
  // `pg_ctl stop -m immediate` (as a crash or a pulled plug) and start again.
  void stop();
  void start();

 private:
  int run(const std::string& command) const;  // as the cluster's user
  std::string as_user(const std::string& command) const;
  std::string dir_, data_, bin_;
  FILE* watchdog_ = nullptr;
  int databases_ = 0;
  bool running_ = false;
};

}  // namespace wk::test
