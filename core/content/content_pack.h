#pragma once
// The content model: what the check asks, with which pictures and which words.
// A content pack is a directory a content author edits without touching code:
//   check.json            pack id, version, module order, answer sets, UI pictures, credits
//   modules/<id>.json     one module: its items and their options
//   locales/<code>.po     the words, one PO file per language (see locale_catalog.h)
//   pictures/<HEX>.png    OpenMoji pictures, rendered at build time
//   audio/<code>/<key>.ogg spoken clips (Ogg Vorbis), generated with espeak-ng or recorded
// Text keys are derived from ids, so content files never repeat words:
//   module title  <module>.title          item question  <module>.<item>
//   item option   <module>.<item>.<opt>   shared answer  answers.<set>.<opt>
#include <functional>
#include <map>
#include <optional>
#include <set>
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

enum class ItemType {
  Choice,     // one screen: pick one or up to max_choices options
  PerChoice,  // one screen for each option chosen in item `of` (e.g. "when will you do this?")
};

struct Item {
  std::string id;         // unique within the module
  std::string module_id;
  std::string key;        // <module>.<item>: question text and audio
  std::string picture;
  ItemType type = ItemType::Choice;
  std::string of;         // PerChoice: id of the item in the same module whose choices it follows
  int max_choices = 1;    // 1: pick one; N: pick up to N
  std::vector<Option> options;
  std::map<std::string, std::string> tags;
  // Where an answer is stored: the item key, or for PerChoice <key>.<chosen option>.
  std::string answer_key(const std::string& for_option = "") const {
    return for_option.empty() ? key : key + "." + for_option;
  }
};

// An occupation from ESCO, with what the matching needs (see docs/matching.md).
struct Occupation {
  std::string id, esco_uri, isco, picture, sector, school, prospect_group;
  std::vector<std::string> riasec;  // most characteristic first
  std::vector<std::string> skills;  // skill tag values
  std::vector<std::string> values;  // value tag values
  std::string physical = "medium";  // light, medium, heavy
  bool outdoors = false, shifts = false;
  bool travel = false;         // the work is at changing places the worker must reach (not one fixed workplace)
  std::string training_route;  // a named way in without an mbo-3 diploma (words: route.<id>), or ""
  std::string name_key() const { return "occupation." + id; }          // the ESCO label (coach, data)
  std::string plain_key() const { return "occupation_plain." + id; }  // everyday words (screens, speech)
};

struct Story {
  std::string id, picture;
  std::map<std::string, std::vector<std::string>> fits;  // tag -> values it suits
  std::string title_key() const { return "story." + id + ".title"; }
  std::string text_key() const { return "story." + id + ".text"; }
};

// A row of labour-market prospects in the shape of UWV's spanningsindicator.
struct ProspectRow {
  std::string group, region, period, source;
  double ratio = 0;  // vacancies per job seeker
  // The participant's words for the source (`source` stays as given, for the coach and the
  // data): prospect_source.<the source in lower case, each run of other characters than a-z
  // and 0-9 one "_">. Example figures say so there, in every language.
  std::string source_key() const;
};
// zeer_ruim < 0.25 <= ruim < 0.67 <= evenwicht <= 1.5 < krap <= 4.0 < zeer_krap (UWV spanningsindicator)
std::string prospect_label(double ratio);

// An OpenMoji hexcode as pictures are named: upper-case hex, sequences joined by "-" (1F9D1-200D-1F373).
bool is_picture_code(const std::string& text);

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
  std::map<std::string, std::string> riasec_pictures;  // "R" -> picture
  std::vector<Occupation> occupations;
  std::vector<Story> stories;
  std::vector<ProspectRow> prospects;
  std::vector<LocaleCatalog> locales;  // source language first
  // Pictures with a direction (arrows), drawn mirrored on a right-to-left screen: those
  // pictures.json marks "mirror_rtl": true (the linter checks the file itself).
  std::set<std::string> mirror_rtl;
  std::vector<std::string> warnings;   // problems that skipped an item or fell back; for the log and the linter

  const LocaleCatalog* locale(const std::string& code) const;
  // Text in the given language; falls back to the source language, then to the key.
  std::string text(const std::string& locale, const std::string& key) const;
  bool has_text(const std::string& locale, const std::string& key) const;
  std::string ui_picture(const std::string& role) const;
  // The option that carries a scoring tag value (e.g. action "coach"), or null.
  const Option* option_with_tag(const std::string& tag, const std::string& value) const;
  // The picture of the item or option that carries a tag value, e.g. the skill card "driving".
  std::string picture_for_tag(const std::string& tag, const std::string& value) const;
  std::string picture_path(const std::string& picture) const;
  std::string audio_path(const std::string& locale, const std::string& key) const;
  // The clip that plays for key: the language's own, or the source language's where the
  // language has no text for it (the Dutch text stands in on screen, so the Dutch clip is said).
  std::string clip_path(const std::string& locale, const std::string& key) const;
  int item_count() const;
  const Item* find_item(const std::string& module_id, const std::string& item_id) const;
  // The item an answer key belongs to: a choice item's key, or a per-choice item's
  // <module>.<item>.<option of the item it follows>; null when the content has no such question.
  const Item* item_for_answer_key(const std::string& key) const;
  // Every value of a tag used anywhere in the modules (on items or options), e.g. all skills.
  std::vector<std::string> tag_values(const std::string& tag) const;
  // The prospect for an occupation group in a region (falls back to "Nederland"); null if none.
  const ProspectRow* prospect(const std::string& group, const std::string& region) const;

  // Every text key the content itself brings: modules, items, options, and the words named
  // after its tags, occupations and stories.
  std::vector<std::string> content_text_keys() const;
  // Every picture the content and the screens use.
  std::vector<std::string> used_pictures() const;
};

// What a shell (the kiosk) needs from a pack beyond its content: the words its screens use,
// which may depend on what the content measures, and the check.json "ui_pictures" roles
// they show. The core knows no screens; the shell hands this in.
struct ShellNeeds {
  std::function<std::vector<std::string>(const ContentPack&)> text_keys;
  std::vector<std::string> picture_roles;
};

// Every text key a pack must have for this shell: the shell's, then the content's (for
// spoken clips and the linter).
std::vector<std::string> required_text_keys(const ContentPack& pack, const ShellNeeds& shell);
// The first picture role the shell needs that check.json lacks, as an error naming the file; or empty.
std::string missing_picture_role(const ContentPack& pack, const ShellNeeds& shell);

struct ContentLoad {
  std::optional<ContentPack> pack;
  std::string error;  // set when the pack cannot be used at all: names the file and the problem
};
// With a shell's needs: a missing picture role stops the pack, and its words are checked
// in every language like the content's.
ContentLoad load_content_pack(const std::string& dir, const ShellNeeds& shell = {});

// Reads prospects in the spanningsindicator shape: header beroepsgroep,regio,spanningsindicator,periode,bron.
// Returns an error text naming the line, or empty.
std::string parse_prospects_csv(const std::string& text, const std::string& where, std::vector<ProspectRow>& out);

}  // namespace wk
