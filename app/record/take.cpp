#include "record/take.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "platform/files.h"
#include "platform/process.h"

namespace wk {

namespace {

constexpr const char* kStoredRate = "22050";
// sox's "silence" effect: sound starts and ends where it is above 1% of full scale (-40 dB)
// for 20 ms; a breath or a click shorter than that is not speech.
const std::vector<std::string> kTrimSilence = {"silence", "1", "0.02", "1%", "reverse", "silence", "1", "0.02", "1%",
                                               "reverse"};

std::vector<std::string> raw_input(const std::string& raw_path, int rate) {
  return {"-t", "raw", "-r", std::to_string(rate), "-e", "signed-integer", "-b", "16", "-c", "1", raw_path};
}

std::vector<std::string> wav_output(const std::string& path) {
  return {"-r", kStoredRate, "-c", "1", "-b", "16", "-e", "signed-integer", path};
}

// The figures "sox IN -n stats" prints on standard error, one "name  value" per line.
SoundStats parse_stats(const ProcessResult& run) {
  SoundStats s;
  if (!run.ok()) return s;
  std::istringstream lines(run.output);
  std::string line;
  int found = 0;
  while (std::getline(lines, line)) {
    auto value = [&](const char* name, double& out) {
      if (line.rfind(name, 0) != 0) return;
      out = std::strtod(line.c_str() + std::string(name).size(), nullptr);
      ++found;
    };
    value("Length s", s.seconds);
    value("Pk lev dB", s.peak_db);
    value("RMS lev dB", s.rms_db);
    value("Pk count", s.peak_count);
    value("Flat factor", s.flat_factor);
  }
  s.ok = found == 5;
  return s;
}

SoundStats run_stats(std::vector<std::string> input) {
  std::vector<std::string> args = {"sox"};
  args.insert(args.end(), input.begin(), input.end());
  for (const char* a : {"-n", "stats"}) args.push_back(a);
  return parse_stats(run_program(args));
}

// Whole seconds, at least 1.
std::string seconds_text(double s) { return std::to_string(std::max(1L, std::lround(s))); }

TakeResult refuse(TakeVerdict v, const std::string& key, const SoundStats& input, TextValues values = {}) {
  TakeResult r;
  r.verdict = v;
  r.message_key = key;
  r.values = std::move(values);
  r.message = builtin_recorder_text(key, r.values);
  r.input = input;
  return r;
}

// Clipped: the take reaches full scale (within 0.1 dB) again and again, or stays there.
bool clipped(const SoundStats& s) {
  return s.peak_db > -0.1 && (s.peak_count > kClippedPeakCount || s.flat_factor > 0);
}

}  // namespace

double SoundStats::rms() const { return std::pow(10.0, rms_db / 20.0); }

SoundStats sound_stats(const std::string& path) { return run_stats({path}); }

SoundStats raw_sound_stats(const std::string& raw_path, int rate) { return run_stats(raw_input(raw_path, rate)); }

double longest_take_seconds(double generated_seconds) {
  if (generated_seconds <= 0) return kLongestTakeSeconds;
  return std::min(kLongestTakeSeconds, std::max(3.0, 3 * generated_seconds));
}

const char* verdict_name(TakeVerdict v) {
  switch (v) {
    case TakeVerdict::Stored: return "stored";
    case TakeVerdict::Silent: return "silent";
    case TakeVerdict::TooQuiet: return "too_quiet";
    case TakeVerdict::Clipped: return "clipped";
    case TakeVerdict::TooLong: return "too_long";
    case TakeVerdict::Failed: return "failed";
  }
  return "failed";
}

TakeResult process_take(const std::vector<int16_t>& samples, int rate, double generated_seconds,
                        const std::string& out_path, const std::string& work_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(work_dir, ec);
  const std::string raw = work_dir + "/take.raw", trimmed = work_dir + "/trimmed.wav";
  const std::string bytes(reinterpret_cast<const char*>(samples.data()), samples.size() * sizeof(int16_t));
  if (samples.empty() || !files::write_atomically(raw, bytes))
    return refuse(TakeVerdict::Silent, "operator.record.nothing_recorded", {});

  const SoundStats input = raw_sound_stats(raw, rate);
  if (!input.ok)
    return refuse(TakeVerdict::Failed, "operator.record.no_sox", input);
  if (clipped(input)) return refuse(TakeVerdict::Clipped, "operator.record.too_loud", input);

  std::vector<std::string> trim = {"sox"};
  for (const auto& a : raw_input(raw, rate)) trim.push_back(a);
  for (const auto& a : wav_output(trimmed)) trim.push_back(a);
  trim.insert(trim.end(), kTrimSilence.begin(), kTrimSilence.end());
  const ProcessResult trim_run = run_program(trim);
  if (!trim_run.ok()) return refuse(TakeVerdict::Failed, "operator.record.sox_failed", input, {{"why", trim_run.output}});
  const SoundStats speech = sound_stats(trimmed);
  if (!speech.ok || speech.seconds < 0.1)
    return refuse(TakeVerdict::Silent, "operator.record.nothing_heard", input);
  if (speech.rms_db < kQuietestRmsDb) return refuse(TakeVerdict::TooQuiet, "operator.record.too_quiet", input);
  const double longest = longest_take_seconds(generated_seconds);
  if (speech.seconds > longest)
    return refuse(TakeVerdict::TooLong, "operator.record.too_long", input,
                  {{"seconds", seconds_text(speech.seconds)}, {"longest", seconds_text(longest)}});

  // The gain that brings the speech to the generated clips' loudness; sox's limiter ("gain -l")
  // keeps the peaks under full scale, which can leave the RMS a little low: then again (at most 3 times).
  fs::create_directories(fs::path(out_path).parent_path(), ec);
  const std::string tmp = out_path + ".tmp.wav";
  SoundStats level = speech;
  std::string from = trimmed;
  for (int pass = 0; pass < 3 && std::abs(level.rms() - kTargetRms) > 0.002; ++pass) {
    char gain[32];
    std::snprintf(gain, sizeof gain, "%.2f", 20 * std::log10(kTargetRms / level.rms()));
    const std::string to = work_dir + "/level" + std::to_string(pass) + ".wav";
    std::vector<std::string> args = {"sox", from};
    for (const auto& a : wav_output(to)) args.push_back(a);
    for (const char* a : {"gain", "-l"}) args.push_back(a);
    args.push_back(gain);
    if (const ProcessResult run = run_program(args); !run.ok())
      return refuse(TakeVerdict::Failed, "operator.record.sox_failed", input, {{"why", run.output}});
    from = to;
    level = sound_stats(from);
  }
  fs::copy_file(from, tmp, fs::copy_options::overwrite_existing, ec);
  if (!ec) fs::rename(tmp, out_path, ec);
  if (ec) return refuse(TakeVerdict::Failed, "operator.record.save_failed", input, {{"why", out_path + ": " + ec.message()}});
  TakeResult r;
  r.verdict = TakeVerdict::Stored;
  r.input = input;
  r.stored = sound_stats(out_path);
  r.message_key = "operator.record.stored";
  r.values = {{"seconds", seconds_text(r.stored.seconds)}};
  r.message = builtin_recorder_text(r.message_key, r.values);
  return r;
}

}  // namespace wk
