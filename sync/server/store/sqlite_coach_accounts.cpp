#include "store/sqlite_server_store.h"

// CoachAccountStore on SQLite.

namespace wk::server {

namespace {

constexpr const char* kCoachColumns =
    "SELECT c.username, c.organisation_id, o.name, c.password_hash, c.role, c.created_at, c.disabled "
    "FROM coaches c JOIN organisations o ON o.id = c.organisation_id";

CoachAccount read_coach(Statement& s) {
  CoachAccount c;
  c.username = s.text(0);
  c.organisation_id = s.text(1);
  c.organisation_name = s.text(2);
  c.password_hash = s.text(3);
  c.role = s.text(4);
  c.created_at = s.text(5);
  c.disabled = s.int64(6) != 0;
  return c;
}

}  // namespace

void SqliteServerStore::create_coach(const std::string& organisation_id, const std::string& username,
                                     const std::string& password_hash, const std::string& role) try {
  std::lock_guard lock(mu_);
  db_->prepare("INSERT INTO coaches(username, organisation_id, password_hash, role) VALUES (?, ?, ?, ?)")
      .bind(1, username)
      .bind(2, organisation_id)
      .bind(3, password_hash)
      .bind(4, role)
      .run();
} catch (const DbError& e) {
  store_error(e);
}

std::optional<CoachAccount> SqliteServerStore::coach(const std::string& username) try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(std::string(kCoachColumns) + " WHERE c.username = ?");
  s.bind(1, username);
  if (!s.step()) return std::nullopt;
  return read_coach(s);
} catch (const DbError& e) {
  store_error(e);
}

std::vector<CoachAccount> SqliteServerStore::coaches_of(const std::string& organisation_id) try {
  std::lock_guard lock(mu_);
  auto s = db_->prepare(std::string(kCoachColumns) + " WHERE c.organisation_id = ? ORDER BY c.username");
  s.bind(1, organisation_id);
  std::vector<CoachAccount> out;
  while (s.step()) out.push_back(read_coach(s));
  return out;
} catch (const DbError& e) {
  store_error(e);
}

bool SqliteServerStore::set_coach_disabled(const std::string& organisation_id, const std::string& username,
                                           bool disabled) try {
  std::lock_guard lock(mu_);
  bool changed = false;
  db_->transaction([&] {
    db_->prepare("UPDATE coaches SET disabled = ? WHERE username = ? AND organisation_id = ?")
        .bind(1, int64_t{disabled ? 1 : 0})
        .bind(2, username)
        .bind(3, organisation_id)
        .run();
    changed = sqlite3_changes(db_->handle()) > 0;
    if (changed && disabled) db_->prepare("DELETE FROM login_sessions WHERE username = ?").bind(1, username).run();
  });
  return changed;
} catch (const DbError& e) {
  store_error(e);
}

bool SqliteServerStore::set_coach_password(const std::string& organisation_id, const std::string& username,
                                           const std::string& password_hash) try {
  std::lock_guard lock(mu_);
  bool changed = false;
  db_->transaction([&] {
    db_->prepare("UPDATE coaches SET password_hash = ? WHERE username = ? AND organisation_id = ?")
        .bind(1, password_hash)
        .bind(2, username)
        .bind(3, organisation_id)
        .run();
    changed = sqlite3_changes(db_->handle()) > 0;
    // A new password ends every login made with the old one.
    if (changed) db_->prepare("DELETE FROM login_sessions WHERE username = ?").bind(1, username).run();
  });
  return changed;
} catch (const DbError& e) {
  store_error(e);
}

void SqliteServerStore::create_login(const LoginSession& login) try {
  std::lock_guard lock(mu_);
  db_->prepare(
         "INSERT INTO login_sessions(token_hash, username, csrf_token, created_at, last_seen_at) "
         "VALUES (?, ?, ?, ?, ?)")
      .bind(1, login.token_hash)
      .bind(2, login.username)
      .bind(3, login.csrf_token)
      .bind(4, login.created_at)
      .bind(5, login.last_seen_at)
      .run();
} catch (const DbError& e) {
  store_error(e);
}

std::optional<LoginSession> SqliteServerStore::login(const std::string& token_hash, const std::string& now,
                                                     const std::string& idle_since,
                                                     const std::string& created_since) try {
  std::lock_guard lock(mu_);
  std::optional<LoginSession> out;
  db_->transaction([&] {
    auto s = db_->prepare(
        "SELECT l.token_hash, l.username, c.organisation_id, c.role, l.csrf_token, l.created_at, l.last_seen_at, "
        "c.disabled FROM login_sessions l JOIN coaches c ON c.username = l.username WHERE l.token_hash = ?");
    s.bind(1, token_hash);
    if (!s.step()) return;
    LoginSession l{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)};
    bool disabled = s.int64(7) != 0;
    if (disabled || l.last_seen_at <= idle_since || l.created_at <= created_since) {
      // An ended login never comes back (not even when the idle limit is raised later).
      db_->prepare("DELETE FROM login_sessions WHERE token_hash = ?").bind(1, token_hash).run();
      return;
    }
    db_->prepare("UPDATE login_sessions SET last_seen_at = ? WHERE token_hash = ?")
        .bind(1, now)
        .bind(2, token_hash)
        .run();
    l.last_seen_at = now;
    out = std::move(l);
  });
  return out;
} catch (const DbError& e) {
  store_error(e);
}

void SqliteServerStore::delete_login(const std::string& token_hash) try {
  std::lock_guard lock(mu_);
  db_->prepare("DELETE FROM login_sessions WHERE token_hash = ?").bind(1, token_hash).run();
} catch (const DbError& e) {
  store_error(e);
}

}  // namespace wk::server
