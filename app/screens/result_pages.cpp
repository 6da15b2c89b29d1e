#include "screens/result_pages.h"

#include <algorithm>

#include "screens/code_parts.h"

namespace wk {

std::vector<ResultPageRef> result_pages(const ScreenContext& ctx) {
  std::vector<ResultPageRef> pages;
  const ContentPack* content = ctx.content();
  if (!content) return pages;
  if (ctx.follow_up_of()) return {{ResultPage::Compare}};
  const Profile p = ctx.profile();
  if (!content->tag_values("riasec").empty()) pages.push_back({ResultPage::Interests});
  if (!content->tag_values("skill").empty() || !content->tag_values("value").empty())
    pages.push_back({ResultPage::Strengths});
  const int n = static_cast<int>(ctx.suggestions().size());
  for (int i = 0; i < n; ++i) pages.push_back({ResultPage::Occupation, i});
  if (!p.sector.empty() && !content->occupations.empty()) pages.push_back({ResultPage::Transitions});
  if (!content->stories.empty()) pages.push_back({ResultPage::Story});
  if (!content->tag_values("action").empty()) pages.push_back({ResultPage::Plan});
  if (pages.empty()) pages.push_back({ResultPage::Answers});  // content without scoring tags: the answers back
  if (ctx.session()) pages.insert(pages.begin(), {ResultPage::Code});
  return pages;
}

std::vector<std::string> result_text_keys(const ContentPack& c) {
  const bool riasec = !c.tag_values("riasec").empty(), skill = !c.tag_values("skill").empty(),
             value = !c.tag_values("value").empty(), action = !c.tag_values("action").empty();
  std::vector<std::string> keys = code_text_keys();
  auto add = [&](std::initializer_list<const char*> ks) { keys.insert(keys.end(), ks.begin(), ks.end()); };
  if (riasec) add({"ui.result.interests_title", "ui.result.no_clear_interest"});
  if (skill || value) add({"ui.result.strengths_title", "ui.result.no_strengths", "ui.result.values_title"});
  if (!c.occupations.empty())
    add({"ui.result.occupation_title", "ui.result.prospect", "ui.result.prospect_unknown", "ui.result.source",
         "ui.result.esco_credit", "ui.result.transitions_title", "ui.result.no_transitions", "ui.result.to"});
  if (!c.stories.empty()) add({"ui.result.story_title"});
  if (!c.tag_values("behaviour").empty())
    add({"ui.followup.compare_title", "ui.followup.then", "ui.followup.now", "ui.followup.more", "ui.followup.less",
         "ui.followup.same", "ui.followup.true", "ui.followup.not_true"});
  if (action) add({"ui.result.plan_title", "ui.result.no_plan"});
  if (!riasec && !skill && !value && c.occupations.empty() && c.stories.empty() && !action)
    add({"ui.result.title", "ui.result.skipped"});
  return keys;
}

std::vector<Clip> result_page_speech(const ScreenContext& ctx, const ResultPageRef& page) {
  const ContentPack& content = ctx.pack();
  const auto& answers = ctx.answers();
  std::vector<Clip> clips;
  auto say = [&](const std::string& key) { clips.push_back({ctx.locale(), key}); };
  const Profile p = ctx.profile();
  switch (page.kind) {
    case ResultPage::Code:
      for (auto& c : code_speech(ctx)) clips.push_back(std::move(c));
      break;
    case ResultPage::Interests:
      say("ui.result.interests_title");
      if (p.top_types.empty()) say("ui.result.no_clear_interest");
      for (const auto& type : p.top_types) {
        say("riasec." + type);
        say("reason.riasec." + type);
      }
      break;
    case ResultPage::Strengths: {
      say("ui.result.strengths_title");
      auto strong = p.strong_skills();
      if (strong.empty()) say("ui.result.no_strengths");
      for (size_t i = 0; i < strong.size() && i < 4; ++i) say("reason.skill." + strong[i]);
      say("ui.result.values_title");
      for (const auto& v : p.values) say("reason.value." + v);
      break;
    }
    case ResultPage::Occupation: {
      auto list = ctx.suggestions();
      if (page.index >= static_cast<int>(list.size())) break;
      const auto& match = list[page.index];
      say("ui.result.occupation_title");
      say(match.occupation->plain_key());
      say(match.fit_key);
      for (const auto& r : match.reasons) say(r.text_key);
      if (!match.route_key.empty()) say(match.route_key);
      say("ui.result.prospect");
      say(match.prospect_label.empty() ? "ui.result.prospect_unknown" : "prospect." + match.prospect_label);
      break;
    }
    case ResultPage::Transitions: {
      say("ui.result.transitions_title");
      MatchOptions opt;
      opt.region = ctx.config().region;
      auto list = transition_options(content, p, opt);
      if (list.empty()) say("ui.result.no_transitions");
      for (const auto& mt : list) say(mt.occupation->plain_key());
      break;
    }
    case ResultPage::Story:
      say("ui.result.story_title");
      if (const Story* st = fitting_story(content, p)) {
        say(st->title_key());
        say(st->text_key());
      }
      break;
    case ResultPage::Plan:
      say("ui.result.plan_title");
      if (p.plan.empty()) say("ui.result.no_plan");
      for (const auto& [action, when] : p.plan) {
        if (const Option* o = content.option_with_tag("action", action)) say(o->text_key);
        if (const Option* w = when_option(content, when)) say(w->text_key);
      }
      break;
    case ResultPage::Compare:
      say("ui.followup.compare_title");
      if (ctx.follow_up_of())
        for (const auto& c : behaviour_changes(content, build_profile(content, ctx.follow_up_of()->latest_answers()), p))
          if (std::string(change_key(c)) != "ui.followup.same") {
            say(c.statement.text_key);
            say(change_key(c));
          }
      break;
    case ResultPage::Answers:
      say("ui.result.title");
      for (const auto& step : ctx.steps()) {
        const Item& item = content.modules[step.module].items[step.item];
        auto it = answers.find(item.answer_key(step.for_option));
        if (it == answers.end()) continue;
        for (const auto& v : it->second)
          for (const auto& o : item.options)
            if (o.id == v) say(o.text_key);
      }
      break;
  }
  return clips;
}

}  // namespace wk
