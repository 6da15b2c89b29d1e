#pragma once
// Draws a ScreenModel with Dear ImGui's draw lists; every word is a texture drawn by the text
// engine (app/text). State in, draw calls out: this layer decides colours and shapes only;
// what is where comes from the screen model, and where a target's picture and words go from
// screens/target_parts.h, the same boxes the screens measured their words against.
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "screens/layout.h"
#include "screens/screen_model.h"
#include "text/text_engine.h"
#include "ui/fonts.h"
#include "ui/text_textures.h"
#include "ui/textures.h"

namespace wk {

// A text as drawn: the box it was given and the box its ink and lines took. cut: it did not
// fit (it is clipped at the box); the UI dump lists these so tests check what is drawn.
struct DrawnText {
  std::string text;
  Rect box, drawn;
  float cap_px = 0;
  bool cut = false;
};

struct DrawContext {
  const Metrics& metrics;
  Fonts& fonts;
  TextureCache& textures;
  const ContentPack* content;  // for picture paths; null when the pack failed to load
  std::string pressed_id;      // the target under a finger right now: drawn pressed
  TextEngine& text;            // every word on screen is laid out and drawn by it
  TextTextures& text_textures;
  std::vector<DrawnText> drawn = {};  // filled by draw_screen
};

void draw_screen(const ScreenModel& s, DrawContext& ctx);
// The drawn texts as JSON, for the UI dump.
std::string drawn_texts_json(const std::vector<DrawnText>& drawn);

}  // namespace wk
