// Spoken clips as the kiosk reads them (Ogg Vorbis, app/sound/clip_decode.h): a clip of the built
// pack decodes whole; a damaged, cut-off or foreign file gives a reason instead of sound, and
// `werkcheck lint` names it.
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>

#include "cli/commands.h"
#include "shell/operator_status.h"
#include "screens/operator_parts.h"
#include "screens/screen_table.h"
#include "sound/clip_decode.h"
#include "test_support.h"

using wktest::TempDir;

namespace {
const std::string kKey = "ui.attract.title";

std::string clip_in(const std::string& pack_dir) { return pack_dir + "/audio/nl/" + kKey + ".ogg"; }

double rms(const std::vector<int16_t>& s) {
  double sum = 0;
  for (int16_t v : s) sum += static_cast<double>(v) * v;
  return s.empty() ? 0 : std::sqrt(sum / static_cast<double>(s.size())) / 32768.0;
}
}  // namespace

TEST_CASE("clip decode: a clip of the built pack is mono speech at 22050 Hz") {
  const auto clip = wk::decode_clip(clip_in(wktest::built_pack_dir()));
  REQUIRE_MESSAGE(clip.ok(), clip.error);
  CHECK(clip.channels == 1);
  CHECK(clip.rate == 22050);
  CHECK(clip.samples.size() > 22050 / 2);  // "Tik om te beginnen": more than half a second
  CHECK(rms(clip.samples) > 0.02);         // speech, not silence
}

TEST_CASE("clip decode: a damaged, cut-off, foreign or missing clip gives why, and no sound") {
  TempDir dir;
  const std::string good = wktest::read_file(clip_in(wktest::built_pack_dir()));
  REQUIRE(good.size() > 2000);

  wktest::write_file(dir.file("cut.ogg"), good.substr(0, good.size() / 2));
  auto cut = wk::decode_clip(dir.file("cut.ogg"));
  CHECK_MESSAGE(cut.error.find("cut off") != std::string::npos, cut.error);
  CHECK(cut.samples.empty());

  std::string damaged = good;  // bytes overwritten inside a page: its checksum fails
  for (std::size_t i = good.size() / 2; i < good.size() / 2 + 64; ++i) damaged[i] = static_cast<char>(i * 7);
  wktest::write_file(dir.file("damaged.ogg"), damaged);
  auto bad = wk::decode_clip(dir.file("damaged.ogg"));
  CHECK_MESSAGE(bad.error.find("damaged") != std::string::npos, bad.error);
  CHECK(bad.samples.empty());

  wktest::write_file(dir.file("wav.ogg"), std::string("RIFF\x24\0\0\0WAVEfmt ", 16) + std::string(2000, '\0'));
  CHECK(wk::decode_clip(dir.file("wav.ogg")).error == "not an Ogg file");
  wktest::write_file(dir.file("empty.ogg"), "");
  CHECK(wk::decode_clip(dir.file("empty.ogg")).error == "not an Ogg file");
  CHECK(wk::decode_clip(dir.file("nothing-here.ogg")).error == "missing");
}

TEST_CASE("lint: a clip that is there but does not play is named with why") {
  TempDir dir;
  const std::string pack_dir = wktest::copy_content_pack(dir);
  const std::string good = wktest::read_file(clip_in(pack_dir));
  wktest::write_file(clip_in(pack_dir), good.substr(0, good.size() - 100));
  std::ostringstream out;
  CHECK(wk::run_lint(pack_dir, "", out) == 1);
  CHECK_MESSAGE(out.str().find(clip_in(pack_dir) + ": spoken clip does not play: cut off") != std::string::npos,
                out.str());
}

TEST_CASE("operator status: clips that do not play are counted, with the last and why") {
  wk::StatusFacts facts;
  facts.data_dir = "/d";
  auto lines = wk::operator_status_lines(facts, wk::builtin_operator_text);
  CHECK_FALSE(wktest::any_contains(lines, {"spelen niet"}));
  facts.clips_unreadable = 2;
  facts.clip_problem = {"/p/audio/nl/a.ogg", wk::clip_fault_key(wk::ClipFault::CutOff)};
  lines = wk::operator_status_lines(facts, wk::builtin_operator_text);
  // In the operator's Dutch, like the rest of the status.
  CHECK_MESSAGE(wktest::any_contains(lines, {"Geluid: 2 clips spelen niet", "zonder geluid",
                                             "/p/audio/nl/a.ogg: het bestand is afgebroken, het einde ontbreekt"}),
                wktest::join_lines(lines));
  CHECK_FALSE(wktest::any_contains(lines, {"cut off"}));
}

TEST_CASE("clip decode: each reason a clip does not play has the operator's words, in every language of the pack") {
  TempDir dir;
  const std::string good = wktest::read_file(clip_in(wktest::built_pack_dir()));
  wktest::write_file(dir.file("cut.ogg"), good.substr(0, good.size() / 2));
  CHECK(wk::decode_clip(dir.file("cut.ogg")).fault == wk::ClipFault::CutOff);
  std::string damaged = good;
  for (std::size_t i = good.size() / 2; i < good.size() / 2 + 64; ++i) damaged[i] = static_cast<char>(i * 7);
  wktest::write_file(dir.file("damaged.ogg"), damaged);
  CHECK(wk::decode_clip(dir.file("damaged.ogg")).fault == wk::ClipFault::Damaged);
  CHECK(wk::decode_clip(dir.file("nothing-here.ogg")).fault == wk::ClipFault::Missing);
  CHECK(wk::decode_clip(clip_in(wktest::built_pack_dir())).fault == wk::ClipFault::None);

  const auto loaded = wk::load_content_pack(wktest::built_pack_dir(), wk::kiosk_content_needs());
  REQUIRE_MESSAGE(loaded.pack.has_value(), loaded.error);
  for (const auto& key : wk::clip_fault_keys()) {
    CHECK(wk::builtin_operator_text(key) != key);  // Dutch even without a pack
    for (const auto& cat : loaded.pack->locales) {
      const std::string* words = cat.find(key);
      CHECK_MESSAGE((words && !words->empty()), (std::string(cat.code) + " lacks " + key));
    }
  }
}
