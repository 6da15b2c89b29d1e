#pragma once
// The coach pages' templates (<web>/templates/*.mustache) and their words
// (<web>/locales/coach-<lang>.po), loaded once at start. Pages are rendered from a JSON view
// model with kainjow mustache, which HTML-escapes every {{value}}; the linter in
// tests/unit/page_templates_test.cpp refuses {{{ }}} and {{& }} in the templates, so nothing a
// participant or coach typed can become markup. Templates whose name starts with "_" are partials.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "content/locale_catalog.h"

namespace wk::coach {

class PageTemplates {
 public:
  // Reads and parses every template and word file; throws std::runtime_error naming the file.
  static PageTemplates load(const std::string& web_dir);

  // Renders template `name` (without .mustache) with `view`; `view["t"]` is set to the words
  // of `lang` as nested objects ("login.title" -> {{t.login.title}}).
  std::string render(const std::string& name, nlohmann::json view, const std::string& lang) const;

  bool has_language(const std::string& lang) const { return words_.count(lang) > 0; }
  const std::vector<std::string>& languages() const { return languages_; }  // source (nl) first
  // One word in a language, falling back to Dutch, then to the key.
  std::string word(const std::string& lang, const std::string& key) const;
  const std::map<std::string, std::string>& template_sources() const { return sources_; }

 private:
  std::map<std::string, std::string> sources_;
  std::map<std::string, nlohmann::json> words_;  // lang -> nested words
  std::map<std::string, std::map<std::string, std::string>> flat_words_;
  std::vector<std::string> languages_;
};

// Problems in a template source that would let text through unescaped; empty when none.
std::vector<std::string> unescaped_tags(const std::string& source);

}  // namespace wk::coach
