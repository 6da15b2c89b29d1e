#pragma once
// Occupations that fit a profile, with the reasons in the participant's own terms (each with
// the answers behind it), the fit in words and the labour-market prospect with its source;
// and the occupations left out because of what the person said, with the answer that did it.
// The rules are in docs/matching.md; keep the two in step: a coach must be able to explain
// every suggestion and every omission.
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "scoring/profile.h"

namespace wk {

struct MatchReason {
  std::string text_key;  // reason.riasec.R, reason.skill.driving, reason.value.outdoors, reason.condition.light
  double weight = 0;
  std::vector<AnswerRef> answers;  // the person's own answers that back it (never empty)
};

struct OccupationMatch {
  const Occupation* occupation = nullptr;
  double score = 0;  // 0..1, for the order only: never shown
  double interest = 0, skills = 0, values = 0, adjustment = 0;  // the parts of the score
  std::vector<MatchReason> reasons;  // the three strongest, best first
  std::string fit_key;               // the fit in words: fit.both, fit.interest, fit.skills, fit.values, fit.open
  std::string route_key;             // route.<id> when the occupation names a way in without an mbo-3 diploma
  const ProspectRow* prospect = nullptr;
  std::string prospect_label;  // zeer_ruim .. zeer_krap, or empty when there is no row
  bool transition = false;     // in another sector than the person's current one
};

// An occupation not offered, the limit it breaks and the answers that set that limit.
struct Exclusion {
  const Occupation* occupation = nullptr;
  std::string rule;  // heavy_work, needs_diploma, changing_places, shift_work
  std::vector<AnswerRef> answers;
};

struct MatchOptions {
  std::string region = "Nederland";
  int max_results = 5;
};

// Every occupation the person's answers allow, scored, best first (ties: better prospects, then id).
std::vector<OccupationMatch> match_occupations(const ContentPack& content, const Profile& profile,
                                               const MatchOptions& options = {});
// The 3 to 5 to show: the best ones.
std::vector<OccupationMatch> suggested_occupations(const ContentPack& content, const Profile& profile,
                                                   const MatchOptions& options = {});
// "Other work": the best allowed matches outside the person's current sector that build on a
// skill they rated "goed", never one of the suggested occupations.
std::vector<OccupationMatch> transition_options(const ContentPack& content, const Profile& profile,
                                                const MatchOptions& options = {}, int max_results = 3);
// The occupations left out, in content order, each with the first limit it breaks.
std::vector<Exclusion> excluded_occupations(const ContentPack& content, const Profile& profile);
// The option an answer names (its words: option->text_key), or null for one the content no longer has.
const Option* answered_option(const ContentPack& content, const AnswerRef& answer);
// The limits the matching applies, in the order it checks them (heavy_work, needs_diploma, ...).
std::vector<std::string> limit_rules();

// The story that fits the person best (most shared tags), or null.
const Story* fitting_story(const ContentPack& content, const Profile& profile);

}  // namespace wk
