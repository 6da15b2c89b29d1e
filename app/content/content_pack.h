#pragma once
// The content model: what the check asks, with which pictures and which words.
// A content pack is a directory a content author edits without touching code:
//   check.json            pack id, version, module order, answer sets, UI pictures, credits
//   modules/<id>.json     one module: its items and their options
//   locales/<code>.po     the words, one PO file per language (see locale_catalog.h)
//   pictures/<HEX>.png    OpenMoji pictures, rendered at build time
//   audio/<code>/<key>.wav spoken clips, generated with espeak-ng or recorded
// Text keys are derived from ids, so content files never repeat words:
//   module title  <module>.title          item question  <module>.<item>
//   item option   <module>.<item>.<opt>   shared answer  answers.<set>.<opt>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/locale_catalog.h"

namespace wk {

struct Option {
  std::string id;
  std::string picture;
  std::string text_key;
  bool exclusive = false;  // e.g. "none of these": chosen alone
  std::map<std::string, std::string> tags;  // scoring tags, e.g. {"riasec": "R"}
};

struct Item {
  std::string id;         // unique within the module
  std::string module_id;
  std::string key;        // <module>.<item>: question text and audio
  std::string picture;
  int max_choices = 1;    // 1: pick one; N: pick up to N
  std::vector<Option> options;
  std::map<std::string, std::string> tags;
};

struct Module {
  std::string id;
  std::string picture;
  std::string title_key;
  std::vector<Item> items;
};

struct Credit {
  std::string name;
  std::string what;
  std::string licence;
};

struct ContentPack {
  std::string dir;
  std::string id;
  std::string version;
  std::string source_locale = "nl";
  std::vector<Module> modules;
  std::map<std::string, std::string> ui_pictures;  // role ("speaker", "back", ...) -> OpenMoji hexcode
  std::vector<Credit> credits;
  std::vector<LocaleCatalog> locales;  // source language first
  std::vector<std::string> warnings;   // problems that skipped an item or fell back; for the log and the linter

  const LocaleCatalog* locale(const std::string& code) const;
  // Text in the given language; falls back to the source language, then to the key.
  std::string text(const std::string& locale, const std::string& key) const;
  bool has_text(const std::string& locale, const std::string& key) const;
  std::string ui_picture(const std::string& role) const;
  std::string picture_path(const std::string& picture) const;
  std::string audio_path(const std::string& locale, const std::string& key) const;
  int item_count() const;

  // Every text key the content and the screens use (for clips and the linter).
  std::vector<std::string> used_text_keys() const;
  // Every picture the content and the screens use.
  std::vector<std::string> used_pictures() const;
};

// Text keys the screens themselves use. Kept here so the linter can demand them.
const std::vector<std::string>& screen_text_keys();
// Picture roles the screens use (looked up in check.json "ui_pictures").
const std::vector<std::string>& screen_picture_roles();

struct ContentLoad {
  std::optional<ContentPack> pack;
  std::string error;  // set when the pack cannot be used at all: names the file and the problem
};
ContentLoad load_content_pack(const std::string& dir);

}  // namespace wk
