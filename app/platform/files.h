#pragma once
#include <optional>
#include <string>

namespace wk::files {

std::optional<std::string> read_all(const std::string& path);
// Writes to path.tmp, fsyncs, then renames over path: readers see the old or the new file, never half.
bool write_atomically(const std::string& path, const std::string& data);
bool exists(const std::string& path);
bool make_dirs(const std::string& path, unsigned mode = 0700);
std::string executable_dir();
std::string default_data_dir();  // $XDG_DATA_HOME/werkcheck or ~/.local/share/werkcheck

}  // namespace wk::files
