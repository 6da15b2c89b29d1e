#pragma once
// One participant's check as it travels: read from the kiosk's database, written by
// `werkcheck export`, queued in the kiosk's outbox, checked by the server and shown to a coach.
// The kiosk store, the sync client and the server all use this one type and its JSON
// (session/session_json.h), so the wire format has a single definition.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace wk {

// One tap that counted: an answer (the chosen option ids) or a skip, in the order made.
struct AnswerEvent {
  int64_t seq = 0;
  std::string item;  // <module>.<item>
  std::string kind;  // "answer" or "skip"
  std::vector<std::string> values;
  std::string at;
};

struct SessionRecord {
  std::string uuid, code, locale, content_id, content_version, started_at, ended_at, status;
  std::vector<AnswerEvent> events;
  int consent = -1;          // -1 not asked, 0 no, 1 yes (share with a coach)
  std::string follow_up_of;  // uuid of the earlier session this follow-up compares with
  // The answer that counts per item: the latest event.
  std::map<std::string, std::vector<std::string>> latest_answers() const;
};

}  // namespace wk
