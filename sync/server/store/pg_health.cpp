#include "store/pg_server_store.h"

// HealthStore on PostgreSQL.

namespace wk::server {

std::optional<std::string> PgServerStore::ping() {
  try {
    return pool_.with([](pg::Connection& c) -> std::optional<std::string> {
      // A standby (in recovery) answers queries but takes no upload.
      if (c.exec("SELECT pg_is_in_recovery()").boolean(0, 0))
        return std::string("the PostgreSQL server is a standby in recovery: it cannot take a write");
      return std::nullopt;
    });
  } catch (const std::exception& e) {
    return std::string("the PostgreSQL database does not answer: ") + e.what();
  }
}

}  // namespace wk::server
