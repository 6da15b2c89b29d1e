#include "screens/slip_content.h"

#include <algorithm>

#include "platform/random_ids.h"
#include "screens/result_pages.h"

namespace wk {

SlipContent slip_content(const ScreenContext& ctx) {
  const ContentPack& content = ctx.pack();
  auto t = [&](const std::string& key) { return ctx.t(key); };
  auto png = [&](const std::string& picture) { return picture.empty() ? "" : content.picture_path(picture); };
  SlipContent slip;
  slip.title = t("ui.slip.title");
  slip.code = ctx.session() ? ids::display_code(ctx.session()->code) : "";
  slip.code_for = t("ui.code.give");
  slip.plan_title = t("ui.result.plan_title");
  for (const auto& [action, when] : ctx.profile().plan) {
    const Option* a = content.option_with_tag("action", action);
    const Option* w = when_option(content, when);
    if (a) slip.plan.push_back({png(a->picture), t(a->text_key), w ? t(w->text_key) : "", w ? png(w->picture) : ""});
  }
  slip.work_title = t("ui.slip.work_title");
  const auto matches = ctx.suggestions();
  for (size_t i = 0; i < matches.size() && i < static_cast<size_t>(kSlipOccupations); ++i)
    slip.occupations.push_back({png(matches[i].occupation->picture), t(matches[i].occupation->plain_key()), ""});
  return slip;
}

std::vector<std::string> slip_text_keys() {
  return {"ui.slip.title",   "ui.slip.work_title", "ui.slip.button", "ui.slip.printing",
          "ui.slip.printed", "ui.slip.failed"};
}

}  // namespace wk
