#pragma once
// Failed logins (and wrong enrollment codes) in a sliding window, kept in the database so that
// every server instance on it counts the same attempts (coach::LoginThrottle asks it).
// Each failure is counted twice: once for the name tried and once for the address it came from.
// Times are milliseconds since 1970 (UTC, the servers' wall clock).
#include <cstdint>
#include <string>

namespace wk::server {

// The limits of one kind of attempt. `scope` keeps kinds apart ("coach_login", "enroll").
struct AttemptRule {
  std::string scope;
  int per_user = 5, per_address = 20;
  int64_t window_ms = 15 * 60 * 1000;
};

class LoginAttemptStore {
 public:
  virtual ~LoginAttemptStore() = default;

  // In one transaction that no other call on the same database interleaves with: forgets the
  // scope's failures that have left the window; when `user` has per_user failures in the window
  // (or `address` per_address), returns the milliseconds until the attempt is allowed again and
  // records nothing; else records a failure at `now_ms` for both and returns 0. So N attempts
  // sent at once, to any instances, check at most the limit. (SQLite: BEGIN IMMEDIATE takes the
  // write lock first. PostgreSQL's READ COMMITTED would let two such transactions count the same
  // rows: take a transaction-scoped lock first, e.g. pg_advisory_xact_lock on the scope.)
  virtual int64_t begin_attempt(const AttemptRule& rule, const std::string& user, const std::string& address,
                                int64_t now_ms) = 0;
  // Takes back the one failure begin_attempt recorded at `started_ms` (the answer was right, or
  // nothing was tried).
  virtual void attempt_passed(const AttemptRule& rule, const std::string& user, const std::string& address,
                              int64_t started_ms) = 0;
  // Milliseconds until an attempt is allowed; 0 now. Records nothing.
  virtual int64_t attempt_wait(const AttemptRule& rule, const std::string& user, const std::string& address,
                               int64_t now_ms) = 0;
  // Records a failure at `now_ms` without a check.
  virtual void attempt_failed(const AttemptRule& rule, const std::string& user, const std::string& address,
                              int64_t now_ms) = 0;
  // Forgets the failures of a name (not of the addresses they came from): a right password.
  virtual void forget_user_failures(const AttemptRule& rule, const std::string& user) = 0;
};

}  // namespace wk::server
