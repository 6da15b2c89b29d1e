#include "coach/pages/participants.h"

#include "coach/site/csrf.h"
#include "coach/site/form.h"
#include "coach/site/render.h"
#include "platform/random_ids.h"
#include "server_util.h"

namespace wk::coach {

using nlohmann::json;

std::string Participants::code_of(const httplib::Request& req) { return ids::normalise_code(req.matches[1]); }

// Only checks the participant agreed to share: the server stores a code only then, and consent
// is checked again here in case a kiosk ever sent otherwise.
std::vector<CheckRecord> Participants::checks_for(const Visitor& v, const std::string& code) {
  std::vector<CheckRecord> out;
  if (code.empty()) return out;
  for (const auto& s : results_.shared_sessions(v.login->organisation_id, code)) {
    json j = json::parse(s.session_json, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("consent", json()) != json(true)) continue;
    out.push_back({std::move(j), s.kiosk_group, s.received_at});
  }
  return out;
}

void Participants::not_found(httplib::Response& res, const Visitor& v, const std::string& code) {
  page(site_, res, 404, "home",
       {{"not_found", true}, {"typed", ids::display_code(code)}, {"recent", json::array()}, {"show_recent", false}},
       v);
}

// No result is shown that the log does not know of (a failing write gives an error page instead).
json Participants::result_view(const Visitor& v, const std::string& code, const std::vector<CheckRecord>& checks,
                               const char* audit_action) {
  notes_audit_.audit(v.login->organisation_id, v.login->username, audit_action, code, server::now_iso());
  ViewOptions options;
  options.lang = v.lang;
  options.region = site_.opt.region;
  json view = participant_view(*site_.versions, checks, options);
  // The participant's language named in the coach's ("Turks"), from the pages' word files; a
  // language they have no name for is shown by its code.
  const std::string loc = view["result"].value("locale", "");
  const std::string name = site_.word(v.lang, "language." + loc);
  view["result"]["locale_name"] = name == "language." + loc ? loc : name;
  json notes = json::array();
  for (const auto& n : notes_audit_.notes(v.login->organisation_id, code))
    notes.push_back({{"username", n.username}, {"at", display_time(n.created_at)}, {"text", n.text}});
  view["notes"] = notes;
  return view;
}

std::optional<Participants::Form> Participants::read_form(const httplib::Request& req, httplib::Response& res,
                                                          const httplib::ContentReader& reader) {
  Form f{visit(site_, req)};
  // The body is read first so that a refused request never leaves bytes on a keep-alive connection.
  if (!coach::read_form(site_, reader, res, f.v, f.form)) return std::nullopt;
  if (!require(site_, res, f.v, {"coach", "admin"}) || !check_csrf(site_, f.form, res, f.v)) return std::nullopt;
  f.code = code_of(req);
  f.checks = checks_for(f.v, f.code);
  if (f.checks.empty()) {
    not_found(res, f.v, f.code);
    return std::nullopt;
  }
  return f;
}

}  // namespace wk::coach
