#include "scoring/answer_quality.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace wk {

namespace {
// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

// The answer set an option comes from ("answers.<set>.<option>"), or "" for an item's own options.
std::string answer_set_of(const Option& o) {
  const std::string prefix = "answers.";
  if (o.text_key.rfind(prefix, 0) != 0) return "";
  const auto dot = o.text_key.find('.', prefix.size());
  return dot == std::string::npos ? "" : o.text_key.substr(prefix.size(), dot - prefix.size());
}
}  // namespace

long long iso_seconds(const std::string& iso) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6) return -1;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return -1;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + s;
}

AnswerQuality answer_quality(const ContentPack& content, const SessionRecord& session) {
  AnswerQuality q;
  std::vector<AnswerEvent> events = session.events;
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });

  const long long start = iso_seconds(session.started_at);
  long long end = iso_seconds(session.ended_at);
  if (end < 0 && !events.empty()) end = iso_seconds(events.back().at);
  if (start >= 0 && end >= start) q.duration_s = static_cast<int>(end - start);

  // Per answer key: the one that counts (the latest event), and whether an answer was replaced by another.
  std::map<std::string, const AnswerEvent*> latest;
  std::map<std::string, std::vector<std::string>> answered;
  std::vector<std::string> order;
  for (const auto& e : events) {
    if (!latest.count(e.item)) order.push_back(e.item);
    latest[e.item] = &e;
    if (e.kind != "answer") continue;
    auto it = answered.find(e.item);
    if (it != answered.end() && it->second != e.values &&
        std::find(q.changed.begin(), q.changed.end(), e.item) == q.changed.end())
      q.changed.push_back(e.item);
    answered[e.item] = e.values;
  }
  for (const auto& key : order)
    if (latest.at(key)->kind == "skip") q.skipped.push_back(key);

  // Per shared answer set: the option each answered item got, in content order.
  std::map<std::string, std::vector<const Option*>> per_set;
  std::vector<std::string> set_order;
  for (const auto& m : content.modules)
    for (const auto& item : m.items) {
      if (item.type != ItemType::Choice) continue;
      auto it = latest.find(item.key);
      if (it == latest.end() || it->second->kind != "answer" || it->second->values.size() != 1) continue;
      for (const auto& o : item.options)
        if (o.id == it->second->values.front()) {
          const std::string set = answer_set_of(o);
          if (set.empty()) continue;
          if (!per_set.count(set)) set_order.push_back(set);
          per_set[set].push_back(&o);
        }
    }
  for (const auto& set : set_order) {
    const auto& chosen = per_set.at(set);
    if (static_cast<int>(chosen.size()) < kMinItemsForSame) continue;
    const bool alike = std::all_of(chosen.begin(), chosen.end(), [&](const Option* o) { return o->id == chosen.front()->id; });
    if (alike) q.same_everywhere.push_back({set, chosen.front()->text_key, static_cast<int>(chosen.size())});
  }
  return q;
}

}  // namespace wk
