// The build steps a content author relies on: spoken clips from the PO files, stored as Ogg
// Vorbis (with recorded clips taking over), and the volume range the operator can set.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "cli/commands.h"
#include "content/content_pack.h"
#include "platform/files.h"
#include "sound/clip_decode.h"
#include "sound/volume.h"

namespace fs = std::filesystem;

namespace {
struct ScratchPack {
  fs::path dir;
  ScratchPack() {
    dir = fs::temp_directory_path() / ("werkcheck-audio-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::copy(WERKCHECK_CONTENT_PACK, dir, fs::copy_options::recursive);
  }
  ~ScratchPack() { fs::remove_all(dir); }
};
}  // namespace

TEST_CASE("make-audio: clips are Ogg Vorbis; a recorded WAV replaces the generated clip, and changed words are spoken again") {
  ScratchPack pack;
  const fs::path recorded = pack.dir / "recorded";
  fs::create_directories(recorded / "nl");
  const std::string key = "ui.attract.title";
  const fs::path clip = pack.dir / "audio" / "nl" / (key + ".ogg");
  REQUIRE(fs::exists(clip));
  const auto generated_bytes = wk::files::read_all(clip.string());
  REQUIRE(generated_bytes);
  const auto generated = wk::decode_clip(clip.string());
  REQUIRE_MESSAGE(generated.ok(), generated.error);
  CHECK(generated.channels == 1);
  CHECK(generated.rate == 22050);

  // A "recording" as a recorder makes it: 2.5 s of a tone, stereo, 44.1 kHz, 16-bit WAV (sox).
  const fs::path take = recorded / "nl" / (key + ".wav");
  REQUIRE(std::system(("sox -n -r 44100 -c 2 -b 16 '" + take.string() + "' synth 2.5 sine 440 vol 0.3").c_str()) == 0);
  REQUIRE(wk::run_make_audio(pack.dir.string(), recorded.string()) == 0);
  const auto from_recording = wk::decode_clip(clip.string());
  REQUIRE_MESSAGE(from_recording.ok(), from_recording.error);
  CHECK(from_recording.channels == 1);  // mixed down and resampled to what the kiosk plays
  CHECK(from_recording.rate == 22050);
  CHECK(std::abs(static_cast<double>(from_recording.samples.size()) / 22050 - 2.5) < 0.02);
  CHECK_FALSE(fs::exists(pack.dir / "audio" / "nl" / (key + ".wav")));  // the pack holds no WAV

  // Recorded again, shorter: the clip follows.
  REQUIRE(std::system(("sox -n -r 44100 -c 2 -b 16 '" + take.string() + "' synth 1.0 sine 440 vol 0.3").c_str()) == 0);
  REQUIRE(wk::run_make_audio(pack.dir.string(), recorded.string()) == 0);
  CHECK(std::abs(static_cast<double>(wk::decode_clip(clip.string()).samples.size()) / 22050 - 1.0) < 0.02);

  // Without the recording the clip is generated again from the Dutch text, byte for byte as the
  // build made it: a content update (by sha256) does not fetch a clip that was only rebuilt.
  fs::remove(take);
  REQUIRE(wk::run_make_audio(pack.dir.string(), recorded.string()) == 0);
  CHECK(wk::files::read_all(clip.string()) == generated_bytes);
}

TEST_CASE("volume: the operator's range spans more than 18 dB, and 0 mutes") {
  CHECK(wk::volume_gain(100) == doctest::Approx(1.0f));
  CHECK(wk::volume_db(100) - wk::volume_db(10) >= 18.0f);
  CHECK(wk::volume_gain(0) == 0.0f);
  for (int p = 10; p < 100; p += 10) CHECK(wk::volume_gain(p) < wk::volume_gain(p + 10));
}
