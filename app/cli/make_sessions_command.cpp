#include "cli/commands.h"

#include <iostream>
#include <stdexcept>
#include <nlohmann/json.hpp>

#include "platform/files.h"
#include "storage/session_store.h"

namespace wk {

int make_sessions_command(const CommandLine& cl) {
  if (!cl.script_path.empty()) {
    if (cl.make_count > 0) {
      std::cerr << "werkcheck make-sessions: give --count or --script, not both\n";
      return 2;
    }
    return run_make_sessions_script(cl.data_dir, cl.script_path);
  }
  return run_make_sessions(cl.data_dir, cl.make_count > 0 ? cl.make_count : 1);
}

int run_make_sessions(const std::string& data_dir, int n) {
  try {
    auto store = SessionStore::open(data_dir);
    for (int i = 0; i < n; ++i) {
      SessionRef ref = store->start_session("nl", "werkcheck-test", "1");
      store->record_answer(ref, "intake.reden", {"werk_zoeken"});
      store->record_answer(ref, "werk_plezier.handen", {"leuk"});
      if (i % 3 == 0) store->set_consent(ref, true);
      if (i % 3 == 1) store->set_consent(ref, false);
      store->end_session(ref, i % 5 == 4 ? SessionStatus::Stopped : SessionStatus::Finished);
      std::cout << ref.uuid << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "werkcheck make-sessions: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

int run_make_sessions_script(const std::string& data_dir, const std::string& script_path) {
  using ojson = nlohmann::ordered_json;  // answers are recorded in the order the script gives them
  try {
    auto text = files::read_all(script_path);
    if (!text) throw std::runtime_error("cannot read " + script_path);
    const ojson script = ojson::parse(*text);
    const ojson& content = script.at("content");
    const std::string content_id = content.at("id").get<std::string>();
    const std::string content_version = content.at("version").get<std::string>();
    const ojson& sessions = script.at("sessions");
    if (!sessions.is_array()) throw std::runtime_error("\"sessions\" must be a list");
    auto store = SessionStore::open(data_dir);
    std::vector<SessionRef> made;
    for (size_t n = 0; n < sessions.size(); ++n) {
      const ojson& s = sessions[n];
      const std::string where = "session " + std::to_string(n);
      const SessionRef* earlier = nullptr;
      if (s.contains("same_code_as") && !s.at("same_code_as").is_null()) {
        const auto i = s.at("same_code_as").get<int64_t>();
        if (i < 0 || i >= static_cast<int64_t>(made.size()))
          throw std::runtime_error(where + ": same_code_as must name an earlier session");
        earlier = &made[static_cast<size_t>(i)];
      }
      const bool follow_up = s.contains("follow_up") && s.at("follow_up").get<bool>();
      if (follow_up && !earlier) throw std::runtime_error(where + ": follow_up needs same_code_as");
      const std::string locale = s.contains("locale") ? s.at("locale").get<std::string>() : "nl";
      SessionRef ref = store->start_session(locale, content_id, content_version, earlier ? earlier->code : "");
      if (follow_up) store->set_follow_up_of(ref, earlier->uuid);
      if (s.contains("answers")) {
        for (const auto& [item, values] : s.at("answers").items())
          store->record_answer(ref, item, values.get<std::vector<std::string>>());
      }
      if (s.contains("consent") && !s.at("consent").is_null()) store->set_consent(ref, s.at("consent").get<bool>());
      const std::string status = s.contains("status") ? s.at("status").get<std::string>() : "finished";
      SessionStatus st;
      if (status == "finished") st = SessionStatus::Finished;
      else if (status == "stopped") st = SessionStatus::Stopped;
      else if (status == "abandoned") st = SessionStatus::Abandoned;
      else if (status == "interrupted") st = SessionStatus::Interrupted;
      else throw std::runtime_error(where + ": unknown status \"" + status + "\"");
      store->end_session(ref, st);
      std::cout << ref.uuid << " " << ref.code << "\n";
      made.push_back(std::move(ref));
    }
  } catch (const std::exception& e) {
    std::cerr << "werkcheck make-sessions: " << script_path << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace wk
