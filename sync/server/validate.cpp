#include "validate.h"

#include <regex>
#include <set>
#include <vector>

#include "server_util.h"

namespace wk::server {

using nlohmann::json;

namespace {

std::string type_name(const json& v) {
  if (v.is_number_integer()) return "integer";
  if (v.is_number()) return "number";
  return v.type_name();
}

BadInput wrong_type(const std::string& field, const char* expected, const json& v) {
  return {"invalid_field", "field '" + field + "' must be " + expected + ", not " + type_name(v)};
}

BadInput invalid(const std::string& field, const std::string& why) {
  return {"invalid_field", "field '" + field + "' " + why};
}

// Every key must be one of `allowed` and every one of `required` must be present.
std::optional<BadInput> check_keys(const json& obj, const std::string& where, const std::set<std::string>& allowed) {
  for (auto it = obj.begin(); it != obj.end(); ++it)
    if (!allowed.count(it.key()))
      return BadInput{"unknown_field", "unknown field '" + (where.empty() ? "" : where + ".") + it.key() + "'"};
  for (const auto& k : allowed)
    if (!obj.contains(k))
      return BadInput{"missing_field", "missing field '" + (where.empty() ? "" : where + ".") + k + "'"};
  return std::nullopt;
}

bool is_uuid(const std::string& s) {
  static const std::regex re("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  return std::regex_match(s, re);
}

bool is_time(const std::string& s) {
  static const std::regex re(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$)");
  return s.size() <= 40 && std::regex_match(s, re);
}

bool is_code(const std::string& s) {
  static const std::regex re("^[A-Z0-9-]{1,32}$");
  return std::regex_match(s, re);
}

std::optional<BadInput> short_string(const json& v, const std::string& field, size_t max_len, std::string* out) {
  if (!v.is_string()) return wrong_type(field, "a string", v);
  const auto& s = v.get_ref<const std::string&>();
  if (s.empty()) return invalid(field, "must not be empty");
  if (s.size() > max_len) return invalid(field, "is longer than " + std::to_string(max_len) + " bytes");
  if (out) *out = s;
  return std::nullopt;
}

std::optional<BadInput> time_field(const json& v, const std::string& field, bool nullable) {
  if (nullable && v.is_null()) return std::nullopt;
  if (!v.is_string()) return wrong_type(field, nullable ? "an ISO 8601 time or null" : "an ISO 8601 time", v);
  if (!is_time(v.get_ref<const std::string&>())) return invalid(field, "is not an ISO 8601 time like 2026-11-23T10:00:00Z");
  return std::nullopt;
}

std::optional<BadInput> string_list(const json& v, const std::string& field) {
  if (!v.is_array()) return wrong_type(field, "an array of strings", v);
  if (v.size() > 64) return invalid(field, "has more than 64 values");
  for (size_t i = 0; i < v.size(); ++i)
    if (auto e = short_string(v[i], field + "[" + std::to_string(i) + "]", 200, nullptr)) return e;
  return std::nullopt;
}

std::optional<BadInput> check_session(const json& s, const std::string& where, IncomingSession& out) {
  if (!s.is_object()) return wrong_type(where, "an object", s);
  static const std::set<std::string> keys = {"uuid",   "code",    "anonymous",    "locale",  "content", "started_at",
                                             "ended_at", "status", "consent", "follow_up_of", "answers", "events"};
  if (auto e = check_keys(s, where, keys)) return e;
  auto f = [&](const char* k) { return where + "." + k; };

  if (!s["uuid"].is_string()) return wrong_type(f("uuid"), "a string", s["uuid"]);
  out.uuid = s["uuid"].get<std::string>();
  if (!is_uuid(out.uuid)) return invalid(f("uuid"), "is not a lowercase UUID");

  const json& code = s["code"];
  if (!code.is_null() && !code.is_string()) return wrong_type(f("code"), "a string or null", code);
  if (code.is_string() && !is_code(code.get_ref<const std::string&>()))
    return invalid(f("code"), "is not a participant code (1 to 32 of A-Z, 0-9, -)");
  if (!s["anonymous"].is_boolean()) return wrong_type(f("anonymous"), "a boolean", s["anonymous"]);
  bool anonymous = s["anonymous"].get<bool>();
  if (anonymous != code.is_null())
    return invalid(f("anonymous"), anonymous ? "is true but the session has a code"
                                             : "is false but code is null (a session without code is anonymous)");
  out.code = code.is_null() ? std::nullopt : std::optional<std::string>(code.get<std::string>());

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

  out.canonical_json = s.dump();  // nlohmann::json keeps keys sorted: a canonical form
  out.content_hash = sha256_hex(out.canonical_json);
  return std::nullopt;
}

}  // namespace

std::optional<BadInput> parse_body(const std::string& body, json& out) {
  size_t bad = 0;
  if (!valid_utf8(body, &bad))
    return BadInput{"invalid_utf8", "the body is not valid UTF-8 (at byte " + std::to_string(bad) + ")"};
  if (body.empty()) return BadInput{"invalid_json", "the body is empty; a JSON object is expected"};
  // Duplicate keys would make "the same content" ambiguous: refuse them.
  std::vector<std::set<std::string>> open_objects;
  std::string duplicate;
  auto cb = [&](int, json::parse_event_t ev, json& parsed) {
    switch (ev) {
      case json::parse_event_t::object_start:
        open_objects.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      case json::parse_event_t::key:
        if (!open_objects.empty() && !open_objects.back().insert(parsed.get<std::string>()).second &&
            duplicate.empty())
          duplicate = parsed.get<std::string>();
        break;
      default:
        break;
    }
    return true;
  };
  try {
    out = json::parse(body, cb);
  } catch (const json::parse_error& e) {
    return BadInput{"invalid_json", std::string("the body is not valid JSON: ") + e.what()};
  } catch (const json::exception& e) {
    return BadInput{"invalid_json", std::string("the body is not valid JSON: ") + e.what()};
  }
  if (!duplicate.empty()) return BadInput{"duplicate_field", "field '" + duplicate + "' appears twice in one object"};
  if (!out.is_object()) return BadInput{"invalid_json", "the body must be a JSON object"};
  return std::nullopt;
}

std::optional<BadInput> check_sessions_batch(const json& body, std::vector<IncomingSession>& out) {
  if (auto e = check_keys(body, "", {"sessions"})) return e;
  const json& list = body["sessions"];
  if (!list.is_array()) return wrong_type("sessions", "an array", list);
  if (list.size() > kMaxSessionsPerBatch)
    return BadInput{"too_many_sessions", "a batch holds at most " + std::to_string(kMaxSessionsPerBatch) +
                                             " sessions; this one has " + std::to_string(list.size())};
  out.clear();
  out.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    IncomingSession s;
    if (auto e = check_session(list[i], "sessions[" + std::to_string(i) + "]", s)) return e;
    out.push_back(std::move(s));
  }
  return std::nullopt;
}

std::optional<BadInput> check_heartbeat(const json& body, Heartbeat& out) {
  if (auto e = check_keys(body, "", {"app_version", "content_version", "last_sync", "pending", "free_disk_bytes"}))
    return e;
  if (auto e = short_string(body["app_version"], "app_version", 100, &out.app_version)) return e;
  if (auto e = short_string(body["content_version"], "content_version", 100, &out.content_version)) return e;
  if (auto e = time_field(body["last_sync"], "last_sync", true)) return e;
  if (body["last_sync"].is_string()) out.last_sync = body["last_sync"].get<std::string>();
  for (const char* k : {"pending", "free_disk_bytes"}) {
    const json& v = body[k];
    if (!v.is_number_integer()) return wrong_type(k, "an integer", v);
    if (v.is_number_unsigned() ? v.get<uint64_t>() > uint64_t(INT64_MAX) : v.get<int64_t>() < 0)
      return invalid(k, "must be between 0 and 2^63-1");
  }
  out.pending = body["pending"].get<int64_t>();
  out.free_disk_bytes = body["free_disk_bytes"].get<int64_t>();
  return std::nullopt;
}

std::optional<BadInput> check_enroll(const json& body, std::string& code) {
  if (auto e = check_keys(body, "", {"enrollment_code"})) return e;
  if (auto e = short_string(body["enrollment_code"], "enrollment_code", 64, &code)) return e;
  return std::nullopt;
}

}  // namespace wk::server
