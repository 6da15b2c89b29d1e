#include "validate.h"

#include <vector>

#include "budget_json.h"
#include "server_util.h"
#include "session/session_wire_check.h"

namespace wk::server {

using nlohmann::json;
using namespace wk::json_check;

std::optional<BadInput> parse_body(const std::string& body, json& out) {
  size_t bad = 0;
  if (!valid_utf8(body, &bad))
    return BadInput{"invalid_utf8", "the body is not valid UTF-8 (at byte " + std::to_string(bad) + ")"};
  if (body.empty()) return BadInput{"invalid_json", "the body is empty; a JSON object is expected"};
  // Duplicate keys would make "the same content" ambiguous: refuse them. The parse is linear
  // and stops once the document would take more memory than the budget (budget_json.h).
  const JsonParseResult r = parse_json_within(body, budget_for_body(body.size()), out);
  switch (r.status) {
    case JsonParse::ok:
      break;
    case JsonParse::duplicate_key:
      return BadInput{"duplicate_field", "field '" + r.detail + "' appears twice in one object"};
    case JsonParse::over_budget:
    case JsonParse::too_deep:
      return BadInput{"body_too_complex", "the body is too complex to read: " + r.detail};
    case JsonParse::invalid:
      return BadInput{"invalid_json", "the body is not valid JSON: " + r.detail};
  }
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
    CheckedSession checked;
    if (auto e = check_session(list[i], "sessions[" + std::to_string(i) + "]", checked)) return e;
    IncomingSession s;
    s.uuid = checked.record.uuid;
    if (!checked.anonymous) s.code = checked.record.code;
    s.canonical_json = list[i].dump();  // nlohmann::json keeps keys sorted: a canonical form
    s.content_hash = sha256_hex(s.canonical_json);
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
