#include "coach/site/login_check.h"

#include "coach/site/cookies.h"
#include "coach/site/render.h"
#include "server_util.h"

namespace wk::coach {

bool Visitor::is(std::initializer_list<const char*> roles) const {
  if (!login) return false;
  for (const char* r : roles)
    if (login->role == r) return true;
  return false;
}

Visitor visit(Site& site, const httplib::Request& req) {
  Visitor v;
  v.path = req.path;
  std::string lang = request_cookie(req, kLangCookie);
  if (site.templates && site.templates->has_language(lang)) v.lang = lang;
  std::string token = request_cookie(req, kLoginCookie);
  if (!token.empty()) {
    v.had_cookie = true;
    if (token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos) {
      v.token_hash = server::blake2b_hex(token);
      v.login = site.accounts.login(v.token_hash, server::now_iso(), server::iso_after_seconds(-site.opt.idle_seconds),
                                    server::iso_after_seconds(-site.opt.max_login_seconds));
    }
  }
  return v;
}

bool require(Site& site, httplib::Response& res, const Visitor& v, std::initializer_list<const char*> roles) {
  if (!v.login) {
    if (v.had_cookie) end_login_cookie(res, site.opt.tls);
    redirect(res, v.had_cookie ? "/coach/login?expired=1" : "/coach/login");
    return false;
  }
  if (!v.is(roles)) {
    message_page(site, res, 403, v, "error.forbidden_title", "error.forbidden");
    return false;
  }
  return true;
}

}  // namespace wk::coach
