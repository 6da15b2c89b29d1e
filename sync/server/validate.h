#pragma once
// Strict checks of what kiosks send (sync/API.md): unknown fields, wrong types, invalid
// UTF-8 and duplicate keys are refused with a message that names the field.
// The check of one session is the wire format's own (core: session/session_wire_check.h);
// here are the request body, the batch around the sessions, the heartbeat and enrollment.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/kiosk_sync_store.h"
#include "session/json_field_check.h"

namespace wk::server {

using wk::BadInput;

// Parses a request body: UTF-8 checked, JSON well-formed, no duplicate keys, an object.
std::optional<BadInput> parse_body(const std::string& body, nlohmann::json& out);

constexpr size_t kMaxSessionsPerBatch = 100;

// Checks `{"sessions": [...]}` and turns each session into its canonical form.
std::optional<BadInput> check_sessions_batch(const nlohmann::json& body, std::vector<IncomingSession>& out);
std::optional<BadInput> check_heartbeat(const nlohmann::json& body, Heartbeat& out);
std::optional<BadInput> check_enroll(const nlohmann::json& body, std::string& code);

}  // namespace wk::server
