#pragma once
// ImGui's own font atlas: one small Latin font, since the text engine (app/text) draws every
// word on screen. The struct stays for ImGui; its members all point at that one font.
#include <imgui.h>

#include "screens/layout.h"

namespace wk {

struct Fonts {
  ImFont* display = nullptr;  // the participant code, large
  ImFont* title = nullptr;
  ImFont* body = nullptr;
  ImFont* small = nullptr;
  ImFont* body_bold = nullptr;  // answer words
};

// Builds the font atlas; returns false (and logs) when no font file could be read.
bool build_fonts(const Metrics& m, Fonts& out);

}  // namespace wk
