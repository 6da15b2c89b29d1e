#include "cli/clip_lint.h"

#include "content/content_lint.h"
#include "platform/files.h"
#include "screens/screen_table.h"
#include "sound/clip_decode.h"

namespace wk {

std::vector<std::string> lint_clips(const ContentPack& pack) {
  std::vector<std::string> problems;
  const auto keys = required_text_keys(pack, kiosk_content_needs());
  for (const auto& cat : pack.locales)
    for (const auto& key : keys) {
      if (is_operator_key(key)) continue;
      const std::string path = pack.audio_path(cat.code, key);
      if (!files::exists(path)) continue;  // reported as missing by the core linter
      DecodedClip clip = decode_clip(path);
      if (!clip.ok()) problems.push_back(path + ": spoken clip does not play: " + clip.error);
    }
  return problems;
}

}  // namespace wk
