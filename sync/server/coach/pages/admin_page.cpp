#include <algorithm>
#include <regex>
#include <set>

#include "coach/pages/pages.h"
#include "coach/site/csrf.h"
#include "coach/site/form.h"
#include "coach/account_names.h"
#include "coach/site/render.h"
#include "server_util.h"

namespace wk::coach {

using nlohmann::json;

// The admin page for a visitor whose login and role the caller checked.
void AdminPage::render(const Visitor& v, Response& res, json extra, int status) {
  const std::string org = v.login->organisation_id;
  json coaches = json::array();
  for (const auto& c : accounts_.coaches_of(org))
    coaches.push_back({{"username", c.username},
                       {"role", site_.word(v.lang, "role." + c.role)},
                       {"disabled", c.disabled},
                       {"is_me", c.username == v.login->username},
                       {"created_at", display_time(c.created_at)}});
  json kiosks = json::array();
  for (const auto& k : kiosks_.kiosks_of(org))
    kiosks.push_back({{"id", k.id},
                      {"short_id", k.id.substr(0, 8)},
                      {"group", k.group},
                      {"revoked", k.revoked},
                      {"enrolled_at", display_time(k.enrolled_at)},
                      {"last_heartbeat_at", k.last_heartbeat_at ? display_time(*k.last_heartbeat_at) : "-"},
                      {"last_sync", k.last_sync ? display_time(*k.last_sync) : "-"},
                      {"pending", k.pending ? std::to_string(*k.pending) : "-"},
                      {"app_version", k.app_version.value_or("-")}});
  json view = {{"coaches", coaches}, {"kiosks", kiosks}, {"org_tag", organisation_tag(org)}};
  for (auto& [k, val] : extra.items()) view[k] = val;
  page(site_, res, status, "admin", view, v);
}

void AdminPage::show(const Request& req, Response& res) {
  static const std::set<std::string> kDone = {"coach_created", "coach_disabled", "coach_enabled", "password_set",
                                              "group_set", "kiosk_revoked"};
  Visitor v = visit(site_, req);
  if (!require(site_, res, v, {"admin"})) return;
  const std::string done = req.get_param_value("done");
  json extra = json::object();
  if (kDone.count(done)) extra["done"] = site_.word(v.lang, "admin." + done);
  render(v, res, extra);
}

void AdminPage::post(const Request& req, Response& res, const ContentReader& reader, const std::string& action) {
  Visitor v = visit(site_, req);
  httplib::Params form;
  if (!read_form(site_, reader, res, v, form)) return;
  if (!require(site_, res, v, {"admin"})) return;
  if (!check_csrf(site_, form, res, v)) return;
  const std::string org = v.login->organisation_id, me = v.login->username;
  auto fail = [&](const std::string& key) { render(v, res, {{"error", site_.word(v.lang, key)}}, 400); };
  // Done: back to the admin page with a 303, so a reload does not repeat the action. The new
  // enrollment code is the exception: it is shown once, on this answer only.
  auto done = [&](const std::string& key, json extra = json::object()) {
    if (extra.empty()) return redirect(res, "/coach/admin?done=" + key.substr(key.find('.') + 1));
    extra["done"] = site_.word(v.lang, key);
    render(v, res, extra);
  };
  if (action == "coaches") {
    std::string user = field(form, "username");
    std::transform(user.begin(), user.end(), user.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::string password = field(form, "password"), role = field(form, "role");
    static const std::regex name_re(R"([a-z0-9][a-z0-9._-]{2,39})");
    if (!std::regex_match(user, name_re)) return fail("admin.bad_username");
    if (password.size() < 10 || password.size() > 200) return fail("admin.bad_password");
    if (role != "coach" && role != "admin" && role != "employer") return fail("admin.bad_role");
    // The name gets the organisation's tag (account_names.h): "taken" then never speaks of
    // another organisation's accounts.
    user = account_name_in(user, org);
    if (accounts_.coach(user)) return fail("admin.username_taken");
    accounts_.create_coach(org, user, hash_password(password), role);
    audit_.audit(org, me, "create_account " + user + " (" + role + ")", "", server::now_iso());
    return done("admin.coach_created");
  }
  if (action == "password") {
    const std::string user = field(form, "username"), password = field(form, "password");
    if (password.size() < 10 || password.size() > 200) return fail("admin.bad_password");
    if (!accounts_.set_coach_password(org, user, hash_password(password))) return fail("admin.no_such_account");
    audit_.audit(org, me, "set_password " + user, "", server::now_iso());
    if (user == me) return redirect(res, "/coach/login");  // their own logins ended too
    return done("admin.password_set");
  }
  if (action == "disable" || action == "enable") {
    const std::string user = field(form, "username");
    if (user == me) return fail("admin.not_yourself");
    if (!accounts_.set_coach_disabled(org, user, action == "disable")) return fail("admin.no_such_account");
    audit_.audit(org, me, action + "_account " + user, "", server::now_iso());
    return done(action == "disable" ? "admin.coach_disabled" : "admin.coach_enabled");
  }
  if (action == "group") {
    const std::string kiosk = field(form, "kiosk");
    std::string group = field(form, "group");
    group.erase(0, group.find_first_not_of(' '));
    group.erase(group.find_last_not_of(' ') + 1);
    size_t len = 0;
    if (!utf8_length(group, len) || len > 60) return fail("admin.bad_group");
    if (!kiosks_.set_kiosk_group(org, kiosk, group)) return fail("admin.no_such_kiosk");
    audit_.audit(org, me, "kiosk_group " + kiosk.substr(0, 8) + " = " + group, "", server::now_iso());
    return done("admin.group_set");
  }
  if (action == "revoke") {
    const std::string kiosk = field(form, "kiosk");
    if (!kiosks_.revoke_kiosk_of(org, kiosk)) return fail("admin.no_such_kiosk");
    audit_.audit(org, me, "revoke_kiosk " + kiosk.substr(0, 8), "", server::now_iso());
    return done("admin.kiosk_revoked");
  }
  if (action == "enroll-code") {
    const std::string code = server::new_enrollment_code();
    kiosks_.add_enrollment_code(server::blake2b_hex(server::normalise_enrollment_code(code)), org,
                                server::iso_after_days(7));
    audit_.audit(org, me, "enroll_code", "", server::now_iso());
    return done("admin.code_created", {{"enroll_code", code}});
  }
}

}  // namespace wk::coach
