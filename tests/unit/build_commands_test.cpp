// The build steps a content author relies on: spoken clips from the PO files (with recorded
// clips taking over), and the volume range the operator can set.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "cli/commands.h"
#include "content/content_pack.h"
#include "platform/files.h"
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

TEST_CASE("make-audio: a recorded clip replaces the generated one, and changed words are spoken again") {
  ScratchPack pack;
  const fs::path recorded = pack.dir / "recorded";
  fs::create_directories(recorded / "nl");
  const std::string key = "ui.attract.title";
  const fs::path generated = pack.dir / "audio" / "nl" / (key + ".wav");
  REQUIRE(fs::exists(generated));

  // A "recording": any valid WAV; here the English clip, so the bytes differ from the Dutch one.
  const fs::path stand_in = pack.dir / "audio" / "en" / (key + ".wav");
  fs::copy_file(stand_in, recorded / "nl" / (key + ".wav"));
  REQUIRE(wk::run_make_audio(pack.dir.string(), recorded.string()) == 0);
  CHECK(wk::files::read_all(generated.string()) == wk::files::read_all(stand_in.string()));

  // Without the recording the clip is generated again from the Dutch text.
  fs::remove(recorded / "nl" / (key + ".wav"));
  REQUIRE(wk::run_make_audio(pack.dir.string(), recorded.string()) == 0);
  CHECK(wk::files::read_all(generated.string()) != wk::files::read_all(stand_in.string()));
  CHECK(fs::file_size(generated) > 10000);  // seconds of speech, not an empty file
}

TEST_CASE("volume: the operator's range spans more than 18 dB, and 0 mutes") {
  CHECK(wk::volume_gain(100) == doctest::Approx(1.0f));
  CHECK(wk::volume_db(100) - wk::volume_db(10) >= 18.0f);
  CHECK(wk::volume_gain(0) == 0.0f);
  for (int p = 10; p < 100; p += 10) CHECK(wk::volume_gain(p) < wk::volume_gain(p + 10));
}
