#pragma once
// Small strict checks of JSON fields, for what kiosks send (sync/API.md): each returns an error
// that names the field, or nothing. The session check (session_wire_check.h) and the server's
// other input checks (batch, heartbeat, enrollment) use the same ones, so the same mistake gets
// the same message everywhere.
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

namespace wk {

struct BadInput {
  std::string code;     // machine word: "invalid_json", "invalid_utf8", "invalid_field", ...
  std::string message;  // for a person, names the field
};

namespace json_check {

// "integer", "number", "string", ... as the messages say it.
std::string type_name(const nlohmann::json& v);
BadInput wrong_type(const std::string& field, const char* expected, const nlohmann::json& v);
BadInput invalid(const std::string& field, const std::string& why);

// Every key must be one of `allowed` and every one of `allowed` must be present.
std::optional<BadInput> check_keys(const nlohmann::json& obj, const std::string& where,
                                   const std::set<std::string>& allowed);

bool is_uuid(const std::string& s);  // lowercase
bool is_time(const std::string& s);  // ISO 8601 with seconds and a zone

// A non-empty string of at most `max_len` bytes, copied to `out` when given.
std::optional<BadInput> short_string(const nlohmann::json& v, const std::string& field, size_t max_len,
                                     std::string* out);
std::optional<BadInput> time_field(const nlohmann::json& v, const std::string& field, bool nullable);
// At most 64 short strings.
std::optional<BadInput> string_list(const nlohmann::json& v, const std::string& field);

}  // namespace json_check
}  // namespace wk
