#pragma once
// The store a --db value names: postgresql://… or postgres://… is a PostgreSQL database
// (PgServerStore, for several server instances); anything else is the path of the SQLite
// file (SqliteServerStore, the default for one office). Both run their migrations on open.
#include <memory>
#include <string>

#include "store/server_store.h"

namespace wk::server {

std::unique_ptr<ServerStore> open_store(const std::string& db);
bool is_postgres_url(const std::string& db);

// The --db value as it may appear in a log: a URL's password is replaced by ***.
std::string db_for_log(const std::string& db);

}  // namespace wk::server
