#pragma once
#include <optional>
#include <string>

namespace wk::files {

std::optional<std::string> read_all(const std::string& path);
// Writes data to path and fsyncs it (not atomic; for files in a directory that is renamed later).
bool write_synced(const std::string& path, const std::string& data, unsigned mode = 0600);
// Writes to path.tmp, fsyncs, renames over path and fsyncs the directory: readers see the old
// or the new file, never half, and the rename survives a power cut. errno tells why on failure.
bool write_atomically(const std::string& path, const std::string& data, unsigned mode = 0600);
void sync_directory(const std::string& dir);
bool exists(const std::string& path);
bool make_dirs(const std::string& path, unsigned mode = 0700);
std::string executable_dir();
std::string default_data_dir();  // $XDG_DATA_HOME/werkcheck or ~/.local/share/werkcheck

}  // namespace wk::files
