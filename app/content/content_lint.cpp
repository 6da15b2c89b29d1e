#include "content/content_lint.h"

#include <cctype>
#include <set>

#include "content/content_pack.h"
#include "platform/files.h"

namespace wk {

bool is_operator_key(const std::string& key) { return key.rfind("operator.", 0) == 0; }

std::vector<int> sentence_word_counts(const std::string& text) {
  std::vector<int> counts;
  int words = 0;
  bool in_word = false;
  auto end_sentence = [&] {
    if (words > 0) counts.push_back(words);
    words = 0;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool word_char = std::isalnum(c) || c >= 0x80;
    if (word_char && !in_word) ++words;
    in_word = word_char || (in_word && (c == '\'' || c == '-'));
    bool terminal = c == '.' || c == '!' || c == '?' || c == '\n';
    // A line break always ends a sentence; . ! ? only before a space or the end ("3.5" is one word).
    bool next_breaks = c == '\n' || i + 1 >= text.size() || std::isspace(static_cast<unsigned char>(text[i + 1]));
    if (terminal && next_breaks) end_sentence();
  }
  end_sentence();
  return counts;
}

LintReport lint_content_pack(const std::string& dir) {
  LintReport report;
  auto load = load_content_pack(dir);
  if (!load.pack) {
    report.errors.push_back(load.error);
    return report;
  }
  const ContentPack& pack = *load.pack;
  for (const auto& w : pack.warnings) report.errors.push_back(w);

  const auto keys = pack.used_text_keys();
  const std::set<std::string> used(keys.begin(), keys.end());
  const LocaleCatalog& source = pack.locales.front();

  for (const auto& cat : pack.locales) {
    if (cat.flag_picture.empty()) report.errors.push_back(cat.file + ": header lacks X-Werkcheck-Flag (flag picture)");
    if (cat.voice.empty()) report.errors.push_back(cat.file + ": header lacks X-Werkcheck-Voice (espeak-ng voice)");
    for (const auto& [key, entry] : cat.entries) {
      if (!used.count(key)) report.errors.push_back(cat.file + ": key \"" + key + "\" is not used by any screen or item");
      if (entry.fuzzy) report.errors.push_back(cat.file + ": \"" + key + "\" is marked fuzzy (needs review)");
      // A translation made from older Dutch text is out of date.
      auto src = source.entries.find(key);
      if (&cat != &source && src != source.entries.end() && src->second.source != entry.source)
        report.errors.push_back(cat.file + ": \"" + key + "\" was translated from older Dutch text");
    }
    for (const auto& key : keys) {
      if (is_operator_key(key)) continue;
      if (!files::exists(pack.audio_path(cat.code, key)))
        report.errors.push_back(pack.audio_path(cat.code, key) + ": spoken clip is missing");
    }
  }

  for (const auto& key : keys) {
    if (is_operator_key(key)) continue;
    const std::string* text = source.find(key);
    if (!text) continue;  // already reported as missing
    auto counts = sentence_word_counts(*text);
    for (int n : counts)
      if (n > kMaxWordsPerSentence) {
        report.errors.push_back(source.file + ": \"" + key + "\" has a sentence of " + std::to_string(n) +
                                " words (at most " + std::to_string(kMaxWordsPerSentence) + ")");
        break;
      }
  }

  for (const auto& pic : pack.used_pictures())
    if (!files::exists(pack.picture_path(pic))) report.errors.push_back(pack.picture_path(pic) + ": picture is missing");
  return report;
}

}  // namespace wk
