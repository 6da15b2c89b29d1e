#pragma once
// What a coach sees of one participant, as a plain JSON view model built from the stored
// session JSON and the content pack: the same words (in the coach's language) and the same
// pictures the participant saw, computed with the kiosk's own scoring and matching
// (core/scoring), so the page and the kiosk cannot drift apart. Templates only lay it out.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "content/content_history.h"
#include "content/content_pack.h"
#include "scoring/profile.h"

namespace wk::coach {

struct CheckRecord {
  nlohmann::json session;  // the session as the kiosk sent it (sync/API.md)
  std::string kiosk_group, received_at;
};

struct ViewOptions {
  std::string lang = "nl";          // words for the coach
  std::string region = "Nederland"; // prospects region, as on the kiosk
};

// Sessions are read with the core's forgiving readers (session/session_json.h): a damaged
// row shows as unanswered instead of failing the page.

// One check: intake, interests, strengths, values, behaviours, barriers, network,
// occupations, transitions, story, plan, and for a follow-up the steps taken.
nlohmann::json check_view(const ContentPack& content, const CheckRecord& check, const ViewOptions& options);

// The participant page: the latest full check as the result, every check in a list, and
// when there is more than one, the first and the latest side by side with what changed.
// `checks` are oldest first and all have the same code.
// Each check is read with its own content version's questions and words (content_history.h);
// answers to questions no version kept are listed as no longer existing ("retired").
nlohmann::json participant_view(const ContentVersions& versions, const std::vector<CheckRecord>& checks,
                                const ViewOptions& options);

// "2026-11-20T10:05:00.123Z" -> "20-11-2026 11:05": the stored UTC time in the server's local
// time zone (TZ; werkcheck-server sets Europe/Amsterdam unless --timezone says otherwise).
std::string display_time(const std::string& iso);

}  // namespace wk::coach
