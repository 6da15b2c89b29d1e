#include <algorithm>

#include "coach/pages/pages.h"
#include "coach/site/cookies.h"
#include "coach/site/csrf.h"
#include "coach/site/form.h"
#include "coach/site/render.h"
#include "ops/metrics.h"
#include "server_util.h"

namespace wk::coach {

using nlohmann::json;

void LoginPage::form(Response& res, int status, const Visitor& v, json view) {
  view["login_csrf"] = new_login_form_token(res, site_.opt.tls);
  page(site_, res, status, "login", std::move(view), v);
}

void LoginPage::show(const Request& req, Response& res) {
  Visitor v = visit(site_, req);
  if (v.login) return redirect(res, "/coach/");
  json view = json::object();
  if (req.has_param("expired")) view["notice"] = site_.word(v.lang, "login.expired");
  if (req.has_param("logged_out")) view["notice"] = site_.word(v.lang, "login.logged_out");
  form(res, 200, v, view);
}

void LoginPage::post(const Request& req, Response& res, const ContentReader& reader) {
  Visitor v = visit(site_, req);
  httplib::Params fields;
  if (!read_form(site_, reader, res, v, fields)) return;
  std::string user = field(fields, "username");
  const std::string password = field(fields, "password");
  std::transform(user.begin(), user.end(), user.begin(), [](unsigned char c) { return std::tolower(c); });
  json view = {{"username", user}};
  if (!login_form_token_ok(req, fields)) {
    view["error"] = site_.word(v.lang, "login.csrf");
    return form(res, 403, v, view);
  }
  const auto now = LoginThrottle::Clock::now();
  std::string address = req.remote_addr;
  if (site_.opt.trust_forwarded_for && req.has_header("X-Forwarded-For")) {
    std::string xff = req.get_header_value("X-Forwarded-For");
    address = xff.substr(xff.find_last_of(',') == std::string::npos ? 0 : xff.find_last_of(',') + 1);
    address.erase(0, address.find_first_not_of(' '));
  }
  // The attempt counts as failed from here on (begin_attempt): parallel guesses check at most the limit.
  if (long wait = throttle_.begin_attempt(user, address, now); wait > 0) {
    server::log_event("warn", "coach_login_throttled", {{"user", user}, {"remote", address}});
    server::metrics().coach_login("throttled");
    res.set_header("Retry-After", std::to_string(wait));
    view["error"] = site_.word(v.lang, "login.throttled");
    view["wait_minutes"] = std::to_string((wait + 59) / 60);
    return form(res, 429, v, view);
  }
  auto account = user.empty() || user.size() > 64 ? std::nullopt : accounts_.coach(user);
  const bool ok = verify_password(account && !account->disabled ? account->password_hash : "", password) &&
                  account && !account->disabled;
  if (!ok) {
    server::log_event("warn", "coach_login_failed", {{"user", user}, {"remote", address}});
    server::metrics().coach_login("failed");
    view["error"] = site_.word(v.lang, "login.wrong");
    return form(res, 401, v, view);
  }
  throttle_.attempt_passed(user, address, now);
  throttle_.succeeded(user);
  if (v.login) accounts_.delete_login(v.token_hash);  // a login that was open in this browser ends here
  const std::string token = server::random_token_hex(32);
  server::LoginSession login;
  login.token_hash = server::blake2b_hex(token);
  login.username = account->username;
  login.organisation_id = account->organisation_id;
  login.role = account->role;
  login.csrf_token = server::random_token_hex(32);
  login.created_at = login.last_seen_at = server::now_iso();
  accounts_.create_login(login);
  audit_.audit(account->organisation_id, account->username, "login", "", server::now_iso());
  server::log_event("info", "coach_login", {{"user", account->username}});
  server::metrics().coach_login("ok");
  set_login_cookie(res, token, site_.opt.tls);
  redirect(res, account->role == "employer" ? "/coach/totals" : "/coach/");
}

void LoginPage::logout(const Request& req, Response& res, const ContentReader& reader) {
  Visitor v = visit(site_, req);
  httplib::Params fields;
  if (!read_form(site_, reader, res, v, fields)) return;
  if (!require(site_, res, v, {"coach", "admin", "employer"})) return;
  if (!check_csrf(site_, fields, res, v)) return;
  accounts_.delete_login(v.token_hash);
  audit_.audit(v.login->organisation_id, v.login->username, "logout", "", server::now_iso());
  end_login_cookie(res, site_.opt.tls);
  redirect(res, "/coach/login?logged_out=1");
}

}  // namespace wk::coach
