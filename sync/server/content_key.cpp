#include "content_key.h"

#include <filesystem>
#include <stdexcept>

namespace wk::server {

namespace {

std::string public_b64(const SigningKey& k) { return to_base64(k.public_key); }

SigningKey from_store(const StoredSigningKey& kept) {
  SigningKey key = signing_key_from_hex(kept.secret_key_hex, "the signing key in the database");
  if (public_b64(key) != kept.public_key_b64)
    throw std::runtime_error("the signing key in the database does not match its recorded public key; restore the "
                             "database from a backup");
  return key;
}

}  // namespace

SigningKey open_content_key(SigningKeyStore& store, const std::string& key_file) {
  const bool has_file = !key_file.empty() && std::filesystem::exists(key_file);
  const auto kept = store.signing_key();
  if (kept && !kept->secret_key_hex.empty()) {
    SigningKey key = from_store(*kept);
    // A swapped key file is a mistake to stop for, not a key to use: kiosks trust the kept one.
    if (has_file && load_or_create_signing_key(key_file, false).public_key != key.public_key)
      throw std::runtime_error("the signing key file " + key_file +
                               " is not the key kept in the database (the one kiosks trust); move the file aside");
    return key;
  }
  SigningKey candidate;
  if (has_file)
    candidate = load_or_create_signing_key(key_file, false);
  else if (kept)  // a database from before version 3 whose key file is gone
    throw std::runtime_error("the signing key file " + key_file +
                             " is missing but this database has published with its key; restore the file from backup");
  else
    candidate = new_signing_key();
  const StoredSigningKey won = store.keep_signing_key({public_b64(candidate), to_hex(candidate.secret_key)}, now_iso());
  if (won.secret_key_hex.empty() || (has_file && won.public_key_b64 != public_b64(candidate)))
    throw std::runtime_error("the signing key file " + key_file + " does not match the key recorded in the database");
  SigningKey key = from_store(won);
  if (key.public_key == candidate.public_key)
    log_event("info", has_file ? "signing_key_imported" : "signing_key_created",
              {{"public_key", public_b64(key)}, {"from", has_file ? key_file : "new"}});
  return key;
}

}  // namespace wk::server
