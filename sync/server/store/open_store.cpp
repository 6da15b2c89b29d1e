#include "store/open_store.h"

#include "store/pg_server_store.h"
#include "store/sqlite_server_store.h"

namespace wk::server {

std::unique_ptr<ServerStore> open_store(const std::string& db) {
  if (pg::is_url(db)) return std::make_unique<PgServerStore>(db);
  return std::make_unique<SqliteServerStore>(db);
}

bool is_postgres_url(const std::string& db) { return pg::is_url(db); }

std::string db_for_log(const std::string& db) { return pg::is_url(db) ? pg::redact(db) : db; }

}  // namespace wk::server
