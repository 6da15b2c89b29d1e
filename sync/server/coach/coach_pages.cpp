#include "coach_pages.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>

#include "body_reader.h"
#include "coach_auth.h"
#include "content/content_pack.h"
#include "org_totals.h"
#include "page_templates.h"
#include "platform/random_ids.h"
#include "result_view.h"
#include "server_util.h"

namespace wk::coach {

namespace fs = std::filesystem;
using httplib::Request;
using httplib::Response;
using nlohmann::json;
using server::ServerStore;

namespace {

constexpr const char* kLoginCookie = "wk_coach";
constexpr const char* kLoginFormCookie = "wk_login";  // CSRF token of the login form (no login yet)
constexpr const char* kLangCookie = "wk_lang";
constexpr size_t kMaxFormBytes = 1024 * 1024;
constexpr size_t kMaxNoteChars = 4000;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return "";
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Who is asking: their login (if any) and the language of the pages.
struct Visitor {
  std::optional<server::LoginSession> login;
  std::string token_hash;
  std::string lang = "nl";
  std::string path;  // for the language switch to come back to
  bool had_cookie = false;
  bool is(std::initializer_list<const char*> roles) const {
    if (!login) return false;
    for (const char* r : roles)
      if (login->role == r) return true;
    return false;
  }
};

class Site {
 public:
  Site(ServerStore& store, CoachOptions options) : store_(store), opt_(std::move(options)) {}

  // Loads content and templates; on failure keeps the reason for the 503 page.
  void load() {
    try {
      templates_ = std::make_unique<PageTemplates>(PageTemplates::load(opt_.web_dir));
    } catch (const std::exception& e) {
      unavailable_ = std::string("coach page templates: ") + e.what();
      return;
    }
    ContentLoad loaded = load_content_pack(opt_.content_dir);
    if (!loaded.pack) {
      unavailable_ = "content pack " + opt_.content_dir + ": " + loaded.error;
      return;
    }
    content_ = std::make_unique<ContentPack>(std::move(*loaded.pack));
  }
  const std::string& unavailable() const { return unavailable_; }

  void install(httplib::Server& svr);
  bool page_error(const Request& req, Response& res);

 private:
  // ---- plumbing ----
  Visitor visit(const Request& req) {
    Visitor v;
    v.path = req.path;
    const std::string cookies = req.get_header_value("Cookie");
    std::string lang = cookie(cookies, kLangCookie);
    if (templates_ && templates_->has_language(lang)) v.lang = lang;
    std::string token = cookie(cookies, kLoginCookie);
    if (!token.empty()) {
      v.had_cookie = true;
      if (token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos) {
        v.token_hash = server::blake2b_hex(token);
        v.login = store_.login(v.token_hash, server::now_iso(), server::iso_after_seconds(-opt_.idle_seconds),
                               server::iso_after_seconds(-opt_.max_login_seconds));
      }
    }
    return v;
  }

  static void security_headers(Response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; "
                   "frame-ancestors 'none'; base-uri 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
  }

  json common(const Visitor& v) {
    json c;
    c["lang"] = v.lang;
    c["back"] = v.path;
    json langs = json::array();
    for (const auto& l : templates_->languages())
      langs.push_back({{"code", l}, {"name", templates_->word(l, "lang.name")}, {"current", l == v.lang}});
    c["languages"] = langs;
    if (v.login) {
      c["me"] = {{"username", v.login->username},
                 {"role", templates_->word(v.lang, "role." + v.login->role)},
                 {"is_admin", v.login->role == "admin"},
                 {"sees_results", v.login->role != "employer"}};
      c["csrf"] = v.login->csrf_token;
      if (auto org = store_.organisation(v.login->organisation_id)) c["organisation"] = org->name;
    }
    return c;
  }

  void page(Response& res, int status, const std::string& name, json view, const Visitor& v) {
    json c = common(v);
    for (auto& [k, val] : c.items())
      if (!view.contains(k)) view[k] = val;
    res.status = status;
    security_headers(res);
    res.set_content(templates_->render(name, std::move(view), v.lang), "text/html; charset=utf-8");
  }

  void message_page(Response& res, int status, const Visitor& v, const std::string& title_key,
                    const std::string& text_key, const std::string& extra = "") {
    page(res, status, "message",
         {{"title", templates_->word(v.lang, title_key)}, {"text", templates_->word(v.lang, text_key)}, {"extra", extra}},
         v);
  }

  static void redirect(Response& res, const std::string& to) {
    res.status = 303;
    res.set_header("Location", to);
    security_headers(res);
  }

  // The login, or an answer that sends the browser to the login page (or says "not for your role").
  bool require(const Request&, Response& res, Visitor& v, std::initializer_list<const char*> roles) {
    if (!v.login) {
      if (v.had_cookie) res.set_header("Set-Cookie", session_cookie(kLoginCookie, "", opt_.tls, 0));
      redirect(res, v.had_cookie ? "/coach/login?expired=1" : "/coach/login");
      return false;
    }
    if (!v.is(roles)) {
      message_page(res, 403, v, "error.forbidden_title", "error.forbidden");
      return false;
    }
    return true;
  }

  // Reads an url-encoded form body of at most kMaxFormBytes; false (with an answer) otherwise.
  bool read_form(const httplib::ContentReader& reader, Response& res, const Visitor& v, httplib::Params& form) {
    std::string body;
    const server::BodyRead read = server::read_body(reader, res, kMaxFormBytes, body);
    if (read == server::BodyRead::too_big) {
      message_page(res, 413, v, "error.too_big_title", "error.too_big");
      return false;
    }
    if (read == server::BodyRead::unreadable) {
      message_page(res, 400, v, "error.bad_request_title", "error.bad_request");
      return false;
    }
    httplib::detail::parse_query_text(body, form);
    return true;
  }

  static std::string field(const httplib::Params& form, const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? "" : it->second;
  }

  // Every form of a logged-in coach carries the login's CSRF token.
  bool check_csrf(const httplib::Params& form, Response& res, const Visitor& v) {
    if (same_token(field(form, "csrf"), v.login->csrf_token)) return true;
    server::log_event("warn", "coach_csrf_refused", {{"user", v.login->username}});
    message_page(res, 403, v, "error.csrf_title", "error.csrf");
    return false;
  }

  // Shared checks of a code in the visitor's organisation, oldest first. Only checks the
  // participant agreed to share: the server stores a code only then, and consent is checked
  // again here in case a kiosk ever sent otherwise.
  std::vector<CheckRecord> checks_for(const Visitor& v, const std::string& code) {
    std::vector<CheckRecord> out;
    if (code.empty()) return out;
    for (const auto& s : store_.shared_sessions(v.login->organisation_id, code)) {
      json j = json::parse(s.session_json, nullptr, false);
      if (j.is_discarded() || !j.is_object() || j.value("consent", json()) != json(true)) continue;
      out.push_back({std::move(j), s.kiosk_group, s.received_at});
    }
    return out;
  }

  // Another organisation's code, an unshared check and a code that never existed all get
  // exactly this answer.
  void not_found(Response& res, const Visitor& v, const std::string& code) {
    page(res, 404, "home",
         {{"not_found", true}, {"typed", ids::display_code(code)}, {"recent", json::array()}, {"show_recent", false}},
         v);
  }

  std::string participant_code(const Request& req) { return ids::normalise_code(req.matches[1]); }

  json notes_view(const Visitor& v, const std::string& code) {
    json notes = json::array();
    for (const auto& n : store_.notes(v.login->organisation_id, code))
      notes.push_back({{"username", n.username}, {"at", display_time(n.created_at)}, {"text", n.text}});
    return notes;
  }

  ViewOptions view_options(const Visitor& v) const {
    ViewOptions o;
    o.lang = v.lang;
    o.region = opt_.region;
    return o;
  }

  // ---- pages ----
  void login_form(Response& res, int status, const Visitor& v, json view) {
    const std::string token = server::random_token_hex(16);
    res.set_header("Set-Cookie", session_cookie(kLoginFormCookie, token, opt_.tls));
    view["login_csrf"] = token;
    page(res, status, "login", std::move(view), v);
  }

  json participant_page(const Visitor& v, const std::string& code, const std::vector<CheckRecord>& checks,
                        const char* audit_action);
  struct ParticipantForm {
    Visitor v;
    httplib::Params form;
    std::string code;
    std::vector<CheckRecord> checks;
  };
  std::optional<ParticipantForm> participant_form(const Request& req, Response& res,
                                                  const httplib::ContentReader& reader);
  void post_login(const Request& req, Response& res, const httplib::ContentReader& reader);
  void participant(const Request& req, Response& res, bool print);
  void add_note(const Request& req, Response& res, const httplib::ContentReader& reader);
  void totals(const Request& req, Response& res);
  void forget(const Request& req, Response& res, const httplib::ContentReader& reader);
  void admin(const Visitor& v, Response& res, json extra = json::object(), int status = 200);
  void admin_post(const Request& req, Response& res, const httplib::ContentReader& reader, const std::string& action);

  ServerStore& store_;
  CoachOptions opt_;
  std::unique_ptr<PageTemplates> templates_;
  std::unique_ptr<ContentPack> content_;
  std::string unavailable_;
  LoginThrottle throttle_;
};

void Site::post_login(const Request& req, Response& res, const httplib::ContentReader& reader) {
  Visitor v = visit(req);
  httplib::Params form;
  if (!read_form(reader, res, v, form)) return;
  std::string user = field(form, "username");
  const std::string password = field(form, "password");
  std::transform(user.begin(), user.end(), user.begin(), [](unsigned char c) { return std::tolower(c); });
  json view = {{"username", user}};
  if (!same_token(field(form, "csrf"), cookie(req.get_header_value("Cookie"), kLoginFormCookie))) {
    view["error"] = templates_->word(v.lang, "login.csrf");
    return login_form(res, 403, v, view);
  }
  const auto now = LoginThrottle::Clock::now();
  std::string address = req.remote_addr;
  if (opt_.trust_forwarded_for && req.has_header("X-Forwarded-For")) {
    std::string xff = req.get_header_value("X-Forwarded-For");
    address = xff.substr(xff.find_last_of(',') == std::string::npos ? 0 : xff.find_last_of(',') + 1);
    address.erase(0, address.find_first_not_of(' '));
  }
  if (long wait = throttle_.retry_after(user, address, now); wait > 0) {
    server::log_event("warn", "coach_login_throttled", {{"user", user}, {"remote", address}});
    res.set_header("Retry-After", std::to_string(wait));
    view["error"] = templates_->word(v.lang, "login.throttled");
    view["wait_minutes"] = std::to_string((wait + 59) / 60);
    return login_form(res, 429, v, view);
  }
  auto account = user.empty() || user.size() > 64 ? std::nullopt : store_.coach(user);
  const bool ok = verify_password(account && !account->disabled ? account->password_hash : "", password) &&
                  account && !account->disabled;
  if (!ok) {
    throttle_.failed(user, address, now);
    server::log_event("warn", "coach_login_failed", {{"user", user}, {"remote", address}});
    view["error"] = templates_->word(v.lang, "login.wrong");
    return login_form(res, 401, v, view);
  }
  throttle_.succeeded(user);
  if (v.login) store_.delete_login(v.token_hash);  // a login that was open in this browser ends here
  const std::string token = server::random_token_hex(32);
  server::LoginSession login;
  login.token_hash = server::blake2b_hex(token);
  login.username = account->username;
  login.organisation_id = account->organisation_id;
  login.role = account->role;
  login.csrf_token = server::random_token_hex(32);
  login.created_at = login.last_seen_at = server::now_iso();
  store_.create_login(login);
  store_.audit(account->organisation_id, account->username, "login", "", server::now_iso());
  server::log_event("info", "coach_login", {{"user", account->username}});
  res.set_header("Set-Cookie", session_cookie(kLoginCookie, token, opt_.tls));
  redirect(res, account->role == "employer" ? "/coach/totals" : "/coach/");
}

// A participant's result with the notes, written to the audit log first: no result is
// shown that the log does not know of (a failing write gives an error page instead).
json Site::participant_page(const Visitor& v, const std::string& code, const std::vector<CheckRecord>& checks,
                            const char* audit_action) {
  store_.audit(v.login->organisation_id, v.login->username, audit_action, code, server::now_iso());
  json view = participant_view(*content_, checks, view_options(v));
  // The participant's language by its own name ("English"), from the pages' word files.
  const std::string loc = view["result"].value("locale", "");
  view["result"]["locale_name"] = templates_->has_language(loc) ? templates_->word(loc, "lang.name") : loc;
  view["notes"] = notes_view(v, code);
  return view;
}

// A form a coach posts about a participant: body read, login, role and CSRF token checked, and
// the code's shared checks found. Empty when an answer (redirect, 403, 404) has been sent instead.
std::optional<Site::ParticipantForm> Site::participant_form(const Request& req, Response& res,
                                                            const httplib::ContentReader& reader) {
  ParticipantForm f{visit(req)};
  // The body is read first so that a refused request never leaves bytes on a keep-alive connection.
  if (!read_form(reader, res, f.v, f.form)) return std::nullopt;
  if (!require(req, res, f.v, {"coach", "admin"}) || !check_csrf(f.form, res, f.v)) return std::nullopt;
  f.code = participant_code(req);
  f.checks = checks_for(f.v, f.code);
  if (f.checks.empty()) {
    not_found(res, f.v, f.code);
    return std::nullopt;
  }
  return f;
}

void Site::participant(const Request& req, Response& res, bool print) {
  Visitor v = visit(req);
  if (!require(req, res, v, {"coach", "admin"})) return;
  const std::string code = participant_code(req);
  auto checks = checks_for(v, code);
  if (checks.empty()) return not_found(res, v, code);
  json view = participant_page(v, code, checks, print ? "print" : "view");
  view["printed_at"] = display_time(server::now_iso());
  page(res, 200, print ? "print" : "participant", std::move(view), v);
}

void Site::add_note(const Request& req, Response& res, const httplib::ContentReader& reader) {
  auto f = participant_form(req, res, reader);
  if (!f) return;
  const Visitor& v = f->v;
  const std::string& code = f->code;
  std::string text = field(f->form, "text");
  // Trim, and make line ends one kind so the length is what the coach sees.
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  text.erase(0, text.find_first_not_of(" \n\t"));
  text.erase(text.find_last_not_of(" \n\t") + 1);
  size_t length = 0;
  json view = {{"code", code}, {"display_code", ids::display_code(code)}, {"text", text}};
  if (!utf8_length(text, length)) {
    view["error"] = templates_->word(v.lang, "note.bad_text");
    view["text"] = "";
    return page(res, 400, "note_error", view, v);
  }
  if (length == 0) {
    view["error"] = templates_->word(v.lang, "note.empty");
    return page(res, 400, "note_error", view, v);
  }
  if (length > kMaxNoteChars) {
    view["error"] = templates_->word(v.lang, "note.too_long");
    view["length"] = std::to_string(length);
    view["max"] = std::to_string(kMaxNoteChars);
    return page(res, 413, "note_error", view, v);
  }
  store_.add_note(v.login->organisation_id, code, v.login->username, text, server::now_iso());
  store_.audit(v.login->organisation_id, v.login->username, "note", code, server::now_iso());
  redirect(res, "/coach/participant/" + code + "#notes");
}

// The participant asked to be forgotten: their checks leave the coach pages (they stay in the
// anonymous totals) and the notes on their code are deleted.
void Site::forget(const Request& req, Response& res, const httplib::ContentReader& reader) {
  auto f = participant_form(req, res, reader);
  if (!f) return;
  const Visitor& v = f->v;
  const std::string& code = f->code;
  if (field(f->form, "confirm") != "yes") {
    json view = participant_page(v, code, f->checks, "view");
    view["forget_error"] = templates_->word(v.lang, "forget.confirm_first");
    return page(res, 400, "participant", view, v);
  }
  const int n = store_.forget_code(v.login->organisation_id, code);
  store_.audit(v.login->organisation_id, v.login->username, "forget", code, server::now_iso());
  server::log_event("info", "coach_forget", {{"user", v.login->username}, {"checks", n}});
  redirect(res, "/coach/?forgotten=" + std::to_string(n));
}

void Site::totals(const Request& req, Response& res) {
  Visitor v = visit(req);
  if (!require(req, res, v, {"coach", "admin", "employer"})) return;
  const std::string org = v.login->organisation_id;
  const std::string group = req.get_param_value("group");
  const auto quarters = ended_quarters(server::now_iso().substr(0, 10), 8);
  const std::string wanted = req.get_param_value("quarter").empty() ? quarters.front().id()
                                                                     : req.get_param_value("quarter");
  auto quarter_name = [&](const Quarter& q) {
    return templates_->word(v.lang, "totals.q") + std::to_string(q.number) + " " + std::to_string(q.year);
  };
  auto groups = store_.kiosk_groups(org);
  json view = {{"group", group}, {"all_groups", group.empty()}};
  json group_list = json::array(), quarter_list = json::array();
  for (const auto& g : groups) group_list.push_back({{"name", g}, {"selected", g == group}});
  for (const auto& q : quarters) quarter_list.push_back({{"id", q.id()}, {"name", quarter_name(q)}, {"selected", q.id() == wanted}});
  view["groups"] = group_list;
  view["quarters"] = quarter_list;
  auto q = parse_quarter(wanted);
  const bool ended = q && q->until() <= server::now_iso().substr(0, 10);
  if (!ended) {
    view["error"] = templates_->word(v.lang, "totals.bad_period");
    return page(res, 400, "totals", view, v);
  }
  if (!group.empty() && std::find(groups.begin(), groups.end(), group) == groups.end()) {
    view["error"] = templates_->word(v.lang, "totals.bad_group");
    return page(res, 400, "totals", view, v);
  }
  TotalsBuilder totals(*content_, v.lang);
  std::vector<std::string> group_of_each;
  for (const auto& s : store_.sessions_for_totals(org, group, q->from(), q->until())) {
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
  store_.audit(org, v.login->username, "totals", "", server::now_iso());
  page(res, 200, "totals", view, v);
}

// The admin page for a visitor whose login and role the caller checked.
void Site::admin(const Visitor& v, Response& res, json extra, int status) {
  const std::string org = v.login->organisation_id;
  json coaches = json::array();
  for (const auto& c : store_.coaches_of(org))
    coaches.push_back({{"username", c.username},
                       {"role", templates_->word(v.lang, "role." + c.role)},
                       {"disabled", c.disabled},
                       {"is_me", c.username == v.login->username},
                       {"created_at", display_time(c.created_at)}});
  json kiosks = json::array();
  for (const auto& k : store_.kiosks_of(org))
    kiosks.push_back({{"id", k.id},
                      {"short_id", k.id.substr(0, 8)},
                      {"group", k.group},
                      {"revoked", k.revoked},
                      {"enrolled_at", display_time(k.enrolled_at)},
                      {"last_heartbeat_at", k.last_heartbeat_at ? display_time(*k.last_heartbeat_at) : "-"},
                      {"last_sync", k.last_sync ? display_time(*k.last_sync) : "-"},
                      {"pending", k.pending ? std::to_string(*k.pending) : "-"},
                      {"app_version", k.app_version.value_or("-")}});
  json view = {{"coaches", coaches}, {"kiosks", kiosks}};
  for (auto& [k, val] : extra.items()) view[k] = val;
  page(res, status, "admin", view, v);
}

void Site::admin_post(const Request& req, Response& res, const httplib::ContentReader& reader,
                      const std::string& action) {
  Visitor v = visit(req);
  httplib::Params form;
  if (!read_form(reader, res, v, form)) return;
  if (!require(req, res, v, {"admin"})) return;
  if (!check_csrf(form, res, v)) return;
  const std::string org = v.login->organisation_id, me = v.login->username;
  auto fail = [&](const std::string& key) { admin(v, res, {{"error", templates_->word(v.lang, key)}}, 400); };
  // Done: back to the admin page with a 303, so a reload does not repeat the action. The new
  // enrollment code is the exception: it is shown once, on this answer only.
  auto done = [&](const std::string& key, json extra = json::object()) {
    if (extra.empty()) return redirect(res, "/coach/admin?done=" + key.substr(key.find('.') + 1));
    extra["done"] = templates_->word(v.lang, key);
    admin(v, res, extra);
  };
  if (action == "coaches") {
    std::string user = field(form, "username");
    std::transform(user.begin(), user.end(), user.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::string password = field(form, "password"), role = field(form, "role");
    static const std::regex name_re(R"([a-z0-9][a-z0-9._-]{2,39})");
    if (!std::regex_match(user, name_re)) return fail("admin.bad_username");
    if (password.size() < 10 || password.size() > 200) return fail("admin.bad_password");
    if (role != "coach" && role != "admin" && role != "employer") return fail("admin.bad_role");
    if (store_.coach(user)) return fail("admin.username_taken");
    store_.create_coach(org, user, hash_password(password), role);
    store_.audit(org, me, "create_account " + user + " (" + role + ")", "", server::now_iso());
    return done("admin.coach_created");
  }
  if (action == "password") {
    const std::string user = field(form, "username"), password = field(form, "password");
    if (password.size() < 10 || password.size() > 200) return fail("admin.bad_password");
    if (!store_.set_coach_password(org, user, hash_password(password))) return fail("admin.no_such_account");
    store_.audit(org, me, "set_password " + user, "", server::now_iso());
    if (user == me) return redirect(res, "/coach/login");  // their own logins ended too
    return done("admin.password_set");
  }
  if (action == "disable" || action == "enable") {
    const std::string user = field(form, "username");
    if (user == me) return fail("admin.not_yourself");
    if (!store_.set_coach_disabled(org, user, action == "disable")) return fail("admin.no_such_account");
    store_.audit(org, me, action + "_account " + user, "", server::now_iso());
    return done(action == "disable" ? "admin.coach_disabled" : "admin.coach_enabled");
  }
  if (action == "group") {
    const std::string kiosk = field(form, "kiosk");
    std::string group = field(form, "group");
    group.erase(0, group.find_first_not_of(' '));
    group.erase(group.find_last_not_of(' ') + 1);
    size_t len = 0;
    if (!utf8_length(group, len) || len > 60) return fail("admin.bad_group");
    if (!store_.set_kiosk_group(org, kiosk, group)) return fail("admin.no_such_kiosk");
    store_.audit(org, me, "kiosk_group " + kiosk.substr(0, 8) + " = " + group, "", server::now_iso());
    return done("admin.group_set");
  }
  if (action == "revoke") {
    const std::string kiosk = field(form, "kiosk");
    if (!store_.revoke_kiosk_of(org, kiosk)) return fail("admin.no_such_kiosk");
    store_.audit(org, me, "revoke_kiosk " + kiosk.substr(0, 8), "", server::now_iso());
    return done("admin.kiosk_revoked");
  }
  if (action == "enroll-code") {
    const std::string code = server::new_enrollment_code();
    store_.add_enrollment_code(server::blake2b_hex(server::normalise_enrollment_code(code)), org,
                               server::iso_after_days(7));
    store_.audit(org, me, "enroll_code", "", server::now_iso());
    return done("admin.code_created", {{"enroll_code", code}});
  }
}

void Site::install(httplib::Server& svr) {
  auto guard = [this](auto handler) {
    return [this, handler](const Request& req, Response& res) {
      if (!unavailable_.empty()) {
        res.status = 503;
        security_headers(res);
        res.set_content("<!doctype html><meta charset=utf-8><title>werkcheck</title><p>De coachpagina's werken nu "
                        "niet. Vraag de beheerder om de log te bekijken. / The coach pages are not available; ask "
                        "the administrator to check the log.</p>",
                        "text/html; charset=utf-8");
        return;
      }
      handler(req, res);
    };
  };
  auto guard_post = [this](auto handler) {
    return [this, handler](const Request& req, Response& res, const httplib::ContentReader& reader) {
      if (!unavailable_.empty()) {
        reader([](const char*, size_t) { return true; });
        res.status = 503;
        res.set_content("The coach pages are not available; see the server log.", "text/plain");
        return;
      }
      handler(req, res, reader);
    };
  };

  svr.Get("/coach", [](const Request&, Response& res) { redirect(res, "/coach/"); });
  svr.Get("/coach/", guard([this](const Request& req, Response& res) {
            Visitor v = visit(req);
            if (!v.login) {
              if (v.had_cookie) res.set_header("Set-Cookie", session_cookie(kLoginCookie, "", opt_.tls, 0));
              return redirect(res, v.had_cookie ? "/coach/login?expired=1" : "/coach/login");
            }
            if (v.login->role == "employer") return redirect(res, "/coach/totals");
            json recent = json::array();
            for (const auto& s : store_.recent_shared(v.login->organisation_id, 15))
              recent.push_back({{"code", s.code},
                                {"display_code", ids::display_code(s.code)},
                                {"received_at", display_time(s.received_at)},
                                {"kiosk_group", s.kiosk_group}});
            json view = {{"recent", recent}, {"show_recent", true}, {"has_recent", !recent.empty()}};
            if (req.has_param("forgotten")) view["notice"] = templates_->word(v.lang, "forget.done");
            page(res, 200, "home", view, v);
          }));
  svr.Get("/coach/login", guard([this](const Request& req, Response& res) {
            Visitor v = visit(req);
            if (v.login) return redirect(res, "/coach/");
            json view = json::object();
            if (req.has_param("expired")) view["notice"] = templates_->word(v.lang, "login.expired");
            if (req.has_param("logged_out")) view["notice"] = templates_->word(v.lang, "login.logged_out");
            login_form(res, 200, v, view);
          }));
  svr.Post("/coach/login", guard_post([this](const Request& req, Response& res, const httplib::ContentReader& r) {
             post_login(req, res, r);
           }));
  svr.Post("/coach/logout", guard_post([this](const Request& req, Response& res, const httplib::ContentReader& r) {
             Visitor v = visit(req);
             httplib::Params form;
             if (!read_form(r, res, v, form)) return;
             if (!require(req, res, v, {"coach", "admin", "employer"})) return;
             if (!check_csrf(form, res, v)) return;
             store_.delete_login(v.token_hash);
             store_.audit(v.login->organisation_id, v.login->username, "logout", "", server::now_iso());
             res.set_header("Set-Cookie", session_cookie(kLoginCookie, "", opt_.tls, 0));
             redirect(res, "/coach/login?logged_out=1");
           }));
  svr.Get("/coach/find", guard([this](const Request& req, Response& res) {
            Visitor v = visit(req);
            if (!require(req, res, v, {"coach", "admin"})) return;
            const std::string typed = req.get_param_value("code");
            const std::string code = ids::normalise_code(typed);
            if (code.empty()) {
              // Not the shape of a code at all: say how a code looks (this tells nothing about anyone).
              return page(res, 400, "home",
                          {{"bad_code", true}, {"recent", json::array()}, {"show_recent", false}}, v);
            }
            if (checks_for(v, code).empty()) return not_found(res, v, code);
            redirect(res, "/coach/participant/" + code);
          }));
  svr.Get(R"(/coach/participant/([A-Za-z0-9-]{1,20}))",
          guard([this](const Request& req, Response& res) { participant(req, res, false); }));
  svr.Get(R"(/coach/participant/([A-Za-z0-9-]{1,20})/print)",
          guard([this](const Request& req, Response& res) { participant(req, res, true); }));
  svr.Post(R"(/coach/participant/([A-Za-z0-9-]{1,20})/notes)",
           guard_post([this](const Request& req, Response& res, const httplib::ContentReader& r) { add_note(req, res, r); }));
  svr.Post(R"(/coach/participant/([A-Za-z0-9-]{1,20})/forget)",
           guard_post([this](const Request& req, Response& res, const httplib::ContentReader& r) { forget(req, res, r); }));
  svr.Get("/coach/totals", guard([this](const Request& req, Response& res) { totals(req, res); }));
  svr.Get("/coach/admin", guard([this](const Request& req, Response& res) {
            static const std::set<std::string> kDone = {"coach_created", "coach_disabled", "coach_enabled", "password_set",
                                                        "group_set", "kiosk_revoked"};
            Visitor v = visit(req);
            if (!require(req, res, v, {"admin"})) return;
            const std::string done = req.get_param_value("done");
            json extra = json::object();
            if (kDone.count(done)) extra["done"] = templates_->word(v.lang, "admin." + done);
            admin(v, res, extra);
          }));
  for (const std::string action : {"coaches", "enroll-code"})
    svr.Post("/coach/admin/" + action,
             guard_post([this, action](const Request& req, Response& res, const httplib::ContentReader& r) {
               admin_post(req, res, r, action);
             }));
  for (const auto& [path, action] : std::vector<std::pair<std::string, std::string>>{
           {"/coach/admin/coaches/disable", "disable"},
           {"/coach/admin/coaches/enable", "enable"},
           {"/coach/admin/coaches/password", "password"},
           {"/coach/admin/kiosks/group", "group"},
           {"/coach/admin/kiosks/revoke", "revoke"}})
    svr.Post(path, guard_post([this, action](const Request& req, Response& res, const httplib::ContentReader& r) {
               admin_post(req, res, r, action);
             }));
  svr.Get("/coach/admin/audit", guard([this](const Request& req, Response& res) {
            Visitor v = visit(req);
            if (!require(req, res, v, {"admin"})) return;
            int page_no = 0;
            try {
              page_no = std::clamp(std::stoi(req.get_param_value("page").empty() ? "0" : req.get_param_value("page")),
                                   0, 100000);
            } catch (...) {
            }
            constexpr int kPerPage = 100;
            json rows = json::array();
            auto entries = store_.audit_log(v.login->organisation_id, kPerPage + 1, page_no * kPerPage);
            for (size_t i = 0; i < entries.size() && i < static_cast<size_t>(kPerPage); ++i) {
              const auto& e = entries[i];
              // "view" -> "uitslag bekeken"; admin actions keep their detail ("create_account coach-x (coach)").
              const std::string verb = e.action.substr(0, e.action.find(' '));
              const std::string word = templates_->word(v.lang, "audit.action." + verb);
              const bool known = word != "audit.action." + verb;
              rows.push_back({{"at", display_time(e.at)},
                              {"username", e.username},
                              {"action", known ? word + e.action.substr(verb.size()) : e.action},
                              {"code", e.code.empty() ? "" : ids::display_code(e.code)}});
            }
            json view = {{"entries", rows}, {"page", page_no + 1}};
            if (entries.size() > static_cast<size_t>(kPerPage)) view["next_page"] = std::to_string(page_no + 1);
            if (page_no > 0) view["prev_page"] = std::to_string(page_no - 1);
            page(res, 200, "audit", view, v);
          }));
  // Files that are the same for everyone: the content's pictures and the stylesheets.
  auto serve_file = [](Response& res, const fs::path& path, const char* type, int max_age) {
    std::string data = read_file(path);
    if (data.empty()) {
      res.status = 404;
      res.set_content("no such file", "text/plain");
      return;
    }
    res.set_header("Cache-Control", "private, max-age=" + std::to_string(max_age));
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(std::move(data), type);
  };
  svr.Get(R"(/coach/pictures/([0-9A-F]{2,8}(?:-[0-9A-F]{2,8}){0,6})\.png)",
          guard([this, serve_file](const Request& req, Response& res) {
            serve_file(res, fs::path(content_->dir) / "pictures" / (std::string(req.matches[1]) + ".png"), "image/png",
                       86400);
          }));
  svr.Get(R"(/coach/static/([a-z_-]{1,40}\.css))", guard([this, serve_file](const Request& req, Response& res) {
            serve_file(res, fs::path(opt_.web_dir) / "static" / std::string(req.matches[1]), "text/css; charset=utf-8",
                       3600);
          }));
  svr.Get("/coach/lang", guard([this](const Request& req, Response& res) {
            std::string to = req.get_param_value("to"), back = req.get_param_value("back");
            // Only back to a page of our own: no open redirect.
            static const std::regex back_re(R"(/coach/[A-Za-z0-9/_.?=&%-]*)");
            if (!std::regex_match(back, back_re) || back.find("//") != std::string::npos) back = "/coach/";
            if (templates_->has_language(to))
              res.set_header("Set-Cookie", std::string(kLangCookie) + "=" + to +
                                               "; Path=/coach; SameSite=Strict; Max-Age=31536000" +
                                               (opt_.tls ? "; Secure" : ""));
            redirect(res, back);
          }));
}

bool Site::page_error(const Request& req, Response& res) {
  if (req.path.rfind("/coach", 0) != 0) return false;
  if (!res.body.empty()) return true;
  if (!templates_) {
    res.set_content("The coach pages are not available; see the server log.", "text/plain");
    return true;
  }
  Visitor v;
  const std::string lang = cookie(req.get_header_value("Cookie"), kLangCookie);
  if (templates_->has_language(lang)) v.lang = lang;
  const int status = res.status;
  try {
    if (status == 404) message_page(res, 404, v, "error.no_page_title", "error.no_page");
    else if (status == 413) message_page(res, 413, v, "error.too_big_title", "error.too_big");
    else if (status >= 500) message_page(res, status, v, "error.server_title", "error.server");
    else message_page(res, status, v, "error.bad_request_title", "error.bad_request");
  } catch (const std::exception&) {
    res.set_content("error", "text/plain");
  }
  return true;
}

}  // namespace

std::function<bool(const Request&, Response&)> install_coach_pages(httplib::Server& svr, ServerStore& store,
                                                                   const CoachOptions& options) {
  auto site = std::make_shared<Site>(store, options);
  site->load();
  if (!site->unavailable().empty())
    server::log_event("error", "coach_pages_unavailable", {{"reason", site->unavailable()}});
  site->install(svr);
  return [site](const Request& req, Response& res) { return site->page_error(req, res); };
}

}  // namespace wk::coach
