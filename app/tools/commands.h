#pragma once
// Subcommands of the werkcheck binary that need no window: export for operators and
// tests, and the build steps that turn the content sources into a runnable pack.
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "storage/session_store.h"

namespace wk {

// Every session with its answers as JSON lines. Returns a process exit code.
int run_export(const std::string& data_dir, std::ostream& out);
// The OpenMoji hexcodes the content pack needs, one per line.
int run_list_pictures(const std::string& content_dir, std::ostream& out);
// Generates the spoken clips with espeak-ng; a recorded clip with the same key wins.
int run_make_audio(const std::string& content_dir, const std::string& recorded_dir);
// Checks a prospects CSV in the spanningsindicator shape and writes it, normalised, to out.
int run_import_prospects(const std::string& csv_path, const std::string& out_path, std::ostream& out);
// The content linter.
int run_lint(const std::string& content_dir, const std::string& esco_dir, std::ostream& out);

}  // namespace wk
