#pragma once
// Small helpers for the server: encodings, hashes, keys, time, and the JSON log.
#include <nlohmann/json.hpp>
#include <string>

namespace wk::server {

std::string to_hex(const std::string& bytes);
std::string to_base64(const std::string& bytes);
std::string sha256_hex(const std::string& bytes);
std::string blake2b_hex(const std::string& bytes);  // 32-byte BLAKE2b, for tokens and codes
std::string random_token_hex(size_t bytes);
std::string new_enrollment_code();                      // "ABCD-EFGH-JKLM" from an unambiguous alphabet
std::string normalise_enrollment_code(const std::string& typed);  // upper case, no dashes/spaces
std::string now_iso();                                  // 2026-11-23T10:00:00.123Z (UTC)
std::string iso_after_days(int days);
std::string iso_after_seconds(long long seconds);  // negative: in the past
bool valid_utf8(const std::string& s, size_t* bad_offset = nullptr);

// The content-signing key. It is kept in the database (content_key.h); a key file next to an
// older database (mode 0600) is imported from there once.
struct SigningKey {
  std::string public_key, secret_key;  // raw bytes
  std::string sign(const std::string& message) const;  // detached signature, raw bytes
};
std::string key_path_for_db(const std::string& db_path);
// Loads the key file, or creates it when `create` is true and it does not exist yet.
SigningKey load_or_create_signing_key(const std::string& path, bool create);
// The key from its secret half in hex (as in the key file); throws naming `where` when damaged.
SigningKey signing_key_from_hex(std::string hex, const std::string& where);
SigningKey new_signing_key();

// Structured log: one JSON object per line on stderr: time, level, event, fields.
void log_event(const char* level, const std::string& event, nlohmann::json fields = nlohmann::json::object());

}  // namespace wk::server
