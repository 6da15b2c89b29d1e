#include "ui/record_window.h"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <imgui.h>

#include <chrono>

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

// The microphone's format: the rate the clips are stored at. SDL converts from the device's own.
constexpr int kCaptureRate = 22050;

double seconds_now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// The microphone through SDL's audio capture; the samples are queued by SDL and taken here.
class Microphone {
 public:
  ~Microphone() { close(); }
  bool open() {
    SDL_AudioSpec want{}, have{};
    want.freq = kCaptureRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    device_ = SDL_OpenAudioDevice(nullptr, 1, &want, &have, 0);
    if (!device_) return false;
    samples_.clear();
    started_ = seconds_now();
    SDL_PauseAudioDevice(device_, 0);
    return true;
  }
  void take_queued() {
    if (!device_) return;
    int16_t buf[4096];
    while (Uint32 got = SDL_DequeueAudio(device_, buf, sizeof buf))
      samples_.insert(samples_.end(), buf, buf + got / sizeof(int16_t));
  }
  std::vector<int16_t> close() {
    take_queued();
    if (device_) SDL_CloseAudioDevice(device_);
    device_ = 0;
    return std::move(samples_);
  }
  bool open_now() const { return device_ != 0; }
  double seconds() const { return seconds_now() - started_; }

 private:
  SDL_AudioDeviceID device_ = 0;
  std::vector<int16_t> samples_;
  double started_ = 0;
};

// The id of the button at a point of the screen, or "".
std::string target_at(const ScreenModel& s, float x, float y) {
  for (const auto& t : s.targets)
    if (t.rect.contains(x, y)) return t.id;
  return "";
}

}  // namespace

int run_record_window(Recorder& recorder, const ContentPack& pack, const std::string& ui_dump) {
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    log::error("record", std::string("cannot open the display: ") + SDL_GetError());
    return 1;
  }
  SDL_Window* window = SDL_CreateWindow("werkcheck", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 800,
                                        SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  SDL_Renderer* renderer = window ? make_renderer(window) : nullptr;
  if (!renderer) {
    log::error("record", std::string("cannot open a window: ") + SDL_GetError());
    return 1;
  }
  SDL_RendererInfo renderer_info{};
  SDL_GetRendererInfo(renderer, &renderer_info);
  const bool software = (renderer_info.flags & SDL_RENDERER_SOFTWARE) != 0;
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplSDL2_InitForSDLRenderer(window);
  ImGui_ImplSDLRenderer_Init(renderer);

  TextEngine text(kDefaultFamilies, 4u << 20);
  EngineMeasure measure(text);
  auto metrics_now = [&] {
    int w = 0, h = 0;
    SDL_GetWindowSize(window, &w, &h);
    Metrics m = make_metrics(static_cast<float>(w), static_cast<float>(h), 96.0f / 25.4f, 50);
    m.text = &measure;
    return m;
  };
  Metrics metrics = metrics_now();
  Fonts fonts;
  build_fonts(metrics, fonts);
  TextureCache textures(renderer);
  TextTextures text_textures(renderer);
  ClipPlayer player;
  player.open();
  Microphone mic;
  player.play({recorder.clip_to_play()}, seconds_now());  // the first text's clip, as it opens

  std::string pressed, last_dump;
  long frame = 0;
  bool quit = false, redraw = true;
  while (!quit) {
    SDL_Event e;
    const bool busy = mic.open_now() || player.busy(seconds_now());
    bool got = SDL_WaitEventTimeout(&e, redraw ? 0 : (busy ? 30 : 1000)) != 0;
    RecorderAction action = RecorderAction::None;
    while (got) {
      ImGui_ImplSDL2_ProcessEvent(&e);
      if (e.type == SDL_QUIT) quit = true;
      if (e.type == SDL_WINDOWEVENT) {
        metrics = metrics_now();
        redraw = true;
      }
      // A tap: down and up on the same button.
      if (e.type == SDL_MOUSEBUTTONDOWN && e.button.button == SDL_BUTTON_LEFT) {
        pressed = target_at(recorder.view(metrics), static_cast<float>(e.button.x), static_cast<float>(e.button.y));
        redraw = true;
      }
      if (e.type == SDL_MOUSEBUTTONUP && e.button.button == SDL_BUTTON_LEFT) {
        const std::string released =
            target_at(recorder.view(metrics), static_cast<float>(e.button.x), static_cast<float>(e.button.y));
        if (!released.empty() && released == pressed) action = recorder.tap(pressed);
        pressed.clear();
        redraw = true;
      }
      got = SDL_PollEvent(&e) != 0;
    }
    switch (action) {
      case RecorderAction::Play:
        player.play({recorder.clip_to_play()}, seconds_now());
        break;
      case RecorderAction::StartRecording:
        player.stop();  // the speaker must not speak into the microphone
        if (!mic.open()) {
          log::error("record", std::string("no microphone: ") + SDL_GetError());
          recorder.capture_failed(SDL_GetError());
        }
        break;
      case RecorderAction::StopRecording:
        recorder.take_finished(mic.close(), kCaptureRate);
        break;
      case RecorderAction::Quit:
        quit = true;
        break;
      case RecorderAction::None:
        break;
    }
    if (mic.open_now()) {
      mic.take_queued();
      recorder.set_recording_seconds(mic.seconds());
    }

    const ScreenModel model = recorder.view(metrics);
    const std::string dump = screen_dump_json(model, metrics, 0) + pressed;
    if (dump == last_dump && !redraw) continue;
    redraw = false;
    last_dump = dump;
    DrawContext ctx{metrics, fonts, textures, &pack, pressed, text, text_textures};
    present_screen(renderer, software, model, ctx);
    textures.end_frame();
    text_textures.end_frame();
    ++frame;
    if (!ui_dump.empty()) {
      // The kiosk's dump with the texts as drawn, so a test sees what the volunteer sees.
      std::string json = screen_dump_json(model, metrics, frame);
      json = "{\"drawn_texts\":" + drawn_texts_json(ctx.drawn) + "," + json.substr(1);
      files::write_atomically(ui_dump, json);
    }
  }
  mic.close();
  player.stop();
  close_window(renderer, window);
  return 0;
}

}  // namespace wk
