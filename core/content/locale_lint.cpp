#include "content/locale_lint.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "content/content_lint.h"

namespace wk {

namespace {
// Words with at least one letter: "Volume: {percent}%" has one ("Volume"), "25 tot 35" one.
int lettered_words(const std::string& text) {
  int n = 0;
  bool in_word = false, letter = false, in_placeholder = false;
  for (unsigned char c : text + " ") {
    if (c == '{') in_placeholder = true;
    const bool word_char = !in_placeholder && (std::isalnum(c) || c >= 0x80 || c == '\'' || c == '-');
    if (word_char) {
      in_word = true;
      letter = letter || std::isalpha(c) || c >= 0x80;
    } else {
      if (in_word && letter) ++n;
      in_word = letter = false;
    }
    if (c == '}') in_placeholder = false;
  }
  return n;
}
}  // namespace

bool is_coach_only_key(const std::string& key) { return key.rfind("occupation.", 0) == 0; }

bool language_needs_key(const std::string& source_code, const std::string& code, const std::string& key) {
  return !is_coach_only_key(key) || code == source_code || code == "en";
}

std::vector<std::string> placeholders(const std::string& text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%') out.push_back("%");
    if (text[i] != '{') continue;
    const size_t close = text.find('}', i);
    if (close == std::string::npos) break;
    out.push_back(text.substr(i, close - i + 1));
    i = close;
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string file_for_key(const LocaleCatalog& source, const LocaleCatalog& cat, const std::string& key) {
  namespace fs = std::filesystem;
  auto it = source.entries.find(key);
  const std::string dir = fs::path(cat.file).parent_path().string();
  if (it == source.entries.end() || it->second.file.empty()) return cat.file;
  std::string name = fs::path(it->second.file).filename().string();
  const std::string tail = source.code + ".po";
  if (name.size() < tail.size() || name.compare(name.size() - tail.size(), tail.size(), tail) != 0) return cat.file;
  name = name.substr(0, name.size() - tail.size()) + cat.code + ".po";
  return dir.empty() ? name : dir + "/" + name;
}

std::vector<std::string> lint_translation(const LocaleCatalog& source, const LocaleCatalog& cat,
                                          const std::vector<std::string>& keys, int max_words) {
  std::vector<std::string> errors;
  if (cat.voice.empty()) errors.push_back(cat.file + ": header lacks X-Werkcheck-Voice (espeak-ng voice)");
  if (cat.translator.empty()) errors.push_back(cat.file + ": header lacks X-Werkcheck-Translator (who translated)");
  if (cat.reviewed.empty())
    errors.push_back(cat.file + ": header lacks X-Werkcheck-Reviewed (\"no\", or \"yes: <name>, <date>\")");
  const bool is_source = &cat == &source || cat.code == source.code;
  for (const auto& key : keys) {
    if (!language_needs_key(source.code, cat.code, key)) continue;
    const std::string* text = cat.find(key);
    if (!text && is_source) continue;  // the pack's loader reports it (and skips the item)
    if (!text) {
      auto e = cat.entries.find(key);
      errors.push_back((e == cat.entries.end() ? file_for_key(source, cat, key) : e->second.file) + ": key \"" + key +
                       "\" is " + (e == cat.entries.end() ? "missing" : "not translated (empty)"));
      continue;
    }
    const std::string& file = cat.entries.at(key).file;
    if (!is_operator_key(key))
      for (int n : sentence_word_counts(*text))
        if (n > max_words) {
          errors.push_back(file + ": \"" + key + "\" has a sentence of " + std::to_string(n) + " words (at most " +
                           std::to_string(max_words) + ")");
          break;
        }
    if (is_source) continue;
    const std::string* dutch = source.find(key);
    if (!dutch) continue;
    if (placeholders(*text) != placeholders(*dutch))
      errors.push_back(file + ": \"" + key + "\" does not keep the placeholders of the Dutch \"" + *dutch + "\"");
    if (*text == *dutch && lettered_words(*text) >= 2)
      errors.push_back(file + ": \"" + key + "\" is still the Dutch text \"" + *dutch + "\"");
  }
  return errors;
}

}  // namespace wk
