#include <algorithm>

#include "store/sqlite_server_store.h"

// LoginAttemptStore on SQLite. BEGIN IMMEDIATE takes the database's write lock before the count,
// so the check and the new failure are one step for every process on the file.

namespace wk::server {

int64_t SqliteServerStore::attempt_wait_locked(const AttemptRule& rule, const std::string& user,
                                               const std::string& address, int64_t now_ms) {
  int64_t wait = 0;
  for (const auto& [kind, name, limit] :
       {std::tuple{"user", &user, rule.per_user}, std::tuple{"address", &address, rule.per_address}}) {
    // Allowed again when the limit-th newest failure in the window leaves it.
    auto s = db_->prepare(
        "SELECT at_ms FROM login_failures WHERE scope = ? AND kind = ? AND name = ? AND at_ms > ? "
        "ORDER BY at_ms DESC LIMIT 1 OFFSET ?");
    s.bind(1, rule.scope).bind(2, std::string(kind)).bind(3, *name).bind(4, now_ms - rule.window_ms);
    s.bind(5, static_cast<int64_t>(std::max(1, limit) - 1));
    if (s.step()) wait = std::max(wait, s.int64(0) + rule.window_ms - now_ms);
  }
  return wait;
}

void SqliteServerStore::record_failure_locked(const AttemptRule& rule, const std::string& user,
                                              const std::string& address, int64_t now_ms) {
  // Failures that have left the window are forgotten here, so the table stays small.
  db_->prepare("DELETE FROM login_failures WHERE scope = ? AND at_ms <= ?")
      .bind(1, rule.scope)
      .bind(2, now_ms - rule.window_ms)
      .run();
  for (const auto& [kind, name] : {std::pair{"user", &user}, std::pair{"address", &address}})
    db_->prepare("INSERT INTO login_failures(scope, kind, name, at_ms) VALUES (?, ?, ?, ?)")
        .bind(1, rule.scope)
        .bind(2, std::string(kind))
        .bind(3, *name)
        .bind(4, now_ms)
        .run();
}

int64_t SqliteServerStore::begin_attempt(const AttemptRule& rule, const std::string& user, const std::string& address,
                                         int64_t now_ms) try {
  std::lock_guard lock(mu_);
  int64_t wait = 0;
  db_->transaction([&] {
    wait = attempt_wait_locked(rule, user, address, now_ms);
    if (wait == 0) record_failure_locked(rule, user, address, now_ms);
  });
  return wait;
} catch (const DbError& e) {
  store_error(e);
}

void SqliteServerStore::attempt_passed(const AttemptRule& rule, const std::string& user, const std::string& address,
                                       int64_t started_ms) try {
  std::lock_guard lock(mu_);
  db_->transaction([&] {
    for (const auto& [kind, name] : {std::pair{"user", &user}, std::pair{"address", &address}})
      db_->prepare(
             "DELETE FROM login_failures WHERE id = (SELECT MIN(id) FROM login_failures "
             "WHERE scope = ? AND kind = ? AND name = ? AND at_ms = ?)")
          .bind(1, rule.scope)
          .bind(2, std::string(kind))
          .bind(3, *name)
          .bind(4, started_ms)
          .run();
  });
} catch (const DbError& e) {
  store_error(e);
}

int64_t SqliteServerStore::attempt_wait(const AttemptRule& rule, const std::string& user, const std::string& address,
                                        int64_t now_ms) try {
  std::lock_guard lock(mu_);
  return attempt_wait_locked(rule, user, address, now_ms);
} catch (const DbError& e) {
  store_error(e);
}

void SqliteServerStore::attempt_failed(const AttemptRule& rule, const std::string& user, const std::string& address,
                                       int64_t now_ms) try {
  std::lock_guard lock(mu_);
  db_->transaction([&] { record_failure_locked(rule, user, address, now_ms); });
} catch (const DbError& e) {
  store_error(e);
}

void SqliteServerStore::forget_user_failures(const AttemptRule& rule, const std::string& user) try {
  std::lock_guard lock(mu_);
  db_->prepare("DELETE FROM login_failures WHERE scope = ? AND kind = 'user' AND name = ?")
      .bind(1, rule.scope)
      .bind(2, user)
      .run();
} catch (const DbError& e) {
  store_error(e);
}

}  // namespace wk::server
