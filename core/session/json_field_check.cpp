#include "session/json_field_check.h"

#include <regex>

namespace wk::json_check {

using nlohmann::json;

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

}  // namespace wk::json_check
