#include "sound/clip_player.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "platform/log.h"
#include "sound/clip_decode.h"
#include "sound/volume.h"

namespace wk {

namespace {
constexpr int kRate = 22050;  // espeak-ng's own rate; recorded clips are converted to it
constexpr float kGapSeconds = 0.35f;
constexpr float kPauseSeconds = 0.5f;  // an asked-for pause, on top of the gap between clips
constexpr float kMissingClipSeconds = 0.8f;  // the pause that stands in for a clip that does not play

// A clip's sound as stored, with its format: Ogg Vorbis from the pack (clip_decode.h), or a WAV,
// which the recorder plays (a person's take, before the build encodes it).
struct StoredSound {
  SDL_AudioFormat format = AUDIO_S16SYS;
  int channels = 0, rate = 0;
  std::vector<Uint8> bytes;
  std::string error;  // empty: read whole
  ClipFault fault = ClipFault::None;
};

StoredSound read_sound(const std::string& path) {
  StoredSound s;
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".wav") == 0) {
    SDL_AudioSpec spec;
    Uint8* buf = nullptr;
    Uint32 len = 0;
    if (!SDL_LoadWAV(path.c_str(), &spec, &buf, &len)) {
      s.error = std::string("unreadable WAV (") + SDL_GetError() + ")";
      s.fault = ClipFault::Unreadable;
      return s;
    }
    s.format = spec.format;
    s.channels = spec.channels;
    s.rate = spec.freq;
    s.bytes.assign(buf, buf + len);
    SDL_FreeWAV(buf);
    return s;
  }
  DecodedClip clip = decode_clip(path);
  s.error = clip.error;
  s.fault = clip.fault;
  s.channels = clip.channels;
  s.rate = clip.rate;
  const auto* first = reinterpret_cast<const Uint8*>(clip.samples.data());
  s.bytes.assign(first, first + clip.samples.size() * sizeof(int16_t));
  return s;
}
}  // namespace

ClipPlayer::~ClipPlayer() {
  if (device_) SDL_CloseAudioDevice(device_);
}

bool ClipPlayer::open() {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    log::warn("audio", std::string("no audio system, running silently: ") + SDL_GetError());
    return false;
  }
  SDL_AudioSpec want{};
  want.freq = kRate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &spec_, 0);
  if (!device_) {
    log::warn("audio", std::string("no audio device, running silently: ") + SDL_GetError());
    return false;
  }
  SDL_PauseAudioDevice(device_, 0);
  log::info("audio", std::string("audio device open (") + SDL_GetCurrentAudioDriver() + ")");
  return true;
}

void ClipPlayer::set_volume_percent(int percent) { gain_ = volume_gain(percent); }

const std::vector<int16_t>* ClipPlayer::load(const std::string& path) {
  if (const auto* clip = cache_.find(path)) return clip;
  StoredSound sound = read_sound(path);
  if (!sound.error.empty()) {
    if (unreadable_.insert(path).second) {
      log::warn("audio", "clip " + sound.error + ": " + path);
      last_problem_ = {path, clip_fault_key(sound.fault)};
    }
    return nullptr;
  }
  // To what the device plays (mono, kRate); the build makes clips so, SDL converts any other.
  SDL_AudioCVT cvt;
  if (SDL_BuildAudioCVT(&cvt, sound.format, static_cast<Uint8>(sound.channels), sound.rate, AUDIO_S16SYS, 1, kRate) <
      0) {
    log::warn("audio", "clip in an unusable format: " + path);
    return nullptr;
  }
  const std::size_t len = sound.bytes.size();
  std::vector<Uint8> data(len * std::max(1, cvt.len_mult));
  std::memcpy(data.data(), sound.bytes.data(), len);
  cvt.buf = data.data();
  cvt.len = static_cast<int>(len);
  if (cvt.needed && SDL_ConvertAudio(&cvt) != 0) {
    log::warn("audio", "clip could not be converted: " + path);
    return nullptr;
  }
  const std::size_t out_len = cvt.needed ? static_cast<std::size_t>(cvt.len_cvt) : len;
  std::vector<int16_t> samples(out_len / 2);
  std::memcpy(samples.data(), data.data(), samples.size() * 2);
  const std::size_t bytes = samples.size() * sizeof(int16_t);
  cache_.put(path, std::move(samples), bytes);  // what goes is freed here; nothing else holds it
  return cache_.find(path);
}

void ClipPlayer::play(const std::vector<std::string>& wav_paths, double now) {
  stop();
  std::vector<int16_t> out;
  const size_t gap = static_cast<size_t>(kRate * kGapSeconds);
  const size_t pause = static_cast<size_t>(kRate * kPauseSeconds);
  for (const auto& p : wav_paths) {
    if (p.empty()) {  // a pause (between the groups of a spoken code): its own place, no gap before it
      schedule_.add(pause, 0);
      out.insert(out.end(), pause, 0);
      continue;
    }
    const auto* clip = load(p);  // valid until the next load: copied into out right away
    const size_t length = clip ? clip->size() : static_cast<size_t>(kRate * kMissingClipSeconds);
    if (!clip) log::warn("audio", "a pause stands in for " + p);
    if (schedule_.size() > 0) out.insert(out.end(), gap, 0);
    schedule_.add(length, gap);
    if (clip)
      out.insert(out.end(), clip->begin(), clip->end());
    else
      out.insert(out.end(), length, 0);
  }
  started_ = now;
  if (!device_ || out.empty()) return;
  for (auto& s : out) s = static_cast<int16_t>(std::clamp(s * gain_, -32768.0f, 32767.0f));
  SDL_QueueAudio(device_, out.data(), static_cast<Uint32>(out.size() * 2));
}

void ClipPlayer::stop() {
  if (device_) SDL_ClearQueuedAudio(device_);
  schedule_.clear();
}

int ClipPlayer::clip_at(double now) const {
  if (schedule_.size() == 0) return -1;
  size_t played = 0;
  if (device_)
    played = schedule_.total() - std::min<size_t>(schedule_.total(), SDL_GetQueuedAudioSize(device_) / 2);
  else
    played = static_cast<size_t>(std::max(0.0, now - started_) * kRate);
  return schedule_.index_at(played);
}

bool ClipPlayer::busy(double now) const {
  const int at = clip_at(now);
  return at >= 0 && at < schedule_.size();
}

}  // namespace wk
