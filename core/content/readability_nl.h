#pragma once
// Flesch-Douma reading ease of Dutch participant texts (the B1 check of `werkcheck lint`).
// Syllables are counted with Debian's Dutch hyphenation patterns (hyphen-nl) through libhyphen,
// the way readability tools count them: a syllable per hyphenation point, plus one.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "content/locale_catalog.h"

namespace wk {

inline constexpr const char* kDutchHyphenPatterns = "/usr/share/hyphen/hyph_nl_NL.dic";

// Douma (1960): 206.835 - 0.93 x (words per sentence) - 77 x (syllables per word).
double flesch_douma(int words, int sentences, int syllables);

class DutchSyllables {
 public:
  // nullptr when the patterns cannot be read (the caller names the file and the package).
  static std::unique_ptr<DutchSyllables> load(const std::string& patterns_path = kDutchHyphenPatterns);
  ~DutchSyllables();
  DutchSyllables(const DutchSyllables&) = delete;
  DutchSyllables& operator=(const DutchSyllables&) = delete;

  // Syllables of one word (UTF-8; letters only, any case); 0 for a word without letters.
  int count(const std::string& word) const;

 private:
  explicit DutchSyllables(void* dict) : dict_(dict) {}
  void* dict_;  // HyphenDict (hyphen.h stays out of this header)
};

struct Readability {
  int words = 0, sentences = 0, syllables = 0;
  double score = 0;  // Flesch-Douma; higher is easier
};
// The words with a letter ({placeholders} and bare numbers do not count), the sentences (as
// sentence_word_counts splits them) and their syllables, over all the texts as one passage.
Readability measure_dutch(const std::vector<std::string>& texts, const DutchSyllables& syllables);

// What the linter scores: a text of at least kDoumaMinWords words alone; shorter texts (card
// labels, buttons, "Wat kun je?") pooled per question, i.e. per key without its last part
// with the question itself when it has such labels ("kunnen.kan1" with "kunnen.kan1.koken",
// "kunnen.kan1.schoonmaken"...), as the person hears them on one screen. A 1- to 3-word label
// alone is no passage: its score swings 77 points on one syllable ("Koken" alone 52,
// "Schoonmaken" -25), and labels have no short function words to average with.
inline constexpr int kDoumaMinWords = 8;
struct DoumaUnit {
  std::string key;  // the text's key, or "<group>.*" for pooled short texts
  std::string file;
  Readability r;
};
// texts: (key, file, Dutch text) of the participant texts.
std::vector<DoumaUnit> douma_units(const std::vector<std::pair<std::string, std::pair<std::string, std::string>>>& texts,
                                   const DutchSyllables& syllables);

// Names are not prose: a language's own name, and the occupations' everyday names, which are the
// words a person meets in vacancies (their plain-name rules are in the content linter).
bool is_douma_name(const std::string& key);

// The check `werkcheck lint` runs on the source language's participant texts (not staff or
// coach-only keys): each unit of douma_units below min_score is an error naming file, key and
// score; spread is one line with the lowest, median and highest score, for the author.
struct DoumaLint {
  std::vector<std::string> errors;
  std::string spread;
};
DoumaLint lint_dutch_readability(const LocaleCatalog& source, const std::vector<std::string>& keys, double min_score);

}  // namespace wk
