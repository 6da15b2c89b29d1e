#include "coach/site/csrf.h"

#include "coach/coach_auth.h"
#include "coach/site/cookies.h"
#include "coach/site/form.h"
#include "coach/site/render.h"
#include "server_util.h"

namespace wk::coach {

bool check_csrf(Site& site, const httplib::Params& form, httplib::Response& res, const Visitor& v) {
  if (same_token(field(form, "csrf"), v.login->csrf_token)) return true;
  server::log_event("warn", "coach_csrf_refused", {{"user", v.login->username}});
  message_page(site, res, 403, v, "error.csrf_title", "error.csrf");
  return false;
}

std::string new_login_form_token(httplib::Response& res, bool tls) {
  const std::string token = server::random_token_hex(16);
  set_login_form_cookie(res, token, tls);
  return token;
}

bool login_form_token_ok(const httplib::Request& req, const httplib::Params& form) {
  return same_token(field(form, "csrf"), request_cookie(req, kLoginFormCookie));
}

}  // namespace wk::coach
