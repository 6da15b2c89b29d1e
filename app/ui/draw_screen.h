#pragma once
// Draws a ScreenModel with Dear ImGui's draw lists. State in, draw calls out: this layer
// decides colours and shapes only; what is where comes from the core's screen model.
#include <string>

#include "content/content_pack.h"
#include "screens/layout.h"
#include "screens/screen_model.h"
#include "ui/fonts.h"
#include "ui/textures.h"

namespace wk {

struct DrawContext {
  const Metrics& metrics;
  Fonts& fonts;
  TextureCache& textures;
  const ContentPack* content;  // for picture paths; null when the pack failed to load
  std::string pressed_id;      // the target under a finger right now: drawn pressed
};

void draw_screen(const ScreenModel& s, DrawContext& ctx);

}  // namespace wk
