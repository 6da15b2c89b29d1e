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

// `sessions`: the session JSON of every check in the selection (shared or anonymous).
// Returns {"count": N, "too_few": bool, ...}; when too_few, only "count" and "min" are set.
nlohmann::json org_totals(const ContentPack& content, const std::vector<nlohmann::json>& sessions,
                          const std::string& lang);

}  // namespace wk::coach
