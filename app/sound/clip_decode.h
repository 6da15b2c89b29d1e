#pragma once
// Reads a spoken clip of the content pack: Ogg Vorbis (audio/README.md), decoded with Debian's
// libvorbisfile. No screen and no sound device: the window's ClipPlayer plays what this returns,
// and `werkcheck lint` uses it to find clips that would not play.
#include <cstdint>
#include <string>
#include <vector>

namespace wk {

// Why a clip does not play, as the operator reads it (operator.clip.<reason> in screens-*.po;
// the log and the linter keep the technical words of DecodedClip::error).
enum class ClipFault { None, Missing, NotOgg, Damaged, CutOff, NoSound, Unreadable };
std::string clip_fault_key(ClipFault fault);  // "" for None
std::vector<std::string> clip_fault_keys();
// A clip that did not play: where, and why (its clip_fault_key).
struct ClipProblem {
  std::string path, reason_key;
};

struct DecodedClip {
  std::vector<int16_t> samples;  // interleaved when channels > 1
  int channels = 0;
  int rate = 0;
  std::string error;  // empty: decoded whole; otherwise why the clip cannot be played
  ClipFault fault = ClipFault::None;  // the same, for the operator
  bool ok() const { return error.empty(); }
};

// The whole clip, or an error saying why not: missing, not Ogg Vorbis, damaged (bytes that are
// no Ogg page, a gap in the stream) or cut off (no end-of-stream page). A clip with an error is
// never played in part: the kiosk shows the text without sound.
DecodedClip decode_clip(const std::string& path);

}  // namespace wk
