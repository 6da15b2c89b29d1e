#include "session/session_wire_check.h"

#include <regex>
#include <set>

#include "session/session_json.h"

namespace wk {

using nlohmann::json;
using namespace json_check;

namespace {

bool is_code(const std::string& s) {
  static const std::regex re("^[A-Z0-9-]{1,32}$");
  return std::regex_match(s, re);
}

}  // namespace

std::optional<BadInput> check_session(const json& s, const std::string& where, CheckedSession& out) {
  if (!s.is_object()) return wrong_type(where, "an object", s);
  static const std::set<std::string> keys = {"uuid",   "code",    "anonymous",    "locale",  "content", "started_at",
                                             "ended_at", "status", "consent", "follow_up_of", "answers", "events"};
  if (auto e = check_keys(s, where, keys)) return e;
  auto f = [&](const char* k) { return where + "." + k; };

  if (!s["uuid"].is_string()) return wrong_type(f("uuid"), "a string", s["uuid"]);
  if (!is_uuid(s["uuid"].get_ref<const std::string&>())) return invalid(f("uuid"), "is not a lowercase UUID");

  const json& code = s["code"];
  if (!code.is_null() && !code.is_string()) return wrong_type(f("code"), "a string or null", code);
  if (code.is_string() && !is_code(code.get_ref<const std::string&>()))
    return invalid(f("code"), "is not a participant code (1 to 32 of A-Z, 0-9, -)");
  if (!s["anonymous"].is_boolean()) return wrong_type(f("anonymous"), "a boolean", s["anonymous"]);
  const bool anonymous = s["anonymous"].get<bool>();
  if (anonymous != code.is_null())
    return invalid(f("anonymous"), anonymous ? "is true but the session has a code"
                                             : "is false but code is null (a session without code is anonymous)");

  if (auto e = short_string(s["locale"], f("locale"), 35, nullptr)) return e;
  const json& content = s["content"];
  if (!content.is_object()) return wrong_type(f("content"), "an object", content);
  if (auto e = check_keys(content, f("content"), {"id", "version"})) return e;
  if (auto e = short_string(content["id"], f("content.id"), 200, nullptr)) return e;
  if (auto e = short_string(content["version"], f("content.version"), 100, nullptr)) return e;
  if (auto e = time_field(s["started_at"], f("started_at"), false)) return e;
  if (auto e = time_field(s["ended_at"], f("ended_at"), true)) return e;

  static const std::set<std::string> statuses = {"finished", "stopped", "abandoned", "interrupted"};
  if (!s["status"].is_string()) return wrong_type(f("status"), "a string", s["status"]);
  if (!statuses.count(s["status"].get<std::string>()))
    return invalid(f("status"), "must be one of finished, stopped, abandoned, interrupted");
  if (!s["consent"].is_null() && !s["consent"].is_boolean())
    return wrong_type(f("consent"), "true, false or null", s["consent"]);
  const json& fu = s["follow_up_of"];
  if (!fu.is_null() && !(fu.is_string() && is_uuid(fu.get_ref<const std::string&>())))
    return fu.is_string() ? invalid(f("follow_up_of"), "is not a lowercase UUID")
                          : wrong_type(f("follow_up_of"), "a UUID string or null", fu);

  const json& answers = s["answers"];
  if (!answers.is_object()) return wrong_type(f("answers"), "an object", answers);
  if (answers.size() > 1000) return invalid(f("answers"), "has more than 1000 items");
  for (auto it = answers.begin(); it != answers.end(); ++it) {
    const std::string& key = it.key();
    std::string field = f("answers") + "." + key;
    auto dot = key.find('.');
    if (key.empty() || key.size() > 200 || dot == std::string::npos || dot == 0 || dot + 1 == key.size())
      return invalid(field, "is not a '<module>.<item>' key");
    if (auto e = string_list(it.value(), field)) return e;
  }

  const json& events = s["events"];
  if (!events.is_array()) return wrong_type(f("events"), "an array", events);
  if (events.size() > 10000) return invalid(f("events"), "has more than 10000 events");
  for (size_t i = 0; i < events.size(); ++i) {
    std::string ew = f("events") + "[" + std::to_string(i) + "]";
    const json& ev = events[i];
    if (!ev.is_object()) return wrong_type(ew, "an object", ev);
    if (auto e = check_keys(ev, ew, {"seq", "item", "kind", "values", "at"})) return e;
    if (!ev["seq"].is_number_integer() || ev["seq"].get<int64_t>() < 0)
      return ev["seq"].is_number_integer() ? invalid(ew + ".seq", "must not be negative")
                                           : wrong_type(ew + ".seq", "an integer", ev["seq"]);
    if (auto e = short_string(ev["item"], ew + ".item", 200, nullptr)) return e;
    if (auto e = short_string(ev["kind"], ew + ".kind", 50, nullptr)) return e;
    if (auto e = string_list(ev["values"], ew + ".values")) return e;
    if (auto e = time_field(ev["at"], ew + ".at", false)) return e;
  }

  out.record = session_from_json(s);  // every field is now of its type: nothing is left out
  out.anonymous = anonymous;
  return std::nullopt;
}

}  // namespace wk
