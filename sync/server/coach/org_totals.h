#pragma once
// Anonymous totals for an organisation's kiosk group and period: how many checks, which
// interest types, barriers and chosen actions, and the career-behaviour averages. Counts and
// means only, never a row per participant, and nothing at all under kMinChecks checks, so
// that an employer or operator cannot single anyone out.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "content/content_pack.h"

namespace wk::coach {

constexpr int kMinChecks = 10;
// A count of 1 or 2 inside a group could still point at one person ("the one with a health
// barrier"), so such cells show "< 3" without a percentage or bar.
constexpr int kMinCell = 3;

// Totals are shown per calendar quarter that has ended, never for a free range of dates:
// overlapping ranges, or one range looked at before and after a check arrived, would let
// anyone subtract two totals and read one person's answers. A quarter that has ended no
// longer changes (the period is by the date the server received a check).
struct Quarter {
  int year = 0, number = 0;  // number 1..4
  std::string id() const;    // "2026-Q3"
  std::string from() const;  // "2026-07-01", the first day
  std::string until() const; // "2026-10-01", the day after the last
  std::string last() const;  // "2026-09-30"
};
std::optional<Quarter> parse_quarter(const std::string& id);
// The last `count` quarters that ended before `today` (YYYY-MM-DD), most recent first.
std::vector<Quarter> ended_quarters(const std::string& today, int count);

// "All groups" is the sum of the groups, so it is shown only when each group in it is
// empty or large enough by itself; otherwise all-minus-the-others would single out a small one.
bool every_group_large_enough(const std::vector<std::string>& group_of_each_check);

// Counts checks one at a time, so a quarter of thousands of checks never sits in memory parsed.
class TotalsBuilder {
 public:
  TotalsBuilder(const ContentPack& content, std::string lang) : content_(content), lang_(std::move(lang)) {}
  // A session's JSON (whole, or just {"status", "follow_up_of", "answers"}).
  void add(const nlohmann::json& session);
  // {"count": N, "too_few": bool, ...}; when too_few, only "count" and "min" are set.
  nlohmann::json result() const;

 private:
  const ContentPack& content_;
  std::string lang_;
  int count_ = 0, finished_ = 0, follow_ups_ = 0, no_clear_interest_ = 0, no_barrier_ = 0;
  std::map<std::string, int> types_, barriers_, actions_;
  std::map<std::string, std::pair<double, int>> behaviour_sum_;  // behaviour -> (sum, answered)
};

// The same for a list of sessions.
nlohmann::json org_totals(const ContentPack& content, const std::vector<nlohmann::json>& sessions,
                          const std::string& lang);

}  // namespace wk::coach
