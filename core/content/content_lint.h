#pragma once
// The content linter: everything a content author can get wrong, found before it ships.
// Runs in `make test` over the built pack (`werkcheck lint --content DIR`).
#include <string>
#include <vector>

#include "content/content_pack.h"

namespace wk {

inline constexpr int kMaxWordsPerSentence = 15;  // plain Dutch (B1): never over 15 words
// Flesch-Douma of every Dutch participant text (content/readability_nl.h) at least this: plain B1
// Dutch scores about 60 to 70 and more. The shipped pack (`werkcheck lint` prints the spread):
// 92 units, median 98; two were under 60 (the interest kinds 51, "Creatief", "Ordenen en
// regelen"; the first skills grid 59, "bedienen", "afrekenen") and got plainer words: lowest 67.
inline constexpr double kMinFleschDouma = 60;

struct LintReport {
  std::vector<std::string> errors;
  std::vector<std::string> info;  // figures for the author (the Flesch-Douma spread), not problems
  bool ok() const { return errors.empty(); }
};

// shell: what the kiosk's screens need from the pack (their words and picture roles).
// esco_dir: ESCO exports (occupations_nl.csv, occupations_en.csv); when given, occupation
// URIs, ISCO codes and names are checked against them.
LintReport lint_content_pack(const std::string& dir, const ShellNeeds& shell, const std::string& esco_dir = "");

// Sentences of a text (split after . ! ? and line breaks) and their word counts.
std::vector<int> sentence_word_counts(const std::string& text);
// Operator texts are for staff: they need a translation but no spoken clip or B1 check.
bool is_operator_key(const std::string& key);

}  // namespace wk
