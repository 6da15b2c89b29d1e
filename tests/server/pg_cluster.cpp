#include "pg_cluster.h"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "store/pg_connection.h"

namespace fs = std::filesystem;

namespace wk::test {

namespace {
const char* kBin = "/usr/lib/postgresql/15/bin";
}

PgCluster::PgCluster() : bin_(kBin) {
  char tmpl[] = "/tmp/werkcheck-pg-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  data_ = dir_ + "/data";
  fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
  if (geteuid() == 0) {
    passwd* nobody = getpwnam("nobody");
    if (!nobody || chown(dir_.c_str(), nobody->pw_uid, nobody->pw_gid) != 0)
      throw std::runtime_error("cannot hand " + dir_ + " to the user nobody");
  }
  if (run(bin_ + "/initdb -D " + data_ + " -U werkcheck -A trust -E UTF8 --no-sync --locale=C.UTF-8 "
                 "--locale-provider=icu --icu-locale=nl-NL >" + dir_ + "/initdb.log 2>&1") != 0) {
    std::ifstream log(dir_ + "/initdb.log");
    std::string text((std::istreambuf_iterator<char>(log)), {});
    fs::remove_all(dir_);
    throw std::runtime_error("initdb failed: " + text);
  }
  // "e": close-on-exec, so that no child (postgres above all) holds the pipe open.
  watchdog_ = popen(("exec >/dev/null 2>&1; cat; " + as_user(bin_ + "/pg_ctl -D " + data_ + " -m immediate -w stop") +
                     "; rm -rf " + dir_).c_str(),
                    "we");
  start();
}

PgCluster::~PgCluster() {
  if (running_) run(bin_ + "/pg_ctl -D " + data_ + " -m immediate -w stop >/dev/null 2>&1");
  std::error_code ec;
  fs::remove_all(dir_, ec);
  if (watchdog_) pclose(watchdog_);
}

std::string PgCluster::as_user(const std::string& command) const {
  return geteuid() == 0 ? "runuser -u nobody -- sh -c '" + command + "'" : command;
}

int PgCluster::run(const std::string& command) const { return std::system(as_user(command).c_str()); }

void PgCluster::start() {
  // fsync off: a test cluster need not survive a power cut, and it starts in a fraction of the time.
  if (run(bin_ + "/pg_ctl -D " + data_ + " -l " + dir_ + "/server.log -w -t 30 -o \"-k " + dir_ +
          " -c listen_addresses= -c fsync=off -c max_connections=60\" start >/dev/null 2>&1") != 0) {
    std::ifstream log(dir_ + "/server.log");
    throw std::runtime_error("pg_ctl start failed: " + std::string((std::istreambuf_iterator<char>(log)), {}));
  }
  running_ = true;
}

void PgCluster::stop() {
  run(bin_ + "/pg_ctl -D " + data_ + " -m immediate -w stop >/dev/null 2>&1");
  running_ = false;
}

std::string PgCluster::url(const std::string& name) const {
  return "postgresql://werkcheck@/" + name + "?host=" + dir_ + "&port=5432";
}

std::string PgCluster::create_database() {
  std::string name = "t" + std::to_string(++databases_);
  server::pg::Connection admin(url("postgres"));
  admin.exec("CREATE DATABASE " + name);  // a name of our own making, not input
  return url(name);
}

}  // namespace wk::test
