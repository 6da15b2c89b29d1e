#pragma once
// The recorder's own words (`werkcheck record`): operator.record.* texts in screens-*.po, shown
// in the language being recorded where the pack has them (a native speaker reads them), else
// in English, else in Dutch. The Dutch is also built in (the same as screens-nl.po), so a take's
// verdict has words without a pack. Never spoken: operator.* texts have no clips.
#include <map>
#include <string>
#include <vector>

#include "content/content_pack.h"

namespace wk {

using TextValues = std::map<std::string, std::string>;

std::vector<std::string> recorder_text_keys();
// The Dutch of a key, with {placeholders} filled in; the key itself when it is not one of them.
std::string builtin_recorder_text(const std::string& key, const TextValues& values = {});

class RecorderWords {
 public:
  RecorderWords(const ContentPack& pack, std::string locale) : pack_(pack), locale_(std::move(locale)) {}
  std::string operator()(const std::string& key, const TextValues& values = {}) const;

 private:
  const ContentPack& pack_;
  std::string locale_;
};

}  // namespace wk
