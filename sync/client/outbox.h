#pragma once
// The kiosk side of "every finished check arrives exactly once": the outbox table (schema
// migration v3 in app/storage/session_store.cpp) read and updated through the sync client's
// own SQLite connection. Sessions enter it in SessionStore::end_session's transaction.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "storage/database.h"
#include "storage/session_store.h"

namespace wk::sync {

inline constexpr size_t kMaxBatchSessions = 50;
inline constexpr size_t kMaxBatchBytes = 1024 * 1024;  // uncompressed JSON body

struct Batch {
  std::vector<std::string> uuids;
  std::string body;  // {"sessions": [...]}, uncompressed
  bool empty() const { return uuids.empty(); }
};

struct OutboxCounts {
  int64_t pending = 0, sent = 0, conflict = 0;
};

class Outbox {
 public:
  explicit Outbox(Database& db) : db_(db) {}

  // The oldest pending sessions, at most max_sessions and max_bytes of body (a single session
  // larger than max_bytes still goes, alone: the server's limit decides).
  Batch next_batch(size_t max_sessions = kMaxBatchSessions, size_t max_bytes = kMaxBatchBytes);
  void mark_sent(const std::vector<std::string>& uuids, int64_t now);
  // Kept, never re-sent automatically, counted in the operator's status.
  void mark_conflict(const std::vector<std::string>& uuids, const std::string& message);
  // A failed attempt: attempts+1, the error and when the next attempt is planned.
  void mark_failed(const std::vector<std::string>& uuids, const std::string& error, int64_t next_attempt_at);
  OutboxCounts counts();
  std::string state_of(const std::string& uuid);  // "" when not in the outbox
  // Deletes sessions (answers, outbox row) the server confirmed more than retention_days ago.
  // Returns how many sessions were deleted.
  int purge_sent(int64_t now, int retention_days);

  // Small key/value memory in kiosk_state (last successful sync and the like).
  void set_state(const std::string& key, const std::string& value);
  std::string get_state(const std::string& key);

 private:
  Database& db_;
};

}  // namespace wk::sync
