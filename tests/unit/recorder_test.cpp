// The native-voice recorder without its window (record/): which clips are recorded, generated
// or missing; a take trimmed and set to the clips' loudness by sox; a silent, too quiet,
// clipped or too long take refused with its reason and nothing written; the recorder's taps.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>

#include "content/voice_coverage.h"
#include "platform/files.h"
#include "platform/process.h"
#include "record/recorder.h"
#include "record/take.h"
#include "screens/screen_table.h"
#include "shell/operator_status.h"
#include "test_support.h"

namespace fs = std::filesystem;
using wktest::TempDir;

namespace {
constexpr int kRate = 22050;

// Silence, a tone at `amplitude` (of full scale, may be over 1: clipped) for `seconds`, silence.
std::vector<int16_t> tone_take(double amplitude, double seconds, double silence = 0.5) {
  std::vector<int16_t> s(static_cast<size_t>(silence * kRate), 0);
  for (int i = 0; i < static_cast<int>(seconds * kRate); ++i) {
    const double v = amplitude * std::sin(2 * M_PI * 220 * i / kRate) * 32767;
    s.push_back(static_cast<int16_t>(std::max(-32768.0, std::min(32767.0, v))));
  }
  s.insert(s.end(), static_cast<size_t>(silence * kRate), 0);
  return s;
}

std::vector<std::string> texts_of(const wk::ScreenModel& s) {
  std::vector<std::string> t;
  for (const auto& b : s.texts) t.push_back(b.text);
  return t;
}

const wk::VoiceCoverage& coverage_of(const std::vector<wk::VoiceCoverage>& all, const std::string& locale) {
  for (const auto& c : all)
    if (c.locale == locale) return c;
  FAIL("no coverage for " << locale);
  return all.front();
}
}  // namespace

TEST_CASE("voice coverage: a clip without its generated stamp is recorded, one not there is missing") {
  TempDir tmp;
  const std::string dir = wktest::copy_content_pack(tmp);
  auto load = wk::load_content_pack(dir, wk::kiosk_content_needs());
  REQUIRE(load.pack);
  const wk::ContentPack& pack = *load.pack;
  const auto before = coverage_of(wk::voice_coverage(pack, wk::kiosk_content_needs()), "nl");
  CHECK(before.recorded == 0);
  CHECK(before.missing == 0);
  CHECK(before.generated > 50);
  for (const auto& key : wk::spoken_keys(pack, wk::kiosk_content_needs(), *pack.locale("nl")))
    CHECK_MESSAGE(key.rfind("operator.", 0) != 0, key);

  wktest::remove_file(dir + "/audio/nl/ui.attract.title.source");  // as make-audio leaves a recording
  wktest::remove_file(pack.audio_path("nl", "ui.stop"));
  const auto after = coverage_of(wk::voice_coverage(pack, wk::kiosk_content_needs()), "nl");
  CHECK(after.recorded == 1);
  CHECK(after.missing == 1);
  CHECK(after.generated == before.generated - 2);
  CHECK(wk::describe(after) == "nl: 1 recorded, " + std::to_string(after.generated) + " generated, 1 missing");
  CHECK(coverage_of(wk::voice_coverage(pack, wk::kiosk_content_needs()), "en").recorded == 0);

  // The operator's status panel says it per language.
  wk::StatusFacts facts;
  facts.voices = {after};
  const auto lines = wk::operator_status_lines(facts, [](const std::string& key) {
    return key == "operator.status.voices" ? "Stemmen {lang}: {recorded} opgenomen, {missing} ontbreken" : "";
  });
  CHECK(wktest::any_contains(lines, {"Stemmen nl: 1 opgenomen, 1 ontbreken"}));
}

TEST_CASE("a take: trimmed, set to the clips' loudness, stored mono 16-bit") {
  TempDir tmp;
  const std::string out = tmp.file("recorded/nl/ui.attract.title.wav");
  const auto r = wk::process_take(tone_take(0.3, 1.0), kRate, 1.5, out, tmp.file("work"));
  REQUIRE_MESSAGE(r.stored_ok(), r.message);
  CHECK(r.input.seconds == doctest::Approx(2.0).epsilon(0.01));
  CHECK(r.stored.seconds == doctest::Approx(1.0).epsilon(0.05));  // the half seconds of silence are gone
  CHECK(r.stored.rms() >= 0.085);
  CHECK(r.stored.rms() <= 0.095);
  CHECK(r.stored.peak_db < -0.5);
  const auto info = wk::run_program({"sox", "--i", out});
  CHECK(info.output.find("Channels       : 1") != std::string::npos);
  CHECK(info.output.find("16-bit Signed Integer PCM") != std::string::npos);
  CHECK(info.output.find("Sample Rate    : 22050") != std::string::npos);
  CHECK_FALSE(fs::exists(out + ".tmp.wav"));
}

TEST_CASE("a bad take is refused with its reason and nothing is written") {
  TempDir tmp;
  const std::string out = tmp.file("recorded/nl/ui.stop.wav");
  struct Case {
    const char* name;
    std::vector<int16_t> samples;
    double generated;
    wk::TakeVerdict verdict;
    const char* says;
  };
  const Case cases[] = {
      {"silence", std::vector<int16_t>(2 * kRate, 0), 1.0, wk::TakeVerdict::Silent, "Niets gehoord"},
      {"nothing", {}, 1.0, wk::TakeVerdict::Silent, "Niets opgenomen"},
      {"under the silence threshold", tone_take(0.012, 1.0), 1.0, wk::TakeVerdict::Silent, "Niets gehoord"},
      {"whisper", tone_take(0.02, 1.0), 1.0, wk::TakeVerdict::TooQuiet, "Te zacht"},
      {"clipped", tone_take(2.0, 1.0), 1.0, wk::TakeVerdict::Clipped, "Te hard"},
      {"too long", tone_take(0.3, 4.0), 1.0, wk::TakeVerdict::TooLong, "Te lang: 4 s. Het mag hoogstens 3 s zijn."},
      {"over 30 s", tone_take(0.3, 31.0), 12.0, wk::TakeVerdict::TooLong, "hoogstens 30"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto r = wk::process_take(c.samples, kRate, c.generated, out, tmp.file("work"));
    CHECK(r.verdict == c.verdict);
    CHECK_MESSAGE(r.message.find(c.says) != std::string::npos, r.message);
    CHECK_FALSE(fs::exists(out));
  }
  // The limits: three times the generated clip, at least 3 s, at most 30 s.
  CHECK(wk::longest_take_seconds(2) == 6);
  CHECK(wk::longest_take_seconds(0.4) == 3);
  CHECK(wk::longest_take_seconds(20) == 30);
  CHECK(wk::longest_take_seconds(0) == 30);
}

TEST_CASE("the recorder: a wrong language or key is named, taps record, stop and store") {
  TempDir tmp;
  const wk::ContentPack& pack = wktest::built_pack();
  const auto needs = wk::kiosk_content_needs();
  const std::string out = tmp.file("recorded");

  auto wrong = wk::open_recorder(pack, needs, "xx", "", out, tmp.file("work"));
  CHECK_FALSE(wrong.recorder);
  CHECK(wrong.error.find("there are: nl, en") != std::string::npos);
  auto op = wk::open_recorder(pack, needs, "nl", "operator.title", out, tmp.file("work"));
  CHECK_FALSE(op.recorder);
  CHECK(op.error.find("operator.* texts are never spoken") != std::string::npos);

  auto all = wk::open_recorder(pack, needs, "en", "", out, tmp.file("work"));
  REQUIRE(all.recorder);
  CHECK(all.recorder->entries().size() == wk::spoken_keys(pack, needs, *pack.locale("en")).size());

  auto one = wk::open_recorder(pack, needs, "nl", "ui.attract.title", out, tmp.file("work"));
  REQUIRE(one.recorder);
  wk::Recorder& rec = *one.recorder;
  REQUIRE(rec.entries().size() == 1);
  CHECK(rec.current().text == *pack.locale("nl")->find("ui.attract.title"));
  CHECK(rec.clip_to_play() == pack.audio_path("nl", "ui.attract.title"));
  wk::Metrics m;
  auto view = rec.view(m);
  CHECK(view.id == "record");
  CHECK(view.find_target("rec:record")->label == "Opnemen");
  CHECK_FALSE(view.find_target("rec:next"));  // one text only: nowhere to go

  CHECK(rec.tap("rec:record") == wk::RecorderAction::StartRecording);
  CHECK(rec.tap("rec:play") == wk::RecorderAction::None);  // not while the microphone is open
  view = rec.view(m);
  CHECK(view.find_target("rec:stop"));
  CHECK_FALSE(view.find_target("rec:record"));
  CHECK(rec.tap("rec:stop") == wk::RecorderAction::StopRecording);
  const auto& refused = rec.take_finished(std::vector<int16_t>(kRate, 0), kRate);
  CHECK(refused.verdict == wk::TakeVerdict::Silent);
  CHECK(wktest::any_contains(texts_of(rec.view(m)), {"Niets gehoord"}));
  REQUIRE(rec.view(m).pictures.size() == 1);
  CHECK(rec.view(m).pictures[0].picture == pack.ui_picture("no"));  // refused: a cross beside the reason
  CHECK(rec.coverage().recorded == 0);

  CHECK(rec.tap("rec:record") == wk::RecorderAction::StartRecording);
  CHECK(rec.tap("rec:stop") == wk::RecorderAction::StopRecording);
  CHECK(rec.take_finished(tone_take(0.3, 1.0), kRate).stored_ok());
  CHECK(fs::exists(out + "/nl/ui.attract.title.wav"));
  CHECK(rec.clip_to_play() == out + "/nl/ui.attract.title.wav");
  CHECK(rec.coverage().recorded == 1);
  CHECK(rec.view(m).find_target("rec:record")->label == "Opnieuw opnemen");
  REQUIRE(rec.view(m).pictures.size() == 1);
  CHECK(rec.view(m).pictures[0].picture == pack.ui_picture("yes"));

  // Opened again, the recording is known; the generated clips of the rest are not.
  auto again = wk::open_recorder(pack, needs, "nl", "", out, tmp.file("work"));
  REQUIRE(again.recorder);
  CHECK(again.recorder->coverage().recorded == 1);
  CHECK(again.recorder->current().source != wk::ClipSource::Recorded);  // starts at the first not yet recorded
  const std::string first = again.recorder->current().key;
  CHECK(again.recorder->tap("rec:next") == wk::RecorderAction::Play);
  CHECK(again.recorder->current().key != first);
  again.recorder->tap("rec:prev");
  CHECK(again.recorder->current().key == first);
}

TEST_CASE("the recorder's own words: in the language recorded, else English, else Dutch") {
  TempDir tmp;
  const wk::ContentPack& pack = wktest::built_pack();
  CHECK(wk::RecorderWords(pack, "nl")("operator.record.play") == "Luister");
  CHECK(wk::RecorderWords(pack, "en")("operator.record.play") == "Listen");
  CHECK(wk::RecorderWords(pack, "pl")("operator.record.play") == "Listen");  // no Polish in this pack
  CHECK(wk::RecorderWords(pack, "en")("operator.record.too_long", {{"seconds", "4"}, {"longest", "3"}}) ==
        "Too long: 4 s. It may be at most 3 s. Read only the text.");
  wk::ContentPack dutch_only = pack;
  std::erase_if(dutch_only.locales, [](const wk::LocaleCatalog& c) { return c.code != "nl"; });
  CHECK(wk::RecorderWords(dutch_only, "pl")("operator.record.play") == "Luister");

  // The view: a volunteer recording English reads English.
  auto en = wk::open_recorder(pack, wk::kiosk_content_needs(), "en", "ui.attract.title", tmp.file("recorded"),
                              tmp.file("work"));
  REQUIRE(en.recorder);
  const auto view = en.recorder->view(wk::Metrics{});
  CHECK(view.find_target("rec:record")->label == "Record");
  CHECK(view.find_target("rec:done")->label == "Done");
  CHECK(wktest::any_contains(texts_of(view), {"This text: computer voice."}));
  CHECK_FALSE(wktest::any_contains(texts_of(view), {"Deze tekst"}));
}
