#pragma once
// The coach pages' cookies: the login (wk_coach: a random token, HttpOnly), the login form's
// CSRF token before anyone is logged in (wk_login) and the chosen language (wk_lang).
// All are SameSite=Strict on Path=/coach, and Secure under TLS.
#include <httplib.h>

#include <string>

namespace wk::coach {

constexpr const char* kLoginCookie = "wk_coach";
constexpr const char* kLoginFormCookie = "wk_login";
constexpr const char* kLangCookie = "wk_lang";

// The value of cookie `name` in the request; "" when absent.
std::string request_cookie(const httplib::Request& req, const char* name);

void set_login_cookie(httplib::Response& res, const std::string& token, bool tls);
void end_login_cookie(httplib::Response& res, bool tls);
void set_login_form_cookie(httplib::Response& res, const std::string& token, bool tls);
void set_language_cookie(httplib::Response& res, const std::string& lang, bool tls);

}  // namespace wk::coach
