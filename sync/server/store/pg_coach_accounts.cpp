#include "store/pg_server_store.h"

// CoachAccountStore on PostgreSQL. Logins live in the database, so a login made through one
// server instance is valid on every other, and disabling an account ends it everywhere.

namespace wk::server {

namespace {

constexpr const char* kCoachColumns =
    "SELECT c.username, c.organisation_id, o.name, c.password_hash, c.role, c.created_at, c.disabled "
    "FROM coaches c JOIN organisations o ON o.id = c.organisation_id";

CoachAccount read_coach(const pg::Result& r, int i) {
  return {r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5), r.boolean(i, 6)};
}

}  // namespace

void PgServerStore::create_coach(const std::string& organisation_id, const std::string& username,
                                 const std::string& password_hash, const std::string& role) {
  pool_.with([&](pg::Connection& c) {
    c.exec("INSERT INTO coaches(username, organisation_id, password_hash, role) VALUES ($1, $2, $3, $4)",
           {username, organisation_id, password_hash, role});
  });
}

std::optional<CoachAccount> PgServerStore::coach(const std::string& username) {
  return pool_.with([&](pg::Connection& c) -> std::optional<CoachAccount> {
    auto r = c.exec(std::string(kCoachColumns) + " WHERE c.username = $1", {username});
    if (r.rows() == 0) return std::nullopt;
    return read_coach(r, 0);
  });
}

std::vector<CoachAccount> PgServerStore::coaches_of(const std::string& organisation_id) {
  return pool_.with([&](pg::Connection& c) {
    auto r = c.exec(std::string(kCoachColumns) + " WHERE c.organisation_id = $1 ORDER BY c.username", {organisation_id});
    std::vector<CoachAccount> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_coach(r, i));
    return out;
  });
}

bool PgServerStore::set_coach_disabled(const std::string& organisation_id, const std::string& username,
                                       bool disabled) {
  bool changed = false;
  pool_.transaction([&](pg::Connection& c) {
    changed = c.exec("UPDATE coaches SET disabled = $1 WHERE username = $2 AND organisation_id = $3",
                     {disabled, username, organisation_id})
                  .affected() > 0;
    if (changed && disabled) c.exec("DELETE FROM login_sessions WHERE username = $1", {username});
  });
  return changed;
}

bool PgServerStore::set_coach_password(const std::string& organisation_id, const std::string& username,
                                       const std::string& password_hash) {
  bool changed = false;
  pool_.transaction([&](pg::Connection& c) {
    changed = c.exec("UPDATE coaches SET password_hash = $1 WHERE username = $2 AND organisation_id = $3",
                     {password_hash, username, organisation_id})
                  .affected() > 0;
    // A new password ends every login made with the old one.
    if (changed) c.exec("DELETE FROM login_sessions WHERE username = $1", {username});
  });
  return changed;
}

void PgServerStore::create_login(const LoginSession& login) {
  pool_.with([&](pg::Connection& c) {
    c.exec(
        "INSERT INTO login_sessions(token_hash, username, csrf_token, created_at, last_seen_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        {login.token_hash, login.username, login.csrf_token, login.created_at, login.last_seen_at});
  });
}

std::optional<LoginSession> PgServerStore::login(const std::string& token_hash, const std::string& now,
                                                 const std::string& idle_since, const std::string& created_since) {
  std::optional<LoginSession> out;
  pool_.transaction([&](pg::Connection& c) {
    // FOR UPDATE: a disable or logout on another instance waits for this check, or this for it.
    auto r = c.exec(
        "SELECT l.token_hash, l.username, c.organisation_id, c.role, l.csrf_token, l.created_at, l.last_seen_at, "
        "c.disabled FROM login_sessions l JOIN coaches c ON c.username = l.username WHERE l.token_hash = $1 "
        "FOR UPDATE OF l",
        {token_hash});
    if (r.rows() == 0) return;
    LoginSession l{r.text(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3), r.text(0, 4), r.text(0, 5), r.text(0, 6)};
    if (r.boolean(0, 7) || l.last_seen_at <= idle_since || l.created_at <= created_since) {
      // An ended login never comes back (not even when the idle limit is raised later).
      c.exec("DELETE FROM login_sessions WHERE token_hash = $1", {token_hash});
      return;
    }
    c.exec("UPDATE login_sessions SET last_seen_at = $1 WHERE token_hash = $2", {now, token_hash});
    l.last_seen_at = now;
    out = std::move(l);
  });
  return out;
}

void PgServerStore::delete_login(const std::string& token_hash) {
  pool_.with([&](pg::Connection& c) { c.exec("DELETE FROM login_sessions WHERE token_hash = $1", {token_hash}); });
}

}  // namespace wk::server
