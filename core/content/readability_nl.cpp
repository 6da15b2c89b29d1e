#include "content/readability_nl.h"

#include <hyphen.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "content/content_lint.h"
#include "content/locale_lint.h"

namespace wk {

double flesch_douma(int words, int sentences, int syllables) {
  if (words == 0 || sentences == 0) return 0;
  return 206.835 - 0.93 * words / sentences - 77.0 * syllables / words;
}

std::unique_ptr<DutchSyllables> DutchSyllables::load(const std::string& patterns_path) {
  HyphenDict* dict = hnj_hyphen_load(patterns_path.c_str());
  if (!dict) return nullptr;
  return std::unique_ptr<DutchSyllables>(new DutchSyllables(dict));
}

DutchSyllables::~DutchSyllables() { hnj_hyphen_free(static_cast<HyphenDict*>(dict_)); }

namespace {
// The patterns are ISO-8859-1 and lower case: decode UTF-8, fold case, and keep what Latin-1
// holds (Dutch letters do: ë, é, ï...); another script's letter becomes a plain vowel-less 'x'.
std::string latin1_lower(const std::string& utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    unsigned cp = c;
    size_t len = 1;
    if (c >= 0xF0) cp = c & 0x07, len = 4;
    else if (c >= 0xE0) cp = c & 0x0F, len = 3;
    else if (c >= 0xC0) cp = c & 0x1F, len = 2;
    for (size_t k = 1; k < len && i + k < utf8.size(); ++k) cp = (cp << 6) | (utf8[i + k] & 0x3F);
    i += len;
    if (cp < 0x80) cp = static_cast<unsigned>(std::tolower(static_cast<int>(cp)));
    else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20;
    out.push_back(cp <= 0xFF ? static_cast<char>(cp) : 'x');
  }
  return out;
}
bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80 || c == '\''; }
}  // namespace

int DutchSyllables::count(const std::string& word) const {
  std::string w;
  for (char ch : latin1_lower(word))
    if (std::isalpha(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0xC0) w.push_back(ch);
  if (w.empty()) return 0;
  std::vector<char> hyphens(w.size() + 5), hyphenated(w.size() * 2 + 5);
  char** rep = nullptr;
  int *pos = nullptr, *cut = nullptr;
  // Minimums of 1 so that a syllable of one letter at either end counts ("i-de-e-en").
  hnj_hyphen_hyphenate3(static_cast<HyphenDict*>(dict_), w.c_str(), static_cast<int>(w.size()), hyphens.data(),
                        hyphenated.data(), &rep, &pos, &cut, 1, 1, 1, 1);
  int n = 1;
  for (size_t i = 0; i + 1 < w.size(); ++i) n += hyphens[i] & 1;
  if (rep) {
    for (size_t i = 0; i < w.size(); ++i) free(rep[i]);
    free(rep);
    free(pos);
    free(cut);
  }
  return n;
}

Readability measure_dutch(const std::vector<std::string>& texts, const DutchSyllables& syllables) {
  Readability r;
  for (const auto& text : texts) {
    for (int n : sentence_word_counts(text)) r.sentences += n > 0;
    std::string word;
    bool in_placeholder = false;
    for (char ch : text + " ") {
      const unsigned char c = static_cast<unsigned char>(ch);
      if (c == '{') in_placeholder = true;
      if (!in_placeholder && is_word_byte(c)) {
        word.push_back(ch);
      } else if (!word.empty()) {  // "e-mail" is two parts, as the hyphen says
        const int s = syllables.count(word);
        if (s > 0) r.words += 1, r.syllables += s;
        word.clear();
      }
      if (c == '}') in_placeholder = false;
    }
  }
  r.score = flesch_douma(r.words, r.sentences, r.syllables);
  return r;
}

bool is_douma_name(const std::string& key) {
  return key == "language.name" || key.rfind("occupation_plain.", 0) == 0;
}

std::vector<DoumaUnit> douma_units(const std::vector<std::pair<std::string, std::pair<std::string, std::string>>>& texts,
                                   const DutchSyllables& syllables) {
  std::map<std::string, Readability> alone;
  std::map<std::string, std::pair<std::string, std::vector<std::string>>> screens;  // question key -> file, texts
  auto parent = [](const std::string& key) {
    const auto dot = key.rfind('.');
    return dot == std::string::npos ? key : key.substr(0, dot);
  };
  for (const auto& [key, file_text] : texts) {
    if (is_douma_name(key)) continue;
    Readability r = measure_dutch({file_text.second}, syllables);
    if (r.words == 0) continue;
    if (r.words >= kDoumaMinWords) alone[key] = r;
    else screens[parent(key)].first = file_text.first;
  }
  // A question whose labels are pooled joins them: the person hears it with its answers.
  std::vector<DoumaUnit> units;
  for (const auto& [key, file_text] : texts) {
    if (is_douma_name(key) || measure_dutch({file_text.second}, syllables).words == 0) continue;
    const bool short_text = !alone.count(key);
    auto own = screens.find(key);
    if (own != screens.end()) own->second.second.push_back(file_text.second);
    else if (short_text) screens[parent(key)].second.push_back(file_text.second);
    else units.push_back({key, file_text.first, alone[key]});
  }
  for (const auto& [group, file_texts] : screens)
    if (!file_texts.second.empty())
      units.push_back({group + (group.empty() ? "*" : ".*"), file_texts.first, measure_dutch(file_texts.second, syllables)});
  return units;
}

DoumaLint lint_dutch_readability(const LocaleCatalog& source, const std::vector<std::string>& keys, double min_score) {
  DoumaLint report;
  auto syllables = DutchSyllables::load();
  if (!syllables) {
    report.errors.push_back(std::string("cannot read the Dutch hyphenation patterns ") + kDutchHyphenPatterns +
                            " (Debian package hyphen-nl): the Flesch-Douma check needs them");
    return report;
  }
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> texts;
  for (const auto& key : keys) {
    const std::string* text = source.find(key);
    if (text && !is_operator_key(key) && !is_coach_only_key(key))
      texts.push_back({key, {source.entries.at(key).file, *text}});
  }
  auto units = douma_units(texts, *syllables);
  if (units.empty()) return report;
  std::vector<double> scores;
  for (const auto& u : units) {
    scores.push_back(u.r.score);
    if (u.r.score < min_score)
      report.errors.push_back(u.file + ": \"" + u.key + "\" has Flesch-Douma " + std::to_string(int(u.r.score)) +
                              " (at least " + std::to_string(int(min_score)) + ", plain B1 Dutch): " +
                              std::to_string(u.r.words) + " words, " + std::to_string(u.r.syllables) +
                              " syllables, " + std::to_string(u.r.sentences) + " sentence(s); use shorter, everyday words");
  }
  std::sort(scores.begin(), scores.end());
  auto at = [&](double q) { return std::to_string(int(scores[size_t(q * (scores.size() - 1))])); };
  int below70 = 0;
  for (double s : scores) below70 += s < 70;
  report.spread = "Flesch-Douma (nl) of " + std::to_string(scores.size()) + " texts and pooled labels: lowest " + at(0) +
                  ", 10% " + at(0.1) + ", median " + at(0.5) + ", 90% " + at(0.9) + ", highest " + at(1) + "; " +
                  std::to_string(below70) + " below 70, threshold " + std::to_string(int(min_score));
  return report;
}

}  // namespace wk
