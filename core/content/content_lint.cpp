#include "content/content_lint.h"

#include <csv.h>

#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "content/content_history.h"
#include "content/content_pack.h"
#include "content/locale_lint.h"
#include "content/picture_meanings.h"
#include "content/readability_nl.h"
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

namespace {
// ESCO occupation rows by concept URI: preferred label and ISCO group.
struct EscoRow {
  std::string label, isco;
};
struct EscoReader {
  std::vector<std::string> header, current;
  std::map<std::string, EscoRow> rows;
  bool first = true;
};
void esco_field(void* data, size_t len, void* reader) {
  static_cast<EscoReader*>(reader)->current.emplace_back(static_cast<const char*>(data), len);
}
void esco_row(int, void* reader) {
  auto* r = static_cast<EscoReader*>(reader);
  if (r->first) {
    r->header = std::move(r->current);
    r->first = false;
  } else {
    auto col = [&](const char* name) -> std::string {
      for (size_t i = 0; i < r->header.size() && i < r->current.size(); ++i)
        if (r->header[i] == name) return r->current[i];
      return "";
    };
    r->rows[col("conceptUri")] = {col("preferredLabel"), col("iscoGroup")};
  }
  r->current.clear();
}
std::optional<std::map<std::string, EscoRow>> read_esco(const std::string& path) {
  auto text = files::read_all(path);
  if (!text) return std::nullopt;
  csv_parser parser;
  csv_init(&parser, CSV_APPEND_NULL);
  EscoReader reader;
  csv_parse(&parser, text->data(), text->size(), esco_field, esco_row, &reader);
  csv_fini(&parser, esco_field, esco_row, &reader);
  csv_free(&parser);
  return reader.rows;
}
}  // namespace

LintReport lint_content_pack(const std::string& dir, const ShellNeeds& shell, const std::string& esco_dir) {
  LintReport report;
  auto load = load_content_pack(dir, shell);
  if (!load.pack) {
    report.errors.push_back(load.error);
    return report;
  }
  const ContentPack& pack = *load.pack;
  for (const auto& w : pack.warnings) report.errors.push_back(w);

  const auto keys = required_text_keys(pack, shell);
  const std::set<std::string> used(keys.begin(), keys.end());
  const LocaleCatalog& source = pack.locales.front();

  if (source.code == "nl") {  // Dutch keeps its Flesch-Douma check (content/readability_nl.h)
    auto douma = lint_dutch_readability(source, keys, kMinFleschDouma);
    report.errors.insert(report.errors.end(), douma.errors.begin(), douma.errors.end());
    if (!douma.spread.empty()) report.info.push_back(douma.spread);
  }
  for (const auto& cat : pack.locales) {
    // Every key, placeholders, no Dutch left, short sentences (content/locale_lint.h).
    for (auto& e : lint_translation(source, cat, keys, kMaxWordsPerSentence)) report.errors.push_back(std::move(e));
    if (cat.direction != "ltr" && cat.direction != "rtl")
      report.errors.push_back(cat.file + ": header X-Werkcheck-Direction is \"" + cat.direction +
                              "\"; write ltr (left to right, the default) or rtl (right to left, as Arabic)");
    for (const auto& [key, entry] : cat.entries) {
      if (!used.count(key)) report.errors.push_back(entry.file + ": key \"" + key + "\" is not used by any screen or item");
      if (entry.fuzzy) report.errors.push_back(entry.file + ": \"" + key + "\" is marked fuzzy (needs review)");
      // A translation made from older Dutch text is out of date.
      auto src = source.entries.find(key);
      if (&cat != &source && src != source.entries.end() && src->second.source != entry.source)
        report.errors.push_back(entry.file + ": \"" + key + "\" was translated from older Dutch text");
    }
    for (const auto& key : keys) {
      if (is_operator_key(key) || !cat.find(key)) continue;  // a missing text is reported above
      if (!files::exists(pack.audio_path(cat.code, key)))
        report.errors.push_back(pack.audio_path(cat.code, key) + ": spoken clip is missing");
    }
  }

  // Occupations and stories may only name things the modules ask about.
  auto known = [&](const std::string& tag) {
    auto v = pack.tag_values(tag);
    return std::set<std::string>(v.begin(), v.end());
  };
  const auto skills = known("skill"), values = known("value"), sectors = known("sector"), schools = known("school");
  for (const auto& o : pack.occupations) {
    const std::string w = dir + "/occupations.json \"" + o.id + "\"";
    for (const auto& sk : o.skills)
      if (!skills.count(sk)) report.errors.push_back(w + ": unknown skill \"" + sk + "\"");
    for (const auto& v : o.values)
      if (!values.count(v)) report.errors.push_back(w + ": unknown value \"" + v + "\"");
    if (!sectors.empty() && !sectors.count(o.sector)) report.errors.push_back(w + ": unknown sector \"" + o.sector + "\"");
    if (!schools.empty() && !schools.count(o.school)) report.errors.push_back(w + ": unknown school level \"" + o.school + "\"");
    // The everyday name the participant reads and hears (the ESCO label is for the coach).
    for (const auto& cat : pack.locales) {
      const std::string* plain = cat.find(o.plain_key());
      if (!plain || plain->empty())
        report.errors.push_back(w + ": no plain name (\"" + o.plain_key() + "\") in " + cat.file);
      else if (plain->find('/') != std::string::npos)
        report.errors.push_back(w + ": plain name \"" + *plain + "\" in " + cat.file + " has a slash (it would be spoken)");
    }
    if (!pack.prospects.empty() && !pack.prospect(o.prospect_group, "Nederland"))
      report.errors.push_back(w + ": prospect group \"" + o.prospect_group + "\" has no row for Nederland in prospects.csv");
  }
  for (const auto& st : pack.stories)
    for (const auto& [tag, vals] : st.fits) {
      const auto k = known(tag);
      for (const auto& v : vals)
        if (!k.count(v)) report.errors.push_back(dir + "/stories.json \"" + st.id + "\": fits " + tag + " \"" + v + "\", which no item uses");
    }
  if (!esco_dir.empty() && !pack.occupations.empty()) {
    auto nl = read_esco(esco_dir + "/occupations_nl.csv");
    auto en = read_esco(esco_dir + "/occupations_en.csv");
    if (!nl || !en) {
      report.errors.push_back(esco_dir + ": cannot read occupations_nl.csv and occupations_en.csv");
    } else {
      for (const auto& o : pack.occupations) {
        const std::string w = dir + "/occupations.json \"" + o.id + "\"";
        auto n = nl->find(o.esco_uri);
        auto e = en->find(o.esco_uri);
        if (n == nl->end() || e == en->end()) {
          report.errors.push_back(w + ": " + o.esco_uri + " is not in the ESCO exports");
          continue;
        }
        if (n->second.isco != o.isco) report.errors.push_back(w + ": ISCO " + o.isco + " but ESCO says " + n->second.isco);
        if (pack.text("nl", o.name_key()) != n->second.label)
          report.errors.push_back(w + ": Dutch name is not the ESCO label \"" + n->second.label + "\"");
        if (pack.locale("en") && pack.text("en", o.name_key()) != e->second.label)
          report.errors.push_back(w + ": English name is not the ESCO label \"" + e->second.label + "\"");
      }
    }
  }

  // One picture, one meaning: pictures.json against every place a picture is shown.
  auto meanings = load_picture_meanings(dir);
  if (!meanings.meanings) {
    report.errors.push_back(meanings.error);
  } else {
    for (auto& e : lint_picture_meanings(pack, *meanings.meanings)) report.errors.push_back(std::move(e));
  }

  // Earlier versions' questions (history/<version>/): readable, and their pictures rendered.
  auto history = load_history_packs(dir);
  for (const auto& problem : history.problems) report.errors.push_back("history: " + problem);
  std::set<std::string> pictures;
  for (const auto& pic : pack.used_pictures()) pictures.insert(pic);
  for (const auto& old : history.packs)
    for (const auto& pic : old.used_pictures()) pictures.insert(pic);
  for (const auto& pic : pictures)
    if (!files::exists(pack.picture_path(pic))) report.errors.push_back(pack.picture_path(pic) + ": picture is missing");
  return report;
}

}  // namespace wk
