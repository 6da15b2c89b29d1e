#include "store/pg_server_store.h"

// SigningKeyStore on PostgreSQL: the content key is the row 'content' of server_keys.

namespace wk::server {

namespace {

std::optional<StoredSigningKey> read_key(pg::Connection& c) {
  auto r = c.exec("SELECT public_key, secret_key FROM server_keys WHERE purpose = 'content'");
  if (r.rows() == 0) return std::nullopt;
  return StoredSigningKey{r.text(0, 0), r.opt_text(0, 1).value_or("")};
}

}  // namespace

std::optional<StoredSigningKey> PgServerStore::signing_key() {
  return pool_.with([&](pg::Connection& c) { return read_key(c); });
}

StoredSigningKey PgServerStore::keep_signing_key(const StoredSigningKey& candidate, const std::string& now) {
  StoredSigningKey kept;
  pool_.transaction([&](pg::Connection& c) {
    // Two instances inserting at once: the second waits on the first's row, then does nothing.
    c.exec(
        "INSERT INTO server_keys(purpose, public_key, secret_key, created_at) VALUES ('content', $1, $2, $3) "
        "ON CONFLICT (purpose) DO NOTHING",
        {candidate.public_key_b64, candidate.secret_key_hex, now});
    // A database from before version 2 has the public half only: the key file's secret joins it.
    c.exec("UPDATE server_keys SET secret_key = $1 WHERE purpose = 'content' AND secret_key IS NULL AND public_key = $2",
           {candidate.secret_key_hex, candidate.public_key_b64});
    kept = *read_key(c);
  });
  return kept;
}

}  // namespace wk::server
