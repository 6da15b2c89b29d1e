#pragma once
// CSRF tokens. Every form of a logged-in coach carries its login's token; the login form,
// before there is a login, carries one that is also in a cookie of its own.
#include <httplib.h>

#include <string>

#include "coach/site/login_check.h"
#include "coach/site/site.h"

namespace wk::coach {

// False, with a 403 page sent (and logged), when the form's token is not the login's.
bool check_csrf(Site& site, const httplib::Params& form, httplib::Response& res, const Visitor& v);

// A new token for the login form, also set as its cookie.
std::string new_login_form_token(httplib::Response& res, bool tls);
bool login_form_token_ok(const httplib::Request& req, const httplib::Params& form);

}  // namespace wk::coach
