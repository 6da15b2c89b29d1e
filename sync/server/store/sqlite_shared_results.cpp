#include "store/sqlite_server_store.h"

// SharedResultsStore on SQLite.

namespace wk::server {

namespace {

constexpr const char* kSharedColumns =
    "SELECT s.uuid, s.kiosk_id, k.group_name, s.code, s.session_json, s.received_at "
    "FROM sessions s JOIN kiosks k ON k.id = s.kiosk_id";

std::vector<SharedSession> read_shared(Statement& s) {
  std::vector<SharedSession> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
  return out;
}

}  // namespace

std::vector<SharedSession> SqliteServerStore::shared_sessions(const std::string& organisation_id,
                                                              const std::string& code) try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(std::string(kSharedColumns) +
                        " WHERE s.organisation_id = ? AND s.code = ? AND s.anonymous = 0 "
                        "ORDER BY json_extract(s.session_json, '$.ended_at'), s.received_at, s.rowid");
  s.bind(1, organisation_id).bind(2, code);
  return read_shared(s);
} catch (const DbError& e) {
  store_error(e);
}

std::vector<SharedSession> SqliteServerStore::recent_shared(const std::string& organisation_id, int limit) try {
  std::lock_guard lock(mu_);
  // Walks the organisation's sessions newest first and keeps a row only when it is the newest of its code.
  auto s = db_->prepare(std::string(kSharedColumns) +
                        " WHERE s.organisation_id = ? AND s.anonymous = 0 AND s.rowid = ("
                        "SELECT s2.rowid FROM sessions s2 WHERE s2.organisation_id = s.organisation_id "
                        "AND s2.code = s.code ORDER BY s2.received_at DESC, s2.rowid DESC LIMIT 1) "
                        "ORDER BY s.received_at DESC, s.rowid DESC LIMIT ?");
  s.bind(1, organisation_id).bind(2, int64_t{limit < 0 ? 0 : limit});
  return read_shared(s);
} catch (const DbError& e) {
  store_error(e);
}

int SqliteServerStore::forget_code(const std::string& organisation_id, const std::string& code) try {
  std::lock_guard lock(mu_);
  int unlinked = 0;
  db_->transaction([&] {
    // content_hash stays the hash of what the kiosk sent, so a late resend of the same check
    // is still a "duplicate" and does not bring the code back.
    db_->prepare(
           "UPDATE sessions SET code = NULL, anonymous = 1, "
           "session_json = json_set(session_json, '$.code', json('null'), '$.anonymous', json('true'), "
           "'$.consent', json('false')) "
           "WHERE organisation_id = ? AND code = ?")
        .bind(1, organisation_id)
        .bind(2, code)
        .run();
    unlinked = sqlite3_changes(db_->handle());
    db_->prepare("DELETE FROM coach_notes WHERE organisation_id = ? AND code = ?")
        .bind(1, organisation_id)
        .bind(2, code)
        .run();
  });
  return unlinked;
} catch (const DbError& e) {
  store_error(e);
}

}  // namespace wk::server
