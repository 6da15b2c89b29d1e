#include "org_totals.h"

#include <cmath>
#include <map>

#include "scoring/profile.h"
#include "session/session_json.h"

namespace wk::coach {

using nlohmann::json;

namespace {

int pct(int part, int whole) { return whole ? static_cast<int>(std::lround(100.0 * part / whole)) : 0; }

// A count as shown: small non-zero counts are hidden (kMinCell).
json cell(int n, int whole) {
  const bool small = n > 0 && n < kMinCell;
  return {{"count", small ? "< " + std::to_string(kMinCell) : std::to_string(n)},
          {"pct", small ? "" : std::to_string(pct(n, whole)) + "%"},
          {"bar", small ? 0 : pct(n, whole)},
          {"small", small}};
}

// Rows of {text, picture, count, pct}, most frequent first; `text_of`/`picture_of` name a tag value.
template <typename TextOf, typename PicOf>
json count_rows(const std::map<std::string, int>& counts, int whole, TextOf text_of, PicOf picture_of) {
  std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  json rows = json::array();
  for (const auto& [value, n] : sorted) {
    json row = cell(n, whole);
    row["text"] = text_of(value);
    row["picture"] = picture_of(value);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::string Quarter::id() const { return std::to_string(year) + "-Q" + std::to_string(number); }

std::string Quarter::from() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-01", year, 3 * (number - 1) + 1);
  return buf;
}

std::string Quarter::until() const {
  char buf[16];
  if (number == 4) std::snprintf(buf, sizeof buf, "%04d-01-01", year + 1);
  else std::snprintf(buf, sizeof buf, "%04d-%02d-01", year, 3 * number + 1);
  return buf;
}

std::string Quarter::last() const {
  static const char* kLast[] = {"03-31", "06-30", "09-30", "12-31"};
  return std::to_string(year) + "-" + kLast[number - 1];
}

std::optional<Quarter> parse_quarter(const std::string& id) {
  if (id.size() != 7 || id[4] != '-' || id[5] != 'Q' || id[6] < '1' || id[6] > '4') return std::nullopt;
  for (int i = 0; i < 4; ++i)
    if (id[i] < '0' || id[i] > '9') return std::nullopt;
  return Quarter{std::stoi(id.substr(0, 4)), id[6] - '0'};
}

std::vector<Quarter> ended_quarters(const std::string& today, int count) {
  std::vector<Quarter> out;
  if (today.size() < 7) return out;
  Quarter q{std::stoi(today.substr(0, 4)), (std::stoi(today.substr(5, 2)) - 1) / 3 + 1};
  for (int i = 0; i < count; ++i) {
    q = q.number == 1 ? Quarter{q.year - 1, 4} : Quarter{q.year, q.number - 1};
    out.push_back(q);
  }
  return out;
}

bool every_group_large_enough(const std::vector<std::string>& group_of_each_check) {
  std::map<std::string, int> per_group;
  for (const auto& g : group_of_each_check) ++per_group[g];
  for (const auto& [g, n] : per_group)
    if (n < kMinChecks) return false;
  return true;
}

void TotalsBuilder::add(const json& s) {
  ++count_;
  const SessionRecord record = session_from_json(s);
  if (record.status == "finished") ++finished_;
  const bool follow_up = !record.follow_up_of.empty();
  if (follow_up) ++follow_ups_;
  const Profile p = build_profile(content_, answers_from_json(s));
  for (const auto& [b, score] : p.behaviours) {
    behaviour_sum_[b].first += score;
    behaviour_sum_[b].second += 1;
  }
  if (follow_up) return;  // a follow-up only repeats the behaviours
  if (p.top_types.empty()) ++no_clear_interest_;
  for (const auto& t : p.top_types) ++types_[t];
  if (p.barriers.empty()) ++no_barrier_;
  for (const auto& b : p.barriers) ++barriers_[b];
  for (const auto& [a, when] : p.plan) ++actions_[a];
}

json org_totals(const ContentPack& c, const std::vector<json>& sessions, const std::string& lang) {
  TotalsBuilder totals(c, lang);
  for (const auto& s : sessions) totals.add(s);
  return totals.result();
}

json TotalsBuilder::result() const {
  const ContentPack& c = content_;
  const std::string& lang = lang_;
  const int n = count_;
  json out = {{"count", n}, {"min", kMinChecks}, {"too_few", n < kMinChecks}};
  if (n < kMinChecks) return out;
  const int full = n - follow_ups_;
  out["finished"] = cell(finished_, n)["count"];
  out["follow_ups"] = cell(follow_ups_, n)["count"];
  out["full_checks"] = std::to_string(full);
  auto option_text = [&](const std::string& tag) {
    return [&c, &lang, tag](const std::string& v) {
      const Option* o = c.option_with_tag(tag, v);
      return o ? c.text(lang, o->text_key) : v;
    };
  };
  auto option_picture = [&](const std::string& tag) {
    return [&c, tag](const std::string& v) { return c.picture_for_tag(tag, v); };
  };
  out["interests"] = count_rows(
      types_, full, [&](const std::string& t) { return c.text(lang, "riasec." + t); },
      [&](const std::string& t) { return c.riasec_pictures.count(t) ? c.riasec_pictures.at(t) : std::string(); });
  out["no_clear_interest"] = cell(no_clear_interest_, full);
  out["barriers"] = count_rows(barriers_, full, option_text("barrier"), option_picture("barrier"));
  out["no_barrier"] = cell(no_barrier_, full);
  out["actions"] = count_rows(actions_, full, option_text("action"), option_picture("action"));

  json behaviours = json::array();
  // Each statement: the share of the checks that said "klopt" (an answer is 2, klopt, or 1).
  for (const auto& st : behaviour_statements(c)) {
    auto it = behaviour_sum_.find(st.behaviour);
    const int answered = it == behaviour_sum_.end() ? 0 : it->second.second;
    const double share = answered ? (it->second.first - answered) / answered : 0;
    const int pct = static_cast<int>(std::lround(share * 100));
    behaviours.push_back({{"question", c.text(lang, st.text_key)},
                          {"picture", st.picture},
                          {"mean", answered ? std::to_string(pct) + "%" : std::string("-")},
                          {"bar", pct},
                          {"answered", answered}});
  }
  out["behaviours"] = behaviours;
  return out;
}

}  // namespace wk::coach
