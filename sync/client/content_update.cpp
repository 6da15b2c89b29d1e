#include "sync/client/content_update.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "platform/files.h"
#include "sync/client/device.h"

namespace fs = std::filesystem;

namespace wk::sync {

std::string sha256_hex(const std::string& data) {
  if (sodium_init() < 0) return "";
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

namespace {

bool safe_version(const std::string& v) {
  if (v.empty() || v.size() > 64 || v[0] == '.') return false;
  for (char c : v)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) return false;
  if (v.find("..") != std::string::npos) return false;
  if (v.size() >= 4 && v.compare(v.size() - 4, 4, ".tmp") == 0) return false;
  return v != "ready.json" && v != "current.json";
}

bool safe_path(const std::string& p) {
  if (p.empty() || p.size() > 512 || p[0] == '/' || p.find('\\') != std::string::npos || p.find('\0') != std::string::npos)
    return false;
  size_t start = 0;
  while (start <= p.size()) {
    size_t end = p.find('/', start);
    if (end == std::string::npos) end = p.size();
    std::string seg = p.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    start = end + 1;
  }
  return true;
}

bool is_hex64(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}


std::optional<std::string> read_marker(const std::string& path) {
  auto t = files::read_all(path);
  if (!t) return std::nullopt;
  auto j = nlohmann::json::parse(*t, nullptr, false);
  if (!j.is_object() || !j.contains("version") || !j["version"].is_string()) return std::nullopt;
  std::string v = j["version"].get<std::string>();
  if (!safe_version(v)) return std::nullopt;
  return v;
}

}  // namespace

std::optional<Manifest> verify_manifest(const std::string& bytes, const std::string& signature,
                                        const std::string& public_key, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<Manifest> {
    if (error) *error = why;
    return std::nullopt;
  };
  if (sodium_init() < 0) return fail("libsodium unavailable");
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES) return fail("no valid pinned content key");
  if (signature.size() != crypto_sign_BYTES) return fail("signature has the wrong length");
  if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                                  reinterpret_cast<const unsigned char*>(public_key.data())) != 0)
    return fail("manifest signature does not verify with the pinned key");
  auto j = nlohmann::json::parse(bytes, nullptr, false);
  if (!j.is_object()) return fail("signed manifest is not a JSON object");
  Manifest m;
  try {
    m.pack_id = j.at("pack_id").get<std::string>();
    m.version = j.at("version").get<std::string>();
    m.created_at = j.value("created_at", "");
    for (const auto& f : j.at("files")) {
      ManifestFile mf{f.at("path").get<std::string>(), f.at("sha256").get<std::string>(), f.at("size").get<int64_t>()};
      if (!safe_path(mf.path)) return fail("manifest names an unsafe path: " + mf.path);
      if (!is_hex64(mf.sha256)) return fail("manifest has a malformed sha256 for " + mf.path);
      if (mf.size < 0) return fail("manifest has a negative size for " + mf.path);
      m.files.push_back(std::move(mf));
    }
  } catch (const std::exception& e) {
    return fail(std::string("manifest is malformed: ") + e.what());
  }
  if (!safe_version(m.version)) return fail("manifest version is not a safe directory name: " + m.version);
  return m;
}

std::optional<Manifest> verify_manifest_response(const std::string& body, const std::string& public_key_b64,
                                                 std::string* error) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("manifest") || !j["manifest"].is_string() || !j.contains("signature") ||
      !j["signature"].is_string()) {
    if (error) *error = "manifest answer is not {manifest, signature}";
    return std::nullopt;
  }
  auto bytes = base64_decode(j["manifest"].get<std::string>());
  auto sig = base64_decode(j["signature"].get<std::string>());
  auto pk = base64_decode(public_key_b64);
  if (!bytes || !sig || !pk) {
    if (error) *error = "manifest answer or pinned key is not valid base64";
    return std::nullopt;
  }
  return verify_manifest(*bytes, *sig, *pk, error);
}

std::optional<std::string> ContentStore::ready_version() const { return read_marker(root() + "/ready.json"); }

std::optional<std::string> ContentStore::ready_dir() const {
  auto v = ready_version();
  if (!v || !fs::is_directory(dir_for(*v))) return std::nullopt;
  return dir_for(*v);
}

std::optional<std::string> ContentStore::current_dir() const {
  auto v = read_marker(root() + "/current.json");
  if (!v || !fs::is_directory(dir_for(*v))) return std::nullopt;
  return dir_for(*v);
}

bool ContentStore::mark_ready(const std::string& version) const {
  return files::write_atomically(root() + "/ready.json", nlohmann::json{{"version", version}}.dump() + "\n");
}

bool ContentStore::mark_current(const std::string& version) const {
  bool ok = files::write_atomically(root() + "/current.json", nlohmann::json{{"version", version}}.dump() + "\n");
  std::error_code ec;
  if (ok && ready_version() == version) fs::remove(root() + "/ready.json", ec);
  return ok;
}

int ContentStore::remove_unused_packs(const std::string& in_use) const {
  std::error_code ec;
  if (!fs::is_directory(root(), ec)) return 0;
  const auto keep_ready = ready_dir();
  const fs::path used = fs::weakly_canonical(in_use, ec);
  int removed = 0;
  for (const auto& e : fs::directory_iterator(root(), ec)) {
    if (!e.is_directory()) continue;  // the markers
    const fs::path p = fs::weakly_canonical(e.path(), ec);
    if (p == used || (keep_ready && p == fs::weakly_canonical(*keep_ready, ec))) continue;
    std::error_code rm;
    fs::remove_all(e.path(), rm);
    if (!rm) ++removed;
  }
  return removed;
}

std::string install_pack(const ContentStore& store, const Manifest& m, const std::string& current_dir,
                         const FileFetcher& fetch, const PackValidator& validate) {
  const std::string final_dir = store.dir_for(m.version);
  if (store.ready_version() == m.version && fs::is_directory(final_dir)) return "";
  if (fs::path(current_dir).lexically_normal() == fs::path(final_dir).lexically_normal()) return "";
  std::error_code ec;
  if (!files::make_dirs(store.root(), 0700)) return "cannot create " + store.root();
  const std::string tmp = final_dir + ".tmp";
  fs::remove_all(tmp, ec);
  auto fail = [&](const std::string& why) {
    std::error_code ec2;
    fs::remove_all(tmp, ec2);
    return why;
  };
  if (!fs::create_directories(tmp, ec)) return fail("cannot create " + tmp + ": " + ec.message());
  for (const auto& f : m.files) {
    std::optional<std::string> data;
    if (!current_dir.empty()) {
      auto local = files::read_all(current_dir + "/" + f.path);
      if (local && static_cast<int64_t>(local->size()) == f.size && sha256_hex(*local) == f.sha256) data = std::move(local);
    }
    if (!data) {
      std::string err;
      data = fetch(f.path, &err);
      if (!data) return fail("download of " + f.path + " failed: " + err);
      if (static_cast<int64_t>(data->size()) != f.size)
        return fail("file " + f.path + " has " + std::to_string(data->size()) + " bytes, the manifest says " +
                    std::to_string(f.size));
      if (sha256_hex(*data) != f.sha256) return fail("file " + f.path + " does not match its sha256 in the manifest");
    }
    const std::string target = tmp + "/" + f.path;
    fs::create_directories(fs::path(target).parent_path(), ec);
    if (!files::write_synced(target, *data, 0644)) return fail("cannot write " + target);
  }
  for (auto it = fs::recursive_directory_iterator(tmp, ec); !ec && it != fs::recursive_directory_iterator(); ++it)
    if (it->is_directory()) files::sync_directory(it->path().string());
  files::sync_directory(tmp);
  if (validate) {
    if (auto problem = validate(tmp)) return fail("the new pack does not load: " + *problem);
  }
  fs::remove_all(final_dir, ec);  // a leftover of an earlier, unmarked attempt (never the one in use)
  if (::rename(tmp.c_str(), final_dir.c_str()) != 0) return fail("cannot rename " + tmp + " to " + final_dir);
  files::sync_directory(store.root());
  if (!store.mark_ready(m.version)) return "cannot mark " + final_dir + " ready";
  return "";
}

}  // namespace wk::sync
