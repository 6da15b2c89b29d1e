// A property test of the matching on the real content (assets/content, locales): 10,000 sets of
// answers drawn at random (fixed seed) over every question of the check, each through the real
// profile and matching. What must hold for every person, checked against the raw answers and the
// occupations' data (not against the matching's own bookkeeping):
// - no offered occupation (main list or other work) breaks a limit the person named;
// - every reason shown is backed by one of the person's own answers, and cites answers given;
// - every person gets at least one occupation, and other work never repeats the main list.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <string>

#include "content/content_pack.h"
#include "scoring/matching.h"
#include "scoring/profile.h"
#include "screens/screen_table.h"
#include "test_support.h"

using namespace wk;
namespace fs = std::filesystem;

namespace {

// The real content's files in the shape of a pack (no pictures or clips: scoring needs neither).
std::string real_content_dir(const wktest::TempDir& dir) {
  const fs::path src = wktest::source_dir();
  const fs::path out = dir.file("real");
  fs::copy(src / "assets/content", out, fs::copy_options::recursive);
  fs::create_directories(out / "locales");
  for (const auto& e : fs::directory_iterator(src / "locales"))
    if (e.path().extension() == ".po") fs::copy_file(e.path(), out / "locales" / e.path().filename());
  return out.string();
}

// One person's answers: every choice question answered or skipped at random, up to its
// max_choices, an exclusive option ("geen") alone.
Answers random_answers(const ContentPack& c, std::mt19937& rng) {
  Answers a;
  std::uniform_real_distribution<double> u(0, 1);
  for (const auto& m : c.modules)
    for (const auto& item : m.items) {
      if (item.type != ItemType::Choice || item.options.empty() || u(rng) < 0.15) continue;
      std::vector<const Option*> opts;
      for (const auto& o : item.options) opts.push_back(&o);
      std::shuffle(opts.begin(), opts.end(), rng);
      const int n = 1 + static_cast<int>(u(rng) * std::min<int>(item.max_choices, 4));
      std::vector<std::string>& chosen = a[item.key];
      for (int i = 0; i < n && i < static_cast<int>(opts.size()); ++i) {
        if (opts[i]->exclusive) {
          if (chosen.empty()) chosen.push_back(opts[i]->id);
          break;
        }
        chosen.push_back(opts[i]->id);
      }
    }
  return a;
}

// What the raw answers say, read straight from the chosen options' tags (a grid's tapped
// activities and skills among them), and the items' tags for answers at the top of their scale
// ("leuk", "goed").
struct Said {
  const Answers& a;
  std::set<std::string> chosen, top;  // "tag:value"
  Said(const ContentPack& c, const Answers& answers) : a(answers) {
    for (const auto& m : c.modules)
      for (const auto& item : m.items) {
        auto it = a.find(item.key);
        if (it == a.end() || it->second.empty()) continue;
        double best = 0, first = -1;
        for (const auto& o : item.options) {
          best = std::max(best, option_score(o));
          if (o.id == it->second.front()) first = option_score(o);
          if (std::find(it->second.begin(), it->second.end(), o.id) != it->second.end())
            for (const auto& [tag, value] : o.tags) chosen.insert(tag + ":" + value);
        }
        if (best > 0 && first >= best)
          for (const auto& [tag, value] : item.tags) top.insert(tag + ":" + value);
      }
  }
  bool chose(const std::string& tag, const std::string& value) const { return chosen.count(tag + ":" + value) > 0; }
  bool top_answer(const std::string& tag, const std::string& value) const { return top.count(tag + ":" + value) > 0; }
  bool heavy_limit() const { return chose("barrier", "health") || chose("motive", "health") || chose("motive", "lighter_work"); }
  bool diploma_limit() const {
    return chose("barrier", "language") || chose("barrier", "diploma") || chose("school", "none") ||
           chose("school", "primary") || chose("school", "foreign");
  }
  bool shift_limit() const { return chose("barrier", "care") || chose("barrier", "time"); }
  bool travel_limit() const { return chose("barrier", "travel"); }
};

bool open_without_mbo3(const Occupation& o) {
  return o.school == "none" || o.school == "mbo1" || o.school == "mbo2" || !o.training_route.empty();
}

// Empty when the occupation respects everything the person said; else what it breaks.
std::string broken_limit(const Occupation& o, const Said& s) {
  if (s.heavy_limit() && o.physical == "heavy") return "heavy work after a health answer";
  if (s.diploma_limit() && !open_without_mbo3(o)) return "mbo-3 work without a route after a diploma or language answer";
  if (s.travel_limit() && o.travel) return "work at changing places after a travel barrier";
  if (s.shift_limit() && o.shifts) return "shift work after a care or time barrier";
  return "";
}

// Empty when the reason is backed by the person's answers; else why not.
std::string unbacked(const MatchReason& r, const Occupation& o, const Said& s) {
  if (r.answers.empty()) return "cites no answer";
  for (const auto& cited : r.answers) {
    auto it = s.a.find(cited.key);
    if (it == s.a.end() || std::find(it->second.begin(), it->second.end(), cited.option) == it->second.end())
      return "cites " + cited.key + "=" + cited.option + ", which was not answered";
  }
  auto after = [&](const char* prefix) { return r.text_key.substr(std::string(prefix).size()); };
  if (r.text_key.rfind("reason.riasec.", 0) == 0)
    return s.top_answer("riasec", after("reason.riasec.")) || s.chose("riasec", after("reason.riasec."))
               ? ""
               : "no interest of that type answered 'leuk' or tapped in a grid";
  if (r.text_key.rfind("reason.skill.", 0) == 0) {
    if (r.text_key == "reason.skill.lifting" && s.heavy_limit()) return "says 'you lift well' after a health answer";
    return s.top_answer("skill", after("reason.skill.")) || s.chose("skill", after("reason.skill.")) ? ""
                                                                                                     : "skill not rated 'goed' or tapped";
  }
  if (r.text_key.rfind("reason.value.", 0) == 0)
    return s.chose("value", after("reason.value.")) ? "" : "value not chosen";
  if (r.text_key == "reason.condition.light") return s.heavy_limit() && o.physical == "light" ? "" : "light work not asked for";
  if (r.text_key == "reason.condition.no_diploma")
    return s.diploma_limit() && o.school == "none" ? "" : "no diploma limit, or the work asks one";
  if (r.text_key == "reason.condition.day_hours") return s.shift_limit() && !o.shifts ? "" : "hours not asked for";
  return "unknown kind of reason";
}

}  // namespace

TEST_CASE("property: 10,000 random people; advice never contradicts an answer and every reason is backed") {
  wktest::TempDir dir;
  auto load = load_content_pack(real_content_dir(dir), kiosk_content_needs());
  REQUIRE_MESSAGE(load.pack.has_value(), load.error);
  const ContentPack& c = *load.pack;
  REQUIRE(c.occupations.size() >= 120);

  std::mt19937 rng(20261207);
  int people = 0, with_limits = 0, reasons_checked = 0, excluded_seen = 0;
  std::string first_failure;
  auto fail = [&](const std::string& what, const Answers& a) {
    if (!first_failure.empty()) return;
    first_failure = what + "\n  answers:";
    for (const auto& [k, v] : a)
      for (const auto& id : v) first_failure += " " + k + "=" + id;
  };
  for (; people < 10000 && first_failure.empty(); ++people) {
    const Answers a = random_answers(c, rng);
    const Said said(c, a);
    const Profile p = build_profile(c, a);
    const auto shown = suggested_occupations(c, p);
    const auto other = transition_options(c, p);
    if (said.heavy_limit() || said.diploma_limit() || said.travel_limit() || said.shift_limit()) ++with_limits;
    excluded_seen += static_cast<int>(excluded_occupations(c, p).size());

    if (shown.empty()) fail("no occupation offered", a);
    std::set<std::string> shown_ids;
    for (const auto& m : shown) shown_ids.insert(m.occupation->id);
    for (const auto& m : other)
      if (shown_ids.count(m.occupation->id)) fail("other work repeats " + m.occupation->id, a);
    for (const auto* list : {&shown, &other})
      for (const auto& m : *list) {
        if (auto why = broken_limit(*m.occupation, said); !why.empty()) fail(m.occupation->id + " offered: " + why, a);
        for (const auto& r : m.reasons) {
          ++reasons_checked;
          if (auto why = unbacked(r, *m.occupation, said); !why.empty())
            fail(m.occupation->id + ": reason " + r.text_key + " " + why, a);
        }
      }
  }
  CHECK_MESSAGE(first_failure.empty(), first_failure);
  CHECK(people == 10000);
  // The draw reaches what the test is about: many people with limits, many reasons, exclusions.
  CHECK(with_limits > 5000);
  CHECK(reasons_checked > 20000);
  CHECK(excluded_seen > 10000);
}
