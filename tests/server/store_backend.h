#pragma once
// The store tests run on either backend: `server_store_tests` on SQLite (a temp file per
// store) or `server_store_tests --backend=postgres` on a throw-away PostgreSQL cluster the
// test starts itself (a new database per store). Tests ask backend() for a fresh store and
// for raw SQL on that same database, beside the store (its own connection).
#include <cstdint>
#include <memory>
#include <string>

#include "store/server_store.h"

namespace wk::test {

class PgCluster;

class StoreBackend {
 public:
  virtual ~StoreBackend() = default;
  virtual std::unique_ptr<server::ServerStore> fresh() = 0;  // a store on a new, empty database
  virtual std::unique_ptr<server::ServerStore> reopen() = 0;  // another store on the latest database
  // SQL on the latest database: its error message ("" on success); the first value of the first row.
  virtual std::string raw_exec(const std::string& sql) = 0;
  virtual std::string raw_text(const std::string& sql) = 0;
  int64_t raw_int(const std::string& sql) { return std::stoll(raw_text(sql)); }
  virtual bool is_postgres() const = 0;
  virtual PgCluster* cluster() { return nullptr; }
  virtual std::string url() const = 0;  // the latest database: its file or its postgresql:// URL
};

StoreBackend& backend();

}  // namespace wk::test
