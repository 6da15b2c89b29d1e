// The kiosk's shell: an SDL2 window with an OpenGL context, Dear ImGui for drawing, SDL
// audio for speech. It feeds taps and time into KioskFlow and draws what it returns. When
// nothing changes it sleeps in SDL_WaitEventTimeout, so an idle kiosk costs no CPU.
#include "ui/kiosk_window.h"

#include <SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <GL/gl.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cmath>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "content/content_pack.h"
#include "flow/kiosk_flow.h"
#include "platform/files.h"
#include "platform/log.h"
#include "screens/screen_dump.h"
#include "sound/clip_player.h"
#include "storage/session_store.h"
#include "sync/client/sync_client.h"
#include "ui/draw_screen.h"
#include "ui/fonts.h"
#include "ui/textures.h"

namespace wk {

namespace {

double seconds_now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

float physical_px_per_mm(const KioskConfig& config, SDL_Window* window) {
  int display = SDL_GetWindowDisplayIndex(window);
  SDL_Rect bounds{0, 0, 1280, 800};
  SDL_GetDisplayBounds(display < 0 ? 0 : display, &bounds);
  if (config.screen_width_mm > 0) return static_cast<float>(bounds.w / config.screen_width_mm);
  if (config.screen_dpi > 0) return static_cast<float>(config.screen_dpi / 25.4);
  float hdpi = 0;
  if (SDL_GetDisplayDPI(display < 0 ? 0 : display, nullptr, &hdpi, nullptr) == 0 && hdpi >= 50 && hdpi <= 500) {
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

  static const Target* hit(const ScreenModel& s, float x, float y, float slack = 0) {
    for (const auto& t : s.targets) {
      Rect r{t.rect.x - slack, t.rect.y - slack, t.rect.w + 2 * slack, t.rect.h + 2 * slack};
      if (r.contains(x, y)) return &t;
    }
    return nullptr;
  }
};

}  // namespace

int run_kiosk(KioskConfig& config) {
  files::make_dirs(config.data_dir);
  log::open_file(config.data_dir + "/werkcheck.log");
  log::info("kiosk", "starting; data " + config.data_dir + ", content " + config.content_dir);
  const double started = seconds_now();

  // A content update verified by the sync client is used from the start (no participant yet);
  // else the pack last switched to; else the bundled one. A pack that does not load falls back.
  sync::ContentStore content_store{config.data_dir};
  std::optional<std::string> ready_at_start = content_store.ready_dir();
  std::string content_dir = config.content_dir;
  if (ready_at_start) content_dir = *ready_at_start;
  else if (auto current = content_store.current_dir()) content_dir = *current;

  std::string reason;
  auto load = load_content_pack(content_dir);
  if (!load.pack && content_dir != config.content_dir) {
    log::error("content", "downloaded pack " + content_dir + " does not load (" + load.error + "); using " + config.content_dir);
    content_dir = config.content_dir;
    ready_at_start.reset();
    load = load_content_pack(content_dir);
  }
  if (ready_at_start && load.pack) content_store.mark_current(load.pack->version);
  const ContentPack* content = nullptr;
  if (load.pack) {
    content = &*load.pack;
    for (const auto& w : content->warnings) log::warn("content", w);
    log::info("content", "loaded " + content->id + " " + content->version + ": " + std::to_string(content->item_count()) +
                             " items in " + std::to_string(content->modules.size()) + " modules");
  } else {
    reason = "content: " + load.error;
    log::error("content", load.error);
  }

  // One kiosk per data directory: a second one would interleave two people's sessions.
  std::string lock_problem;
  int lock_fd = ::open((config.data_dir + "/werkcheck.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0)
    lock_problem = "cannot write the data directory " + config.data_dir + " (" + std::strerror(errno) + ")";
  else if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0)
    lock_problem = "another werkcheck is already using " + config.data_dir;
  // Packs the kiosk switched away from, and downloads a crash left half done, go now: this
  // kiosk holds the lock and its sync thread has not started.
  if (lock_problem.empty())
    if (int n = content_store.remove_unused_packs(content_dir); n > 0)
      log::info("content", "removed " + std::to_string(n) + " old content pack director" + (n == 1 ? "y" : "ies"));

  std::unique_ptr<SessionStore> store;
  if (!lock_problem.empty()) {
    if (reason.empty()) reason = lock_problem;
    log::error("kiosk", lock_problem);
  } else {
    try {
      store = SessionStore::open(config.data_dir);
      if (int n = store->close_interrupted_sessions())
        log::warn("storage", std::to_string(n) + " session(s) were cut off (power or crash); closed as interrupted");
    } catch (const StoreError& e) {
      if (reason.empty()) reason = std::string("database: ") + e.what();
      log::error("storage", e.what());
    }
  }

  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");  // SIGTERM ends the process; answers are already on disk
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    log::error("kiosk", std::string("cannot open the display: ") + SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
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
  SDL_Window* window = SDL_CreateWindow("werkcheck", x, y, w, h, flags);
  if (!window) {
    log::error("kiosk", std::string("cannot open a window: ") + SDL_GetError());
    return 1;
  }
  SDL_GLContext gl = SDL_GL_CreateContext(window);
  if (!gl) {
    log::error("kiosk", std::string("no OpenGL 3.0 context: ") + SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(window, gl);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // nothing of a session is written outside the database
  ImGui::GetIO().LogFilename = nullptr;
  if (!config.windowed) {
    // A touch kiosk shows no mouse pointer; keep ImGui from switching it back on.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    SDL_ShowCursor(SDL_DISABLE);
  }
  ImGui_ImplSDL2_InitForOpenGL(window, gl);
  ImGui_ImplOpenGL3_Init("#version 130");

  const float px_per_mm = physical_px_per_mm(config, window);
  int win_w = 0, win_h = 0;
  SDL_GetWindowSize(window, &win_w, &win_h);
  Metrics metrics = make_metrics(static_cast<float>(win_w), static_cast<float>(win_h), px_per_mm, config.viewing_distance_cm);
  log::info("screen", "window " + std::to_string(win_w) + "x" + std::to_string(win_h) + ", " +
                          std::to_string(px_per_mm) + " px/mm, body text " + std::to_string(metrics.body_px) + " px");
  Fonts fonts;
  build_fonts(metrics, fonts);
  TextureCache textures;

  ClipPlayer player;
  player.open();
  player.set_volume_percent(config.volume_percent);

  // Sync with the central server on its own thread with its own database connection; it
  // never blocks this loop. Participants never see its state; the operator menu does.
  std::unique_ptr<sync::SyncClient> syncer;
  if (!config.server_url.empty() && store) {
    KioskConfig sync_config = config;
    sync_config.content_dir = content_dir;
    auto settings = sync::SyncSettings::from_config(sync_config, content ? content->version : "");
    settings.validate = [](const std::string& dir) -> std::optional<std::string> {
      auto l = load_content_pack(dir);
      if (!l.pack) return l.error;
      return std::nullopt;
    };
    syncer = std::make_unique<sync::SyncClient>(std::move(settings));
    syncer->start();
  }

  auto flow_ptr = std::make_unique<KioskFlow>(content, store.get(), &config, reason);

  // Enrollment from the operator keypad talks to the server: on its own thread, so the screen
  // keeps answering; the result comes back through enroll_result and wakes the loop.
  std::thread enroll_thread;
  std::mutex enroll_mutex;
  std::optional<std::string> enroll_result;
  const Uint32 wake_event = SDL_RegisterEvents(1);
  TapTracker taps;
  std::string last_model;
  bool redraw = true;
  long frame = 0;
  bool first_frame_logged = false;
  Screen last_screen = flow_ptr->screen();

  auto status_lines = [&] {
    std::vector<std::string> lines;
    lines.push_back("Data: " + config.data_dir);
    if (store) lines.push_back("Sessions stored: " + std::to_string(store->count_sessions()));
    if (content) lines.push_back("Content: " + content->id + " " + content->version);
    lines.push_back(std::string("Audio: ") + (player.available() ? "on" : "no device (silent)"));
    lines.push_back("Screen: " + std::to_string(static_cast<int>(metrics.width)) + "x" +
                    std::to_string(static_cast<int>(metrics.height)) + " px, " + std::to_string(metrics.px_per_mm) +
                    " px/mm");
    if (syncer) {
      auto st = syncer->status();
      if (!st.enrolled) {
        lines.push_back("Sync: not enrolled (werkcheck enroll --server URL --code CODE)");
      } else {
        lines.push_back(std::string("Sync: ") + (st.online ? "online" : "offline") + ", organisation " + st.organisation);
        lines.push_back("Last successful sync: " + (st.last_success.empty() ? std::string("never") : st.last_success));
      }
      lines.push_back("Pending: " + std::to_string(st.pending) + ", conflicts: " + std::to_string(st.conflicts));
      if (!st.content_ready.empty()) lines.push_back("Content update ready: " + st.content_ready);
      if (!st.last_error.empty()) lines.push_back("Sync problem: " + st.last_error);
    } else {
      lines.push_back("Sync: off (no server_url in kiosk.json)");
    }
    lines.push_back("Log: " + config.data_dir + "/werkcheck.log");
    return lines;
  };

  auto handle_press = [&](float x, float y, double now) {
    flow_ptr->note_activity(now);  // any touch counts as activity, even off target
    const ScreenModel s = flow_ptr->view(metrics);
    const Target* t = TapTracker::hit(s, x, y);
    taps.pressed = t ? t->id : "";
    taps.down = true;
  };
  auto handle_release = [&](float x, float y, double now) {
    if (!taps.down) return;
    taps.down = false;
    std::string pressed = std::move(taps.pressed);
    taps.pressed.clear();
    ScreenModel s = flow_ptr->view(metrics);
    const Target* t = TapTracker::hit(s, x, y, metrics.mm(3));
    if (t && t->id == pressed) flow_ptr->tap(pressed, now);
  };

  bool quit = false;
  while (!quit) {
    double now = seconds_now();
    double wait = flow_ptr->seconds_until_deadline(now);
    int timeout_ms = redraw ? 0 : (wait < 0 ? 5000 : static_cast<int>(std::min(5000.0, std::ceil(wait * 1000) + 1)));
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

    flow_ptr->tick(now);
    Effects fx = flow_ptr->take_effects();
    if (fx.quit) quit = true;
    if (fx.stop_audio) player.stop();
    if (fx.settings_changed) {
      player.set_volume_percent(config.volume_percent);
      if (!save_operator_settings(config))
        log::warn("config", "could not save the operator settings");
    }
    if (fx.enroll_code) {
      if (config.server_url.empty()) {
        flow_ptr->enroll_finished("no server_url in " + config.data_dir + "/kiosk.json: the installer sets it");
      } else if (!enroll_thread.joinable()) {
        enroll_thread = std::thread([&, code = *fx.enroll_code] {
          sync::HttpOptions opt;
          opt.ca_file = config.ca_file;
          std::string problem = sync::enroll(config.server_url, code, config.data_dir, opt);
          {
            std::lock_guard lock(enroll_mutex);
            enroll_result = problem;
          }
          SDL_Event wake{};
          wake.type = wake_event;
          SDL_PushEvent(&wake);
        });
      }
    }
    {
      std::lock_guard lock(enroll_mutex);
      if (enroll_result) {
        if (enroll_thread.joinable()) enroll_thread.join();
        log::info("operator", enroll_result->empty() ? "enrolled with the server" : "enrollment failed: " + *enroll_result);
        flow_ptr->enroll_finished(*enroll_result);
        enroll_result.reset();
        redraw = true;
      }
    }
    if (fx.speak && content) {
      std::vector<std::string> paths;
      for (const auto& c : *fx.speak) paths.push_back(content->audio_path(c.locale, c.key));
      player.play(paths);
    }
    // A verified content update is switched to only between participants, on the attract screen.
    if (syncer && flow_ptr->screen() == Screen::Attract) {
      if (auto dir = syncer->ready_content_dir()) {
        auto next = load_content_pack(*dir);
        if (next.pack) {
          log::info("content", "switching to " + next.pack->id + " " + next.pack->version + " from " + *dir);
          syncer->content_switched(*dir, next.pack->version, true);
          if (reason.rfind("content: ", 0) == 0) reason.clear();
          load = std::move(next);
          content = &*load.pack;
          flow_ptr = std::make_unique<KioskFlow>(content, store.get(), &config, reason);
          last_model.clear();
          redraw = true;
          last_screen = flow_ptr->screen();
        } else {
          log::error("content", "update in " + *dir + " does not load: " + next.error + "; the current content stays");
          syncer->content_switched(*dir, "", false, next.error);
        }
      }
    }
    if (flow_ptr->screen() != last_screen) {
      if (flow_ptr->screen() == Screen::OperatorMenu) flow_ptr->set_status_lines(status_lines());
      last_screen = flow_ptr->screen();
    }

    ScreenModel model = flow_ptr->view(metrics);
    std::string model_json = screen_dump_json(model, metrics, 0) + taps.pressed;
    if (model_json == last_model && !redraw) continue;
    redraw = false;
    last_model = model_json;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    DrawContext ctx{metrics, fonts, textures, content, taps.pressed};
    draw_screen(model, ctx);
    ImGui::Render();
    int fb_w = 0, fb_h = 0;
    SDL_GL_GetDrawableSize(window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(0.97f, 0.96f, 0.94f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    SDL_GL_SwapWindow(window);
    ++frame;
    if (!first_frame_logged) {
      first_frame_logged = true;
      log::info("kiosk", "first frame after " + std::to_string(static_cast<int>((seconds_now() - started) * 1000)) + " ms");
    }
    if (!config.ui_dump_path.empty()) files::write_atomically(config.ui_dump_path, screen_dump_json(model, metrics, frame));
  }

  if (enroll_thread.joinable()) enroll_thread.join();
  log::info("kiosk", "exit");
  if (syncer) syncer->stop();
  player.stop();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gl);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return 0;
}

}  // namespace wk
