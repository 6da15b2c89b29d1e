#pragma once
// Who is asking: the login behind the cookie (looked up, and touched, once per request) and
// the language of the pages; and the check every page makes before it shows anything.
#include <httplib.h>

#include <initializer_list>
#include <optional>
#include <string>

#include "coach/site/site.h"

namespace wk::coach {

struct Visitor {
  std::optional<server::LoginSession> login;
  std::string token_hash;
  std::string lang = "nl";
  std::string path;  // for the language switch to come back to
  bool had_cookie = false;
  bool is(std::initializer_list<const char*> roles) const;
};

Visitor visit(Site& site, const httplib::Request& req);

// True when the visitor is logged in with one of `roles`. Otherwise answers: to the login page
// (ending a stale cookie), or "not for your role" (403), and returns false.
bool require(Site& site, httplib::Response& res, const Visitor& v, std::initializer_list<const char*> roles);

}  // namespace wk::coach
