#pragma once
// Participant text for one language, read from a gettext PO file (locales/<code>.po).
// Convention: msgctxt is the stable key (also the audio clip's name), msgid is the Dutch
// source text, msgstr the translation. Dutch is the source language: nl.po carries
// msgstr == msgid. A translator edits these files with any PO tool (Poedit, Weblate).
// Header fields name the espeak-ng voice, the writing direction, who translated and whether a
// native speaker reviewed it, so adding a language is adding its files. A language is shown by its
// own name in its own script (language.name), never by a flag: a flag names a country, not a
// language (an X-Werkcheck-Flag header is ignored).
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wk {

struct CatalogEntry {
  std::string source;  // msgid (Dutch)
  std::string text;    // msgstr (this language)
  bool fuzzy = false;
  std::string file;    // the PO file it stands in (a language may have several)
};

struct LocaleCatalog {
  std::string code;          // "nl", from the Language header
  std::string voice;         // X-Werkcheck-Voice: espeak-ng voice name
  std::string translator;    // X-Werkcheck-Translator: who translated
  std::string reviewed;      // X-Werkcheck-Reviewed: "no", or "yes: <name>, <date>"
  // X-Werkcheck-Direction: "ltr" (the default when absent) or "rtl" (Arabic): the participant
  // screens mirror for rtl. Anything else is kept as written, for the linter to name.
  std::string direction = "ltr";
  bool rtl() const { return direction == "rtl"; }
  std::string file;
  std::map<std::string, CatalogEntry> entries;

  // The text for key, or nullptr when the key is missing or untranslated.
  const std::string* find(const std::string& key) const;
  // Whether a native speaker checked it: the Reviewed header says "yes" (the source
  // language's own team counts).
  bool reviewed_by_native_speaker() const { return reviewed == "yes" || reviewed.rfind("yes:", 0) == 0; }

  // Reads a PO file; on failure returns nullopt and sets error to "file:line: problem".
  static std::optional<LocaleCatalog> load(const std::string& path, std::string* error);
};

// All languages in a directory of PO files: the source language (nl) first, then by code.
// Files with the same Language header are merged (a key may stand in only one of them).
struct LoadedLocales {
  std::vector<LocaleCatalog> catalogs;
  std::vector<std::string> errors;
};
LoadedLocales load_locales(const std::string& dir, const std::string& source_locale);

// A text with {names} in it ("Opgeslagen sessies: {count}"): each {name} replaced by
// values[name], in one pass; unknown names stay as they are.
std::string fill_placeholders(const std::string& text, const std::map<std::string, std::string>& values);

}  // namespace wk
