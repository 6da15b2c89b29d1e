#include "scoring/matching.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace wk {

namespace {
// Weights of an occupation's RIASEC types by position: its main type counts most.
constexpr double kTypeWeights[] = {1.0, 0.6, 0.4};
constexpr double kInterestWeight = 0.5, kSkillWeight = 0.35, kValueWeight = 0.15;
constexpr double kNeutral = 0.5;          // what we assume where the person gave no answer
constexpr double kConditionWeight = 0.3;  // a reason that answers a limit the person named ranks high

using TagValue = std::pair<const char*, const char*>;

// A limit the person's answers can set: any of `set_by` sets it, and then no occupation that
// `breaks` it is offered. What the limit rules out may not come back as a reason
// (`contradicts`), and an occupation that clearly keeps it gets `kept_reason`.
struct Limit {
  const char* rule;
  std::vector<TagValue> set_by;
  bool (*breaks)(const Occupation&);
  bool (*keeps)(const Occupation&);
  const char* kept_reason;
  std::vector<std::string> contradicts;
};

bool open_without_mbo3(const Occupation& o) {
  static const std::set<std::string> open = {"none", "primary", "vmbo", "mbo1", "mbo2"};
  return open.count(o.school) > 0;
}

const std::vector<Limit>& limits() {
  static const std::vector<Limit> all = {
      {"heavy_work",
       {{"barrier", "health"}, {"motive", "health"}, {"motive", "lighter_work"}},
       [](const Occupation& o) { return o.physical == "heavy"; },
       [](const Occupation& o) { return o.physical == "light"; },
       "reason.condition.light",
       {"reason.skill.lifting"}},
      // Without a Dutch diploma (or without the Dutch an mbo-3 course asks), only work that
      // is open without one, or that names a way in (learning on the job, the employer's course).
      {"needs_diploma",
       {{"barrier", "language"}, {"barrier", "diploma"}, {"school", "none"}, {"school", "primary"}, {"school", "foreign"}},
       [](const Occupation& o) { return !open_without_mbo3(o) && o.training_route.empty(); },
       [](const Occupation& o) { return o.school == "none"; },
       "reason.condition.no_diploma",
       {}},
      {"changing_places",
       {{"barrier", "travel"}},
       [](const Occupation& o) { return o.travel; },
       nullptr,
       nullptr,
       {}},
      {"shift_work",
       {{"barrier", "care"}, {"barrier", "time"}},
       [](const Occupation& o) { return o.shifts; },
       [](const Occupation& o) { return !o.shifts; },
       "reason.condition.day_hours",
       {}},
  };
  return all;
}

// A limit this person's answers set, with those answers.
struct ActiveLimit {
  const Limit* limit;
  std::vector<AnswerRef> answers;
};

std::vector<ActiveLimit> active_limits(const Profile& p) {
  std::vector<ActiveLimit> out;
  for (const auto& l : limits()) {
    std::vector<AnswerRef> answers;
    for (const auto& [tag, value] : l.set_by)
      for (auto& a : p.answers_for(tag, value)) answers.push_back(std::move(a));
    if (!answers.empty()) out.push_back({&l, std::move(answers)});
  }
  return out;
}

int prospect_rank(const std::string& label) {
  static const std::vector<std::string> order = {"zeer_krap", "krap", "evenwicht", "ruim", "zeer_ruim"};
  auto it = std::find(order.begin(), order.end(), label);
  return it == order.end() ? 5 : static_cast<int>(it - order.begin());
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string fit_in_words(const std::vector<MatchReason>& reasons) {
  auto any = [&](const char* prefix) {
    return std::any_of(reasons.begin(), reasons.end(), [&](const MatchReason& r) { return starts_with(r.text_key, prefix); });
  };
  const bool interest = any("reason.riasec."), skill = any("reason.skill.");
  if (interest && skill) return "fit.both";
  if (interest) return "fit.interest";
  if (skill) return "fit.skills";
  if (any("reason.value.")) return "fit.values";
  return "fit.open";
}

OccupationMatch score(const ContentPack& content, const Occupation& o, const Profile& p,
                      const std::vector<ActiveLimit>& set, const MatchOptions& opt) {
  OccupationMatch m;
  m.occupation = &o;
  // Interest: the person's liking of the occupation's types, main type weighted most.
  double wsum = 0, isum = 0;
  for (size_t i = 0; i < o.riasec.size() && i < 3; ++i) {
    auto it = p.riasec.find(o.riasec[i]);
    double liking = it == p.riasec.end() ? kNeutral : it->second;
    isum += kTypeWeights[i] * liking;
    wsum += kTypeWeights[i];
    if (liking > 0.5)
      m.reasons.push_back({"reason.riasec." + o.riasec[i], kInterestWeight * kTypeWeights[i] * liking,
                           p.answers_for("riasec", o.riasec[i])});
  }
  m.interest = wsum > 0 ? isum / wsum : kNeutral;
  // Skills: how well the person says they can do what the occupation asks (goed 1, een beetje 0.5, niet 0).
  double ssum = 0;
  for (const auto& s : o.skills) {
    auto it = p.skills.find(s);
    double level = it == p.skills.end() ? kNeutral : it->second / 2.0;
    ssum += level;
    if (it != p.skills.end() && it->second >= 2)
      m.reasons.push_back({"reason.skill." + s, kSkillWeight * level / std::max<size_t>(1, o.skills.size()) * 2,
                           p.answers_for("skill", s)});
  }
  m.skills = o.skills.empty() ? kNeutral : ssum / o.skills.size();
  // Values: the share of the occupation's strong points that the person chose as important.
  if (p.values.empty() || o.values.empty()) {
    m.values = kNeutral;
  } else {
    int shared = 0;
    for (const auto& v : o.values)
      if (p.values.count(v)) {
        ++shared;
        m.reasons.push_back({"reason.value." + v, kValueWeight, p.answers_for("value", v)});
      }
    m.values = static_cast<double>(shared) / o.values.size();
  }
  // The limits the person named: what they rule out never shows as a reason; an occupation
  // that clearly keeps a limit says so, backed by the answer that set it.
  for (const auto& [limit_ptr, answers] : set) {
    const Limit& limit = *limit_ptr;
    m.reasons.erase(std::remove_if(m.reasons.begin(), m.reasons.end(),
                                   [&](const MatchReason& r) {
                                     return std::count(limit.contradicts.begin(), limit.contradicts.end(), r.text_key) > 0;
                                   }),
                    m.reasons.end());
    if (limit.keeps && limit.keeps(o)) m.reasons.push_back({limit.kept_reason, kConditionWeight, answers});
  }
  // Softer: age and medium-heavy work, health and medium work, no diploma and a long way in.
  const bool older = p.age == "55plus" || p.barriers.count("age");
  if (older && o.physical == "heavy") m.adjustment -= 0.10;
  if ((p.barriers.count("health") || p.motives.count("health") || p.motives.count("lighter_work")) &&
      o.physical == "medium")
    m.adjustment -= 0.05;
  if (!o.training_route.empty() && !open_without_mbo3(o) && p.barriers.count("diploma")) m.adjustment -= 0.05;
  m.score = std::clamp(kInterestWeight * m.interest + kSkillWeight * m.skills + kValueWeight * m.values + m.adjustment,
                       0.0, 1.0);
  std::stable_sort(m.reasons.begin(), m.reasons.end(), [](const auto& a, const auto& b) { return a.weight > b.weight; });
  m.fit_key = fit_in_words(m.reasons);
  if (m.reasons.size() > 3) m.reasons.resize(3);
  if (!o.training_route.empty()) m.route_key = "route." + o.training_route;
  m.prospect = content.prospect(o.prospect_group, opt.region);
  if (m.prospect) m.prospect_label = prospect_label(m.prospect->ratio);
  m.transition = !p.sector.empty() && o.sector != p.sector;
  return m;
}

// The first limit the occupation breaks for this person, or none (rule empty).
Exclusion first_broken_limit(const Occupation& o, const std::vector<ActiveLimit>& set) {
  for (const auto& [limit, answers] : set)
    if (limit->breaks(o)) return {&o, limit->rule, answers};
  return {&o, "", {}};
}
}  // namespace

std::vector<OccupationMatch> match_occupations(const ContentPack& content, const Profile& profile,
                                               const MatchOptions& options) {
  std::vector<OccupationMatch> out;
  const auto set = active_limits(profile);
  for (const auto& o : content.occupations)
    if (first_broken_limit(o, set).rule.empty()) out.push_back(score(content, o, profile, set, options));
  std::sort(out.begin(), out.end(), [](const OccupationMatch& a, const OccupationMatch& b) {
    if (std::abs(a.score - b.score) > 1e-9) return a.score > b.score;
    int pa = prospect_rank(a.prospect_label), pb = prospect_rank(b.prospect_label);
    if (pa != pb) return pa < pb;
    return a.occupation->id < b.occupation->id;
  });
  return out;
}

std::vector<OccupationMatch> suggested_occupations(const ContentPack& content, const Profile& profile,
                                                   const MatchOptions& options) {
  auto all = match_occupations(content, profile, options);
  if (all.size() > static_cast<size_t>(options.max_results)) all.resize(options.max_results);
  return all;
}

std::vector<OccupationMatch> transition_options(const ContentPack& content, const Profile& profile,
                                                const MatchOptions& options, int max_results) {
  std::vector<OccupationMatch> out;
  if (profile.sector.empty()) return out;
  auto all = match_occupations(content, profile, options);
  const size_t shown = std::min(all.size(), static_cast<size_t>(std::max(0, options.max_results)));
  const auto strong = profile.strong_skills();
  for (size_t i = shown; i < all.size(); ++i) {  // the suggested ones come first in `all`: never repeat them
    auto& m = all[i];
    if (!m.transition) continue;
    bool builds_on_skill = std::any_of(m.occupation->skills.begin(), m.occupation->skills.end(), [&](const auto& s) {
      return std::find(strong.begin(), strong.end(), s) != strong.end();
    });
    if (!builds_on_skill) continue;
    out.push_back(m);
    if (static_cast<int>(out.size()) >= max_results) break;
  }
  return out;
}

std::vector<Exclusion> excluded_occupations(const ContentPack& content, const Profile& profile) {
  std::vector<Exclusion> out;
  const auto set = active_limits(profile);
  for (const auto& o : content.occupations)
    if (auto e = first_broken_limit(o, set); !e.rule.empty()) out.push_back(std::move(e));
  return out;
}

const Option* answered_option(const ContentPack& content, const AnswerRef& answer) {
  for (const auto& m : content.modules)
    for (const auto& item : m.items)
      if (item.key == answer.key)
        for (const auto& o : item.options)
          if (o.id == answer.option) return &o;
  return nullptr;
}

std::vector<std::string> limit_rules() {
  std::vector<std::string> out;
  for (const auto& l : limits()) out.push_back(l.rule);
  return out;
}

const Story* fitting_story(const ContentPack& content, const Profile& p) {
  const Story* best = nullptr;
  int best_hits = -1;
  for (const auto& st : content.stories) {
    int hits = 0;
    for (const auto& [tag, vals] : st.fits)
      for (const auto& v : vals) {
        if (tag == "riasec") hits += std::count(p.top_types.begin(), p.top_types.end(), v) * 2;
        if (tag == "barrier") hits += p.barriers.count(v);
        if (tag == "situation") hits += p.situation == v;
        if (tag == "sector") hits += p.sector == v;
      }
    if (hits > best_hits) {
      best_hits = hits;
      best = &st;
    }
  }
  return best;
}

}  // namespace wk
