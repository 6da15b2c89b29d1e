#pragma once
// Content updates: a manifest signed by the server (Ed25519, key pinned at enrollment), each
// file checked against its sha256, written to DATA/content/<version>.tmp, renamed to
// DATA/content/<version>, and only then marked ready. The kiosk switches between participants
// (ready_content_dir()); the pack in use is never touched.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wk::sync {

struct ManifestFile {
  std::string path;
  std::string sha256;  // lower-case hex
  int64_t size = 0;
};

struct Manifest {
  std::string pack_id, version, created_at;
  std::vector<ManifestFile> files;
};

// Checks the signature over the exact manifest bytes with the pinned public key, then parses
// and validates (safe version name, relative paths without "..", hex hashes). nullopt and
// error set when anything is wrong.
std::optional<Manifest> verify_manifest(const std::string& manifest_bytes, const std::string& signature,
                                        const std::string& public_key, std::string* error);
// The same from the server's JSON answer {"manifest": base64, "signature": base64}.
std::optional<Manifest> verify_manifest_response(const std::string& body, const std::string& public_key_b64,
                                                 std::string* error);

std::string sha256_hex(const std::string& data);

// Where packs live and which is active/ready.
struct ContentStore {
  std::string data_dir;
  std::string root() const { return data_dir + "/content"; }
  std::string dir_for(const std::string& version) const { return root() + "/" + version; }
  // The version marked ready (downloaded and verified, not yet in use), and its directory.
  std::optional<std::string> ready_dir() const;
  std::optional<std::string> current_dir() const;  // the pack the kiosk last switched to
  std::optional<std::string> ready_version() const;
  bool mark_ready(const std::string& version) const;
  // The kiosk switched to dir (ready -> current). Old pack directories other than this one
  // are left for the next start to remove (remove_unused_packs).
  bool mark_current(const std::string& version) const;
  // Removes pack directories and unfinished downloads (*.tmp) other than `in_use` and the one
  // marked ready; returns how many. Only when no download can be running: at the kiosk's start,
  // holding the data directory's lock, before the sync thread starts.
  int remove_unused_packs(const std::string& in_use) const;
};

// Fetches a file's bytes (the path from the manifest); nullopt with error on failure.
using FileFetcher = std::function<std::optional<std::string>(const std::string& path, std::string* error)>;
// Optional extra check of the assembled pack (the kiosk loads it); returns an error text or nullopt.
using PackValidator = std::function<std::optional<std::string>(const std::string& dir)>;

// Builds and marks ready the pack the manifest describes. Files whose hash matches the same
// path in current_dir are copied rather than downloaded. Returns "" on success (also when
// that version is already current or ready), else the reason; on failure nothing is marked
// and the .tmp directory is removed.
std::string install_pack(const ContentStore& store, const Manifest& m, const std::string& current_dir,
                         const FileFetcher& fetch, const PackValidator& validate = nullptr);

}  // namespace wk::sync
