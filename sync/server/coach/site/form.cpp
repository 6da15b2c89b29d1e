#include "coach/site/form.h"

#include "body_reader.h"
#include "coach/site/render.h"

namespace wk::coach {

bool read_form(Site& site, const httplib::ContentReader& reader, httplib::Response& res, const Visitor& v,
               httplib::Params& form) {
  std::string body;
  const server::BodyRead read = server::read_body(reader, res, kMaxFormBytes, body);
  if (read == server::BodyRead::too_big) {
    message_page(site, res, 413, v, "error.too_big_title", "error.too_big");
    return false;
  }
  if (read == server::BodyRead::unreadable) {
    message_page(site, res, 400, v, "error.bad_request_title", "error.bad_request");
    return false;
  }
  httplib::detail::parse_query_text(body, form);
  return true;
}

std::string field(const httplib::Params& form, const std::string& name) {
  auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

}  // namespace wk::coach
