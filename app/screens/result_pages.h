#pragma once
// The result, in pages: first the participant code (so that someone who walks away during the
// result has seen and heard it), then what the person's answers say (interests, strengths and values, each
// suggested occupation, transitions, a story, the plan), or for a follow-up the comparison
// with the earlier check; the answers back when the content has no scoring tags.
#include <vector>

#include "screens/layout.h"
#include "screens/screen_context.h"
#include "screens/screen_model.h"

namespace wk {

enum class ResultPage { Code, Interests, Strengths, Occupation, Transitions, Story, Plan, Answers, Compare };
struct ResultPageRef {
  ResultPage kind;
  int index = 0;  // which occupation
};

std::vector<ResultPageRef> result_pages(const ScreenContext& ctx);
// The page's title and body (the result screen adds progress, speaker and bottom bar). A page
// whose words do not fit at m is shown in parts; returns how many, and shows `part` (clamped).
int add_result_page(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const ResultPageRef& page, int part);
// Everything on the page, spoken.
std::vector<Clip> result_page_speech(const ScreenContext& ctx, const ResultPageRef& page);
// The words the pages use for this content.
std::vector<std::string> result_text_keys(const ContentPack& content);

// The per-choice item's option for a "when" tag value (its words: "Deze week").
inline const Option* when_option(const ContentPack& c, const std::string& when) { return c.option_with_tag("when", when); }
// How a career behaviour changed since the earlier check, in words.
inline const char* change_key(const BehaviourChange& c) {
  if (!c.before || !c.now || c.before == c.now) return "ui.followup.same";
  return c.now > c.before ? "ui.followup.more" : "ui.followup.less";
}

}  // namespace wk
