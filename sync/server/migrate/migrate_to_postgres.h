#pragma once
// `werkcheck-server admin migrate --from FILE.db --to postgresql://… [--dry-run]`: moves one
// office's SQLite server database into an empty PostgreSQL database, in one transaction:
//   1. the SQLite file is opened read-only and read in one snapshot; its tables and columns
//      must be exactly the ones this program copies (migrated_tables.cpp), else it is refused
//      with the difference (an older file is upgraded first by opening it with this server);
//   2. the PostgreSQL schema is migrated; the target must hold no row of any copied table and
//      no migrated_from marker ("already migrated from FILE at TIME");
//   3. every row is copied with its ids, times and bytes; identity sequences are set past the
//      highest id; each table is counted and hashed on both sides (table_rows.h) and any
//      difference rolls everything back; the marker row is written; COMMIT.
// Killed or failing anywhere before COMMIT, PostgreSQL keeps nothing of it, so a rerun starts
// afresh. Returns the exit code; the table goes to `out`.
#include <ostream>
#include <string>

namespace wk::server::migrate {

struct Options {
  std::string from;  // the SQLite file
  std::string to;    // postgresql://…
  bool dry_run = false;
};

int migrate_to_postgres(const Options& options, std::ostream& out);

}  // namespace wk::server::migrate
