// The profile (scoring/profile) and the occupation match (scoring/matching) on a small
// content pack built here in C++, so that every number below can be worked out by hand
// from docs/matching.md. Also the prospects: the label bands, the CSV reader and the
// regional fallback.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "scoring/answer_quality.h"
#include "scoring/matching.h"
#include "scoring/profile.h"

using namespace wk;

namespace {

using Tags = std::map<std::string, std::string>;
using V = std::vector<std::string>;

Option option(const std::string& key_prefix, const std::string& id, Tags tags = {}, bool exclusive = false) {
  Option o;
  o.id = id;
  o.picture = "1F600";
  o.text_key = key_prefix + "." + id;
  o.tags = std::move(tags);
  o.exclusive = exclusive;
  return o;
}

// The shared answer sets, as check.json would give them.
std::vector<Option> faces3() {
  return {option("answers.faces3", "leuk", {{"score", "2"}}), option("answers.faces3", "weet_niet", {{"score", "1"}}),
          option("answers.faces3", "niet_leuk", {{"score", "0"}})};
}
std::vector<Option> skill3() {
  return {option("answers.skill3", "goed", {{"score", "2"}}), option("answers.skill3", "beetje", {{"score", "1"}}),
          option("answers.skill3", "niet", {{"score", "0"}})};
}
std::vector<Option> when3() {
  return {option("answers.when3", "week", {{"when", "week"}}), option("answers.when3", "maand", {{"when", "month"}}),
          option("answers.when3", "later", {{"when", "later"}})};
}

Item item(const std::string& module, const std::string& id, std::vector<Option> options, Tags tags = {},
          int max_choices = 1) {
  Item i;
  i.id = id;
  i.module_id = module;
  i.key = module + "." + id;
  i.picture = "1F4CB";
  i.options = std::move(options);
  i.tags = std::move(tags);
  i.max_choices = max_choices;
  return i;
}

// Options of a module's own (not shared) item: keys <module>.<item>.<option>.
std::vector<Option> own(const std::string& module, const std::string& item_id,
                        std::vector<std::pair<std::string, Tags>> spec) {
  std::vector<Option> out;
  for (auto& [id, tags] : spec) out.push_back(option(module + "." + item_id, id, tags));
  return out;
}

Module module(const std::string& id, std::vector<Item> items) {
  Module m;
  m.id = id;
  m.picture = "1F4CB";
  m.title_key = id + ".title";
  m.items = std::move(items);
  return m;
}

Occupation occupation(const std::string& id, const std::string& sector, V riasec, V skills, V values,
                      const std::string& physical, const std::string& prospect_group) {
  Occupation o;
  o.id = id;
  o.esco_uri = "http://data.europa.eu/esco/occupation/" + id;
  o.isco = "0000";
  o.picture = "1F477";
  o.sector = sector;
  o.school = "mbo2";
  o.prospect_group = prospect_group;
  o.riasec = std::move(riasec);
  o.skills = std::move(skills);
  o.values = std::move(values);
  o.physical = physical;
  return o;
}

ProspectRow prospect_row(const std::string& group, const std::string& region, double ratio) {
  return {group, region, "2026-K3", "voorbeelddata", ratio};
}

// A small check with every kind of scoring tag, and six occupations.
ContentPack scoring_pack() {
  ContentPack p;
  p.id = "scoring-test";
  p.version = "1";
  p.modules.push_back(module("interesses", {
                                               item("interesses", "handen", faces3(), {{"riasec", "R"}}),
                                               item("interesses", "bouwen", faces3(), {{"riasec", "R"}}),
                                               item("interesses", "uitzoeken", faces3(), {{"riasec", "I"}}),
                                               item("interesses", "tekenen", faces3(), {{"riasec", "A"}}),
                                               item("interesses", "zorgen", faces3(), {{"riasec", "S"}}),
                                               item("interesses", "helpen", faces3(), {{"riasec", "S"}}),
                                               item("interesses", "verkopen", faces3(), {{"riasec", "E"}}),
                                               item("interesses", "ordenen", faces3(), {{"riasec", "C"}}),
                                           }));
  p.modules.push_back(module("kunnen", {
                                           item("kunnen", "rijden", skill3(), {{"skill", "driving"}}),
                                           item("kunnen", "plannen", skill3(), {{"skill", "planning"}}),
                                           item("kunnen", "tillen", skill3(), {{"skill", "lifting"}}),
                                           item("kunnen", "verzorgen", skill3(), {{"skill", "caring"}}),
                                           item("kunnen", "schoonmaken", skill3(), {{"skill", "cleaning"}}),
                                           item("kunnen", "computer", skill3(), {{"skill", "computer"}}),
                                           item("kunnen", "koken", skill3(), {{"skill", "cooking"}}),
                                       }));
  p.modules.push_back(module("belangrijk", {item("belangrijk", "top3",
                                                 own("belangrijk", "top3",
                                                     {{"buiten", {{"value", "outdoors"}}},
                                                      {"zelf", {{"value", "independence"}}},
                                                      {"helpen", {{"value", "helping"}}},
                                                      {"samen", {{"value", "teamwork"}}}}),
                                                 {}, 3)}));
  Item barriers = item("drempels", "wat",
                       own("drempels", "wat",
                           {{"gezondheid", {{"barrier", "health"}}},
                            {"zorg", {{"barrier", "care"}}},
                            {"diploma", {{"barrier", "diploma"}}}}),
                       {}, 3);
  barriers.options.push_back(option("drempels.wat", "geen", {{"barrier", "none"}}, true));
  p.modules.push_back(module("drempels", {barriers}));
  p.modules.push_back(module("intake", {item("intake", "sector",
                                             own("intake", "sector",
                                                 {{"vervoer", {{"sector", "transport"}}},
                                                  {"zorg", {{"sector", "care"}}},
                                                  {"horeca", {{"sector", "hospitality"}}}})),
                                        item("intake", "situatie",
                                             own("intake", "situatie",
                                                 {{"werk", {{"situation", "working"}}},
                                                  {"zoeken", {{"situation", "looking"}}}}))}));
  Item when = item("plan", "wanneer", when3());
  when.type = ItemType::PerChoice;
  when.of = "acties";
  p.modules.push_back(module("plan", {item("plan", "acties",
                                           own("plan", "acties",
                                               {{"coach", {{"action", "coach"}}},
                                                {"vacatures", {{"action", "vacancies"}}},
                                                {"cursus", {{"action", "course"}}}}),
                                           {}, 3),
                                      when}));

  p.occupations = {
      occupation("truck_driver", "transport", {"R", "C"}, {"driving", "planning"}, {"outdoors", "independence"}, "medium",
                 "Chauffeurs"),
      occupation("warehouse_worker", "logistics", {"R", "C"}, {"lifting", "planning"}, {"teamwork"}, "heavy", "Magazijn"),
      occupation("care_worker", "care", {"S"}, {"caring"}, {"helping"}, "medium", "Zorg"),
      occupation("cleaner", "facility", {"R"}, {"cleaning"}, {"independence"}, "medium", "Schoonmaak"),
      occupation("office_clerk", "office", {"C"}, {"computer"}, {}, "light", "Administratie"),
      occupation("cook", "hospitality", {"R", "A"}, {"cooking"}, {}, "medium", "Koks"),
  };
  // No row for Koks: its prospect is unknown.
  p.prospects = {prospect_row("Zorg", "Nederland", 5.0),        prospect_row("Chauffeurs", "Nederland", 3.0),
                 prospect_row("Magazijn", "Nederland", 0.9),    prospect_row("Schoonmaak", "Nederland", 0.9),
                 prospect_row("Administratie", "Nederland", 0.3)};

  Story anna, bram, carla;
  anna.id = "anna";
  anna.fits = {{"riasec", {"S"}}, {"barrier", {"health"}}};
  bram.id = "bram";
  bram.fits = {{"riasec", {"R"}}, {"situation", {"looking"}}};
  carla.id = "carla";
  carla.fits = {{"sector", {"transport"}}, {"barrier", {"health"}}, {"situation", {"looking"}}};
  p.stories = {anna, bram, carla};
  return p;
}

const ContentPack& pack() {
  static const ContentPack p = scoring_pack();
  return p;
}

// Every interest item answered the same way, except the types given.
Answers interests(const std::string& everywhere, const std::map<std::string, std::string>& per_type = {}) {
  Answers a;
  for (const auto& i : pack().modules[0].items) {
    auto it = per_type.find(i.tags.at("riasec"));
    a[i.key] = {it == per_type.end() ? everywhere : it->second};
  }
  return a;
}

const OccupationMatch& find_match(const std::vector<OccupationMatch>& list, const std::string& id) {
  for (const auto& m : list)
    if (m.occupation->id == id) return m;
  FAIL("no match for " << id);
  return list.front();
}

std::vector<std::string> ids_of(const std::vector<OccupationMatch>& list) {
  std::vector<std::string> out;
  for (const auto& m : list) out.push_back(m.occupation->id);
  return out;
}

std::vector<std::string> reason_keys(const OccupationMatch& m) {
  std::vector<std::string> out;
  for (const auto& r : m.reasons) out.push_back(r.text_key);
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

TEST_CASE("option_score reads the score tag") {
  CHECK(option_score(option("x", "a", {{"score", "2"}})) == 2);
  CHECK(option_score(option("x", "a", {{"score", "0"}})) == 0);
  CHECK(option_score(option("x", "a", {{"score", "1.5"}})) == 1.5);
  CHECK(option_score(option("x", "a")) == -1);
  CHECK(option_score(option("x", "a", {{"score", "veel"}})) == -1);
}

TEST_CASE("the profile: interests as means per type, skills, values, barriers, intake and the plan with its when") {
  Answers a = interests("niet_leuk", {{"R", "leuk"}});
  a["interesses.bouwen"] = {"weet_niet"};  // R: (1 + 0.5) / 2
  a["interesses.zorgen"] = {"weet_niet"};  // S: (0.5 + 0) / 2
  a["interesses.uitzoeken"] = {};          // a skip does not count
  a["kunnen.rijden"] = {"goed"};
  a["kunnen.tillen"] = {"beetje"};
  a["kunnen.koken"] = {"niet"};
  a["belangrijk.top3"] = {"buiten", "zelf"};
  a["drempels.wat"] = {"gezondheid", "zorg"};
  a["intake.sector"] = {"vervoer"};
  a["intake.situatie"] = {"zoeken"};
  a["plan.acties"] = {"coach", "cursus"};
  a["plan.wanneer.coach"] = {"week"};
  a["plan.wanneer.vacatures"] = {"maand"};  // not a chosen action: not in the plan

  const Profile p = build_profile(pack(), a);
  CHECK(p.riasec.at("R") == doctest::Approx(0.75));
  CHECK(p.riasec_answered.at("R") == 2);
  CHECK(p.riasec.at("S") == doctest::Approx(0.25));
  CHECK(p.riasec.at("A") == doctest::Approx(0.0));
  CHECK(p.riasec.count("I") == 0);
  CHECK(p.riasec_answered.count("I") == 0);
  CHECK(p.top_types == V{"R"});
  CHECK(p.skills == std::map<std::string, int>{{"driving", 2}, {"lifting", 1}, {"cooking", 0}});
  CHECK(p.strong_skills() == V{"driving"});
  CHECK(p.values == std::set<std::string>{"outdoors", "independence"});
  CHECK(p.barriers == std::set<std::string>{"health", "care"});
  CHECK(p.sector == "transport");
  CHECK(p.situation == "looking");
  REQUIRE(p.plan.size() == 2);
  CHECK(p.plan[0] == std::pair<std::string, std::string>{"coach", "week"});
  CHECK(p.plan[1] == std::pair<std::string, std::string>{"course", ""});  // no "when" answered
}

TEST_CASE("the profile: at most two top types, best first; 'none' barriers do not count") {
  Answers a = interests("niet_leuk", {{"S", "leuk"}, {"C", "leuk"}, {"E", "leuk"}});
  a["interesses.helpen"] = {"weet_niet"};  // S 0.75, below C and E
  a["drempels.wat"] = {"geen"};
  const Profile p = build_profile(pack(), a);
  CHECK(p.top_types == V{"C", "E"});  // equal means: alphabetical
  CHECK(p.barriers.empty());
}

TEST_CASE("practical work, can drive, values outdoors: truck driver and warehouse worker lead") {
  Answers a = interests("niet_leuk", {{"R", "leuk"}, {"C", "weet_niet"}});
  a["kunnen.rijden"] = {"goed"};
  a["kunnen.tillen"] = {"beetje"};
  a["kunnen.schoonmaken"] = {"niet"};
  a["kunnen.verzorgen"] = {"niet"};
  a["kunnen.computer"] = {"niet"};
  a["kunnen.koken"] = {"niet"};
  a["belangrijk.top3"] = {"buiten"};
  const Profile p = build_profile(pack(), a);
  REQUIRE(p.top_types == V{"R"});

  auto all = match_occupations(pack(), p);
  REQUIRE(all.size() == pack().occupations.size());
  CHECK(ids_of(all) == V{"truck_driver", "warehouse_worker", "cleaner", "cook", "office_clerk", "care_worker"});
  for (size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1].score >= all[i].score);

  // The truck driver, by hand: interest (1 x 1 + 0.6 x 0.5) / 1.6; skills (1 + 0.5) / 2 (planning not
  // answered: neutral); values 1 of 2 shared.
  const OccupationMatch& driver = all[0];
  CHECK(driver.interest == doctest::Approx(1.3 / 1.6));
  CHECK(driver.skills == doctest::Approx(0.75));
  CHECK(driver.values == doctest::Approx(0.5));
  CHECK(driver.adjustment == 0);
  CHECK(driver.score == doctest::Approx(0.5 * 1.3 / 1.6 + 0.35 * 0.75 + 0.15 * 0.5));
  CHECK(reason_keys(driver) == V{"reason.riasec.R", "reason.skill.driving", "reason.value.outdoors"});
  CHECK(driver.prospect_label == "krap");
  REQUIRE(driver.prospect);
  CHECK(driver.prospect->group == "Chauffeurs");
  CHECK_FALSE(driver.transition);  // no sector given: nothing is a transition

  const OccupationMatch& warehouse = all[1];
  CHECK(warehouse.skills == doctest::Approx(0.5));  // lifting een beetje, planning not answered
  CHECK(warehouse.values == doctest::Approx(0.0));
  CHECK(reason_keys(warehouse) == V{"reason.riasec.R"});  // C at 0.5 is no reason; een beetje is no reason

  // The cook has no prospect row.
  const OccupationMatch& cook = find_match(all, "cook");
  CHECK(cook.prospect == nullptr);
  CHECK(cook.prospect_label.empty());

  // The kiosk shows the best five; fewer when asked.
  CHECK(ids_of(suggested_occupations(pack(), p)) == V{"truck_driver", "warehouse_worker", "cleaner", "cook", "office_clerk"});
  MatchOptions two;
  two.max_results = 2;
  CHECK(ids_of(suggested_occupations(pack(), p, two)) == V{"truck_driver", "warehouse_worker"});
}

TEST_CASE("likes caring: the care worker comes first, for being liked and for a skill rated goed") {
  Answers a = interests("niet_leuk", {{"S", "leuk"}});
  a["kunnen.verzorgen"] = {"goed"};
  a["belangrijk.top3"] = {"helpen"};
  const Profile p = build_profile(pack(), a);
  REQUIRE(p.top_types == V{"S"});
  auto all = match_occupations(pack(), p);
  REQUIRE_FALSE(all.empty());
  const OccupationMatch& care = all[0];
  CHECK(care.occupation->id == "care_worker");
  CHECK(care.interest == doctest::Approx(1.0));
  CHECK(care.skills == doctest::Approx(1.0));
  CHECK(care.values == doctest::Approx(1.0));
  CHECK(care.score == doctest::Approx(1.0));
  auto reasons = reason_keys(care);
  CHECK(reasons.size() <= 3);
  CHECK(contains(reasons, "reason.riasec.S"));
  CHECK(contains(reasons, "reason.skill.caring"));
  CHECK(contains(reasons, "reason.value.helping"));
  for (size_t i = 1; i < care.reasons.size(); ++i) CHECK(care.reasons[i - 1].weight >= care.reasons[i].weight);
  // Nobody else gets a reason this person did not give.
  for (const auto& m : all)
    for (const auto& r : reason_keys(m)) {
      INFO(m.occupation->id << " " << r);
      CHECK((r == "reason.riasec.S" || r == "reason.skill.caring" || r == "reason.value.helping"));
    }
}

TEST_CASE("'weet ik niet' everywhere: no top type, every interest part neutral, skills and values decide") {
  Answers a = interests("weet_niet");
  a["kunnen.computer"] = {"goed"};
  a["kunnen.koken"] = {"beetje"};
  a["kunnen.rijden"] = {"niet"};
  a["belangrijk.top3"] = {"zelf"};
  const Profile p = build_profile(pack(), a);
  CHECK(p.top_types.empty());
  REQUIRE(p.riasec.size() == 6);
  for (const auto& [type, mean] : p.riasec) {
    INFO(type);
    CHECK(mean == doctest::Approx(0.5));
  }

  auto all = match_occupations(pack(), p);
  for (const auto& m : all) {
    INFO(m.occupation->id);
    CHECK(m.interest == doctest::Approx(0.5));
    for (const auto& r : reason_keys(m)) CHECK(r.rfind("reason.riasec.", 0) != 0);  // no interest reasons
    // The interest part is the same for all, so the rest orders them.
    CHECK(m.score == doctest::Approx(0.25 + 0.35 * m.skills + 0.15 * m.values));
  }
  // clerk: computer goed, no values listed (0.25 + 0.35 + 0.075); cleaner: cleaning neutral, independence
  // shared (0.25 + 0.175 + 0.15); cook: een beetje, no values listed (0.25 + 0.175 + 0.075); care and
  // warehouse: neutral skills, no shared value (0.25 + 0.175); driver: driving niet, planning neutral,
  // one of two values shared (0.25 + 0.0875 + 0.075).
  CHECK(ids_of(all) == V{"office_clerk", "cleaner", "cook", "care_worker", "warehouse_worker", "truck_driver"});
  CHECK(find_match(all, "office_clerk").score == doctest::Approx(0.675));
  CHECK(find_match(all, "cleaner").score == doctest::Approx(0.575));
  CHECK(find_match(all, "cook").score == doctest::Approx(0.5));
  CHECK(find_match(all, "truck_driver").score == doctest::Approx(0.4125));
  // Care and warehouse score the same: the better prospect (zeer krap against evenwicht) goes first.
  CHECK(find_match(all, "care_worker").score == doctest::Approx(find_match(all, "warehouse_worker").score));
  CHECK(find_match(all, "care_worker").prospect_label == "zeer_krap");
  CHECK(find_match(all, "warehouse_worker").prospect_label == "evenwicht");
}

TEST_CASE("everything skipped: an empty profile, every part neutral, ordered by prospect then id") {
  Answers skipped;
  for (const auto& m : pack().modules)
    for (const auto& i : m.items) skipped[i.key] = {};
  for (const Answers& a : {Answers{}, skipped}) {
    const Profile p = build_profile(pack(), a);
    CHECK(p.riasec.empty());
    CHECK(p.riasec_answered.empty());
    CHECK(p.top_types.empty());
    CHECK(p.skills.empty());
    CHECK(p.values.empty());
    CHECK(p.barriers.empty());
    CHECK(p.behaviours.empty());
    CHECK(p.plan.empty());
    CHECK(p.sector.empty());
    CHECK(p.situation.empty());

    auto all = match_occupations(pack(), p);
    REQUIRE(all.size() == 6);
    for (const auto& m : all) {
      INFO(m.occupation->id);
      CHECK(m.interest == doctest::Approx(0.5));
      CHECK(m.skills == doctest::Approx(0.5));
      CHECK(m.values == doctest::Approx(0.5));
      CHECK(m.adjustment == 0);
      CHECK(m.score == doctest::Approx(0.5));
      CHECK(m.reasons.empty());
      CHECK_FALSE(m.transition);
    }
    // zeer krap, krap, evenwicht (two: by id), ruim, unknown.
    CHECK(ids_of(all) == V{"care_worker", "truck_driver", "cleaner", "warehouse_worker", "office_clerk", "cook"});
    CHECK(find_match(all, "care_worker").prospect_label == "zeer_krap");
    CHECK(find_match(all, "office_clerk").prospect_label == "ruim");
    CHECK(transition_options(pack(), p).empty());
  }
}

TEST_CASE("a health barrier: no heavy work, listed as left out with the answer; lifting is no reason; medium work -0.05") {
  Answers a = interests("niet_leuk", {{"R", "leuk"}});
  a["kunnen.tillen"] = {"goed"};
  a["kunnen.schoonmaken"] = {"niet"};
  const Profile without = build_profile(pack(), a);
  a["drempels.wat"] = {"gezondheid"};
  const Profile with = build_profile(pack(), a);
  REQUIRE(with.barriers == std::set<std::string>{"health"});
  CHECK(with.answers_for("barrier", "health") == std::vector<AnswerRef>{{"drempels.wat", "gezondheid"}});

  auto before = match_occupations(pack(), without);
  auto after = match_occupations(pack(), with);
  // Before, the warehouse led on lifting goed (0.3125 + 0.2625 + 0.075), with "you lift well" as a reason.
  CHECK(before[0].occupation->id == "warehouse_worker");
  CHECK(before[0].score == doctest::Approx(0.65));
  CHECK(contains(reason_keys(before[0]), "reason.skill.lifting"));
  CHECK(excluded_occupations(pack(), without).empty());
  // With the barrier it is not offered at all, and the coach sees why.
  CHECK_FALSE(contains(ids_of(after), "warehouse_worker"));
  auto left_out = excluded_occupations(pack(), with);
  REQUIRE(left_out.size() == 1);
  CHECK(left_out[0].occupation->id == "warehouse_worker");
  CHECK(left_out[0].rule == "heavy_work");
  CHECK(left_out[0].answers == std::vector<AnswerRef>{{"drempels.wat", "gezondheid"}});
  // Medium work counts 0.05 less; the light office job gets a reason that answers the barrier.
  for (const auto& m : after) {
    INFO(m.occupation->id);
    CHECK_FALSE(contains(reason_keys(m), "reason.skill.lifting"));
    CHECK(m.adjustment == doctest::Approx(m.occupation->physical == "medium" ? -0.05 : 0.0));
  }
  const OccupationMatch& clerk = find_match(after, "office_clerk");
  REQUIRE_FALSE(clerk.reasons.empty());
  CHECK(clerk.reasons[0].text_key == "reason.condition.light");
  CHECK(clerk.reasons[0].answers == std::vector<AnswerRef>{{"drempels.wat", "gezondheid"}});
}

TEST_CASE("the other limits: a diploma or language answer, travel, care; each leaves out only what breaks it") {
  ContentPack p = scoring_pack();
  p.occupations[0].travel = true;        // truck_driver: changing places
  p.occupations[2].school = "mbo3";      // care_worker: mbo-3, no route
  p.occupations[4].school = "mbo3";      // office_clerk: mbo-3, with a route
  p.occupations[4].training_route = "bbl";
  p.occupations[5].shifts = true;        // cook: shifts
  p.modules.push_back(module("taal", {item("taal", "school", own("taal", "school", {{"buitenland", {{"school", "foreign"}}}}))}));
  p.modules.push_back(module("meer", {item("meer", "wat", own("meer", "wat", {{"reizen", {{"barrier", "travel"}}}}))}));
  auto rules_for = [&](const Answers& a) {
    std::map<std::string, std::string> out;
    for (const auto& e : excluded_occupations(p, build_profile(p, a))) out[e.occupation->id] = e.rule;
    return out;
  };
  CHECK(rules_for({{"taal.school", {"buitenland"}}}) == std::map<std::string, std::string>{{"care_worker", "needs_diploma"}});
  CHECK(rules_for({{"drempels.wat", {"diploma"}}}) == std::map<std::string, std::string>{{"care_worker", "needs_diploma"}});
  CHECK(rules_for({{"meer.wat", {"reizen"}}}) == std::map<std::string, std::string>{{"truck_driver", "changing_places"}});
  CHECK(rules_for({{"drempels.wat", {"zorg"}}}) == std::map<std::string, std::string>{{"cook", "shift_work"}});
  // The mbo-3 job with a route stays, and shows its route.
  auto shown = match_occupations(p, build_profile(p, {{"taal.school", {"buitenland"}}}));
  CHECK(find_match(shown, "office_clerk").route_key == "route.bbl");
  CHECK_FALSE(contains(ids_of(shown), "care_worker"));
}

TEST_CASE("the fit in words follows the reasons shown, and each reason names the answers behind it") {
  Answers a = interests("niet_leuk", {{"S", "leuk"}});
  a["kunnen.verzorgen"] = {"goed"};
  const Profile p = build_profile(pack(), a);
  auto all = match_occupations(pack(), p);
  const OccupationMatch& care = find_match(all, "care_worker");
  CHECK(care.fit_key == "fit.both");
  for (const auto& r : care.reasons) {
    INFO(r.text_key);
    REQUIRE_FALSE(r.answers.empty());
    for (const auto& cited : r.answers) CHECK(contains(a[cited.key], cited.option));
  }
  CHECK(find_match(all, "office_clerk").fit_key == "fit.open");  // nothing liked or good for it
  a["kunnen.verzorgen"] = {"beetje"};
  CHECK(find_match(match_occupations(pack(), build_profile(pack(), a)), "care_worker").fit_key == "fit.interest");
}

TEST_CASE("a score never goes below 0") {
  Answers a = interests("niet_leuk");
  a["kunnen.rijden"] = {"niet"};
  a["kunnen.plannen"] = {"niet"};
  a["belangrijk.top3"] = {"helpen"};
  a["drempels.wat"] = {"gezondheid"};
  auto all = match_occupations(pack(), build_profile(pack(), a));
  const OccupationMatch& driver = find_match(all, "truck_driver");
  CHECK(driver.adjustment == doctest::Approx(-0.05));
  CHECK(driver.score == 0);
}

TEST_CASE("transitions: occupations outside the person's sector that use a skill rated goed") {
  Answers a = interests("weet_niet");
  a["intake.sector"] = {"zorg"};
  a["kunnen.rijden"] = {"goed"};
  a["kunnen.verzorgen"] = {"goed"};
  a["kunnen.plannen"] = {"beetje"};  // not goed: the warehouse does not build on it
  a["kunnen.koken"] = {"beetje"};
  const Profile p = build_profile(pack(), a);
  REQUIRE(p.sector == "care");
  REQUIRE(p.strong_skills() == V{"caring", "driving"});

  auto all = match_occupations(pack(), p);
  for (const auto& m : all) CHECK(m.transition == (m.occupation->sector != "care"));
  MatchOptions none_shown;  // the transitions as such, when no main list is shown
  none_shown.max_results = 0;
  auto list = transition_options(pack(), p, none_shown);
  CHECK(ids_of(list) == V{"truck_driver"});
  // With the main list shown, other work never repeats it (here the five best include the driver).
  auto shown = ids_of(suggested_occupations(pack(), p));
  for (const auto& id : ids_of(transition_options(pack(), p))) CHECK_FALSE(contains(shown, id));

  // A cook who rates cooking goed: the cook is in their own sector, the driver and the carer are not.
  a["intake.sector"] = {"horeca"};
  a["kunnen.koken"] = {"goed"};
  const Profile cook = build_profile(pack(), a);
  list = transition_options(pack(), cook, none_shown);
  REQUIRE(list.size() == 2);
  for (const auto& m : list) {
    INFO(m.occupation->id);
    CHECK(m.transition);
    CHECK(m.occupation->sector != "hospitality");
  }
  CHECK(contains(ids_of(list), "truck_driver"));
  CHECK(contains(ids_of(list), "care_worker"));
  CHECK(list[0].score >= list[1].score);
  CHECK(ids_of(transition_options(pack(), cook, none_shown, 1)).size() == 1);

  // Without a sector there is nothing to move from.
  a.erase("intake.sector");
  CHECK(transition_options(pack(), build_profile(pack(), a)).empty());
}

TEST_CASE("fitting_story picks the story that shares the most tags") {
  Profile p;
  p.top_types = {"R"};
  p.situation = "looking";
  REQUIRE(fitting_story(pack(), p));
  CHECK(fitting_story(pack(), p)->id == "bram");  // R (counts twice) + looking, against carla's looking

  Profile q;
  q.barriers = {"health"};
  q.sector = "transport";
  q.situation = "looking";
  REQUIRE(fitting_story(pack(), q));
  CHECK(fitting_story(pack(), q)->id == "carla");

  Profile r;
  r.top_types = {"S", "C"};
  r.barriers = {"health"};
  REQUIRE(fitting_story(pack(), r));
  CHECK(fitting_story(pack(), r)->id == "anna");

  // Nothing in common with anyone: still a story (the first), never none while there are stories.
  REQUIRE(fitting_story(pack(), Profile{}));
  CHECK(fitting_story(pack(), Profile{})->id == "anna");
  CHECK(fitting_story(ContentPack{}, p) == nullptr);
}

TEST_CASE("prospect_label follows UWV's bands, edges included") {
  CHECK(prospect_label(0.0) == "zeer_ruim");
  CHECK(prospect_label(0.24) == "zeer_ruim");
  CHECK(prospect_label(0.25) == "ruim");
  CHECK(prospect_label(0.66) == "ruim");
  CHECK(prospect_label(0.67) == "evenwicht");
  CHECK(prospect_label(1.0) == "evenwicht");
  CHECK(prospect_label(1.5) == "evenwicht");
  CHECK(prospect_label(1.51) == "krap");
  CHECK(prospect_label(4.0) == "krap");
  CHECK(prospect_label(4.01) == "zeer_krap");
  CHECK(prospect_label(100) == "zeer_krap");
}

TEST_CASE("parse_prospects_csv reads the spanningsindicator shape and refuses anything else") {
  const std::string header = "beroepsgroep,regio,spanningsindicator,periode,bron\n";
  std::vector<ProspectRow> rows;

  SUBCASE("good rows, a decimal point and a decimal comma") {
    std::string err = parse_prospects_csv(header +
                                              "Chauffeurs,Nederland,2.5,2026-K3,UWV (voorbeeld)\n"
                                              "Chauffeurs,Groot Amsterdam,\"3,75\",2026-K3,UWV (voorbeeld)\n"
                                              "\"Zorg, welzijn\",Nederland,0,2026-K3,UWV\n",
                                          "p.csv", rows);
    CHECK_MESSAGE(err.empty(), err);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].group == "Chauffeurs");
    CHECK(rows[0].region == "Nederland");
    CHECK(rows[0].ratio == doctest::Approx(2.5));
    CHECK(rows[0].period == "2026-K3");
    CHECK(rows[0].source == "UWV (voorbeeld)");
    CHECK(rows[1].region == "Groot Amsterdam");
    CHECK(rows[1].ratio == doctest::Approx(3.75));
    CHECK(rows[2].group == "Zorg, welzijn");
    CHECK(rows[2].ratio == 0);
  }
  SUBCASE("only the header: no rows, no error") {
    CHECK(parse_prospects_csv(header, "p.csv", rows).empty());
    CHECK(rows.empty());
  }
  SUBCASE("refused") {
    rows = {prospect_row("Oud", "Nederland", 1)};
    std::string text, expect;
    SUBCASE("a wrong header") {
      text = "groep,regio,spanningsindicator,periode,bron\nChauffeurs,Nederland,2.5,2026-K3,UWV\n";
      expect = "first line";
    }
    SUBCASE("the columns in another order") {
      text = "beroepsgroep,spanningsindicator,regio,periode,bron\nChauffeurs,2.5,Nederland,2026-K3,UWV\n";
      expect = "first line";
    }
    SUBCASE("an empty file") {
      text = "";
      expect = "first line";
    }
    SUBCASE("a word where the number goes") {
      text = header + "Chauffeurs,Nederland,2.5,2026-K3,UWV\nKoks,Nederland,veel,2026-K3,UWV\n";
      expect = "line 3";
    }
    SUBCASE("an empty number") {
      text = header + "Chauffeurs,Nederland,,2026-K3,UWV\n";
      expect = "line 2";
    }
    SUBCASE("a negative number") {
      text = header + "Chauffeurs,Nederland,-1,2026-K3,UWV\n";
      expect = "line 2";
    }
    SUBCASE("a number with rubbish after it") {
      text = header + "Chauffeurs,Nederland,2.5x,2026-K3,UWV\n";
      expect = "line 2";
    }
    SUBCASE("an empty region") {
      text = header + "Chauffeurs,,2.5,2026-K3,UWV\n";
      expect = "line 2";
    }
    SUBCASE("an empty source") {
      text = header + "Chauffeurs,Nederland,2.5,2026-K3,\n";
      expect = "line 2";
    }
    SUBCASE("a field too few") {
      text = header + "Chauffeurs,Nederland,2.5,2026-K3\n";
      expect = "line 2";
    }
    SUBCASE("an unclosed quote") {
      text = header + "\"Chauffeurs,Nederland,2.5,2026-K3,UWV\n";
      expect = "p.csv";
    }
    std::string err = parse_prospects_csv(text, "p.csv", rows);
    CHECK_FALSE(err.empty());
    CHECK_MESSAGE(err.find("p.csv") != std::string::npos, err);
    CHECK_MESSAGE(err.find(expect) != std::string::npos, err);
    // Nothing half-read: what was there stays.
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].group == "Oud");
  }
}

TEST_CASE("ContentPack::prospect: the region's row, else Nederland's, else none; the match uses the region") {
  ContentPack p = scoring_pack();
  p.prospects = {prospect_row("Chauffeurs", "Nederland", 1.0), prospect_row("Chauffeurs", "Groot Amsterdam", 5.0),
                 prospect_row("Koks", "Twente", 0.5)};
  REQUIRE(p.prospect("Chauffeurs", "Groot Amsterdam"));
  CHECK(p.prospect("Chauffeurs", "Groot Amsterdam")->ratio == 5.0);
  REQUIRE(p.prospect("Chauffeurs", "Twente"));
  CHECK(p.prospect("Chauffeurs", "Twente")->region == "Nederland");
  REQUIRE(p.prospect("Chauffeurs", "Nederland"));
  CHECK(p.prospect("Chauffeurs", "Nederland")->ratio == 1.0);
  REQUIRE(p.prospect("Koks", "Twente"));
  CHECK(p.prospect("Koks", "Twente")->ratio == 0.5);
  CHECK(p.prospect("Koks", "Groot Amsterdam") == nullptr);  // no national row to fall back on
  CHECK(p.prospect("Zorg", "Nederland") == nullptr);

  MatchOptions amsterdam;
  amsterdam.region = "Groot Amsterdam";
  auto here = match_occupations(p, Profile{}, amsterdam);
  CHECK(find_match(here, "truck_driver").prospect_label == "zeer_krap");
  CHECK(find_match(here, "cook").prospect_label.empty());
  auto national = match_occupations(p, Profile{});
  CHECK(find_match(national, "truck_driver").prospect_label == "evenwicht");
  MatchOptions twente;
  twente.region = "Twente";
  CHECK(find_match(match_occupations(p, Profile{}, twente), "cook").prospect_label == "ruim");
}

TEST_CASE("ContentPack::tag_values and find_item over the modules") {
  const ContentPack& p = pack();
  CHECK(p.tag_values("riasec") == V{"A", "C", "E", "I", "R", "S"});
  CHECK(p.tag_values("skill") == V{"caring", "cleaning", "computer", "cooking", "driving", "lifting", "planning"});
  CHECK(p.tag_values("value") == V{"helping", "independence", "outdoors", "teamwork"});
  CHECK(p.tag_values("when") == V{"later", "month", "week"});
  CHECK(p.tag_values("behaviour").empty());
  REQUIRE(p.find_item("plan", "wanneer"));
  CHECK(p.find_item("plan", "wanneer")->type == ItemType::PerChoice);
  CHECK(p.find_item("plan", "wanneer")->answer_key("coach") == "plan.wanneer.coach");
  CHECK(p.find_item("plan", "acties")->answer_key() == "plan.acties");
  CHECK(p.find_item("plan", "nope") == nullptr);
  CHECK(p.find_item("kunnen", "wanneer") == nullptr);
}

TEST_CASE("answer quality for the coach: duration, skipped, one answer everywhere, changed answers") {
  CHECK(iso_seconds("2026-11-20T10:05:00.123Z") - iso_seconds("2026-11-20T09:50:00Z") == 900);
  CHECK(iso_seconds("2026-03-01T00:00:00Z") - iso_seconds("2026-02-28T23:59:00Z") == 60);
  CHECK(iso_seconds("2028-03-01T00:00:00Z") - iso_seconds("2028-02-28T00:00:00Z") == 2 * 86400);  // leap year
  CHECK(iso_seconds("gisteren") == -1);

  SessionRecord s;
  s.started_at = "2026-11-20T10:00:00.000Z";
  s.ended_at = "2026-11-20T10:12:30.000Z";
  int64_t seq = 0;
  auto tap = [&](const std::string& item, const std::string& kind, std::vector<std::string> values = {}) {
    s.events.push_back({++seq, item, kind, std::move(values), "2026-11-20T10:01:00.000Z"});
  };
  for (const auto& i : pack().modules[0].items) tap(i.key, "answer", {"leuk"});  // all eight interests alike
  tap("kunnen.rijden", "answer", {"goed"});
  tap("kunnen.rijden", "answer", {"niet"});     // changed
  tap("kunnen.plannen", "answer", {"goed"});
  tap("kunnen.plannen", "skip");                // the skip counts
  tap("kunnen.tillen", "skip");
  tap("kunnen.tillen", "answer", {"beetje"});   // skipped first, then answered: neither
  tap("kunnen.koken", "answer", {"goed"});
  tap("kunnen.koken", "answer", {"goed"});      // the same again: not a change

  AnswerQuality q = answer_quality(pack(), s);
  CHECK(q.duration_s == 750);
  CHECK(q.skipped == V{"kunnen.plannen"});
  CHECK(q.changed == V{"kunnen.rijden"});
  REQUIRE(q.same_everywhere.size() == 1);  // three skills answered: too few to say
  CHECK(q.same_everywhere[0].answer_set == "faces3");
  CHECK(q.same_everywhere[0].option_text == "answers.faces3.leuk");
  CHECK(q.same_everywhere[0].items == 8);

  // One interest answered otherwise: no longer "the same everywhere"; no end time: up to the last tap.
  tap("interesses.tekenen", "answer", {"niet_leuk"});
  s.ended_at.clear();
  q = answer_quality(pack(), s);
  CHECK(q.same_everywhere.empty());
  CHECK(q.duration_s == 60);
  CHECK(q.changed == V{"kunnen.rijden", "interesses.tekenen"});
  s.started_at = "kapot";
  CHECK(answer_quality(pack(), s).duration_s == -1);
}

// The 2026.12 forms: grids ("tap all that apply") for interests, skills and career behaviours,
// and a follow-up that compares a grid answer with an answer on the earlier five-point form.
namespace {
ContentPack grid_pack() {
  ContentPack p;
  p.id = "grid-test";
  p.version = "2026.12.1";
  p.modules.push_back(module("interesses", {item("interesses", "doen",
                                                 own("interesses", "doen",
                                                     {{"metselen", {{"riasec", "R"}}}, {"repareren", {{"riasec", "R"}}},
                                                      {"lab", {{"riasec", "I"}}}, {"computer", {{"riasec", "I"}}},
                                                      {"kassa", {{"riasec", "C"}}}}),
                                                 {}, 5)}));
  p.modules.push_back(module("kunnen", {item("kunnen", "kan",
                                             own("kunnen", "kan", {{"rijden", {{"skill", "driving"}}}, {"tillen", {{"skill", "lifting"}}}}),
                                             {}, 2)}));
  Item beh = item("gedrag", "klopt",
                  own("gedrag", "klopt",
                      {{"flexibel", {{"behaviour", "flexibility"}, {"earlier", "gedrag.flexibel"}}},
                       {"rustig", {{"behaviour", "uncertainty"}, {"earlier", "gedrag.rustig"}}},
                       {"contacten", {{"behaviour", "networking"}, {"earlier", "gedrag.contacten"}}}}),
                  {{"earlier_yes", "wel zeker_wel"}}, 3);
  p.modules.push_back(module("gedrag", {beh}));
  return p;
}
}  // namespace

TEST_CASE("grids: every activity shown counts, tapped 1 and not tapped 0; a tapped skill is goed") {
  const ContentPack c = grid_pack();
  Answers a;
  a["interesses.doen"] = {"metselen", "repareren", "lab"};
  a["kunnen.kan"] = {"rijden"};
  const Profile p = build_profile(c, a);
  CHECK(p.riasec.at("R") == doctest::Approx(1.0));
  CHECK(p.riasec.at("I") == doctest::Approx(0.5));
  CHECK(p.riasec.at("C") == doctest::Approx(0.0));
  CHECK(p.riasec_answered.at("I") == 2);
  // Half of a type's activities tapped is enough from a grid: R first, then I.
  CHECK(p.top_types == V{"R", "I"});
  // The reasons cite the tapped activities, and only those.
  REQUIRE(p.answers_for("riasec", "R").size() == 2);
  CHECK(p.answers_for("riasec", "R")[0] == AnswerRef{"interesses.doen", "metselen"});
  CHECK(p.answers_for("riasec", "C").empty());
  // A tapped skill is goed; an untapped one says nothing (not "niet").
  CHECK(p.skills.at("driving") == 2);
  CHECK(p.skills.count("lifting") == 0);
  CHECK(p.strong_skills() == V{"driving"});
  // A grid left empty is a skip: nothing measured.
  Answers skipped{{"interesses.doen", {}}, {"kunnen.kan", {}}};
  const Profile none = build_profile(c, skipped);
  CHECK(none.riasec.empty());
  CHECK(none.skills.empty());
}

TEST_CASE("career behaviours: a grid says klopt or klopt niet; an earlier five-point answer reads as klopt when wel or zeker wel") {
  const ContentPack c = grid_pack();
  // The first check on the earlier form (items gedrag.<id> on five points), the follow-up on the grid.
  Answers then{{"gedrag.flexibel", {"zeker_wel"}}, {"gedrag.rustig", {"enigszins"}}, {"gedrag.contacten", {"wel"}}};
  Answers now{{"gedrag.klopt", {"rustig", "contacten"}}};
  const Profile before = build_profile(c, then), after = build_profile(c, now);
  CHECK(before.behaviours == std::map<std::string, int>{{"flexibility", 2}, {"uncertainty", 1}, {"networking", 2}});
  CHECK(after.behaviours == std::map<std::string, int>{{"flexibility", 1}, {"uncertainty", 2}, {"networking", 2}});
  const auto changes = behaviour_changes(c, before, after);
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].statement.text_key == "gedrag.klopt.flexibel");
  CHECK(changes[0].before == 2);
  CHECK(changes[0].now == 1);  // less
  CHECK(changes[1].before == 1);
  CHECK(changes[1].now == 2);  // more
  CHECK(changes[2].before == changes[2].now);
  // A grid answered in this session wins over an earlier-form answer in the same answers.
  Answers both = then;
  both["gedrag.klopt"] = {"rustig"};
  CHECK(build_profile(c, both).behaviours.at("flexibility") == 1);
  // The earlier keys are not reasons or tags of anything.
  CHECK(before.answered_by.count("earlier:gedrag.flexibel") == 0);
}
