#include "coach_auth.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "server_util.h"

namespace wk::coach {

std::string hash_password(const std::string& password) {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing the password");
  return hash;
}

bool verify_password(const std::string& hash, const std::string& password) {
  // An unknown user is checked against a hash of a random password, so it costs the same time.
  static const std::string dummy = hash_password(server::random_token_hex(16));
  const std::string& h = hash.empty() ? dummy : hash;
  const bool ok = crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
  return ok && !hash.empty();
}

bool same_token(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {
int64_t ms(LoginThrottle::Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
// Whole seconds to wait, at least 1 while any wait is left.
long seconds(int64_t wait_ms) { return wait_ms <= 0 ? 0 : std::max<long>(1, static_cast<long>(wait_ms / 1000)); }
}  // namespace

LoginThrottle::LoginThrottle(server::LoginAttemptStore& store, std::string scope, int per_user, int per_address,
                             std::chrono::seconds window)
    : store_(store),
      rule_{std::move(scope), per_user, per_address,
            std::chrono::duration_cast<std::chrono::milliseconds>(window).count()} {}

long LoginThrottle::retry_after(const std::string& user, const std::string& address, Clock::time_point now) {
  return seconds(store_.attempt_wait(rule_, user, address, ms(now)));
}

void LoginThrottle::failed(const std::string& user, const std::string& address, Clock::time_point now) {
  store_.attempt_failed(rule_, user, address, ms(now));
}

void LoginThrottle::succeeded(const std::string& user) { store_.forget_user_failures(rule_, user); }

long LoginThrottle::begin_attempt(const std::string& user, const std::string& address, Clock::time_point now) {
  return seconds(store_.begin_attempt(rule_, user, address, ms(now)));
}

void LoginThrottle::attempt_passed(const std::string& user, const std::string& address, Clock::time_point started) {
  store_.attempt_passed(rule_, user, address, ms(started));
}

std::string cookie(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    part.erase(0, part.find_first_not_of(' '));
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 && part[name.size()] == '=')
      return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

std::string session_cookie(const std::string& name, const std::string& value, bool secure, long max_age) {
  std::string c = name + "=" + value + "; Path=/coach; HttpOnly; SameSite=Strict";
  if (max_age >= 0) c += "; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

bool utf8_length(const std::string& s, size_t& length) {
  if (!server::valid_utf8(s)) return false;
  length = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++length;
  return true;
}

}  // namespace wk::coach
