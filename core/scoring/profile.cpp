#include "scoring/profile.h"

#include <algorithm>
#include <cstdlib>

namespace wk {

double option_score(const Option& o) {
  auto it = o.tags.find("score");
  if (it == o.tags.end()) return -1;
  char* end = nullptr;
  double v = std::strtod(it->second.c_str(), &end);
  return *end ? -1 : v;
}

std::vector<std::string> Profile::strong_skills() const {
  std::vector<std::string> out;
  for (const auto& [skill, level] : skills)
    if (level >= 2) out.push_back(skill);
  return out;
}

std::vector<BehaviourStatement> behaviour_statements(const ContentPack& c) {
  std::vector<BehaviourStatement> out;
  for (const auto& m : c.modules)
    for (const auto& i : m.items) {
      if (auto t = i.tags.find("behaviour"); t != i.tags.end()) out.push_back({t->second, i.key, i.picture});
      for (const auto& o : i.options)
        if (auto t = o.tags.find("behaviour"); t != o.tags.end()) out.push_back({t->second, o.text_key, o.picture});
    }
  return out;
}

std::vector<BehaviourChange> behaviour_changes(const ContentPack& c, const Profile& before, const Profile& now) {
  std::vector<BehaviourChange> out;
  for (auto& s : behaviour_statements(c)) {
    auto b = before.behaviours.find(s.behaviour), n = now.behaviours.find(s.behaviour);
    const std::string behaviour = s.behaviour;
    out.push_back({std::move(s), behaviour, b == before.behaviours.end() ? 0 : b->second,
                   n == now.behaviours.end() ? 0 : n->second});
  }
  return out;
}

namespace {
constexpr int kTrue = 2, kNotTrue = 1;  // a career-behaviour statement: klopt / klopt niet

bool listed(const std::string& words, const std::string& id) {
  size_t at = 0;
  while ((at = words.find(id, at)) != std::string::npos) {
    const size_t end = at + id.size();
    if ((at == 0 || words[at - 1] == ' ') && (end == words.size() || words[end] == ' ')) return true;
    at = end;
  }
  return false;
}

// A grid item ("tap all that apply"): each option counts, tapped or not, when the item was answered.
void read_grid(const Item& item, const std::vector<std::string>& tapped, Profile& p,
               std::map<std::string, double>& riasec_sum) {
  for (const auto& o : item.options) {
    const bool on = std::find(tapped.begin(), tapped.end(), o.id) != tapped.end();
    if (auto t = o.tags.find("riasec"); t != o.tags.end()) {
      riasec_sum[t->second] += on ? 1 : 0;
      p.riasec_answered[t->second] += 1;
    }
    if (auto t = o.tags.find("skill"); t != o.tags.end() && on) p.skills[t->second] = 2;
    if (auto t = o.tags.find("behaviour"); t != o.tags.end()) p.behaviours[t->second] = on ? kTrue : kNotTrue;
  }
}

// A grid of behaviour statements not answered in this session, but its statements in the
// earlier form (one rated item each, key in the option's "earlier" tag): those answers count,
// "klopt" when the answer is one the item lists in "earlier_yes".
void read_earlier_behaviours(const Item& item, const Answers& answers, Profile& p) {
  auto yes = item.tags.find("earlier_yes");
  if (yes == item.tags.end()) return;
  for (const auto& o : item.options) {
    auto t = o.tags.find("behaviour"), was = o.tags.find("earlier");
    if (t == o.tags.end() || was == o.tags.end()) continue;
    auto a = answers.find(was->second);
    if (a == answers.end() || a->second.empty()) continue;
    p.behaviours[t->second] = listed(yes->second, a->second.front()) ? kTrue : kNotTrue;
  }
}

bool is_grid(const Item& item) {
  if (item.max_choices <= 1) return false;
  for (const auto& o : item.options)
    if (o.tags.count("riasec") || o.tags.count("skill") || o.tags.count("behaviour")) return true;
  return false;
}
}  // namespace

Profile build_profile(const ContentPack& content, const Answers& answers) {
  Profile p;
  std::map<std::string, double> riasec_sum;
  std::set<std::string> grid_types;  // RIASEC types measured by a grid
  for (const auto& module : content.modules) {
    for (const auto& item : module.items) {
      if (item.type == ItemType::PerChoice) continue;  // read with its "of" item below
      auto it = answers.find(item.key);
      if (it == answers.end() || it->second.empty()) {
        read_earlier_behaviours(item, answers, p);
        continue;
      }
      if (is_grid(item)) {
        read_grid(item, it->second, p, riasec_sum);
        for (const auto& o : item.options)
          if (auto t = o.tags.find("riasec"); t != o.tags.end()) grid_types.insert(t->second);
      }
      std::vector<const Option*> chosen;
      for (const auto& id : it->second)
        for (const auto& o : item.options)
          if (o.id == id) chosen.push_back(&o);
      if (chosen.empty()) continue;

      // Item tags with a scored answer (one per item): interests, skills, behaviours.
      const double score = option_score(*chosen.front());
      double max_score = 0;
      for (const auto& o : item.options) max_score = std::max(max_score, option_score(o));
      if (score >= 0 && max_score > 0) {
        if (auto t = item.tags.find("riasec"); t != item.tags.end()) {
          riasec_sum[t->second] += score / max_score;
          p.riasec_answered[t->second] += 1;
          if (score >= max_score) p.answered_by["riasec:" + t->second].push_back({item.key, chosen.front()->id});
        }
        if (auto t = item.tags.find("skill"); t != item.tags.end()) {
          p.skills[t->second] = static_cast<int>(score);
          p.answered_by["skill:" + t->second] = {{item.key, chosen.front()->id}};
        }
        if (auto t = item.tags.find("behaviour"); t != item.tags.end())
          p.behaviours[t->second] = score >= max_score - 1 ? kTrue : kNotTrue;  // the top two of the scale
      }
      // Option tags: what was chosen.
      for (const Option* o : chosen) {
        for (const auto& [tag, value] : o->tags) {
          if (tag != "score" && tag != "action" && tag != "earlier") p.answered_by[tag + ":" + value].push_back({item.key, o->id});
          if (tag == "value") p.values.insert(value);
          else if (tag == "barrier" && value != "none") p.barriers.insert(value);
          else if (tag == "network" && value != "nobody") p.network.insert(value);
          else if (tag == "reason") p.reasons.insert(value);
          else if (tag == "motive") p.motives.insert(value);
          else if (tag == "situation") p.situation = value;
          else if (tag == "sector") p.sector = value;
          else if (tag == "school") p.school = value;
          else if (tag == "age") p.age = value;
          else if (tag == "action") {
            // The plan: each chosen action with its "when", from the per-choice item that follows it.
            std::string when;
            for (const auto& follower : module.items) {
              if (follower.type != ItemType::PerChoice || follower.of != item.id) continue;
              auto w = answers.find(follower.answer_key(o->id));
              if (w == answers.end() || w->second.empty()) continue;
              for (const auto& wo : follower.options)
                if (wo.id == w->second.front()) when = wo.tags.count("when") ? wo.tags.at("when") : wo.id;
            }
            p.plan.emplace_back(value, when);
          }
        }
      }
    }
  }
  for (const auto& [type, sum] : riasec_sum) p.riasec[type] = sum / p.riasec_answered[type];

  std::vector<std::pair<double, std::string>> liked;
  for (const auto& [type, mean] : p.riasec)
    if (mean > 0.5 || (mean >= 0.5 && grid_types.count(type))) liked.emplace_back(mean, type);
  std::sort(liked.begin(), liked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (size_t i = 0; i < liked.size() && i < 2; ++i) p.top_types.push_back(liked[i].second);
  return p;
}

}  // namespace wk
