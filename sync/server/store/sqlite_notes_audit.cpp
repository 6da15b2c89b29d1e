#include "store/sqlite_server_store.h"

// NotesAuditStore on SQLite.

namespace wk::server {

int64_t SqliteServerStore::add_note(const std::string& organisation_id, const std::string& code,
                                    const std::string& username, const std::string& text, const std::string& now) try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(
      "INSERT INTO coach_notes(organisation_id, code, username, text, created_at) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id");
  s.bind(1, organisation_id).bind(2, code).bind(3, username).bind(4, text).bind(5, now);
  s.step();
  int64_t id = s.int64(0);
  s.run();
  return id;
} catch (const DbError& e) {
  store_error(e);
}

std::vector<CoachNote> SqliteServerStore::notes(const std::string& organisation_id, const std::string& code) try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(
      "SELECT id, code, username, text, created_at FROM coach_notes WHERE organisation_id = ? AND code = ? "
      "ORDER BY id");
  s.bind(1, organisation_id).bind(2, code);
  std::vector<CoachNote> out;
  while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
  return out;
} catch (const DbError& e) {
  store_error(e);
}

void SqliteServerStore::audit(const std::string& organisation_id, const std::string& username,
                              const std::string& action, const std::string& code, const std::string& now) try {
  std::lock_guard lock(mu_);
  db_->prepare("INSERT INTO audit_log(organisation_id, at, username, action, code) VALUES (?, ?, ?, ?, ?)")
      .bind(1, organisation_id)
      .bind(2, now)
      .bind(3, username)
      .bind(4, action)
      .bind(5, code)
      .run();
} catch (const DbError& e) {
  store_error(e);
}

std::vector<AuditEntry> SqliteServerStore::audit_log(const std::string& organisation_id, int limit, int offset) try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(
      "SELECT id, at, username, action, code FROM audit_log WHERE organisation_id = ? "
      "ORDER BY id DESC LIMIT ? OFFSET ?");
  s.bind(1, organisation_id).bind(2, int64_t{limit < 0 ? 0 : limit}).bind(3, int64_t{offset < 0 ? 0 : offset});
  std::vector<AuditEntry> out;
  while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
  return out;
} catch (const DbError& e) {
  store_error(e);
}

}  // namespace wk::server
