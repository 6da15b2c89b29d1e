#pragma once
// Helpers shared by the unit tests: throwaway directories under /tmp, a private copy of the
// built content pack (so a test can break one file), and small file helpers.
#include <string>
#include <vector>

#include "content/content_pack.h"

namespace wktest {

// A fresh directory under /tmp, removed with everything in it when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// The repository root and the content pack the build made (CMake compile definitions).
std::string source_dir();
std::string built_pack_dir();

// Copies the built content pack to <dir>/content and returns that path.
std::string copy_content_pack(const TempDir& dir);

// The built pack, loaded once for all tests; fails the test run if it does not load.
const wk::ContentPack& built_pack();

// Writes (creating or replacing) a file; throws std::runtime_error when that fails.
void write_file(const std::string& path, const std::string& contents);
// Reads a whole file; throws std::runtime_error when it cannot.
std::string read_file(const std::string& path);
// Replaces the first occurrence of from with to; throws when from is not in the file,
// so a test never silently edits nothing.
void replace_in_file(const std::string& path, const std::string& from, const std::string& to);
// Removes one file; throws when it was not there.
void remove_file(const std::string& path);

// The strings one per line: a readable failure message for a list of errors or warnings.
std::string join_lines(const std::vector<std::string>& list);

// True when any string in list contains all the given parts.
bool any_contains(const std::vector<std::string>& list, const std::vector<std::string>& parts);

}  // namespace wktest
