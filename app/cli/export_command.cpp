#include "cli/commands.h"

#include <iostream>

#include "platform/files.h"
#include "session/session_json.h"
#include "storage/session_store.h"

namespace wk {

int export_command(const CommandLine& cl) {
  if (!cl.data_given) std::cerr << "werkcheck export: using " << cl.data_dir << "\n";
  return run_export(cl.data_dir, std::cout);
}

int run_export(const std::string& data_dir, std::ostream& out) {
  if (!files::exists(SessionStore::database_path(data_dir))) {
    std::cerr << "werkcheck export: no database in " << data_dir << "\n";
    return 2;
  }
  try {
    // Read-only: the data comes off a full or read-only disk too (a failing kiosk).
    auto store = SessionStore::open_read_only(data_dir);
    for (const auto& s : store->all_sessions()) {
      out << session_to_json(s).dump() << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "werkcheck export: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace wk
