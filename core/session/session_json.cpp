#include "session/session_json.h"

namespace wk {

using nlohmann::json;

json session_to_json(const SessionRecord& s) {
  json j;
  j["uuid"] = s.uuid;
  j["code"] = s.code;
  j["locale"] = s.locale;
  j["content"] = {{"id", s.content_id}, {"version", s.content_version}};
  j["started_at"] = s.started_at;
  j["ended_at"] = s.ended_at.empty() ? json(nullptr) : json(s.ended_at);
  j["status"] = s.status;
  j["consent"] = s.consent < 0 ? json(nullptr) : json(s.consent == 1);
  j["follow_up_of"] = s.follow_up_of.empty() ? json(nullptr) : json(s.follow_up_of);
  j["answers"] = s.latest_answers();
  json events = json::array();
  for (const auto& e : s.events)
    events.push_back({{"seq", e.seq}, {"item", e.item}, {"kind", e.kind}, {"values", e.values}, {"at", e.at}});
  j["events"] = std::move(events);
  return j;
}

json session_to_upload_json(const SessionRecord& s) {
  json j = session_to_json(s);
  const bool shared = s.consent == 1;
  j["code"] = shared ? json(s.code) : json(nullptr);
  j["anonymous"] = !shared;
  return j;
}

namespace {

std::string str(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::vector<std::string> strings(const json& list) {
  std::vector<std::string> out;
  if (list.is_array())
    for (const auto& v : list)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

SessionRecord session_from_json(const json& j) {
  SessionRecord s;
  s.uuid = str(j, "uuid");
  s.code = str(j, "code");
  s.locale = str(j, "locale");
  if (j.is_object() && j.contains("content")) {
    s.content_id = str(j["content"], "id");
    s.content_version = str(j["content"], "version");
  }
  s.started_at = str(j, "started_at");
  s.ended_at = str(j, "ended_at");
  s.status = str(j, "status");
  if (j.is_object() && j.contains("consent") && j["consent"].is_boolean()) s.consent = j["consent"].get<bool>() ? 1 : 0;
  s.follow_up_of = str(j, "follow_up_of");
  if (j.is_object() && j.contains("events") && j["events"].is_array())
    for (const auto& e : j["events"]) {
      if (!e.is_object()) continue;
      AnswerEvent ev;
      ev.seq = e.contains("seq") && e["seq"].is_number_integer() ? e["seq"].get<int64_t>() : 0;
      ev.item = str(e, "item");
      ev.kind = str(e, "kind");
      ev.values = e.contains("values") ? strings(e["values"]) : std::vector<std::string>{};
      ev.at = str(e, "at");
      s.events.push_back(std::move(ev));
    }
  return s;
}

std::map<std::string, std::vector<std::string>> answers_from_json(const json& j) {
  std::map<std::string, std::vector<std::string>> a;
  if (!j.is_object() || !j.contains("answers") || !j["answers"].is_object()) return a;
  for (const auto& [key, values] : j["answers"].items())
    for (auto& v : strings(values)) a[key].push_back(std::move(v));  // no strings: not answered
  return a;
}

}  // namespace wk
