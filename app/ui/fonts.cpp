#include "ui/fonts.h"

#include <imgui_freetype.h>

#include "platform/files.h"
#include "platform/log.h"

namespace wk {

namespace {
const char* kRegular[] = {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                          "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
const char* kBold[] = {"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
                       "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};

std::string first_existing(const char* const* list, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (files::exists(list[i])) return list[i];
  return "";
}
}  // namespace

bool build_fonts(const Metrics& m, Fonts& out) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  io.Fonts->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  std::string regular = first_existing(kRegular, 2), bold = first_existing(kBold, 2);
  if (regular.empty() || bold.empty()) {
    log::error("fonts", "Noto Sans not found (install fonts-noto-core); using ImGui's built-in font");
    ImFontConfig cfg;
    cfg.SizePixels = m.body_px;
    out.display = out.title = out.body = out.small = out.body_bold = io.Fonts->AddFontDefault(&cfg);
    return false;
  }
  if (regular.find("Noto") == std::string::npos) log::warn("fonts", "Noto Sans not found, using " + regular);
  // Every word on screen is drawn by the text engine (app/text); ImGui keeps one small font
  // for its own needs, so its atlas costs little memory.
  static const ImWchar basic[] = {0x0020, 0x007E, 0};
  ImFontConfig cfg;
  cfg.OversampleH = cfg.OversampleV = 1;
  ImFont* font = io.Fonts->AddFontFromFileTTF(regular.c_str(), 16.0f, &cfg, basic);
  out.display = out.title = out.body = out.small = out.body_bold = font;
  return font != nullptr;
}

}  // namespace wk
