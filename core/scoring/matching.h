#pragma once
// Occupations that fit a profile, with the reasons in the participant's own terms and the
// labour-market prospect with its source. The formula is in docs/matching.md; keep the two
// in step: a coach must be able to explain every suggestion.
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "scoring/profile.h"

namespace wk {

struct MatchReason {
  std::string text_key;  // reason.riasec.R, reason.skill.driving, reason.value.outdoors
  double weight = 0;
};

struct OccupationMatch {
  const Occupation* occupation = nullptr;
  double score = 0;  // 0..1
  double interest = 0, skills = 0, values = 0, adjustment = 0;  // the parts of the score
  std::vector<MatchReason> reasons;  // the two or three strongest, best first
  const ProspectRow* prospect = nullptr;
  std::string prospect_label;  // zeer_ruim .. zeer_krap, or empty when there is no row
  bool transition = false;     // in another sector than the person's current one
};

struct MatchOptions {
  std::string region = "Nederland";
  int max_results = 5;
};

// Every occupation scored, best first (ties: better prospects, then name).
std::vector<OccupationMatch> match_occupations(const ContentPack& content, const Profile& profile,
                                               const MatchOptions& options = {});
// The 3 to 5 to show: the best ones.
std::vector<OccupationMatch> suggested_occupations(const ContentPack& content, const Profile& profile,
                                                   const MatchOptions& options = {});
// Best matches outside the person's current sector that build on a skill they rated "goed".
std::vector<OccupationMatch> transition_options(const ContentPack& content, const Profile& profile,
                                                const MatchOptions& options = {}, int max_results = 3);
// The story that fits the person best (most shared tags), or null.
const Story* fitting_story(const ContentPack& content, const Profile& profile);

}  // namespace wk
