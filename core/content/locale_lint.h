#pragma once
// The linter's rules for one language against the source (Dutch): every key there, the same
// placeholders, nothing left in Dutch, short sentences. Used by `werkcheck lint`
// (content_lint.cpp); each rule is tested with fixture PO files (tests/unit/locale_lint_test.cpp).
#include <string>
#include <vector>

#include "content/locale_catalog.h"

namespace wk {

// The ESCO occupation labels (occupation.<id>) are for the coach, who reads Dutch or English:
// a participant's language needs only the everyday names (occupation_plain.<id>).
bool is_coach_only_key(const std::string& key);
// Whether a language must carry a key: coach-only keys only in the source language and English.
bool language_needs_key(const std::string& source_code, const std::string& code, const std::string& key);

// The {name} placeholders and % signs of a text, sorted, as one comparable list.
std::vector<std::string> placeholders(const std::string& text);

// The PO file a missing key belongs in: the source file that has it, named for this
// language (locales/screens-nl.po -> locales/screens-pl.po).
std::string file_for_key(const LocaleCatalog& source, const LocaleCatalog& cat, const std::string& key);

// Problems of cat (a translation) against source for the keys the pack needs, each naming the
// file and the key: missing or empty, placeholders that differ, Dutch left untranslated (a text
// of two or more words identical to the Dutch), a sentence over max_words (participant texts
// only). Header problems too: no voice, translator or reviewed state.
std::vector<std::string> lint_translation(const LocaleCatalog& source, const LocaleCatalog& cat,
                                          const std::vector<std::string>& keys, int max_words);

}  // namespace wk
