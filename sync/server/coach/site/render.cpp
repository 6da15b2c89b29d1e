#include "coach/site/render.h"

#include "coach/site/cookies.h"
#include "coach/site/security_headers.h"

namespace wk::coach {

using nlohmann::json;

namespace {

json common(Site& site, const Visitor& v) {
  json c;
  c["lang"] = v.lang;
  c["back"] = v.path;
  json langs = json::array();
  for (const auto& l : site.templates->languages())
    langs.push_back({{"code", l}, {"name", site.word(l, "lang.name")}, {"current", l == v.lang}});
  c["languages"] = langs;
  if (v.login) {
    c["me"] = {{"username", v.login->username},
               {"role", site.word(v.lang, "role." + v.login->role)},
               {"is_admin", v.login->role == "admin"},
               {"sees_results", v.login->role != "employer"}};
    c["csrf"] = v.login->csrf_token;
    if (auto org = site.organisations.organisation(v.login->organisation_id)) c["organisation"] = org->name;
  }
  return c;
}

}  // namespace

void page(Site& site, httplib::Response& res, int status, const std::string& name, json view, const Visitor& v) {
  json c = common(site, v);
  for (auto& [k, val] : c.items())
    if (!view.contains(k)) view[k] = val;
  res.status = status;
  security_headers(res);
  res.set_content(site.templates->render(name, std::move(view), v.lang), "text/html; charset=utf-8");
}

void message_page(Site& site, httplib::Response& res, int status, const Visitor& v, const std::string& title_key,
                  const std::string& text_key, const std::string& extra) {
  page(site, res, status, "message",
       {{"title", site.word(v.lang, title_key)}, {"text", site.word(v.lang, text_key)}, {"extra", extra}}, v);
}

void redirect(httplib::Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
  security_headers(res);
}

void unavailable_page(httplib::Response& res) {
  res.status = 503;
  security_headers(res);
  res.set_content("<!doctype html><meta charset=utf-8><title>werkcheck</title><p>De coachpagina's werken nu "
                  "niet. Vraag de beheerder om de log te bekijken. / The coach pages are not available; ask "
                  "the administrator to check the log.</p>",
                  "text/html; charset=utf-8");
}

void unavailable_form(httplib::Response& res, const httplib::ContentReader& reader) {
  reader([](const char*, size_t) { return true; });
  res.status = 503;
  res.set_content("The coach pages are not available; see the server log.", "text/plain");
}

bool error_page(Site& site, const httplib::Request& req, httplib::Response& res) {
  if (req.path.rfind("/coach", 0) != 0) return false;
  if (!res.body.empty()) return true;
  if (!site.templates) {
    res.set_content("The coach pages are not available; see the server log.", "text/plain");
    return true;
  }
  Visitor v;
  const std::string lang = request_cookie(req, kLangCookie);
  if (site.templates->has_language(lang)) v.lang = lang;
  const int status = res.status;
  try {
    if (status == 404) message_page(site, res, 404, v, "error.no_page_title", "error.no_page");
    else if (status == 413) message_page(site, res, 413, v, "error.too_big_title", "error.too_big");
    else if (status == 503) page(site, res, 503, "unavailable", nlohmann::json::object(), v);  // the database
    else if (status >= 500) message_page(site, res, status, v, "error.server_title", "error.server");
    else message_page(site, res, status, v, "error.bad_request_title", "error.bad_request");
  } catch (const std::exception&) {
    res.set_content("error", "text/plain");
  }
  return true;
}

}  // namespace wk::coach
