#pragma once
// The strict check of one session as a kiosk uploads it (sync/API.md <session>): every field
// present, of its type and shape, nothing unknown. The server refuses a batch with the first
// error, whose code and message name the field; what passes is read into a SessionRecord.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "session/json_field_check.h"
#include "session/session_record.h"

namespace wk {

struct CheckedSession {
  SessionRecord record;
  bool anonymous = true;  // no code: the participant did not agree to share the check
};

// `where` names the session in messages, e.g. "sessions[3]".
std::optional<BadInput> check_session(const nlohmann::json& s, const std::string& where, CheckedSession& out);

}  // namespace wk
