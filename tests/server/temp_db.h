#pragma once
// A temporary directory for a test's server database (s.db), removed with everything in it.
#include <unistd.h>

#include <filesystem>
#include <string>

struct TempDb {
  std::filesystem::path dir;
  TempDb() {
    char tmpl[] = "/tmp/werkcheck-store-test-XXXXXX";
    dir = mkdtemp(tmpl);
  }
  ~TempDb() { std::filesystem::remove_all(dir); }
  std::string path() const { return (dir / "s.db").string(); }
};
