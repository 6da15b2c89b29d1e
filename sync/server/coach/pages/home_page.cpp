#include "coach/pages/pages.h"
#include "coach/site/cookies.h"
#include "coach/site/render.h"
#include "platform/random_ids.h"

namespace wk::coach {

using nlohmann::json;

void HomePage::show(const Request& req, Response& res) {
  Visitor v = visit(site_, req);
  if (!v.login) {
    if (v.had_cookie) end_login_cookie(res, site_.opt.tls);
    return redirect(res, v.had_cookie ? "/coach/login?expired=1" : "/coach/login");
  }
  if (v.login->role == "employer") return redirect(res, "/coach/totals");
  json recent = json::array();
  for (const auto& s : results_.recent_shared(v.login->organisation_id, 15))
    recent.push_back({{"code", s.code},
                      {"display_code", ids::display_code(s.code)},
                      {"received_at", display_time(s.received_at)},
                      {"kiosk_group", s.kiosk_group}});
  json view = {{"recent", recent}, {"show_recent", true}, {"has_recent", !recent.empty()}};
  if (req.has_param("forgotten")) view["notice"] = site_.word(v.lang, "forget.done");
  page(site_, res, 200, "home", view, v);
}

void HomePage::find(const Request& req, Response& res) {
  Visitor v = visit(site_, req);
  if (!require(site_, res, v, {"coach", "admin"})) return;
  const std::string typed = req.get_param_value("code");
  const std::string code = ids::normalise_code(typed);
  if (code.empty()) {
    // Not the shape of a code at all: say how a code looks (this tells nothing about anyone).
    return page(site_, res, 400, "home", {{"bad_code", true}, {"recent", json::array()}, {"show_recent", false}}, v);
  }
  if (participants_.checks_for(v, code).empty()) return participants_.not_found(res, v, code);
  redirect(res, "/coach/participant/" + code);
}

}  // namespace wk::coach
