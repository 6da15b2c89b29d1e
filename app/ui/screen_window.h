#pragma once
// What the kiosk's window and the recorder's window (ui/record_window) do alike: the renderer,
// one frame of a ScreenModel drawn through Dear ImGui, and closing it all.
#include <SDL.h>

#include "screens/screen_model.h"
#include "ui/draw_screen.h"

namespace wk {

SDL_Renderer* make_renderer(SDL_Window* window);
// Draws the model (draw_screen) on a cleared frame and shows it. software: the renderer is
// SDL's software one (its pixels are offset from OpenGL's by half a pixel).
void present_screen(SDL_Renderer* renderer, bool software, const ScreenModel& model, DrawContext& ctx);
// Dear ImGui's backends, the renderer, the window and SDL.
void close_window(SDL_Renderer* renderer, SDL_Window* window);

}  // namespace wk
