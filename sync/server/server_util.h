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

// The content-signing key: the secret key lives in a file next to the database (mode 0600).
struct SigningKey {
  std::string public_key, secret_key;  // raw bytes
  std::string sign(const std::string& message) const;  // detached signature, raw bytes
};
std::string key_path_for_db(const std::string& db_path);
// Loads the key file, or creates it when `create` is true and it does not exist yet.
SigningKey load_or_create_signing_key(const std::string& path, bool create);

// Structured log: one JSON object per line on stderr: time, level, event, fields.
void log_event(const char* level, const std::string& event, nlohmann::json fields = nlohmann::json::object());

}  // namespace wk::server
