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
  // Latin with the accents of Dutch, Turkish, Polish and other languages of the target group.
  static const ImWchar ranges[] = {0x0020, 0x024F, 0x2010, 0x2027, 0x20AC, 0x20AC, 0};
  std::string regular = first_existing(kRegular, 2), bold = first_existing(kBold, 2);
  if (regular.empty() || bold.empty()) {
    log::error("fonts", "Noto Sans not found (install fonts-noto-core); using ImGui's built-in font");
    ImFontConfig cfg;
    cfg.SizePixels = m.body_px;
    out.display = out.title = out.body = out.small = out.body_bold = io.Fonts->AddFontDefault(&cfg);
    return false;
  }
  if (regular.find("Noto") == std::string::npos) log::warn("fonts", "Noto Sans not found, using " + regular);
  ImFontConfig cfg;
  cfg.OversampleH = cfg.OversampleV = 1;
  out.body = io.Fonts->AddFontFromFileTTF(regular.c_str(), m.body_px, &cfg, ranges);
  out.title = io.Fonts->AddFontFromFileTTF(bold.c_str(), m.title_px, &cfg, ranges);
  out.small = io.Fonts->AddFontFromFileTTF(regular.c_str(), m.small_px, &cfg, ranges);
  out.body_bold = io.Fonts->AddFontFromFileTTF(bold.c_str(), m.body_px, &cfg, ranges);
  out.display = io.Fonts->AddFontFromFileTTF(bold.c_str(), m.title_px * 2.0f, &cfg, ranges);
  return out.body && out.title && out.small && out.body_bold && out.display;
}

}  // namespace wk
