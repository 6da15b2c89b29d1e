#include <nlohmann/json.hpp>

#include "store/pg_server_store.h"

// SharedResultsStore on PostgreSQL.

namespace wk::server {

namespace {

constexpr const char* kSharedColumns =
    "SELECT s.uuid, s.kiosk_id, k.group_name, s.code, s.session_json, s.received_at "
    "FROM sessions s JOIN kiosks k ON k.id = s.kiosk_id";

std::vector<SharedSession> read_shared(const pg::Result& r) {
  std::vector<SharedSession> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5)});
  return out;
}

}  // namespace

std::vector<SharedSession> PgServerStore::shared_sessions(const std::string& organisation_id,
                                                          const std::string& code) {
  return pool_.with([&](pg::Connection& c) {
    // NULLS FIRST: a session without ended_at sorts first, as SQLite sorts NULL.
    return read_shared(c.exec(std::string(kSharedColumns) +
                                  " WHERE s.organisation_id = $1 AND s.code = $2 AND NOT s.anonymous "
                                  "ORDER BY s.ended_at NULLS FIRST, "
                                  "s.received_at, s.seq",
                              {organisation_id, code}));
  });
}

std::vector<SharedSession> PgServerStore::recent_shared(const std::string& organisation_id, int limit) {
  return pool_.with([&](pg::Connection& c) {
    // The newest session of each code, then the newest of those first.
    return read_shared(c.exec(
        "SELECT uuid, kiosk_id, group_name, code, session_json, received_at FROM ("
        "SELECT DISTINCT ON (s.code) s.uuid, s.kiosk_id, k.group_name, s.code, s.session_json, s.received_at, s.seq "
        "FROM sessions s JOIN kiosks k ON k.id = s.kiosk_id WHERE s.organisation_id = $1 AND NOT s.anonymous "
        "ORDER BY s.code, s.received_at DESC, s.seq DESC) newest "
        "ORDER BY received_at DESC, seq DESC LIMIT $2",
        {organisation_id, limit < 0 ? 0 : limit}));
  });
}

int PgServerStore::forget_code(const std::string& organisation_id, const std::string& code) {
  int unlinked = 0;
  pool_.transaction([&](pg::Connection& c) {
    auto rows = c.exec("SELECT uuid, session_json FROM sessions WHERE organisation_id = $1 AND code = $2 FOR UPDATE",
                       {organisation_id, code});
    for (int i = 0; i < rows.rows(); ++i) {
      // Rewritten here, not with jsonb (which respaces and reorders): the JSON stays compact with
      // sorted keys, as the kiosk sent it. content_hash stays the hash of what the kiosk sent, so
      // a late resend of the same check is still a "duplicate" and does not bring the code back.
      auto j = nlohmann::json::parse(rows.text(i, 1));
      j["code"] = nullptr;
      j["anonymous"] = true;
      j["consent"] = false;
      c.exec("UPDATE sessions SET code = NULL, anonymous = true, session_json = $1 WHERE uuid = $2",
             {j.dump(), rows.text(i, 0)});
    }
    unlinked = rows.rows();
    c.exec("DELETE FROM coach_notes WHERE organisation_id = $1 AND code = $2", {organisation_id, code});
  });
  return unlinked;
}

}  // namespace wk::server
