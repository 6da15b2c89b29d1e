#pragma once
// Parts shared by the participant pages: the step pictures on top, a centred heading, the
// speaker and the bottom bar.
#include <string>

#include "screens/layout.h"
#include "screens/screen_context.h"
#include "screens/screen_model.h"

namespace wk {

// Words fitted to a width: the preferred role, or body size (still the reading rule) when at
// the preferred size they would be taller than max_h; h is the height they take (measured).
struct FittedText {
  TextRole role = TextRole::Body;
  float h = 0;
};
FittedText fit_text(const Metrics& m, const std::string& text, TextRole preferred, float width, float max_h);

void add_progress(ScreenModel& s, const ScreenContext& ctx, const Metrics& m);
// A large centred picture with a title under it; returns where the content below may start.
float add_centred_heading(ScreenModel& s, const Metrics& m, const std::string& picture, const std::string& title,
                          float picture_size);
void add_speaker(ScreenModel& s, const ScreenContext& ctx, const Metrics& m);
// The pages after the questions (consent, closing) use the step pictures' room for their message.
PageRegions end_regions(const Metrics& m);
Rect end_speaker(const Metrics& m, const PageRegions& r);
void add_nav(ScreenModel& s, const ScreenContext& ctx, const Metrics& m, bool with_next, const std::string& next_label_key,
             const std::string& next_picture_role, const std::string& next_id);

}  // namespace wk
