#pragma once
// Passwords, login attempts and the small pieces of HTTP that keep a coach's login safe.
#include <chrono>
#include <string>

#include "store/login_attempt_store.h"

namespace wk::coach {

// argon2id through libsodium (crypto_pwhash_str, interactive limits). Throws on out-of-memory.
std::string hash_password(const std::string& password);
// Constant work whether or not `hash` is empty: an unknown user name takes as long as a wrong password.
bool verify_password(const std::string& hash, const std::string& password);
// Constant-time comparison of two tokens.
bool same_token(const std::string& a, const std::string& b);

// Failed logins in a sliding window, per user name and per address. After `per_user` failures
// for one name (or `per_address` from one address) every attempt is refused, the right password
// too, until the oldest failure leaves the window: guessing a password takes years, and the
// owner of the name is locked out for minutes, not for ever. The failures are kept in the
// database (server::LoginAttemptStore), so every server instance on it counts them together;
// `scope` keeps kinds of attempt apart ("coach_login", "enroll").
class LoginThrottle {
 public:
  using Clock = std::chrono::system_clock;  // wall clock: the instances share it through the database
  LoginThrottle(server::LoginAttemptStore& store, std::string scope, int per_user = 5, int per_address = 20,
                std::chrono::seconds window = std::chrono::minutes(15));

  // Seconds until an attempt is allowed again; 0 when it is allowed now.
  long retry_after(const std::string& user, const std::string& address, Clock::time_point now);
  void failed(const std::string& user, const std::string& address, Clock::time_point now);
  void succeeded(const std::string& user);

  // The check and the failure in one step, in one transaction: when the attempt is allowed (0 is
  // returned) a failure is recorded at once, before the password or code is checked, so that N
  // attempts sent in parallel (to any instance) check at most the limit. A right answer then
  // takes it back with attempt_passed(), with the same `now`.
  long begin_attempt(const std::string& user, const std::string& address, Clock::time_point now);
  void attempt_passed(const std::string& user, const std::string& address, Clock::time_point started);

 private:
  server::LoginAttemptStore& store_;
  server::AttemptRule rule_;
};

// "a=1; wk_coach=abc" -> "abc" for name "wk_coach"; "" when absent.
std::string cookie(const std::string& cookie_header, const std::string& name);
// Set-Cookie value for the login: HttpOnly, SameSite=Strict, Path=/coach, Secure under TLS.
std::string session_cookie(const std::string& name, const std::string& value, bool secure, long max_age = -1);

// Counts code points; false when `s` is not valid UTF-8.
bool utf8_length(const std::string& s, size_t& length);

}  // namespace wk::coach
