#include "ui/screen_window.h"

#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <imgui.h>

#include <string>

#include "platform/log.h"

namespace wk {

namespace {

// SDL's software renderer fills a pixel when its corner is inside a triangle, OpenGL when its
// centre is. ImGui places its lines and frames for the latter, so without this half-pixel shift
// every frame and circle lands half a pixel up and left and smears over one pixel more.
void shift_to_pixel_centres(ImDrawData* data) {
  for (int n = 0; n < data->CmdListsCount; ++n)
    for (ImDrawVert& v : data->CmdLists[n]->VtxBuffer) {
      v.pos.x += 0.5f;
      v.pos.y += 0.5f;
    }
}


}  // namespace

// The renderer. SDL's software renderer unless SDL_RENDER_DRIVER says otherwise: the kiosk
// draws a still screen that changes on a tap, which the CPU draws in a few milliseconds, and
// on a machine without a GPU an OpenGL renderer means Mesa's llvmpipe, whose libLLVM alone is
// 37 MB of the 100 MB the kiosk may use. An installation with a GPU can set
// SDL_RENDER_DRIVER=opengl (or opengles2). Nothing here assumes X11: under Wayland, where SDL
// 2.26 has no software window surface, SDL falls back to an EGL renderer by itself.
SDL_Renderer* make_renderer(SDL_Window* window) {
  // Both hints at normal priority: the environment's SDL_RENDER_DRIVER and
  // SDL_FRAMEBUFFER_ACCELERATION win. The second keeps the software renderer's frame from
  // being shown through an OpenGL texture, which would load the GL driver after all.
  SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, 0);
  if (!renderer) {
    log::error("kiosk", std::string("no renderer: ") + SDL_GetError());
    return nullptr;
  }
  SDL_RendererInfo info{};
  SDL_GetRendererInfo(renderer, &info);
  log::info("kiosk", std::string("drawing with SDL's ") + info.name + " renderer on " + SDL_GetCurrentVideoDriver());
  return renderer;
}

void present_screen(SDL_Renderer* renderer, bool software, const ScreenModel& model, DrawContext& ctx) {
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  draw_screen(model, ctx);
  ImGui::Render();
  SDL_SetRenderDrawColor(renderer, 247, 245, 240, 255);
  SDL_RenderClear(renderer);
  if (software) shift_to_pixel_centres(ImGui::GetDrawData());
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  SDL_RenderPresent(renderer);
}

void close_window(SDL_Renderer* renderer, SDL_Window* window) {
  ImGui_ImplSDLRenderer_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_DestroyRenderer(renderer);
  SDL_DestroyWindow(window);
  SDL_Quit();
}

}  // namespace wk
