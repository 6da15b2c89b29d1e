#include "coach/site/cookies.h"

#include "coach/coach_auth.h"

namespace wk::coach {

std::string request_cookie(const httplib::Request& req, const char* name) {
  return cookie(req.get_header_value("Cookie"), name);
}

void set_login_cookie(httplib::Response& res, const std::string& token, bool tls) {
  res.set_header("Set-Cookie", session_cookie(kLoginCookie, token, tls));
}

void end_login_cookie(httplib::Response& res, bool tls) {
  res.set_header("Set-Cookie", session_cookie(kLoginCookie, "", tls, 0));
}

void set_login_form_cookie(httplib::Response& res, const std::string& token, bool tls) {
  res.set_header("Set-Cookie", session_cookie(kLoginFormCookie, token, tls));
}

void set_language_cookie(httplib::Response& res, const std::string& lang, bool tls) {
  res.set_header("Set-Cookie", std::string(kLangCookie) + "=" + lang + "; Path=/coach; SameSite=Strict; Max-Age=31536000" +
                                   (tls ? "; Secure" : ""));
}

}  // namespace wk::coach
