#include "coach/pages/pages.h"
#include "coach/site/render.h"
#include "server_util.h"

namespace wk::coach {

// The result laid out for paper: the same view as the participant page, audited as "print".
void PrintPage::show(const Request& req, Response& res) {
  Visitor v = visit(site_, req);
  if (!require(site_, res, v, {"coach", "admin"})) return;
  const std::string code = Participants::code_of(req);
  auto checks = participants_.checks_for(v, code);
  if (checks.empty()) return participants_.not_found(res, v, code);
  nlohmann::json view = participants_.result_view(v, code, checks, "print");
  view["printed_at"] = display_time(server::now_iso());
  page(site_, res, 200, "print", std::move(view), v);
}

}  // namespace wk::coach
