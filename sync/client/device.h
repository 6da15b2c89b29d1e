#pragma once
// The kiosk's credential, DATA/device.json (mode 0600, written atomically), and enrollment.
#include <optional>
#include <string>

#include "sync/client/http.h"

namespace wk::sync {

struct DeviceCredential {
  std::string kiosk_id;
  std::string device_token;
  std::string organisation_id, organisation_name;
  std::string content_public_key;  // base64 Ed25519 public key, pinned at enrollment

  static std::string path(const std::string& data_dir) { return data_dir + "/device.json"; }
  // nullopt with error set when missing or unreadable.
  static std::optional<DeviceCredential> load(const std::string& data_dir, std::string* error = nullptr);
  bool save(const std::string& data_dir, std::string* error = nullptr) const;
};

// Writes data to path via path.tmp (created 0600), fsync, rename, fsync of the directory.
bool write_private_file(const std::string& path, const std::string& data, std::string* error = nullptr);

// Decodes standard base64; nullopt when invalid.
std::optional<std::string> base64_decode(const std::string& b64);
std::string base64_encode(const std::string& bytes);

// POST /api/v1/enroll with the one-time code; on success writes DATA/device.json.
// Returns an empty string on success, else what went wrong (for the operator).
std::string enroll(const std::string& server_url, const std::string& code, const std::string& data_dir,
                   const HttpOptions& options = {});

}  // namespace wk::sync
