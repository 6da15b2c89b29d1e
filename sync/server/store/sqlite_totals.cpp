#include "store/sqlite_server_store.h"

// TotalsStore on SQLite.

namespace wk::server {

std::vector<SessionForTotals> SqliteServerStore::sessions_for_totals(const std::string& organisation_id,
                                                                     const std::string& group,
                                                                     const std::string& from,
                                                                     const std::string& to) try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(
      // Only what the totals count: the events (most of a session's bytes) stay in the database.
      "SELECT s.kiosk_id, k.group_name, "
      "json_object('uuid', s.uuid, 'status', json_extract(s.session_json, '$.status'), "
      "'follow_up_of', json_extract(s.session_json, '$.follow_up_of'), "
      "'answers', json(coalesce(json_extract(s.session_json, '$.answers'), '{}'))), s.received_at "
      "FROM sessions s JOIN kiosks k ON k.id = s.kiosk_id "
      "WHERE s.organisation_id = ? AND s.received_at >= ? AND s.received_at < ? AND (? = '' OR k.group_name = ?) "
      "ORDER BY s.received_at, s.rowid");
  s.bind(1, organisation_id).bind(2, from).bind(3, to).bind(4, group).bind(5, group);
  std::vector<SessionForTotals> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
  return out;
} catch (const DbError& e) {
  store_error(e);
}

std::vector<std::string> SqliteServerStore::kiosk_groups(const std::string& organisation_id) try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(
      "SELECT DISTINCT group_name FROM kiosks WHERE organisation_id = ? AND group_name <> '' ORDER BY group_name");
  s.bind(1, organisation_id);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
} catch (const DbError& e) {
  store_error(e);
}

}  // namespace wk::server
