#include "scoring/matching.h"

#include <algorithm>
#include <cmath>

namespace wk {

namespace {
// Weights of an occupation's RIASEC types by position: its main type counts most.
constexpr double kTypeWeights[] = {1.0, 0.6, 0.4};
constexpr double kInterestWeight = 0.5, kSkillWeight = 0.35, kValueWeight = 0.15;
constexpr double kNeutral = 0.5;  // what we assume where the person gave no answer

int prospect_rank(const std::string& label) {
  static const std::vector<std::string> order = {"zeer_krap", "krap", "evenwicht", "ruim", "zeer_ruim"};
  auto it = std::find(order.begin(), order.end(), label);
  return it == order.end() ? 5 : static_cast<int>(it - order.begin());
}

OccupationMatch score(const ContentPack& content, const Occupation& o, const Profile& p, const MatchOptions& opt) {
  OccupationMatch m;
  m.occupation = &o;
  // Interest: the person's liking of the occupation's types, main type weighted most.
  double wsum = 0, isum = 0;
  for (size_t i = 0; i < o.riasec.size() && i < 3; ++i) {
    auto it = p.riasec.find(o.riasec[i]);
    double liking = it == p.riasec.end() ? kNeutral : it->second;
    isum += kTypeWeights[i] * liking;
    wsum += kTypeWeights[i];
    if (liking > 0.5) m.reasons.push_back({"reason.riasec." + o.riasec[i], kInterestWeight * kTypeWeights[i] * liking});
  }
  m.interest = wsum > 0 ? isum / wsum : kNeutral;
  // Skills: how well the person says they can do what the occupation asks (goed 1, een beetje 0.5, niet 0).
  double ssum = 0;
  for (const auto& s : o.skills) {
    auto it = p.skills.find(s);
    double level = it == p.skills.end() ? kNeutral : it->second / 2.0;
    ssum += level;
    if (it != p.skills.end() && it->second >= 2)
      m.reasons.push_back({"reason.skill." + s, kSkillWeight * level / std::max<size_t>(1, o.skills.size()) * 2});
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
        m.reasons.push_back({"reason.value." + v, kValueWeight});
      }
    m.values = static_cast<double>(shared) / o.values.size();
  }
  // Honest adjustments for barriers the person named.
  if (p.barriers.count("health") && o.physical == "heavy") m.adjustment -= 0.15;
  if ((p.barriers.count("care") || p.barriers.count("time")) && o.shifts) m.adjustment -= 0.05;
  if (p.barriers.count("diploma") && o.school == "mbo3") m.adjustment -= 0.05;
  m.score = std::clamp(kInterestWeight * m.interest + kSkillWeight * m.skills + kValueWeight * m.values + m.adjustment,
                       0.0, 1.0);
  std::stable_sort(m.reasons.begin(), m.reasons.end(), [](const auto& a, const auto& b) { return a.weight > b.weight; });
  if (m.reasons.size() > 3) m.reasons.resize(3);
  m.prospect = content.prospect(o.prospect_group, opt.region);
  if (m.prospect) m.prospect_label = prospect_label(m.prospect->ratio);
  m.transition = !p.sector.empty() && o.sector != p.sector;
  return m;
}
}  // namespace

std::vector<OccupationMatch> match_occupations(const ContentPack& content, const Profile& profile,
                                               const MatchOptions& options) {
  std::vector<OccupationMatch> out;
  for (const auto& o : content.occupations) out.push_back(score(content, o, profile, options));
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
  const auto strong = profile.strong_skills();
  for (auto& m : match_occupations(content, profile, options)) {
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
