#include "migrate/table_rows.h"

#include <sodium.h>

namespace wk::server::migrate {

namespace {

std::string select_sql(const Table& table, bool postgres) {
  std::string sql = "SELECT ";
  for (size_t i = 0; i < table.columns.size(); ++i)
    sql += (i ? ", " : "") + (postgres ? table.columns[i].postgres : table.columns[i].sqlite);
  return sql + " FROM " + table.name + " ORDER BY " + table.order_by;
}

class Hasher {
 public:
  Hasher() { crypto_hash_sha256_init(&state_); }
  void add(const Row& row) {
    for (const auto& v : row) {
      if (!v) {
        put("\x00", 1);
        continue;
      }
      unsigned char len[9] = {1};
      for (int i = 0; i < 8; ++i) len[1 + i] = static_cast<unsigned char>(uint64_t{v->size()} >> (8 * i));
      put(len, sizeof len);
      put(v->data(), v->size());
    }
    ++digest_.rows;
  }
  TableDigest finish() {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_, out);
    char hex[2 * sizeof out + 1];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    digest_.sha256 = hex;
    return digest_;
  }

 private:
  void put(const void* p, size_t n) { crypto_hash_sha256_update(&state_, static_cast<const unsigned char*>(p), n); }
  crypto_hash_sha256_state state_;
  TableDigest digest_;
};

}  // namespace

void read_sqlite_rows(Database& db, const Table& table, const RowFn& fn) {
  auto st = db.prepare(select_sql(table, false));
  Row row(table.columns.size());
  while (st.step()) {
    for (size_t i = 0; i < row.size(); ++i) {
      int col = static_cast<int>(i);
      if (st.is_null(col)) {
        row[i].reset();
        continue;
      }
      switch (table.columns[i].kind) {
        case Kind::Integer:
          row[i] = std::to_string(st.int64(col));
          break;
        case Kind::Boolean:
          row[i] = st.int64(col) != 0 ? "1" : "0";
          break;
        case Kind::Text:
        case Kind::Bytes:
          row[i] = st.bytes(col);
          break;
      }
    }
    fn(row);
  }
}

void read_pg_rows(pg::Connection& c, const Table& table, const RowFn& fn) {
  c.exec("DECLARE wk_rows NO SCROLL CURSOR FOR " + select_sql(table, true));
  Row row(table.columns.size());
  for (;;) {
    pg::Result r = c.exec("FETCH 200 FROM wk_rows");
    if (r.rows() == 0) break;
    for (int n = 0; n < r.rows(); ++n) {
      for (size_t i = 0; i < row.size(); ++i) {
        int col = static_cast<int>(i);
        if (r.is_null(n, col))
          row[i].reset();
        else if (table.columns[i].kind == Kind::Boolean)
          row[i] = r.boolean(n, col) ? "1" : "0";
        else if (table.columns[i].kind == Kind::Bytes)
          row[i] = r.bytes(n, col);
        else
          row[i] = r.text(n, col);
      }
      fn(row);
    }
  }
  c.exec("CLOSE wk_rows");
}

TableDigest digest_sqlite(Database& db, const Table& table) {
  Hasher h;
  read_sqlite_rows(db, table, [&](const Row& r) { h.add(r); });
  return h.finish();
}

TableDigest digest_pg(pg::Connection& c, const Table& table) {
  Hasher h;
  read_pg_rows(c, table, [&](const Row& r) { h.add(r); });
  return h.finish();
}

}  // namespace wk::server::migrate
