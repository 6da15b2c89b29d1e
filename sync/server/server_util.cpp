#include "server_util.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace wk::server {

std::string to_hex(const std::string& bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  out.pop_back();
  return out;
}

std::string to_base64(const std::string& bytes) {
  size_t len = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(len, '\0');
  sodium_bin2base64(out.data(), len, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(len - 1);
  return out;
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return to_hex(std::string(reinterpret_cast<char*>(h), sizeof h));
}

std::string blake2b_hex(const std::string& bytes) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  return to_hex(std::string(reinterpret_cast<char*>(h), sizeof h));
}

std::string random_token_hex(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return to_hex(raw);
}

namespace {
// No 0/O, 1/I/L, U/V: easy to read aloud and type on a keypad.
constexpr const char* kEnrollAlphabet = "ABCDEFGHJKMNPQRSTWXYZ";
}

std::string new_enrollment_code() {
  std::string out;
  const uint32_t n = static_cast<uint32_t>(std::char_traits<char>::length(kEnrollAlphabet));
  for (int i = 0; i < 12; ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += kEnrollAlphabet[randombytes_uniform(n)];
  }
  return out;  // 21^12, about 53 bits; single use and expiring
}

std::string normalise_enrollment_code(const std::string& typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out += c;
  }
  return out;
}

static std::string format_time(std::chrono::system_clock::time_point tp) {
  auto secs = std::chrono::system_clock::to_time_t(tp);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(tp.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

std::string now_iso() { return format_time(std::chrono::system_clock::now()); }

std::string iso_after_days(int days) {
  return format_time(std::chrono::system_clock::now() + std::chrono::hours(24) * days);
}

std::string iso_after_seconds(long long seconds) {
  return format_time(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
}

bool valid_utf8(const std::string& s, size_t* bad_offset) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    if (i + len > n) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) {
        if (bad_offset) *bad_offset = i;
        return false;
      }
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

std::string SigningKey::sign(const std::string& message) const {
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(secret_key.data()));
  return std::string(reinterpret_cast<char*>(sig), sizeof sig);
}

std::string key_path_for_db(const std::string& db_path) { return db_path + ".signing-key"; }

SigningKey signing_key_from_hex(std::string hex, const std::string& where) {
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.pop_back();
  std::string sk(crypto_sign_SECRETKEYBYTES, '\0');
  size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(sk.data()), sk.size(), hex.data(), hex.size(), nullptr, &len,
                     nullptr) != 0 ||
      len != crypto_sign_SECRETKEYBYTES)
    throw std::runtime_error(where + " is damaged (expected " + std::to_string(crypto_sign_SECRETKEYBYTES * 2) +
                             " hex characters)");
  SigningKey k;
  k.secret_key = sk;
  k.public_key.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(k.public_key.data()),
                               reinterpret_cast<const unsigned char*>(sk.data()));
  return k;
}

SigningKey new_signing_key() {
  SigningKey k;
  k.public_key.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  k.secret_key.assign(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(k.public_key.data()),
                      reinterpret_cast<unsigned char*>(k.secret_key.data()));
  return k;
}

SigningKey load_or_create_signing_key(const std::string& path, bool create) {
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::string hex((std::istreambuf_iterator<char>(in)), {});
    struct stat st{};
    if (stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
      log_event("warn", "signing_key_permissions", {{"path", path}, {"advice", "chmod 600 the key file"}});
    return signing_key_from_hex(std::move(hex), "signing key file " + path);
  }
  if (!create) throw std::runtime_error("no signing key file at " + path);
  SigningKey k = new_signing_key();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create signing key file " + path);
  std::string hex = to_hex(k.secret_key) + "\n";
  bool ok = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write signing key file " + path);
  log_event("info", "signing_key_created", {{"path", path}, {"public_key", to_base64(k.public_key)}});
  return k;
}

void log_event(const char* level, const std::string& event, nlohmann::json fields) {
  static std::mutex mu;
  nlohmann::json line = {{"time", now_iso()}, {"level", level}, {"event", event}};
  line["fields"] = fields.is_object() ? std::move(fields) : nlohmann::json::object();
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard lock(mu);
  (void)!::write(2, text.data(), text.size());
}

}  // namespace wk::server
