#include "platform/random_ids.h"
#include "store/pg_server_store.h"

// OrganisationStore on PostgreSQL.

namespace wk::server {

std::string PgServerStore::create_organisation(const std::string& name) {
  std::string id = ids::new_uuid();
  pool_.with([&](pg::Connection& c) { c.exec("INSERT INTO organisations(id, name) VALUES ($1, $2)", {id, name}); });
  return id;
}

std::optional<Organisation> PgServerStore::organisation(const std::string& id) {
  return pool_.with([&](pg::Connection& c) -> std::optional<Organisation> {
    auto r = c.exec("SELECT id, name FROM organisations WHERE id = $1", {id});
    if (r.rows() == 0) return std::nullopt;
    return Organisation{r.text(0, 0), r.text(0, 1)};
  });
}

}  // namespace wk::server
