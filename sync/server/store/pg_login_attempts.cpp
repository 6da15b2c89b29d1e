#include <algorithm>
#include <tuple>

#include "store/pg_server_store.h"

// LoginAttemptStore on PostgreSQL. READ COMMITTED would let two transactions count the same rows
// and both record a failure past the limit: each transaction first takes an advisory lock on the
// scope, so the check and the new failure are one step for every instance.

namespace wk::server {

namespace {

void lock_scope(pg::Connection& c, const std::string& scope) {
  c.exec("SELECT pg_advisory_xact_lock(hashtext('werkcheck login_failures ' || $1))", {scope});
}

int64_t wait_ms(pg::Connection& c, const AttemptRule& rule, const std::string& user, const std::string& address,
                int64_t now_ms) {
  int64_t wait = 0;
  for (const auto& [kind, name, limit] :
       {std::tuple{"user", &user, rule.per_user}, std::tuple{"address", &address, rule.per_address}}) {
    // Allowed again when the limit-th newest failure in the window leaves it.
    auto r = c.exec(
        "SELECT at_ms FROM login_failures WHERE scope = $1 AND kind = $2 AND name = $3 AND at_ms > $4 "
        "ORDER BY at_ms DESC LIMIT 1 OFFSET $5",
        {rule.scope, kind, *name, now_ms - rule.window_ms, int64_t{std::max(1, limit) - 1}});
    if (r.rows() > 0) wait = std::max(wait, r.int64(0, 0) + rule.window_ms - now_ms);
  }
  return wait;
}

void record_failure(pg::Connection& c, const AttemptRule& rule, const std::string& user, const std::string& address,
                    int64_t now_ms) {
  c.exec("DELETE FROM login_failures WHERE scope = $1 AND at_ms <= $2", {rule.scope, now_ms - rule.window_ms});
  c.exec("INSERT INTO login_failures(scope, kind, name, at_ms) VALUES ($1, 'user', $2, $3), ($1, 'address', $4, $3)",
         {rule.scope, user, now_ms, address});
}

}  // namespace

int64_t PgServerStore::begin_attempt(const AttemptRule& rule, const std::string& user, const std::string& address,
                                     int64_t now_ms) {
  int64_t wait = 0;
  pool_.transaction([&](pg::Connection& c) {
    lock_scope(c, rule.scope);
    wait = wait_ms(c, rule, user, address, now_ms);
    if (wait == 0) record_failure(c, rule, user, address, now_ms);
  });
  return wait;
}

void PgServerStore::attempt_passed(const AttemptRule& rule, const std::string& user, const std::string& address,
                                   int64_t started_ms) {
  pool_.transaction([&](pg::Connection& c) {
    for (const auto& [kind, name] : {std::pair{"user", &user}, std::pair{"address", &address}})
      c.exec(
          "DELETE FROM login_failures WHERE id = (SELECT min(id) FROM login_failures "
          "WHERE scope = $1 AND kind = $2 AND name = $3 AND at_ms = $4)",
          {rule.scope, kind, *name, started_ms});
  });
}

int64_t PgServerStore::attempt_wait(const AttemptRule& rule, const std::string& user, const std::string& address,
                                    int64_t now_ms) {
  return pool_.with([&](pg::Connection& c) { return wait_ms(c, rule, user, address, now_ms); });
}

void PgServerStore::attempt_failed(const AttemptRule& rule, const std::string& user, const std::string& address,
                                   int64_t now_ms) {
  pool_.transaction([&](pg::Connection& c) {
    lock_scope(c, rule.scope);
    record_failure(c, rule, user, address, now_ms);
  });
}

void PgServerStore::forget_user_failures(const AttemptRule& rule, const std::string& user) {
  pool_.with([&](pg::Connection& c) {
    c.exec("DELETE FROM login_failures WHERE scope = $1 AND kind = 'user' AND name = $2", {rule.scope, user});
  });
}

}  // namespace wk::server
