#pragma once
// Accounts for the coach pages and their logins in a browser.
#include <optional>
#include <string>
#include <vector>

namespace wk::server {

// Roles: "coach" reads shared results of the organisation; "admin" also manages the
// organisation's accounts and kiosks and reads the audit log; "employer" sees only the
// anonymous organisation totals, never one participant.
struct CoachAccount {
  std::string username, organisation_id, organisation_name, password_hash, role, created_at;
  bool disabled = false;
};

// A logged-in browser: the cookie holds a random token, the store keeps only its hash.
struct LoginSession {
  std::string token_hash, username, organisation_id, role, csrf_token, created_at, last_seen_at;
};

class CoachAccountStore {
 public:
  virtual ~CoachAccountStore() = default;

  // role: "coach", "admin" or "employer".
  virtual void create_coach(const std::string& organisation_id, const std::string& username,
                            const std::string& password_hash, const std::string& role) = 0;
  virtual std::optional<CoachAccount> coach(const std::string& username) = 0;
  virtual std::vector<CoachAccount> coaches_of(const std::string& organisation_id) = 0;  // by username
  // False when the account is not in that organisation (an admin cannot touch another's).
  // Disabling an account or setting its password ends its logins.
  virtual bool set_coach_disabled(const std::string& organisation_id, const std::string& username, bool disabled) = 0;
  virtual bool set_coach_password(const std::string& organisation_id, const std::string& username,
                                  const std::string& password_hash) = 0;

  // Login sessions. login() returns the session only if it exists, its account is not
  // disabled, it was seen after `idle_since` and created after `created_since`; it then
  // sets last_seen_at = now. Disabling an account ends its login sessions.
  virtual void create_login(const LoginSession& login) = 0;
  virtual std::optional<LoginSession> login(const std::string& token_hash, const std::string& now,
                                            const std::string& idle_since, const std::string& created_since) = 0;
  virtual void delete_login(const std::string& token_hash) = 0;
};

}  // namespace wk::server
