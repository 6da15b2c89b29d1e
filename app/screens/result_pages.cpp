#include "screens/result_pages.h"

#include "screens/code_parts.h"

namespace wk {

std::vector<ResultPageRef> result_pages(const ScreenContext& ctx) {
  std::vector<ResultPageRef> pages;
  const ContentPack* content = ctx.content();
  if (!content) return pages;
  if (ctx.follow_up_of()) return {{ResultPage::Compare}};
  if (!content->tag_values("riasec").empty() || !content->tag_values("skill").empty() ||
      !content->tag_values("value").empty())
    pages.push_back({ResultPage::You});
  if (!ctx.suggestions().empty()) pages.push_back({ResultPage::Work});
  if (fitting_story(*content, ctx.profile())) pages.push_back({ResultPage::Story});
  if (!content->tag_values("action").empty()) pages.push_back({ResultPage::Plan});
  if (pages.empty()) pages.push_back({ResultPage::Answers});  // content without scoring tags: the answers back
  // The code first: who walks away during the result has seen and heard it.
  if (ctx.session()) pages.insert(pages.begin(), {ResultPage::Code});
  return pages;
}

std::vector<std::string> result_text_keys(const ContentPack& c) {
  const bool riasec = !c.tag_values("riasec").empty(), skill = !c.tag_values("skill").empty(),
             value = !c.tag_values("value").empty(), action = !c.tag_values("action").empty();
  std::vector<std::string> keys = code_text_keys();
  auto add = [&](std::initializer_list<const char*> ks) { keys.insert(keys.end(), ks.begin(), ks.end()); };
  if (riasec) add({"ui.result.interests_title", "ui.result.no_clear_interest"});
  if (skill) add({"ui.result.strengths_title", "ui.result.no_strengths"});
  if (value) add({"ui.result.values_title"});
  if (!c.occupations.empty())
    add({"ui.result.occupation_title", "ui.result.prospect", "ui.result.prospect_unknown", "ui.result.esco_credit"});
  if (!c.stories.empty()) add({"ui.result.story_title"});
  if (!c.tag_values("behaviour").empty())
    add({"ui.followup.compare_title", "ui.followup.then", "ui.followup.now", "ui.followup.more", "ui.followup.less",
         "ui.followup.same", "ui.followup.true", "ui.followup.not_true"});
  if (action) add({"ui.result.plan_title", "ui.result.no_plan"});
  if (!riasec && !skill && !value && c.occupations.empty() && c.stories.empty() && !action)
    add({"ui.result.title", "ui.result.skipped"});
  return keys;
}

std::vector<Clip> result_page_speech(const ScreenContext& ctx, const ResultPageRef& page, int part) {
  std::vector<Clip> said;
  ScreenModel scratch;
  add_result_page(scratch, ctx, ctx.metrics(), page, part, &said);
  return said;
}

}  // namespace wk
