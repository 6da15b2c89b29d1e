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

long LoginThrottle::wait_for(Window& w, int limit, Clock::time_point now) {
  auto& f = w.failures;
  f.erase(std::remove_if(f.begin(), f.end(), [&](auto t) { return now - t >= window_; }), f.end());
  if (static_cast<int>(f.size()) < limit) return 0;
  // Allowed again when enough of the oldest failures have left the window.
  auto until = f[f.size() - static_cast<size_t>(limit)] + window_;
  return std::max<long>(1, std::chrono::duration_cast<std::chrono::seconds>(until - now).count());
}

long LoginThrottle::wait_locked(const std::string& user, const std::string& address, Clock::time_point now) {
  long wait = 0;
  if (auto it = users_.find(user); it != users_.end()) wait = std::max(wait, wait_for(it->second, per_user_, now));
  if (auto it = addresses_.find(address); it != addresses_.end())
    wait = std::max(wait, wait_for(it->second, per_address_, now));
  return wait;
}

void LoginThrottle::record_locked(const std::string& user, const std::string& address, Clock::time_point now) {
  users_[user].failures.push_back(now);
  addresses_[address].failures.push_back(now);
  // Forget names and addresses whose failures have all left the window, so memory stays bounded.
  if (users_.size() + addresses_.size() > 10000)
    for (auto* m : {&users_, &addresses_})
      for (auto it = m->begin(); it != m->end();)
        it = (wait_for(it->second, 1, now) == 0) ? m->erase(it) : std::next(it);
}

long LoginThrottle::retry_after(const std::string& user, const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  return wait_locked(user, address, now);
}

void LoginThrottle::failed(const std::string& user, const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  record_locked(user, address, now);
}

void LoginThrottle::succeeded(const std::string& user) {
  std::lock_guard lock(mu_);
  users_.erase(user);
}

long LoginThrottle::begin_attempt(const std::string& user, const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  if (long wait = wait_locked(user, address, now); wait > 0) return wait;
  record_locked(user, address, now);
  return 0;
}

void LoginThrottle::attempt_passed(const std::string& user, const std::string& address, Clock::time_point started) {
  std::lock_guard lock(mu_);
  for (auto [m, key] : {std::pair{&users_, &user}, std::pair{&addresses_, &address}}) {
    auto it = m->find(*key);
    if (it == m->end()) continue;
    auto& f = it->second.failures;
    if (auto at = std::find(f.begin(), f.end(), started); at != f.end()) f.erase(at);
  }
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
