#include "store/sqlite_server_store.h"

// SigningKeyStore on SQLite: the content key is the row 'content' of server_keys.

namespace wk::server {

namespace {

std::optional<StoredSigningKey> read_key(Database& db) {
  auto s = db.prepare("SELECT public_key, secret_key FROM server_keys WHERE purpose = 'content'");
  if (!s.step()) return std::nullopt;
  return StoredSigningKey{s.text(0), s.is_null(1) ? "" : s.text(1)};
}

}  // namespace

std::optional<StoredSigningKey> SqliteServerStore::signing_key() try {
  std::lock_guard lock(mu_);
  return read_key(*db_);
} catch (const DbError& e) {
  store_error(e);
}

StoredSigningKey SqliteServerStore::keep_signing_key(const StoredSigningKey& candidate, const std::string& now) try {
  std::lock_guard lock(mu_);
  StoredSigningKey kept;
  db_->transaction([&] {
    db_->prepare(
           "INSERT INTO server_keys(purpose, public_key, secret_key, created_at) VALUES ('content', ?, ?, ?) "
           "ON CONFLICT (purpose) DO NOTHING")
        .bind(1, candidate.public_key_b64)
        .bind(2, candidate.secret_key_hex)
        .bind(3, now)
        .run();
    // A database from before version 3 has the public half only: the key file's secret joins it.
    db_->prepare(
           "UPDATE server_keys SET secret_key = ? WHERE purpose = 'content' AND secret_key IS NULL AND public_key = ?")
        .bind(1, candidate.secret_key_hex)
        .bind(2, candidate.public_key_b64)
        .run();
    kept = *read_key(*db_);
  });
  return kept;
} catch (const DbError& e) {
  store_error(e);
}

}  // namespace wk::server
