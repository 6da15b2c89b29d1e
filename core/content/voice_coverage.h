#pragma once
// Which spoken clips of a built content pack a person recorded, which espeak-ng generated and
// which are missing, per language. The build (werkcheck make-audio) writes a generated clip
// with a "<key>.source" stamp next to it (the voice and the words it was made from) and copies
// a recording (audio/recorded/<lang>/<key>.wav) without one: a clip without a stamp is recorded.
#include <string>
#include <vector>

#include "content/content_pack.h"

namespace wk {

enum class ClipSource { Recorded, Generated, Missing };

// The keys that are spoken in a language: every key the pack needs that has a text there,
// except the operator's words (operator.*), which are never spoken.
std::vector<std::string> spoken_keys(const ContentPack& pack, const ShellNeeds& shell, const LocaleCatalog& cat);

ClipSource clip_source(const ContentPack& pack, const std::string& locale, const std::string& key);

struct VoiceCoverage {
  std::string locale;
  int recorded = 0, generated = 0, missing = 0;
  int total() const { return recorded + generated + missing; }
};

// One entry per language of the pack, source language first.
std::vector<VoiceCoverage> voice_coverage(const ContentPack& pack, const ShellNeeds& shell);

// "nl: 3 recorded, 512 generated, 0 missing" (for the linter's output and the log).
std::string describe(const VoiceCoverage& c);

}  // namespace wk
