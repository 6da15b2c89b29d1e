#pragma once
// The content-signing key (Ed25519) kept in the database, so that every server instance on it
// signs with the same key and a second instance never makes a key of its own.
#include <optional>
#include <string>

namespace wk::server {

struct StoredSigningKey {
  std::string public_key_b64;
  std::string secret_key_hex;  // "" when only the public half is recorded (databases before version 3)
};

class SigningKeyStore {
 public:
  virtual ~SigningKeyStore() = default;

  // The content key as recorded, or nullopt when none is.
  virtual std::optional<StoredSigningKey> signing_key() = 0;
  // In one transaction: keeps `candidate` when no key is recorded, or adds its secret half when
  // only its public half is recorded; then returns the key recorded. The first of two servers
  // starting together wins and both get its key. When another key's public half is recorded
  // without a secret, the result has an empty secret_key_hex and nothing is changed.
  virtual StoredSigningKey keep_signing_key(const StoredSigningKey& candidate, const std::string& now) = 0;
};

}  // namespace wk::server
