#pragma once
// The result, in at most five pages: first the participant code (so that someone who walks away
// during the result has seen and heard it; the closing screen says it again), then the person
// (what they like, what they can do, what matters to them), their work options (each with a
// picture, the fit in words and the chance of work as a picture scale), the story of someone
// like them and their plan. A follow-up shows the comparison with the earlier check instead;
// content without scoring tags shows the answers back. A page whose words do not fit the screen
// is shown in parts (a small screen); each part says exactly what it shows.
#include <vector>

#include "screens/layout.h"
#include "screens/screen_context.h"
#include "screens/screen_model.h"

namespace wk {

enum class ResultPage { Code, You, Work, Story, Plan, Answers, Compare };
struct ResultPageRef {
  ResultPage kind;
};

std::vector<ResultPageRef> result_pages(const ScreenContext& ctx);
// The page's title and body (the result screen adds progress, speaker and bottom bar). A page
// whose words do not fit at m is shown in parts; returns how many, and shows `part` (clamped).
// `said` (when given) gets the clips that say what the part shows, in the order it shows them.
int add_result_page(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, const ResultPageRef& page, int part,
                    std::vector<Clip>* said = nullptr);
// What the part shows, spoken: laid out at the window's metrics, so the speech follows the layout.
std::vector<Clip> result_page_speech(const ScreenContext& ctx, const ResultPageRef& page, int part);
// The words the pages use for this content.
std::vector<std::string> result_text_keys(const ContentPack& content);
// The pictures of the chance-of-work scale: a full and an empty mark (ui_pictures roles).
inline constexpr const char* kScaleFullRole = "scale_full";
inline constexpr const char* kScaleEmptyRole = "scale_empty";

// The per-choice item's option for a "when" tag value (its words: "Deze week").
inline const Option* when_option(const ContentPack& c, const std::string& when) { return c.option_with_tag("when", when); }
// How a career behaviour changed since the earlier check, in words.
inline const char* change_key(const BehaviourChange& c) {
  if (!c.before || !c.now || c.before == c.now) return "ui.followup.same";
  return c.now > c.before ? "ui.followup.more" : "ui.followup.less";
}
// Its picture (ui_pictures roles): an arrow up for more, down for less, level for the same.
inline const char* change_picture_role(const std::string& change_key) {
  if (change_key == "ui.followup.more") return "change_more";
  return change_key == "ui.followup.less" ? "change_less" : "change_same";
}
inline constexpr const char* kChangeRoles[] = {"change_more", "change_less", "change_same"};

}  // namespace wk
