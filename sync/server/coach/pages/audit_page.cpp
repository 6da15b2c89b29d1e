#include <algorithm>

#include "coach/pages/pages.h"
#include "coach/site/render.h"
#include "platform/random_ids.h"

namespace wk::coach {

using nlohmann::json;

void AuditPage::show(const Request& req, Response& res) {
  Visitor v = visit(site_, req);
  if (!require(site_, res, v, {"admin"})) return;
  int page_no = 0;
  try {
    page_no = std::clamp(std::stoi(req.get_param_value("page").empty() ? "0" : req.get_param_value("page")), 0,
                         100000);
  } catch (...) {
  }
  constexpr int kPerPage = 100;
  json rows = json::array();
  auto entries = audit_.audit_log(v.login->organisation_id, kPerPage + 1, page_no * kPerPage);
  for (size_t i = 0; i < entries.size() && i < static_cast<size_t>(kPerPage); ++i) {
    const auto& e = entries[i];
    // "view" -> "uitslag bekeken"; admin actions keep their detail ("create_account coach-x (coach)").
    const std::string verb = e.action.substr(0, e.action.find(' '));
    const std::string word = site_.word(v.lang, "audit.action." + verb);
    const bool known = word != "audit.action." + verb;
    rows.push_back({{"at", display_time(e.at)},
                    {"username", e.username},
                    {"action", known ? word + e.action.substr(verb.size()) : e.action},
                    {"code", e.code.empty() ? "" : ids::display_code(e.code)}});
  }
  json view = {{"entries", rows}, {"page", page_no + 1}};
  if (entries.size() > static_cast<size_t>(kPerPage)) view["next_page"] = std::to_string(page_no + 1);
  if (page_no > 0) view["prev_page"] = std::to_string(page_no - 1);
  page(site_, res, 200, "audit", view, v);
}

}  // namespace wk::coach
