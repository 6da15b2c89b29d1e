#pragma once
// Anonymous totals for an organisation's kiosk group and period: how many checks, which
// interest types, barriers and chosen actions, and the career-behaviour averages. Counts and
// means only, never a row per participant, and nothing at all under kMinChecks checks, so
// that an employer or operator cannot single anyone out.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "content/content_pack.h"

namespace wk::coach {

constexpr int kMinChecks = 10;
// A count of 1 or 2 inside a group could still point at one person ("the one with a health
// barrier"), so such cells show "< 3" without a percentage or bar.
constexpr int kMinCell = 3;

// `sessions`: the session JSON of every check in the selection (shared or anonymous).
// Returns {"count": N, "too_few": bool, ...}; when too_few, only "count" and "min" are set.
nlohmann::json org_totals(const ContentPack& content, const std::vector<nlohmann::json>& sessions,
                          const std::string& lang);

}  // namespace wk::coach
