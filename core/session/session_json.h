#pragma once
// The session wire format (README "Data and privacy", sync/API.md <session>): one JSON object
// per session. `werkcheck export` writes it, the outbox uploads it (with the code only when the
// participant consented), the server checks it and the coach pages read it back.
#include <nlohmann/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "session/session_record.h"

namespace wk {

// The export shape: uuid, code, locale, content, times, status, consent, follow_up_of,
// answers (the latest per item) and events.
nlohmann::json session_to_json(const SessionRecord& s);

// The upload shape (sync API): the export shape, with the code only when the participant
// agreed that a coach may see the check; otherwise code null and "anonymous": true.
nlohmann::json session_to_upload_json(const SessionRecord& s);

// Reading a stored session back, forgivingly: a field that is missing or of the wrong type is
// left empty, so a damaged row shows as unanswered instead of failing a page. (The server
// refuses such sessions on the way in; see session_wire_check.h.)
SessionRecord session_from_json(const nlohmann::json& j);
// The "answers" object of a session: {"module.item": [option ids]}; anything else is skipped.
std::map<std::string, std::vector<std::string>> answers_from_json(const nlohmann::json& j);

}  // namespace wk
