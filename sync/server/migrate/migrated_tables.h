#pragma once
// What `admin migrate` copies from a SQLite server database into PostgreSQL: every table of
// the schema, in an order that satisfies the foreign keys, each column with the kind that
// decides how it is bound, read and hashed on both sides. A table or column here that the
// SQLite file lacks, or one the file has that is not here, stops the migration (nothing is
// left behind silently when the schema grows).
#include <string>
#include <vector>

namespace wk::server::migrate {

enum class Kind { Text, Integer, Boolean, Bytes };

struct Column {
  std::string sqlite;    // the column (or expression, e.g. rowid) read from SQLite
  std::string postgres;  // the column written and read in PostgreSQL
  Kind kind;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::string order_by;  // the primary key: both sides are read in this order (bytes, "C")
  // The PostgreSQL identity column copied with its values (empty: none); its sequence is set
  // past SQLite's highest id (sqlite_sequence when the table has AUTOINCREMENT), so no id is reused.
  std::string identity;
};

const std::vector<Table>& migrated_tables();

}  // namespace wk::server::migrate
