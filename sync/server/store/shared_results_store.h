#pragma once
// The checks participants agreed to share with a coach (a code is stored only then), as the
// coach pages find and read them, and the participant's way to stop sharing.
#include <string>
#include <vector>

namespace wk::server {

// A participant's session as the coach pages read it (only shared ones: code is set).
struct SharedSession {
  std::string uuid, kiosk_id, kiosk_group, code, session_json, received_at;
};

class SharedResultsStore {
 public:
  virtual ~SharedResultsStore() = default;

  // Shared sessions (code not null) of one organisation with this code, oldest first
  // (by ended_at in the JSON, then received_at). Another organisation's code gives nothing.
  virtual std::vector<SharedSession> shared_sessions(const std::string& organisation_id, const std::string& code) = 0;
  // The most recently received shared sessions of the organisation (one row per code, newest first).
  virtual std::vector<SharedSession> recent_shared(const std::string& organisation_id, int limit) = 0;

  // The participant withdraws their consent: their checks stay (anonymous, so the totals of
  // ended quarters do not change) but lose the code, in the row and in the stored JSON, and
  // the coaches' notes on the code are deleted. Returns how many checks were unlinked.
  virtual int forget_code(const std::string& organisation_id, const std::string& code) = 0;
};

}  // namespace wk::server
