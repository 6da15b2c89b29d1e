#pragma once
// Strict checks of what kiosks send (sync/API.md): unknown fields, wrong types, invalid
// UTF-8 and duplicate keys are refused with a message that names the field.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "server_store.h"

namespace wk::server {

struct BadInput {
  std::string code;     // machine word: "invalid_json", "invalid_utf8", "invalid_field", ...
  std::string message;  // for a person, names the field
};

// Parses a request body: UTF-8 checked, JSON well-formed, no duplicate keys, an object.
std::optional<BadInput> parse_body(const std::string& body, nlohmann::json& out);

constexpr size_t kMaxSessionsPerBatch = 100;

// Checks `{"sessions": [...]}` and turns each session into its canonical form.
std::optional<BadInput> check_sessions_batch(const nlohmann::json& body, std::vector<IncomingSession>& out);
std::optional<BadInput> check_heartbeat(const nlohmann::json& body, Heartbeat& out);
std::optional<BadInput> check_enroll(const nlohmann::json& body, std::string& code);

}  // namespace wk::server
