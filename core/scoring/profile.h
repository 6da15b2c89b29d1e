#pragma once
// What a participant's answers say, read through the content's scoring tags: interests
// (RIASEC), skills, values, career behaviours, barriers, network, intake and plan.
// Plain data, computed in the core; the result screens and the coach pages show it.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "content/content_pack.h"

namespace wk {

using Answers = std::map<std::string, std::vector<std::string>>;  // answer key -> chosen option ids

// One answer: the answer key (<module>.<item>) and the option chosen there.
struct AnswerRef {
  std::string key, option;
  bool operator==(const AnswerRef& o) const { return key == o.key && option == o.option; }
};

struct Profile {
  // RIASEC: mean of the answered items of each type, 0 (niet leuk) .. 1 (leuk); 0.5 is neutral.
  // From a grid ("tap all you like"): each activity shown counts, 1 when tapped, 0 when not.
  std::map<std::string, double> riasec;
  std::map<std::string, int> riasec_answered;
  // At most two types clearly liked, best first: a rated mean above 0.5, or from grids at least
  // half of the type's activities tapped.
  std::vector<std::string> top_types;
  // skill -> 0 (niet), 1 (een beetje), 2 (goed); absent: not answered. A grid ("what can you do
  // well?") gives 2 for a tapped skill and says nothing of the others (they stay absent).
  std::map<std::string, int> skills;
  std::set<std::string> values;        // chosen "what matters to me"
  // TNO career behaviour -> 2 (klopt: true for me) or 1 (klopt niet). From a grid of statements:
  // tapped or not. From a rated item (the earlier form, five points): its top two answers are
  // "klopt" (wel, zeker wel), the rest not; see docs/content-format.md "Career behaviours".
  std::map<std::string, int> behaviours;
  std::set<std::string> barriers, network, reasons;
  std::set<std::string> motives;  // what brings the person (intake "motive" tags): health, lighter_work, ...
  std::string situation, sector, school, age;
  std::vector<std::pair<std::string, std::string>> plan;  // action -> when (week, month, later or "")

  // The answers behind each "tag:value" ("barrier:health", "value:outdoors", "skill:driving",
  // "school:foreign"); for "riasec:R" the items of that type answered with the top of the scale.
  std::map<std::string, std::vector<AnswerRef>> answered_by;

  std::vector<std::string> strong_skills() const;  // rated "goed"
  bool has(const std::string& tag, const std::string& value) const { return answered_by.count(tag + ":" + value) > 0; }
  std::vector<AnswerRef> answers_for(const std::string& tag, const std::string& value) const {
    auto it = answered_by.find(tag + ":" + value);
    return it == answered_by.end() ? std::vector<AnswerRef>{} : it->second;
  }
};

Profile build_profile(const ContentPack& content, const Answers& answers);

// A career-behaviour statement of the content: a rated item or an option of a grid.
struct BehaviourStatement {
  std::string behaviour, text_key, picture;
};
std::vector<BehaviourStatement> behaviour_statements(const ContentPack& content);

// A career-behaviour statement with the earlier and the current answer (0: not answered, 1: klopt
// niet, 2: klopt), in content order: what a follow-up and the coach's history compare.
struct BehaviourChange {
  BehaviourStatement statement;
  std::string behaviour;
  int before = 0, now = 0;
};
std::vector<BehaviourChange> behaviour_changes(const ContentPack& content, const Profile& before, const Profile& now);

// The number behind an option's "score" tag, or -1.
double option_score(const Option& o);

}  // namespace wk
