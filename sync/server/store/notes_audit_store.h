#pragma once
// Coaches' notes on a participant code, and the append-only audit log of who saw what.
#include <cstdint>
#include <string>
#include <vector>

namespace wk::server {

struct CoachNote {
  int64_t id = 0;
  std::string code, username, text, created_at;
};

struct AuditEntry {
  int64_t id = 0;
  std::string at, username, action, code;  // action: "view", "print", "note", "login", ...
};

class NotesAuditStore {
 public:
  virtual ~NotesAuditStore() = default;

  // Notes by coaches on a participant code, oldest first.
  virtual int64_t add_note(const std::string& organisation_id, const std::string& code, const std::string& username,
                           const std::string& text, const std::string& now) = 0;
  virtual std::vector<CoachNote> notes(const std::string& organisation_id, const std::string& code) = 0;

  // Audit log: append-only.
  virtual void audit(const std::string& organisation_id, const std::string& username, const std::string& action,
                     const std::string& code, const std::string& now) = 0;
  virtual std::vector<AuditEntry> audit_log(const std::string& organisation_id, int limit, int offset) = 0;  // newest first
};

}  // namespace wk::server
