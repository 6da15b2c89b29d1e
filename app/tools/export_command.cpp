#include <iostream>
#include <nlohmann/json.hpp>

#include "platform/files.h"
#include "storage/session_store.h"
#include "tools/commands.h"

namespace wk {

nlohmann::json session_to_json(const StoredSession& s) {
  nlohmann::json j;
  j["uuid"] = s.uuid;
  j["code"] = s.code;
  j["locale"] = s.locale;
  j["content"] = {{"id", s.content_id}, {"version", s.content_version}};
  j["started_at"] = s.started_at;
  j["ended_at"] = s.ended_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.ended_at);
  j["status"] = s.status;
  j["consent"] = s.consent < 0 ? nlohmann::json(nullptr) : nlohmann::json(s.consent == 1);
  j["follow_up_of"] = s.follow_up_of.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.follow_up_of);
  j["answers"] = s.latest_answers();
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : s.events)
    events.push_back({{"seq", e.seq}, {"item", e.item}, {"kind", e.kind}, {"values", e.values}, {"at", e.at}});
  j["events"] = std::move(events);
  return j;
}

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
