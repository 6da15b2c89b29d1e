#pragma once
// One take of a native speaker's recording, from the microphone's samples to the file the build
// uses (audio/recorded/<lang>/<key>.wav, see audio/README.md). sox does the sound work: it
// measures the take, trims the silence before and after, and sets the loudness to that of the
// generated clips. A take that is silent, too quiet, clipped or too long is refused, with the
// reason in plain words, and nothing is written.
#include <cstdint>
#include <string>
#include <vector>

#include "record/recorder_words.h"

namespace wk {

// What sox's "stats" effect says about a sound (levels relative to full scale).
struct SoundStats {
  bool ok = false;          // sox read it and printed the figures
  double seconds = 0;       // "Length s"
  double peak_db = -200;    // "Pk lev dB" (0: full scale)
  double rms_db = -200;     // "RMS lev dB"
  double peak_count = 0;    // "Pk count": how often the peak level was reached
  double flat_factor = 0;   // "Flat factor": runs of equal samples at the peak (clipping)
  double rms() const;       // RMS amplitude, 0..1
};

// Figures for a WAV (or any file sox reads), or for raw S16 mono samples at a rate.
SoundStats sound_stats(const std::string& path);
SoundStats raw_sound_stats(const std::string& raw_path, int rate);

enum class TakeVerdict { Stored, Silent, TooQuiet, Clipped, TooLong, Failed };

struct TakeResult {
  TakeVerdict verdict = TakeVerdict::Failed;
  std::string message_key;  // what the window says (operator.record.*, short sentences) ...
  TextValues values;        // ... with these in its {placeholders}
  std::string message;      // the same in Dutch, for the log
  SoundStats input;      // the take as captured
  SoundStats stored;     // the file written (only for Stored)
  bool stored_ok() const { return verdict == TakeVerdict::Stored; }
};

// The loudness the generated clips have (audio/README.md): RMS amplitude 0.085 to 0.095.
inline constexpr double kTargetRms = 0.09;
inline constexpr double kLongestTakeSeconds = 30;
// Peaks at full scale more than this many times (or in flat runs) is a clipped take.
inline constexpr double kClippedPeakCount = 3;
// After trimming, quieter than this (RMS, dB full scale) is too quiet: raising it to the
// clips' loudness (-21 dB) by more than 14 dB raises the room's noise as much.
inline constexpr double kQuietestRmsDb = -35;

// The longest take allowed for a text whose generated clip lasts `generated_seconds` (0: none):
// three times that (at least 3 s, for a single letter), and never over 30 s.
double longest_take_seconds(double generated_seconds);

// Checks the samples (S16 mono at `rate`), trims and normalises them with sox and writes the
// result to out_path (mono, 16-bit, 22050 Hz), through a temporary file beside it. work_dir
// holds the intermediate files.
TakeResult process_take(const std::vector<int16_t>& samples, int rate, double generated_seconds,
                        const std::string& out_path, const std::string& work_dir);

// The name of a verdict for logs and the UI dump: "stored", "silent", "too_quiet", ...
const char* verdict_name(TakeVerdict v);

}  // namespace wk
