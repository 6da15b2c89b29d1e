#include "store/pg_server_store.h"

// TotalsStore on PostgreSQL.

namespace wk::server {

std::vector<SessionForTotals> PgServerStore::sessions_for_totals(const std::string& organisation_id,
                                                                 const std::string& group, const std::string& from,
                                                                 const std::string& to) {
  return pool_.with([&](pg::Connection& c) {
    // Only what the totals count (totals_json, made at ingest): the events stay in the database.
    auto r = c.exec(
        "SELECT s.kiosk_id, k.group_name, s.totals_json, s.received_at "
        "FROM sessions s JOIN kiosks k ON k.id = s.kiosk_id "
        "WHERE s.organisation_id = $1 AND s.received_at >= $2 AND s.received_at < $3 "
        "AND ($4 = '' OR k.group_name = $4) ORDER BY s.received_at, s.seq",
        {organisation_id, from, to, group});
    std::vector<SessionForTotals> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3)});
    return out;
  });
}

std::vector<std::string> PgServerStore::kiosk_groups(const std::string& organisation_id) {
  return pool_.with([&](pg::Connection& c) {
    auto r = c.exec(
        "SELECT DISTINCT group_name FROM kiosks WHERE organisation_id = $1 AND group_name <> '' ORDER BY group_name",
        {organisation_id});
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    return out;
  });
}

}  // namespace wk::server
