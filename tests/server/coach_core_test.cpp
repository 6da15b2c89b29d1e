// The coach pages' core without HTTP: the templates (escaping, words in every language), the
// result view model on the shipped content pack, the anonymous totals and their threshold,
// and the login throttle. The HTTP and browser tests are in tests/coach/.
#define DOCTEST_CONFIG_IMPLEMENT
#include <algorithm>
#include <doctest/doctest.h>
#include <sodium.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "coach/coach_auth.h"
#include "coach/kiosk_overview.h"
#include "store/sqlite_server_store.h"
#include "temp_db.h"
#include "coach/org_totals.h"
#include "coach/page_templates.h"
#include "coach/result_view.h"
#include "content/content_history.h"
#include "content/content_pack.h"
#include "scoring/profile.h"

using namespace wk;
using namespace wk::coach;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kWebDir = std::string(WERKCHECK_SOURCE_DIR) + "/sync/server/coach/web";

const ContentPack& shipped() {
  static ContentPack pack = [] {
    ContentLoad l = load_content_pack(WERKCHECK_CONTENT_PACK);
    REQUIRE_MESSAGE(l.pack, l.error);
    return std::move(*l.pack);
  }();
  return pack;
}

// The shipped pack with its earlier versions' questions, as the coach pages hold it.
const ContentVersions& versions() {
  static ContentVersions v(shipped());
  return v;
}

// The option of an item with the highest (or lowest) score tag.
std::string scored_option(const Item& item, bool highest) {
  const Option* best = nullptr;
  for (const auto& o : item.options)
    if (!best || (highest ? option_score(o) > option_score(*best) : option_score(o) < option_score(*best))) best = &o;
  return best ? best->id : "";
}

// Answers found through the content's tags, so they follow the shipped pack: likes `liked`
// types and dislikes the rest, rates the first `good_skills` skills "goed", says the first
// `behaviour` career-behaviour statements are true (klopt) and the rest not. Rated items and
// grids ("tap all that apply") alike.
json answers_for(const std::string& liked, int good_skills, int behaviour) {
  json a = json::object();
  int skills = 0, statements = 0;
  for (const auto& m : shipped().modules)
    for (const auto& i : m.items) {
      if (auto t = i.tags.find("riasec"); t != i.tags.end())
        a[i.key] = {scored_option(i, liked.find(t->second) != std::string::npos)};
      if (i.tags.count("skill")) a[i.key] = {scored_option(i, skills++ < good_skills)};
      if (i.tags.count("behaviour")) a[i.key] = {scored_option(i, statements++ < behaviour)};
      json tapped = json::array();
      for (const auto& o : i.options) {
        if (auto t = o.tags.find("riasec"); t != o.tags.end() && liked.find(t->second) != std::string::npos) tapped.push_back(o.id);
        if (o.tags.count("skill") && skills++ < good_skills) tapped.push_back(o.id);
        if (o.tags.count("behaviour") && statements++ < behaviour) tapped.push_back(o.id);
      }
      if (!tapped.empty()) a[i.key] = tapped;
    }
  return a;
}

// The items whose options carry a tag (a grid) or that carry it themselves (a rated item).
size_t items_with(const ContentPack& c, const std::string& tag) {
  size_t n = 0;
  for (const auto& m : c.modules)
    for (const auto& i : m.items)
      n += i.tags.count(tag) || std::any_of(i.options.begin(), i.options.end(), [&](const Option& o) { return o.tags.count(tag) > 0; });
  return n;
}

json session(json answers, const std::string& follow_up_of = "") {
  return {{"uuid", "u-" + std::to_string(std::rand())},
          {"code", "K7MR2X"},
          {"locale", "nl"},
          {"status", "finished"},
          {"started_at", "2026-11-20T09:50:00.000Z"},
          {"ended_at", follow_up_of.empty() ? "2026-11-20T10:05:00.000Z" : "2027-11-20T10:05:00.000Z"},
          {"consent", true},
          {"follow_up_of", follow_up_of.empty() ? json(nullptr) : json(follow_up_of)},
          {"answers", std::move(answers)}};
}

}  // namespace

TEST_CASE("templates: every template parses and none prints text unescaped") {
  PageTemplates t = PageTemplates::load(kWebDir);
  CHECK(t.template_sources().size() >= 10);
  for (const auto& [name, src] : t.template_sources()) {
    INFO(name);
    CHECK(unescaped_tags(src).empty());
  }
  CHECK(unescaped_tags("<p>{{{note}}}</p>").size() == 1);
  CHECK(unescaped_tags("<p>{{& note}}</p>").size() == 1);
  CHECK(unescaped_tags("<p>{{note}}</p>").empty());
}

TEST_CASE("templates: markup in a value comes out as text") {
  PageTemplates t = PageTemplates::load(kWebDir);
  std::string html = t.render("message", {{"title", "<script>alert(1)</script>"}, {"text", "a \"b\" & <b>c</b>"}}, "nl");
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&lt;b&gt;c&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("&amp;") != std::string::npos);
}

TEST_CASE("templates: every word a template uses is in Dutch and translated in every other language") {
  PageTemplates t = PageTemplates::load(kWebDir);
  LoadedLocales locales = load_locales(kWebDir + "/locales", "nl");
  REQUIRE(locales.errors.empty());
  REQUIRE(locales.catalogs.size() >= 2);  // nl and en
  CHECK(locales.catalogs.front().code == "nl");
  std::set<std::string> used;
  const std::regex key_re(R"(\{\{[#^/]?t\.([a-z_.]+)\}\})");
  for (const auto& [name, src] : t.template_sources())
    for (std::sregex_iterator it(src.begin(), src.end(), key_re), end; it != end; ++it) used.insert((*it)[1]);
  // And the words the C++ asks for by key (the pages and their plumbing).
  std::string code;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(WERKCHECK_SOURCE_DIR) +
                                                                      "/sync/server/coach"))
    if (e.path().extension() == ".cpp") {
      std::ifstream in(e.path());
      code.append(std::istreambuf_iterator<char>(in), {});
    }
  const std::regex word_re(R"re("((?:error|admin|login|note|totals|forget)\.[a-z_]+)")re");
  for (std::sregex_iterator it(code.begin(), code.end(), word_re), end; it != end; ++it) used.insert((*it)[1]);
  CHECK(used.size() > 150);
  for (const auto& cat : locales.catalogs)
    for (const auto& key : used) {
      INFO(cat.code << ": " << key);
      CHECK(cat.find(key) != nullptr);
    }
}

TEST_CASE("result view: the fit in words, the plain name with its ESCO label, and what was left out and why") {
  const ContentPack& c = shipped();
  json a = answers_for("R", 3, 3);
  a["drempels.welke"] = {"gezondheid"};
  a["intake.reden"] = {"gezondheid"};  // the same words as the barrier: shown once
  CheckRecord rec{session(a), "Utrecht", "2026-11-20T10:06:00.000Z"};
  json v = check_view(c, rec, {});
  REQUIRE(!v["occupations"].empty());
  std::set<std::string> fit_words;  // the fit is told in the content's words for it
  for (const char* k : {"fit.both", "fit.interest", "fit.skills", "fit.values", "fit.open"}) fit_words.insert(c.text("nl", k));
  for (const auto& o : v["occupations"]) {
    INFO(o.dump());
    CHECK_FALSE(o.contains("score"));  // no unexplained percentage
    CHECK(fit_words.count(o["fit"].get<std::string>()) == 1);
    CHECK(o["name"].get<std::string>().find('/') == std::string::npos);
    CHECK(!o["esco_label"].get<std::string>().empty());
  }
  REQUIRE(v["has_excluded"] == true);
  const json* heavy = nullptr;
  for (const auto& g : v["excluded"])
    if (g.contains("rule_heavy_work")) heavy = &g;
  REQUIRE(heavy);
  const Item* barriers = c.find_item("drempels", "welke");
  REQUIRE(barriers);
  REQUIRE((*heavy)["answers"].size() == 1);
  CHECK((*heavy)["answers"][0]["text"] == c.text("nl", barriers->options.front().text_key));
  std::set<std::string> names;
  for (const auto& n : (*heavy)["occupations"]) names.insert(n.get<std::string>());
  CHECK(names.count(c.text("nl", "occupation_plain.metselaar")));
  CHECK((*heavy)["count"] == names.size());
  // How the answers were given: 09:50 to 10:05.
  CHECK(v["quality"]["known_duration"] == true);
  CHECK(v["quality"]["minutes"] == 15);
  // The page shows it, in words from the coach's word files.
  PageTemplates t = PageTemplates::load(kWebDir);
  json page = participant_view(versions(), {rec}, {});
  const std::string html = t.render("participant", page, "nl");
  CHECK(html.find("Niet getoond") != std::string::npos);
  CHECK(html.find("Zwaar lichamelijk werk") != std::string::npos);
  CHECK(html.find(c.text("nl", "occupation_plain.metselaar")) != std::string::npos);
  CHECK(html.find("%</p>") == std::string::npos);
}

TEST_CASE("result view: the sections a coach needs, with the kiosk's pictures and words") {
  const ContentPack& c = shipped();
  CheckRecord rec{session(answers_for("RS", 3, 2)), "Utrecht", "2026-11-20T10:06:00.000Z"};
  json v = check_view(c, rec, {});
  CHECK(v["date"] == "20-11-2026 11:05");  // 10:05 UTC is 11:05 in Amsterdam in November
  CHECK(v["kiosk_group"] == "Utrecht");
  CHECK(v["follow_up"] == false);
  // Interests: R and S are the clear favourites, each with its own picture.
  REQUIRE(v["interests"]["top"].size() == 2);
  std::set<std::string> top;
  for (const auto& t : v["interests"]["top"]) {
    top.insert(t["name"].get<std::string>());
    CHECK(!t["picture"].get<std::string>().empty());
    CHECK(fs::exists(c.picture_path(t["picture"])));
  }
  CHECK(top == std::set<std::string>{c.text("nl", "riasec.R"), c.text("nl", "riasec.S")});
  CHECK(v["interests"]["types"].size() == 6);
  CHECK(v["strengths"]["good"].size() == 3);
  // The eight career behaviours, the first two true: klopt (a full bar), the rest nee (half).
  REQUIRE(v["behaviours"].size() == 8);
  for (size_t i = 0; i < v["behaviours"].size(); ++i) {
    const json& b = v["behaviours"][i];
    CHECK(b["score"] == c.text("nl", i < 2 ? "ui.followup.true" : "ui.followup.not_true"));
    CHECK(b["bar"] == (i < 2 ? 100 : 50));
  }
  // Occupations with reasons and a prospect source and period.
  REQUIRE(!v["occupations"].empty());
  for (const auto& o : v["occupations"]) {
    CHECK(!o["reasons"].empty());
    CHECK(!o["picture"].get<std::string>().empty());
    if (o["has_prospect"]) {
      CHECK(!o["prospect_source"].get<std::string>().empty());
      CHECK(!o["prospect_period"].get<std::string>().empty());
    }
  }
  // Every question with its answer, per part that was answered (interests, skills, behaviours here).
  REQUIRE(v["all_answers"].size() == 3);
  const size_t riasec_items = items_with(c, "riasec");
  CHECK(v["all_answers"][0]["items"].size() == riasec_items);
  CHECK(v["all_answers"][0]["answered"] == std::to_string(riasec_items));
  for (const auto& item : v["all_answers"][0]["items"]) {
    REQUIRE(!item["answers"].empty());
    CHECK(!item["answers"][0]["picture"].get<std::string>().empty());
  }
  // Unanswered parts say so instead of disappearing.
  REQUIRE(!v["intake"].empty());
  CHECK(v["intake"][0]["skipped"] == true);
  CHECK(v["plan"].empty());
}

TEST_CASE("result view: first and latest side by side, with what changed") {
  const ContentPack& c = shipped();
  CheckRecord first{session(answers_for("R", 1, 2)), "Utrecht", "2026-11-20T10:06:00.000Z"};
  json later = answers_for("", 0, 8);  // a follow-up only asks the behaviours again: now all true
  CheckRecord follow{session(later, first.session["uuid"]), "Amersfoort", "2027-11-20T10:06:00.000Z"};

  json one = participant_view(versions(), {first}, {});
  CHECK(one["has_history"] == false);
  CHECK(one["display_code"] == "K7M-R2X");

  json v = participant_view(versions(), {first, follow}, {});
  CHECK(v["has_history"] == true);
  CHECK(v["check_count"] == 2);
  // The result shown is the full check; the follow-up is only in the history.
  CHECK(v["result"]["follow_up"] == false);
  CHECK(v["checks"][1]["follow_up"] == true);
  const json& h = v["history"];
  CHECK(h["more_count"] == 6);  // two were true then
  CHECK(h["less_count"] == 0);
  for (size_t i = 0; i < h["behaviours"].size(); ++i) {
    const json& r = h["behaviours"][i];
    CHECK(r["before"] == c.text("nl", i < 2 ? "ui.followup.true" : "ui.followup.not_true"));
    CHECK(r["score"] == c.text("nl", "ui.followup.true"));
    CHECK(r["delta"] == (i < 2 ? "0" : "+1"));
  }
  CHECK(h["latest_full"] == false);
  REQUIRE(h["latest"]["all_answers"].size() == 1);  // a follow-up asks only the behaviours
  CHECK(h["latest"]["all_answers"][0]["items"].size() == items_with(c, "behaviour"));
  CHECK(h["latest"]["kiosk_group"] == "Amersfoort");
}

TEST_CASE("totals: nothing under 10 checks; counts and averages from 10") {
  const ContentPack& c = shipped();
  std::vector<json> sessions;
  for (int i = 0; i < 9; ++i) sessions.push_back(session(answers_for(i % 3 ? "R" : "S", 0, 3)));
  json few = org_totals(c, sessions, "nl");
  CHECK(few["too_few"] == true);
  CHECK(few["count"] == 9);
  CHECK(!few.contains("interests"));
  CHECK(!few.contains("behaviours"));

  sessions.push_back(session(answers_for("S", 0, 5)));
  json t = org_totals(c, sessions, "nl");
  CHECK(t["too_few"] == false);
  CHECK(t["count"] == 10);
  std::map<std::string, int> by_type;
  for (const auto& r : t["interests"]) by_type[r["text"]] = std::stoi(r["count"].get<std::string>());
  CHECK(by_type[c.text("nl", "riasec.R")] == 6);
  CHECK(by_type[c.text("nl", "riasec.S")] == 4);
  CHECK(t["interests"][0]["pct"] == "60%");
  CHECK(t["interests"][0]["bar"] == 60);
  // One or two in a cell could point at a person: shown as "< 3", without a percentage.
  CHECK(t["follow_ups"] == "0");
  sessions.push_back(session(answers_for("A", 0, 3)));
  json t11 = org_totals(c, sessions, "nl");
  bool artistic_hidden = false;
  for (const auto& r : t11["interests"])
    if (r["text"] == c.text("nl", "riasec.A")) {
      artistic_hidden = r["count"] == "< 3" && r["pct"] == "" && r["bar"] == 0 && r["small"] == true;
    }
  CHECK(artistic_hidden);
  // Behaviours: nine checks with the first three statements true, one with the first five: the
  // share that said "klopt" per statement.
  REQUIRE(t["behaviours"].size() == 8);
  const char* share[] = {"100%", "100%", "100%", "10%", "10%", "0%", "0%", "0%"};
  for (size_t i = 0; i < 8; ++i) CHECK(t["behaviours"][i]["mean"] == share[i]);
  // Never a row per person: no code and no uuid anywhere in the totals.
  const std::string dumped = t.dump();
  CHECK(dumped.find("K7MR2X") == std::string::npos);
  CHECK(dumped.find("u-") == std::string::npos);
}

TEST_CASE("totals periods: only quarters that have ended; all groups only when each group is large enough") {
  auto q = ended_quarters("2026-11-23", 3);
  REQUIRE(q.size() == 3);
  CHECK(q[0].id() == "2026-Q3");
  CHECK(q[0].from() == "2026-07-01");
  CHECK(q[0].until() == "2026-10-01");
  CHECK(q[0].last() == "2026-09-30");
  CHECK(q[2].id() == "2026-Q1");
  auto jan = ended_quarters("2027-01-01", 1);
  CHECK(jan[0].id() == "2026-Q4");
  CHECK(jan[0].until() == "2027-01-01");
  CHECK(jan[0].last() == "2026-12-31");
  CHECK(parse_quarter("2026-Q2")->from() == "2026-04-01");
  CHECK_FALSE(parse_quarter("2026-Q5"));
  CHECK_FALSE(parse_quarter("2026-07-01"));
  CHECK_FALSE(parse_quarter("26-Q1"));

  std::vector<std::string> groups(12, "Utrecht");
  CHECK(every_group_large_enough(groups));
  groups.push_back("Amersfoort");  // 12 + 1: the total would give away the one in Amersfoort
  CHECK_FALSE(every_group_large_enough(groups));
  groups.insert(groups.end(), 9, "Amersfoort");
  CHECK(every_group_large_enough(groups));
  groups.push_back("");  // a kiosk without a group is a group of its own
  CHECK_FALSE(every_group_large_enough(groups));
}

// The throttle keeps its failures in the database (store/login_attempt_store.h): the tests run
// it on a real SQLite store, and two stores on one file stand for two server instances.
TEST_CASE("login throttle: five failures lock a name for the window, the right password too") {
  using namespace std::chrono;
  TempDb db;
  server::SqliteServerStore store(db.path());
  LoginThrottle th(store, "coach_login", 5, 20, minutes(15));
  auto t0 = LoginThrottle::Clock::now();
  for (int i = 0; i < 5; ++i) {
    CHECK(th.retry_after("coach-a", "10.0.0.1", t0 + seconds(i)) == 0);
    th.failed("coach-a", "10.0.0.1", t0 + seconds(i));
  }
  long wait = th.retry_after("coach-a", "10.0.0.2", t0 + seconds(10));
  CHECK(wait > 800);
  CHECK(wait <= 900);
  CHECK(th.retry_after("coach-b", "10.0.0.2", t0 + seconds(10)) == 0);  // another name is not locked
  CHECK(th.retry_after("coach-a", "10.0.0.1", t0 + minutes(15) + seconds(1)) == 0);
  // From one address: 20 failures over many names lock that address.
  for (int i = 0; i < 20; ++i) th.failed("user" + std::to_string(i), "10.9.9.9", t0);
  CHECK(th.retry_after("fresh-name", "10.9.9.9", t0 + seconds(1)) > 0);
  CHECK(th.retry_after("fresh-name", "10.9.9.8", t0 + seconds(1)) == 0);
  // A success clears the name's failures.
  th.failed("coach-c", "10.0.0.3", t0);
  th.succeeded("coach-c");
  CHECK(th.retry_after("coach-c", "10.0.0.4", t0) == 0);
  // Another kind of attempt (enrollment codes) counts apart.
  LoginThrottle enroll(store, "enroll", 5, 20, minutes(15));
  CHECK(enroll.retry_after("coach-a", "10.0.0.1", t0 + seconds(10)) == 0);
}

TEST_CASE("login throttle: parallel attempts on two instances check at most the limit together") {
  using namespace std::chrono;
  TempDb db;
  server::SqliteServerStore a(db.path()), b(db.path());  // two connections: two server instances
  LoginThrottle on_a(a, "coach_login", 5, 20, minutes(15)), on_b(b, "coach_login", 5, 20, minutes(15));
  const auto t0 = LoginThrottle::Clock::now();
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&, i] {
      LoginThrottle& th = i % 2 ? on_a : on_b;
      if (th.begin_attempt("coach-a", "10.0.0." + std::to_string(i), t0 + milliseconds(i)) == 0) ++allowed;
    });
  for (auto& t : threads) t.join();
  CHECK(allowed == 5);
  CHECK(on_a.retry_after("coach-a", "10.1.1.1", t0 + seconds(1)) > 0);
  CHECK(on_b.retry_after("coach-a", "10.1.1.1", t0 + seconds(1)) > 0);

  // A right answer takes back its own failure only, seen by the other instance too.
  CHECK(on_a.begin_attempt("coach-d", "10.2.2.2", t0) == 0);
  CHECK(on_a.begin_attempt("coach-d", "10.2.2.2", t0 + milliseconds(1)) == 0);
  on_b.attempt_passed("coach-d", "10.2.2.2", t0 + milliseconds(1));
  for (int i = 2; i < 5; ++i) CHECK(on_b.begin_attempt("coach-d", "10.2.2.3", t0 + milliseconds(i)) == 0);
  CHECK(on_a.begin_attempt("coach-d", "10.2.2.4", t0 + milliseconds(9)) == 0);  // 5th: 1 + 3 + this
  CHECK(on_a.begin_attempt("coach-d", "10.2.2.4", t0 + milliseconds(10)) > 0);
}

TEST_CASE("login throttle: failures outlive a restart and leave the table when their window ends") {
  using namespace std::chrono;
  TempDb db;
  const auto t0 = LoginThrottle::Clock::now();
  {
    server::SqliteServerStore store(db.path());
    LoginThrottle th(store, "coach_login", 5, 20, minutes(15));
    for (int i = 0; i < 5; ++i) CHECK(th.begin_attempt("coach-e", "10.3.3.3", t0 + seconds(i)) == 0);
  }
  server::SqliteServerStore again(db.path());
  LoginThrottle th(again, "coach_login", 5, 20, minutes(15));
  CHECK(th.retry_after("coach-e", "10.3.3.4", t0 + seconds(5)) > 800);
  // A failure past the window prunes the old ones: only the new row is left.
  CHECK(th.begin_attempt("coach-f", "10.3.3.5", t0 + minutes(16)) == 0);
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.path().c_str(), &raw) == SQLITE_OK);
  {
    Statement count(raw, "SELECT COUNT(*) FROM login_failures");
    REQUIRE(count.step());
    CHECK(count.int64(0) == 2);  // coach-f's name and address
  }
  sqlite3_close(raw);
}

TEST_CASE("cookies: read by name; the login cookie is HttpOnly, SameSite=Strict, Secure under TLS") {
  CHECK(cookie("a=1; wk_coach=abc; wk_lang=en", "wk_coach") == "abc");
  CHECK(cookie("wk_coachx=1; wk_coach=abc", "wk_coach") == "abc");
  CHECK(cookie("a=1", "wk_coach").empty());
  const std::string plain = session_cookie("wk_coach", "t", false);
  CHECK(plain.find("HttpOnly") != std::string::npos);
  CHECK(plain.find("SameSite=Strict") != std::string::npos);
  CHECK(plain.find("Secure") == std::string::npos);
  CHECK(session_cookie("wk_coach", "t", true).find("; Secure") != std::string::npos);
  CHECK(session_cookie("wk_coach", "", false, 0).find("Max-Age=0") != std::string::npos);
}

TEST_CASE("times: UTC from the database in the server's zone, summer and winter") {
  CHECK(display_time("2026-07-01T10:05:00.000Z") == "01-07-2026 12:05");
  CHECK(display_time("2026-12-31T23:30:00.000Z") == "01-01-2027 00:30");
  CHECK(display_time("garbage") == "garbage");
}

TEST_CASE("passwords: argon2id, and a wrong or unknown one fails") {
  const std::string h = hash_password("geheim-wachtwoord");
  CHECK(h.rfind("$argon2id$", 0) == 0);
  CHECK(verify_password(h, "geheim-wachtwoord"));
  CHECK_FALSE(verify_password(h, "geheim-wachtwoorD"));
  CHECK_FALSE(verify_password("", "geheim-wachtwoord"));
  size_t n = 0;
  CHECK(utf8_length("één", n));
  CHECK(n == 3);
  CHECK_FALSE(utf8_length(std::string("\xff\xfe"), n));
}

TEST_CASE("kiosk overview: silent over N days or behind on content first, longest silent first, revoked last") {
  const std::time_t now = *parse_utc("2026-12-07T12:00:00.000Z");
  auto kiosk = [](std::string id, std::string enrolled, std::optional<std::string> heard, std::optional<std::string> content) {
    server::KioskInfo k;
    k.id = std::move(id);
    k.enrolled_at = std::move(enrolled);
    k.last_heartbeat_at = std::move(heard);
    k.content_version = std::move(content);
    return k;
  };
  std::vector<server::KioskInfo> ks = {
      kiosk("fine", "2026-11-01T00:00:00.000Z", "2026-12-07T11:00:00.000Z", "v2"),
      kiosk("behind", "2026-11-01T00:00:00.000Z", "2026-12-07T10:00:00.000Z", "v1"),
      kiosk("quiet3", "2026-11-01T00:00:00.000Z", "2026-12-04T11:00:00.000Z", "v2"),  // 3 days 1 hour
      kiosk("edge", "2026-11-01T00:00:00.000Z", "2026-12-04T12:00:00.000Z", "v2"),    // exactly 3 days: not over
      kiosk("never_old", "2026-11-20T00:00:00.000Z", std::nullopt, std::nullopt),
      kiosk("never_new", "2026-12-07T09:00:00.000Z", std::nullopt, std::nullopt),
      kiosk("revoked", "2026-10-01T00:00:00.000Z", "2026-10-02T00:00:00.000Z", "v0"),
  };
  ks.back().revoked = true;
  auto out = kiosk_overview(ks, std::string("v2"), 3, now);
  std::vector<std::string> order;
  for (const auto& s : out) order.push_back(s.kiosk.id);
  CHECK(order == std::vector<std::string>{"never_old", "quiet3", "behind", "fine", "edge", "never_new", "revoked"});
  CHECK(out[0].silent);
  CHECK(out[2].behind);
  CHECK_FALSE(out[2].silent);
  CHECK_FALSE(out[4].needs_look());
  CHECK_FALSE(out[6].needs_look());  // revoked: not a kiosk to look after any more
  // Nothing published: no kiosk is behind.
  auto none = kiosk_overview(ks, std::nullopt, 3, now);
  CHECK_FALSE(std::any_of(none.begin(), none.end(), [](const KioskStatus& s) { return s.behind; }));
  // N is the server's option: with 30 days only the revoked kiosk (66 days) is silent, and not listed first.
  auto strict = kiosk_overview(ks, std::string("v2"), 30, now);
  for (const auto& s : strict) CHECK(s.silent == (s.kiosk.id == "revoked"));
  CHECK(strict.front().kiosk.id == "behind");
  CHECK(manifest_version(R"({"version":"2026.12.1","files":[]})") == std::optional<std::string>("2026.12.1"));
  CHECK_FALSE(manifest_version("not json"));
}

int main(int argc, char** argv) {
  if (sodium_init() < 0) return 1;
  setenv("TZ", "Europe/Amsterdam", 1);
  tzset();
  return doctest::Context(argc, argv).run();
}
