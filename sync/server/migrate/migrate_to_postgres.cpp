#include "migrate/migrate_to_postgres.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "migrate/table_rows.h"
#include "server_util.h"
#include "store/pg_server_store.h"

namespace fs = std::filesystem;

namespace wk::server::migrate {

namespace {

// Any fixed number: two migrations into one database at once wait for each other here.
constexpr int64_t kMigrateLock = 0x77656d6967723031;  // "wemigr01"

// Thrown inside the PostgreSQL transaction to roll it back: a refusal, a dry run's end, a difference.
struct Rollback {
  int code;
};

// Test hook only: the process kills itself (SIGKILL) after copying this many rows, to prove
// that an interrupted migration leaves the target untouched.
int64_t kill_after_rows() {
  const char* v = std::getenv("WERKCHECK_MIGRATE_TEST_KILL_AFTER_ROWS");
  return v ? std::atoll(v) : -1;
}

// The SQLite file's tables and columns against migrated_tables(); "" when they match.
std::string schema_difference(Database& db) {
  std::set<std::string> want, have;
  std::string diff;
  for (const auto& t : migrated_tables()) {
    want.insert(t.name);
    std::set<std::string> want_cols, have_cols;
    for (const auto& c : t.columns)
      if (c.sqlite != "rowid") want_cols.insert(c.sqlite);
    auto info = db.prepare("SELECT name FROM pragma_table_info(?1)");
    info.bind(1, t.name);
    while (info.step()) have_cols.insert(info.text(0));
    if (have_cols.empty()) continue;  // the missing table is named below
    for (const auto& c : want_cols)
      if (!have_cols.count(c)) diff += " lacks column " + t.name + "." + c + ";";
    for (const auto& c : have_cols)
      if (!want_cols.count(c)) diff += " has column " + t.name + "." + c + " that this program does not copy;";
  }
  auto tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  while (tables.step()) have.insert(tables.text(0));
  for (const auto& t : want)
    if (!have.count(t)) diff += " lacks table " + t + ";";
  for (const auto& t : have)
    if (!want.count(t)) diff += " has table " + t + " that this program does not copy;";
  return diff;
}

// The next id PostgreSQL may hand out must be past every id SQLite ever gave (AUTOINCREMENT
// remembers deleted ones in sqlite_sequence).
int64_t highest_sqlite_id(Database& db, const Table& t) {
  const Column* id = nullptr;
  for (const auto& c : t.columns)
    if (c.postgres == t.identity) id = &c;
  auto st = db.prepare("SELECT coalesce(max(" + id->sqlite + "), 0) FROM " + t.name);
  st.step();
  int64_t high = st.int64(0);
  auto seq = db.prepare(
      "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0) "
      "WHERE EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence')");
  seq.bind(1, t.name);
  if (seq.step()) high = std::max(high, seq.int64(0));
  return high;
}

pg::Param param(const std::optional<std::string>& v, Kind kind) {
  if (v && kind == Kind::Bytes) return pg::Param::bytes(*v);
  return pg::Param(v);
}

std::string insert_sql(const Table& t) {
  std::string cols, vals;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    cols += (i ? ", " : "") + t.columns[i].postgres;
    vals += (i ? ", $" : "$") + std::to_string(i + 1);
  }
  if (t.name == "sessions") {
    cols += ", ended_at, totals_json";
    vals += ", $" + std::to_string(t.columns.size() + 1) + ", $" + std::to_string(t.columns.size() + 2);
  }
  return "INSERT INTO " + t.name + " (" + cols + ")" + (t.identity.empty() ? "" : " OVERRIDING SYSTEM VALUE") +
         " VALUES (" + vals + ")";
}

int64_t copy_table(Database& src, pg::Connection& c, const Table& t, int64_t& copied, int64_t kill_after) {
  const std::string sql = insert_sql(t);
  int64_t rows = 0;
  read_sqlite_rows(src, t, [&](const Row& row) {
    std::vector<pg::Param> params;
    for (size_t i = 0; i < row.size(); ++i) params.push_back(param(row[i], t.columns[i].kind));
    try {
      if (t.name == "sessions") {  // uuid and session_json: columns 1 and 6
        PgSessionColumns x = pg_session_columns(*row[1], *row[6]);
        params.emplace_back(x.ended_at);
        params.emplace_back(x.totals_json);
      }
      c.exec(sql, params);
    } catch (const StoreUnavailable&) {
      throw;
    } catch (const std::exception& e) {  // which row, for the operator; all is rolled back
      throw std::runtime_error("cannot copy row " + std::to_string(rows + 1) + " of " + t.name + " (" +
                               row[0].value_or("NULL") + "): " + e.what() + "; nothing was written");
    }
    ++rows;
    if (++copied == kill_after) std::raise(SIGKILL);
  });
  if (!t.identity.empty()) {
    int64_t high = highest_sqlite_id(src, t);
    c.exec("SELECT setval(pg_get_serial_sequence($1, $2), $3, $4)",
           {t.name, t.identity, std::max<int64_t>(high, 1), high > 0});
  }
  return rows;
}

void print_row(std::ostream& out, const std::string& table, const std::string& a, const std::string& b,
               const std::string& ha, const std::string& hb, const std::string& verdict) {
  char line[200];
  std::snprintf(line, sizeof line, "%-17s %10s %10s  %-16s  %-16s  %s\n", table.c_str(), a.c_str(), b.c_str(),
                ha.substr(0, 16).c_str(), hb.substr(0, 16).c_str(), verdict.c_str());
  out << line;
}

std::string combined_hash(const std::vector<TableDigest>& digests) {
  std::string all;
  for (size_t i = 0; i < digests.size(); ++i)
    all += migrated_tables()[i].name + " " + std::to_string(digests[i].rows) + " " + digests[i].sha256 + "\n";
  return sha256_hex(all);
}

// Refuses (Rollback 1) when the target already holds data: the marker of an earlier run, or rows.
void check_target_empty(pg::Connection& c, const std::string& source_hash, std::ostream& out) {
  pg::Result marker = c.exec("SELECT source, migrated_at, source_sha256 FROM migrated_from ORDER BY migrated_at LIMIT 1");
  if (marker.rows() > 0) {
    out << "already migrated from " << marker.text(0, 0) << " at " << marker.text(0, 1)
        << (marker.text(0, 2) == source_hash ? " (the same data as this file)"
                                             : " (other data than this file holds now)")
        << "; nothing written\n";
    throw Rollback{1};
  }
  std::string held;
  for (const auto& t : migrated_tables()) {
    int64_t n = c.exec("SELECT count(*) FROM " + t.name).int64(0, 0);
    if (n > 0) held += " " + t.name + " " + std::to_string(n) + ";";
  }
  if (!held.empty()) {
    out << "the PostgreSQL database already holds data (" << held.substr(1)
        << " rows), without a migration marker: migrate only into a new, empty database; nothing written\n";
    throw Rollback{1};
  }
}

}  // namespace

int migrate_to_postgres(const Options& o, std::ostream& out) {
  if (!pg::is_url(o.to)) throw std::runtime_error("--to must be a postgresql:// URL, not " + o.to);
  if (!fs::is_regular_file(o.from)) throw std::runtime_error("--from " + o.from + ": there is no SQLite file here");
  const std::string source = fs::absolute(o.from).lexically_normal().string();
  auto src = Database::open_read_only(o.from);
  src->exec("BEGIN");  // one snapshot for the hashes and the copy
  std::string diff = schema_difference(*src);
  if (!diff.empty())
    throw std::runtime_error(source + " (schema version " + std::to_string(src->schema_version()) +
                             ") is not the schema this werkcheck-server copies: it" + diff.substr(0, diff.size() - 1) + "." +
                             " If it is older, open it once with this werkcheck-server (`admin --db " + o.from +
                             " public-key`, after a backup), which upgrades it; if newer, use the "
                             "werkcheck-server that wrote it");

  // Before schema version 3 the secret key was in FILE.signing-key; the server takes it into the
  // database on its next start. Without it, the PostgreSQL server could not sign for the kiosks.
  auto keys = src->prepare("SELECT count(*) FROM server_keys WHERE coalesce(secret_key, '') = ''");
  keys.step();
  if (keys.int64(0) > 0)
    throw std::runtime_error(source + " has the signing key's public half but not the key itself (it is still in " +
                             o.from + ".signing-key): run `werkcheck-server admin --db " + o.from +
                             " public-key` once beside that file, which takes it in, then migrate");

  std::vector<TableDigest> source_digests;
  for (const auto& t : migrated_tables()) source_digests.push_back(digest_sqlite(*src, t));
  const std::string source_hash = combined_hash(source_digests);

  out << (o.dry_run ? "dry run: " : "migrating ") << source << " -> " << pg::redact(o.to) << "\n";
  { PgServerStore migrate_schema(o.to, 1); }  // the target's schema brought to this program's version
  pg::Pool pool(o.to, 1);
  const auto started = std::chrono::steady_clock::now();
  int code = 0;
  try {
    pool.transaction([&](pg::Connection& c) {
      c.exec("SELECT pg_advisory_xact_lock($1)", {kMigrateLock});
      c.exec(
          "CREATE TABLE IF NOT EXISTS migrated_from (source text NOT NULL, source_sha256 text NOT NULL, "
          "tables text NOT NULL, migrated_at text NOT NULL)");
      check_target_empty(c, source_hash, out);
      if (o.dry_run) {
        print_row(out, "table", "rows", "", "sha256", "", "");
        for (size_t i = 0; i < source_digests.size(); ++i)
          print_row(out, migrated_tables()[i].name, std::to_string(source_digests[i].rows), "",
                    source_digests[i].sha256, "", "would copy");
        out << "the target is empty: these rows would be copied; nothing written\n";
        throw Rollback{0};
      }
      int64_t copied = 0;
      const int64_t kill_after = kill_after_rows();
      for (const auto& t : migrated_tables()) copy_table(*src, c, t, copied, kill_after);

      print_row(out, "table", "sqlite", "postgres", "sha256 sqlite", "sha256 postgres", "");
      bool all_ok = true;
      nlohmann::json tables = nlohmann::json::object();
      for (size_t i = 0; i < source_digests.size(); ++i) {
        const Table& t = migrated_tables()[i];
        const TableDigest& s = source_digests[i];
        TableDigest p = digest_pg(c, t);
        bool ok = s.rows == p.rows && s.sha256 == p.sha256;
        all_ok = all_ok && ok;
        print_row(out, t.name, std::to_string(s.rows), std::to_string(p.rows), s.sha256, p.sha256,
                  ok ? "ok" : "DIFFERENT");
        tables[t.name] = {{"rows", s.rows}, {"sha256", s.sha256}};
      }
      if (!all_ok) {
        out << "the copy differs from the SQLite file: rolled back, nothing written\n";
        throw Rollback{1};
      }
      c.exec("INSERT INTO migrated_from (source, source_sha256, tables, migrated_at) VALUES ($1, $2, $3, $4)",
             {source, source_hash, tables.dump(), now_iso()});
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      char line[120];
      std::snprintf(line, sizeof line, "migrated %lld rows in %.1f s; all tables match\n",
                    static_cast<long long>(copied), s);
      out << line;
    });
  } catch (const Rollback& r) {
    code = r.code;
  }
  src->exec("COMMIT");
  return code;
}

}  // namespace wk::server::migrate
