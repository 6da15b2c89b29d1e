#include <regex>

#include "coach/pages/pages.h"
#include "coach/site/cookies.h"
#include "coach/site/render.h"

namespace wk::coach {

void LanguageSwitch::show(const Request& req, Response& res) {
  std::string to = req.get_param_value("to"), back = req.get_param_value("back");
  // Only back to a page of our own: no open redirect.
  static const std::regex back_re(R"(/coach/[A-Za-z0-9/_.?=&%-]*)");
  if (!std::regex_match(back, back_re) || back.find("//") != std::string::npos) back = "/coach/";
  if (site_.templates->has_language(to)) set_language_cookie(res, to, site_.opt.tls);
  redirect(res, back);
}

}  // namespace wk::coach
