#pragma once
// A migrated table's rows read from either side in one canonical form, and their digest.
// A value is its bytes (text and bytea as stored), an integer in decimal, a boolean as 0 or 1,
// or NULL. The digest is SHA-256 over the rows in primary-key order, each value written as
// 0x00 for NULL, or 0x01, its length (8 bytes, little-endian) and its bytes: the same rows give
// the same digest on SQLite and on PostgreSQL, and any changed, lost or added value changes it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "migrate/migrated_tables.h"
#include "storage/database.h"
#include "store/pg_connection.h"

namespace wk::server::migrate {

using Row = std::vector<std::optional<std::string>>;
using RowFn = std::function<void(const Row&)>;

struct TableDigest {
  int64_t rows = 0;
  std::string sha256;  // hex
};

void read_sqlite_rows(Database& db, const Table& table, const RowFn& fn);
// Reads through a cursor (bounded memory for content blobs): call it inside a transaction.
void read_pg_rows(pg::Connection& c, const Table& table, const RowFn& fn);

TableDigest digest_sqlite(Database& db, const Table& table);
TableDigest digest_pg(pg::Connection& c, const Table& table);

}  // namespace wk::server::migrate
