#include <algorithm>

#include "coach/org_totals.h"
#include "coach/pages/pages.h"
#include "coach/site/render.h"
#include "server_util.h"

namespace wk::coach {

using nlohmann::json;

void TotalsPage::show(const Request& req, Response& res) {
  Visitor v = visit(site_, req);
  if (!require(site_, res, v, {"coach", "admin", "employer"})) return;
  const std::string org = v.login->organisation_id;
  const std::string group = req.get_param_value("group");
  const auto quarters = ended_quarters(server::now_iso().substr(0, 10), 8);
  const std::string wanted = req.get_param_value("quarter").empty() ? quarters.front().id()
                                                                     : req.get_param_value("quarter");
  auto quarter_name = [&](const Quarter& q) {
    return site_.word(v.lang, "totals.q") + std::to_string(q.number) + " " + std::to_string(q.year);
  };
  auto groups = totals_.kiosk_groups(org);
  json view = {{"group", group}, {"all_groups", group.empty()}};
  json group_list = json::array(), quarter_list = json::array();
  for (const auto& g : groups) group_list.push_back({{"name", g}, {"selected", g == group}});
  for (const auto& q : quarters) quarter_list.push_back({{"id", q.id()}, {"name", quarter_name(q)}, {"selected", q.id() == wanted}});
  view["groups"] = group_list;
  view["quarters"] = quarter_list;
  auto q = parse_quarter(wanted);
  const bool ended = q && q->until() <= server::now_iso().substr(0, 10);
  if (!ended) {
    view["error"] = site_.word(v.lang, "totals.bad_period");
    return page(site_, res, 400, "totals", view, v);
  }
  if (!group.empty() && std::find(groups.begin(), groups.end(), group) == groups.end()) {
    view["error"] = site_.word(v.lang, "totals.bad_group");
    return page(site_, res, 400, "totals", view, v);
  }
  TotalsBuilder totals(*site_.content, v.lang);
  std::vector<std::string> group_of_each;
  for (const auto& s : totals_.sessions_for_totals(org, group, q->from(), q->until())) {
    json j = json::parse(s.session_json, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    totals.add(j);
    group_of_each.push_back(s.kiosk_group);
  }
  if (group.empty() && !every_group_large_enough(group_of_each)) {
    view["totals"] = {{"too_few", true}, {"small_group", true}, {"min", std::to_string(kMinChecks)}};
  } else {
    view["totals"] = totals.result();
  }
  view["period"] = quarter_name(*q) + " (" + display_time(q->from() + "T12:00").substr(0, 10) + " – " +
                   display_time(q->last() + "T12:00").substr(0, 10) + ")";
  audit_.audit(org, v.login->username, "totals", "", server::now_iso());
  page(site_, res, 200, "totals", view, v);
}

}  // namespace wk::coach
