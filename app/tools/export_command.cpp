#include <iostream>
#include <nlohmann/json.hpp>

#include "platform/files.h"
#include "session/session_json.h"
#include "storage/session_store.h"
#include "tools/commands.h"

namespace wk {

int run_export(const std::string& data_dir, std::ostream& out) {
  if (!files::exists(SessionStore::database_path(data_dir))) {
    std::cerr << "werkcheck export: no database in " << data_dir << "\n";
    return 2;
  }
  try {
    auto store = SessionStore::open(data_dir);
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
