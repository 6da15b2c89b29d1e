#include "store/pg_server_store.h"

// NotesAuditStore on PostgreSQL.

namespace wk::server {

int64_t PgServerStore::add_note(const std::string& organisation_id, const std::string& code,
                                const std::string& username, const std::string& text, const std::string& now) {
  return pool_.with([&](pg::Connection& c) {
    return c
        .exec("INSERT INTO coach_notes(organisation_id, code, username, text, created_at) "
              "VALUES ($1, $2, $3, $4, $5) RETURNING id",
              {organisation_id, code, username, text, now})
        .int64(0, 0);
  });
}

std::vector<CoachNote> PgServerStore::notes(const std::string& organisation_id, const std::string& code) {
  return pool_.with([&](pg::Connection& c) {
    auto r = c.exec(
        "SELECT id, code, username, text, created_at FROM coach_notes WHERE organisation_id = $1 AND code = $2 "
        "ORDER BY id",
        {organisation_id, code});
    std::vector<CoachNote> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.int64(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4)});
    return out;
  });
}

void PgServerStore::audit(const std::string& organisation_id, const std::string& username, const std::string& action,
                          const std::string& code, const std::string& now) {
  pool_.with([&](pg::Connection& c) {
    c.exec("INSERT INTO audit_log(organisation_id, at, username, action, code) VALUES ($1, $2, $3, $4, $5)",
           {organisation_id, now, username, action, code});
  });
}

std::vector<AuditEntry> PgServerStore::audit_log(const std::string& organisation_id, int limit, int offset) {
  return pool_.with([&](pg::Connection& c) {
    auto r = c.exec(
        "SELECT id, at, username, action, code FROM audit_log WHERE organisation_id = $1 "
        "ORDER BY id DESC LIMIT $2 OFFSET $3",
        {organisation_id, limit < 0 ? 0 : limit, offset < 0 ? 0 : offset});
    std::vector<AuditEntry> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.int64(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4)});
    return out;
  });
}

}  // namespace wk::server
