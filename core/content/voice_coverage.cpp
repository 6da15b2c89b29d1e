#include "content/voice_coverage.h"

#include "platform/files.h"

namespace wk {

std::vector<std::string> spoken_keys(const ContentPack& pack, const ShellNeeds& shell, const LocaleCatalog& cat) {
  std::vector<std::string> keys;
  for (const auto& key : required_text_keys(pack, shell))
    if (key.rfind("operator.", 0) != 0 && cat.find(key)) keys.push_back(key);
  return keys;
}

ClipSource clip_source(const ContentPack& pack, const std::string& locale, const std::string& key) {
  if (!files::exists(pack.audio_path(locale, key))) return ClipSource::Missing;
  const std::string stamp = pack.dir + "/audio/" + locale + "/" + key + ".source";
  return files::exists(stamp) ? ClipSource::Generated : ClipSource::Recorded;
}

std::vector<VoiceCoverage> voice_coverage(const ContentPack& pack, const ShellNeeds& shell) {
  std::vector<VoiceCoverage> out;
  for (const auto& cat : pack.locales) {
    VoiceCoverage c{cat.code};
    for (const auto& key : spoken_keys(pack, shell, cat)) {
      switch (clip_source(pack, cat.code, key)) {
        case ClipSource::Recorded: ++c.recorded; break;
        case ClipSource::Generated: ++c.generated; break;
        case ClipSource::Missing: ++c.missing; break;
      }
    }
    out.push_back(c);
  }
  return out;
}

std::string describe(const VoiceCoverage& c) {
  return c.locale + ": " + std::to_string(c.recorded) + " recorded, " + std::to_string(c.generated) + " generated, " +
         std::to_string(c.missing) + " missing";
}

}  // namespace wk
