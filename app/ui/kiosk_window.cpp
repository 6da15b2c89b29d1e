// The kiosk's window: an SDL2 window drawn through SDL_Renderer (Dear ImGui's draw lists, the
// text engine's and the pictures' textures), SDL audio for speech. It feeds taps and time into the shell's KioskFlow and draws what it
// returns; everything else (storage, content, sync) is the shell's. When nothing changes it
// sleeps in SDL_WaitEventTimeout, so an idle kiosk costs no CPU.
#include "ui/kiosk_window.h"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <imgui.h>
#include <malloc.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "platform/files.h"
#include "platform/log.h"
#include "screens/screen_dump.h"
#include "sound/clip_player.h"
#include "text/engine_measure.h"
#include "text/text_engine.h"
#include "ui/draw_screen.h"
#include "ui/fonts.h"
#include "ui/screen_window.h"
#include "ui/text_textures.h"
#include "ui/textures.h"

namespace wk {

namespace {

// The caches' use, for the UI dump (the benchmark reads it) and the operator status.
std::string cache_use_json(const CacheUse& u) {
  return "{\"entries\":" + std::to_string(u.entries) + ",\"bytes\":" + std::to_string(u.bytes) +
         ",\"budget\":" + std::to_string(u.budget) + ",\"peak_bytes\":" + std::to_string(u.peak_bytes) +
         ",\"loads\":" + std::to_string(u.loads) + ",\"evictions\":" + std::to_string(u.evictions) + "}";
}

// The screen's dump with the caches added as "caches" (left out of the tests' comparisons) and
// every text as drawn ("drawn_texts": its box, the box its lines took, whether it was cut).
std::string dump_with_caches(const std::string& dump, const CacheUse& pictures, const CacheUse& clips,
                             const TextEngine& text, const std::string& drawn_texts) {
  if (dump.empty() || dump[0] != '{') return dump;
  const std::string text_cache = "{\"entries\":" + std::to_string(text.cache_entries()) +
                                 ",\"bytes\":" + std::to_string(text.cache_bytes()) +
                                 ",\"budget\":" + std::to_string(text.cache_budget()) + "}";
  return "{\"caches\":{\"pictures\":" + cache_use_json(pictures) + ",\"clips\":" + cache_use_json(clips) +
         ",\"text\":" + text_cache + "},\"drawn_texts\":" + drawn_texts + "," + dump.substr(1);
}

double seconds_now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// Of the display the window opens on (the first: fullscreen on its bounds, or centred on it).
float physical_px_per_mm(const KioskConfig& config, int display) {
  SDL_Rect bounds{0, 0, 1280, 800};
  SDL_GetDisplayBounds(display, &bounds);
  if (config.screen_width_mm > 0) return static_cast<float>(bounds.w / config.screen_width_mm);
  if (config.screen_dpi > 0) return static_cast<float>(config.screen_dpi / 25.4);
  float hdpi = 0;
  if (SDL_GetDisplayDPI(display, nullptr, &hdpi, nullptr) == 0 && hdpi >= 50 && hdpi <= 500) {
    log::warn("screen", "screen size not configured; using the display's own DPI " + std::to_string(hdpi));
    return hdpi / 25.4f;
  }
  log::warn("screen", "screen size not configured and unknown; assuming 96 DPI");
  return 96.0f / 25.4f;
}

// A tap is a finger (or mouse button) going down and coming up on the same target,
// as WCAG 2.5.2 asks: sliding off a target cancels it. Nothing depends on hover.
struct TapTracker {
  std::string pressed;
  bool down = false;
  SDL_FingerID finger = -1;

  // The smallest target under the finger wins: a card's own speaker on its card, any button
  // on the attract screen's "tap anywhere".
  static const Target* hit(const ScreenModel& s, float x, float y) {
    const Target* best = nullptr;
    for (const auto& t : s.targets)
      if (t.rect.contains(x, y) && (!best || t.rect.w * t.rect.h < best->rect.w * best->rect.h)) best = &t;
    return best;
  }
  // A release counts on the pressed target, with some slack around it.
  static bool still_on(const ScreenModel& s, const std::string& id, float x, float y, float slack) {
    const Target* t = s.find_target(id);
    return t && Rect{t->rect.x - slack, t->rect.y - slack, t->rect.w + 2 * slack, t->rect.h + 2 * slack}.contains(x, y);
  }
};

}  // namespace

int run_kiosk_window(KioskShell& shell) {
  const KioskConfig& config = shell.config();
  // Large blocks (a picture's or a text's pixels in a texture, a decoded clip) get their own mappings, so that
  // what the caches let go goes back to the system instead of staying in a fragmented heap
  // (glibc would otherwise raise this threshold after the first such block is freed). From the
  // start: set only after the first frame, the heap ends a full check 4 MB larger.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");  // SIGTERM ends the process; answers are already on disk
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    log::error("kiosk", std::string("cannot open the display: ") + SDL_GetError());
    return 1;
  }
  Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
  int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED, w = config.window_width, h = config.window_height;
  if (config.windowed) {
    flags |= SDL_WINDOW_RESIZABLE;
  } else {
    // Borderless at the display's full size as well as fullscreen, so the window covers the
    // screen even where no window manager runs (a bare X server on a kiosk).
    SDL_Rect bounds;
    if (SDL_GetDisplayBounds(0, &bounds) == 0) {
      x = bounds.x;
      y = bounds.y;
      w = bounds.w;
      h = bounds.h;
    }
    flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  }
  const float px_per_mm = physical_px_per_mm(config, 0);
  // Words are laid out by the text engine: the screens measure with it (metrics.text), the
  // drawing draws with it, so a box is as large as its words really are.
  // Drawn blocks kept for a return to a screen: a screen's words take well under 1 MB, and a
  // block not kept is drawn again in a few milliseconds (PSS after a full check: budget 100 MB).
  TextEngine text(kDefaultFamilies, 4u << 20);
  // The font size for each role's cap height is found by drawing an H at a few sizes, and each
  // new size costs fontconfig a font match: together most of the first frame's drawing. That
  // runs on its own thread while SDL opens the window (about 100 ms under Xvfb, measured).
  // Until the join only that thread uses the engine.
  const Metrics expected = make_metrics(static_cast<float>(w), static_cast<float>(h), px_per_mm, config.viewing_distance_cm);
  std::thread warm_text([&text, expected] {
    for (TextRole role : {TextRole::Body, TextRole::Title, TextRole::Small, TextRole::Display})
      text.font_px_for_cap(expected.cap_px(role), role_bold(role) ? TextWeight::Bold : TextWeight::Regular);
  });
  SDL_Window* window = SDL_CreateWindow("werkcheck", x, y, w, h, flags);
  SDL_Renderer* renderer = window ? make_renderer(window) : nullptr;
  warm_text.join();
  if (!window) {
    log::error("kiosk", std::string("cannot open a window: ") + SDL_GetError());
    return 1;
  }
  if (!renderer) return 1;
  SDL_RendererInfo renderer_info{};
  SDL_GetRendererInfo(renderer, &renderer_info);
  const bool software = (renderer_info.flags & SDL_RENDERER_SOFTWARE) != 0;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // nothing of a session is written outside the database
  ImGui::GetIO().LogFilename = nullptr;
  if (!config.windowed) {
    // A touch kiosk shows no mouse pointer; keep ImGui from switching it back on.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    SDL_ShowCursor(SDL_DISABLE);
  }
  ImGui_ImplSDL2_InitForSDLRenderer(window);
  ImGui_ImplSDLRenderer_Init(renderer);

  int win_w = 0, win_h = 0;
  SDL_GetWindowSize(window, &win_w, &win_h);
  TextTextures text_textures(renderer);
  EngineMeasure measure(text);
  Metrics metrics = make_metrics(static_cast<float>(win_w), static_cast<float>(win_h), px_per_mm, config.viewing_distance_cm);
  metrics.text = &measure;
  log::info("screen", "window " + std::to_string(win_w) + "x" + std::to_string(win_h) + ", " +
                          std::to_string(px_per_mm) + " px/mm, body text " + std::to_string(metrics.body_px) + " px");
  Fonts fonts;
  build_fonts(metrics, fonts);
  TextureCache textures(renderer);

  ClipPlayer player;
  player.open();
  player.set_volume_percent(shell.flow().volume_percent());  // the operator's level, capped for headphones

  shell.set_window_facts({player.available(), metrics});
  shell.start_sync();

  // An enrolment finishing on its own thread wakes the loop.
  const Uint32 wake_event = SDL_RegisterEvents(1);
  shell.set_wake([wake_event] {
    SDL_Event wake{};
    wake.type = wake_event;
    SDL_PushEvent(&wake);
  });
  TapTracker taps;
  std::string last_model;
  bool redraw = true;
  long frame = 0;
  bool first_frame_logged = false;
  size_t evicted_before = 0;
  auto handle_press = [&](float x, float y, double now) {
    shell.flow().note_activity(now);  // any touch counts as activity, even off target
    const ScreenModel s = shell.flow().view(metrics);
    const Target* t = TapTracker::hit(s, x, y);
    taps.pressed = t ? t->id : "";
    taps.down = true;
  };
  auto handle_release = [&](float x, float y, double now) {
    if (!taps.down) return;
    taps.down = false;
    std::string pressed = std::move(taps.pressed);
    taps.pressed.clear();
    ScreenModel s = shell.flow().view(metrics);
    if (!pressed.empty() && TapTracker::still_on(s, pressed, x, y, metrics.mm(3))) shell.flow().tap(pressed, now);
  };

  bool quit = false;
  while (!quit) {
    double now = seconds_now();
    double wait = shell.flow().seconds_until_deadline(now);
    int timeout_ms = redraw ? 0 : (wait < 0 ? 5000 : static_cast<int>(std::min(5000.0, std::ceil(wait * 1000) + 1)));
    if (player.busy(now)) timeout_ms = std::min(timeout_ms, 30);  // the "now speaking" highlight follows the audio
    SDL_Event e;
    bool got = SDL_WaitEventTimeout(&e, timeout_ms) != 0;
    while (got) {
      now = seconds_now();
      ImGui_ImplSDL2_ProcessEvent(&e);
      switch (e.type) {
        case SDL_QUIT:
          if (config.windowed) quit = true;  // in kiosk mode a participant cannot close the app
          break;
        case SDL_KEYDOWN:
          if (config.windowed && e.key.keysym.sym == SDLK_ESCAPE) quit = true;  // development only
          break;
        case SDL_WINDOWEVENT:
          if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            metrics = make_metrics(static_cast<float>(e.window.data1), static_cast<float>(e.window.data2), px_per_mm,
                                   config.viewing_distance_cm);
            metrics.text = &measure;
            shell.set_window_facts({player.available(), metrics});
          }
          redraw = true;
          break;
        case SDL_MOUSEBUTTONDOWN:
          if (e.button.which != SDL_TOUCH_MOUSEID && e.button.button == SDL_BUTTON_LEFT)
            handle_press(static_cast<float>(e.button.x), static_cast<float>(e.button.y), now);
          redraw = true;
          break;
        case SDL_MOUSEBUTTONUP:
          if (e.button.which != SDL_TOUCH_MOUSEID && e.button.button == SDL_BUTTON_LEFT)
            handle_release(static_cast<float>(e.button.x), static_cast<float>(e.button.y), now);
          redraw = true;
          break;
        case SDL_FINGERDOWN:
          if (!taps.down) {  // one finger at a time: no multi-finger gestures
            taps.finger = e.tfinger.fingerId;
            handle_press(e.tfinger.x * metrics.width, e.tfinger.y * metrics.height, now);
          }
          redraw = true;
          break;
        case SDL_FINGERUP:
          if (taps.down && e.tfinger.fingerId == taps.finger)
            handle_release(e.tfinger.x * metrics.width, e.tfinger.y * metrics.height, now);
          redraw = true;
          break;
        default:
          break;
      }
      got = SDL_PollEvent(&e) != 0;
    }

    now = seconds_now();  // after a wait without events too: the highlight follows the clock
    WindowWork work = shell.update(now);
    if (work.quit) quit = true;
    if (work.stop_audio) player.stop();
    if (work.volume_changed) player.set_volume_percent(shell.flow().volume_percent());
    if (work.play) player.play(*work.play, now);
    shell.flow().speech_progress(player.clip_at(now), now);
    if (work.redraw) redraw = true;

    ScreenModel model = shell.flow().view(metrics);
    std::string model_json = screen_dump_json(model, metrics, 0) + taps.pressed;
    if (model_json == last_model && !redraw) continue;
    redraw = false;
    last_model = model_json;

    DrawContext ctx{metrics, fonts, textures, shell.content(), taps.pressed, text, text_textures};
    present_screen(renderer, software, model, ctx);
    textures.end_frame();  // the frame is drawn: textures that had to go can be freed now
    text_textures.end_frame();
    shell.set_cache_use(textures.use(), player.cache_use());
    const size_t evicted = textures.use().evictions + player.cache_use().evictions;
    if (evicted != evicted_before) {
      evicted_before = evicted;
      malloc_trim(0);  // and the small blocks they leave behind, between frames
    }
    ++frame;
    if (!first_frame_logged) {
      first_frame_logged = true;
      // The font atlas is a texture now: ImGui's own copies of it and the font file read to
      // build it are not needed again.
      ImGui::GetIO().Fonts->ClearTexData();
      ImGui::GetIO().Fonts->ClearInputData();
      malloc_trim(0);  // what the start freed (the atlas copies above) goes back to the system
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - shell.started());
      log::info("kiosk", "first frame after " + std::to_string(ms.count()) + " ms");
    }
    if (!config.ui_dump_path.empty())
      files::write_atomically(config.ui_dump_path,
                              dump_with_caches(screen_dump_json(model, metrics, frame), textures.use(), player.cache_use(), text,
                                               drawn_texts_json(ctx.drawn)));
  }

  shell.stop();
  player.stop();
  close_window(renderer, window);
  return 0;
}

}  // namespace wk
