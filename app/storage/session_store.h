#pragma once
// Durable sessions and answers. Every answer is an appended event, committed (WAL,
// synchronous=FULL) before the call returns, so the screen only moves on once the answer
// is on disk, and a changed answer keeps its history.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "session/session_record.h"
#include "storage/database.h"

namespace wk {

enum class SessionStatus { InProgress, Finished, Stopped, Abandoned, Interrupted };
const char* to_string(SessionStatus s);

struct SessionRef {
  int64_t row = 0;
  std::string uuid;
  std::string code;
};

// Failures the kiosk must show the operator rather than hide (disk full, locked, damaged).
using StoreError = DbError;

class SessionStore {
 public:
  // Opens <data_dir>/werkcheck.db, migrates, checks integrity and proves it can write.
  // Throws StoreError with a message for the operator.
  static std::unique_ptr<SessionStore> open(const std::string& data_dir);
  // Opens the existing database only to read it (werkcheck export): nothing is written, so it
  // works on a full or read-only disk. Throws StoreError when it cannot be read, or when its
  // schema is not this version's (the kiosk upgrades it on its next start).
  static std::unique_ptr<SessionStore> open_read_only(const std::string& data_dir);
  static std::string database_path(const std::string& data_dir) { return data_dir + "/werkcheck.db"; }

  // code: empty for a new participant (a fresh code is drawn); a returning participant's code.
  SessionRef start_session(const std::string& locale, const std::string& content_id, const std::string& content_version,
                           const std::string& code = "");
  void record_answer(const SessionRef& s, const std::string& item, const std::vector<std::string>& values);
  void record_skip(const SessionRef& s, const std::string& item);
  void set_locale(const SessionRef& s, const std::string& locale);
  void set_consent(const SessionRef& s, bool consent);
  void set_follow_up_of(const SessionRef& s, const std::string& earlier_uuid);
  // The most recent finished check with this code, for a follow-up; nullopt if there is none.
  std::optional<SessionRecord> latest_finished_with_code(const std::string& code);
  void end_session(const SessionRef& s, SessionStatus status);
  // Sessions left open by a crash or power loss: closed, never resumed for the next person.
  int close_interrupted_sessions();

  std::vector<SessionRecord> all_sessions();
  int64_t count_sessions();
  Database& db() { return *db_; }

 private:
  explicit SessionStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  void append_event(const SessionRef& s, const std::string& item, const std::string& kind,
                    const std::vector<std::string>& values);
  std::unique_ptr<Database> db_;
};

const std::vector<std::string>& session_store_migrations();

// Sessions with their events, oldest first: all, or those matching an SQL condition on the
// sessions table with one text parameter (e.g. "code=?"). Any connection to the database will do.
std::vector<SessionRecord> read_sessions(Database& db, const std::string& condition = "", const std::string& param = "");

}  // namespace wk
