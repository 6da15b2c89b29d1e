#pragma once
// Answering with a page: a template rendered in the visitor's language with what every page
// shows (languages, the login, the organisation), a message page, a redirect, and the error
// pages for what httplib answers itself (404, 413) and for pages that cannot work (503).
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "coach/site/login_check.h"
#include "coach/site/site.h"

namespace wk::coach {

void page(Site& site, httplib::Response& res, int status, const std::string& name, nlohmann::json view,
          const Visitor& v);

void message_page(Site& site, httplib::Response& res, int status, const Visitor& v, const std::string& title_key,
                  const std::string& text_key, const std::string& extra = "");

// 303 See Other, so a reload never repeats a form.
void redirect(httplib::Response& res, const std::string& to);

// Every page while the content or templates could not be loaded (the reason is in the log).
void unavailable_page(httplib::Response& res);
void unavailable_form(httplib::Response& res, const httplib::ContentReader& reader);

// An error httplib raised itself on a /coach path, rendered as a page; false for other paths.
// 503 (the database cannot be reached: StoreUnavailable) is the page "unavailable".
bool error_page(Site& site, const httplib::Request& req, httplib::Response& res);

}  // namespace wk::coach
