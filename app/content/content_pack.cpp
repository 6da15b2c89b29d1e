#include "content/content_pack.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "platform/files.h"
#include "platform/log.h"

namespace wk {

using nlohmann::json;

const std::vector<std::string>& screen_text_keys() {
  static const std::vector<std::string> keys = {
      "language.name",        "ui.attract.title",   "ui.attract.tap",     "ui.language.choose",
      "ui.back",              "ui.next",            "ui.stop",            "ui.speaker",
      "ui.done",              "ui.question.pick_one", "ui.question.pick_many", "ui.idle.question",
      "ui.idle.continue",     "ui.stop.question",   "ui.stop.yes",        "ui.stop.no",
      "ui.result.title",      "ui.result.skipped",  "ui.out_of_order",
      "operator.pin.title",   "operator.pin.wrong", "operator.pin.locked", "operator.ok",
      "operator.clear",       "operator.cancel",    "operator.title",     "operator.exit",
      "operator.volume",      "operator.language",  "operator.credits",   "operator.status",
      "operator.back",        "operator.demo_pin_warning",
  };
  return keys;
}

const std::vector<std::string>& screen_picture_roles() {
  static const std::vector<std::string> roles = {"attract", "tap",  "speaker", "back", "next",        "stop",
                                                 "done",    "continue", "yes", "no",  "out_of_order"};
  return roles;
}

const LocaleCatalog* ContentPack::locale(const std::string& code) const {
  for (const auto& c : locales)
    if (c.code == code) return &c;
  return nullptr;
}

std::string ContentPack::text(const std::string& code, const std::string& key) const {
  if (const auto* cat = locale(code))
    if (const auto* t = cat->find(key)) return *t;
  if (const auto* src = locale(source_locale))
    if (const auto* t = src->find(key)) return *t;
  return key;
}

bool ContentPack::has_text(const std::string& code, const std::string& key) const {
  const auto* cat = locale(code);
  return cat && cat->find(key);
}

std::string ContentPack::ui_picture(const std::string& role) const {
  auto it = ui_pictures.find(role);
  return it == ui_pictures.end() ? "" : it->second;
}

std::string ContentPack::picture_path(const std::string& picture) const { return dir + "/pictures/" + picture + ".png"; }

std::string ContentPack::audio_path(const std::string& code, const std::string& key) const {
  return dir + "/audio/" + code + "/" + key + ".wav";
}

int ContentPack::item_count() const {
  int n = 0;
  for (const auto& m : modules) n += static_cast<int>(m.items.size());
  return n;
}

std::vector<std::string> ContentPack::used_text_keys() const {
  std::vector<std::string> keys = screen_text_keys();
  std::set<std::string> seen(keys.begin(), keys.end());
  auto add = [&](const std::string& k) {
    if (seen.insert(k).second) keys.push_back(k);
  };
  for (const auto& m : modules) {
    add(m.title_key);
    for (const auto& i : m.items) {
      add(i.key);
      for (const auto& o : i.options) add(o.text_key);
    }
  }
  return keys;
}

std::vector<std::string> ContentPack::used_pictures() const {
  std::set<std::string> s;
  for (const auto& [role, pic] : ui_pictures) s.insert(pic);
  for (const auto& c : locales)
    if (!c.flag_picture.empty()) s.insert(c.flag_picture);
  for (const auto& m : modules) {
    s.insert(m.picture);
    for (const auto& i : m.items) {
      s.insert(i.picture);
      for (const auto& o : i.options) s.insert(o.picture);
    }
  }
  s.erase("");
  return {s.begin(), s.end()};
}

namespace {

const std::regex kIdPattern("[a-z0-9_]{1,40}");
const std::regex kPicturePattern("[0-9A-F]{4,6}(-[0-9A-F]{4,6})*");

struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

json parse_json_file(const std::string& path) {
  auto text = files::read_all(path);
  if (!text) throw ParseError(path + ": file is missing or cannot be read");
  try {
    return json::parse(*text);
  } catch (const json::parse_error& e) {
    throw ParseError(path + ": not valid JSON (" + e.what() + ")");
  }
}

std::string get_string(const json& j, const char* key, const std::string& where, bool required = true) {
  if (!j.contains(key)) {
    if (required) throw ParseError(where + ": missing \"" + key + "\"");
    return "";
  }
  if (!j.at(key).is_string()) throw ParseError(where + ": \"" + key + "\" must be a string");
  return j.at(key).get<std::string>();
}

void check_id(const std::string& id, const std::string& where) {
  if (!std::regex_match(id, kIdPattern))
    throw ParseError(where + ": id \"" + id + "\" must be 1-40 characters a-z, 0-9 or _");
}

void check_picture(const std::string& pic, const std::string& where) {
  if (!std::regex_match(pic, kPicturePattern))
    throw ParseError(where + ": picture \"" + pic + "\" is not an OpenMoji hexcode like 1F600");
}

std::map<std::string, std::string> parse_tags(const json& j, const std::string& where) {
  std::map<std::string, std::string> tags;
  if (!j.contains("tags")) return tags;
  if (!j.at("tags").is_object()) throw ParseError(where + ": \"tags\" must be an object");
  for (const auto& [k, v] : j.at("tags").items()) {
    if (v.is_string())
      tags[k] = v.get<std::string>();
    else if (v.is_number() || v.is_boolean())
      tags[k] = v.dump();
    else
      throw ParseError(where + ": tag \"" + k + "\" must be a string or number");
  }
  return tags;
}

std::vector<Option> parse_options(const json& arr, const std::string& key_prefix, const std::string& where) {
  if (!arr.is_array() || arr.empty()) throw ParseError(where + ": \"options\" must be a non-empty list");
  std::vector<Option> out;
  std::set<std::string> ids;
  for (size_t n = 0; n < arr.size(); ++n) {
    const json& o = arr[n];
    std::string w = where + " option " + std::to_string(n + 1);
    if (!o.is_object()) throw ParseError(w + ": must be an object");
    Option opt;
    opt.id = get_string(o, "id", w);
    check_id(opt.id, w);
    if (!ids.insert(opt.id).second) throw ParseError(w + ": duplicate option id \"" + opt.id + "\"");
    opt.picture = get_string(o, "picture", w);
    check_picture(opt.picture, w);
    opt.text_key = key_prefix + "." + opt.id;
    if (o.contains("exclusive")) {
      if (!o.at("exclusive").is_boolean()) throw ParseError(w + ": \"exclusive\" must be true or false");
      opt.exclusive = o.at("exclusive").get<bool>();
    }
    opt.tags = parse_tags(o, w);
    out.push_back(std::move(opt));
  }
  return out;
}

}  // namespace

ContentLoad load_content_pack(const std::string& dir) {
  ContentLoad result;
  ContentPack pack;
  pack.dir = dir;
  const std::string check_path = dir + "/check.json";
  std::map<std::string, std::vector<Option>> answer_sets;
  std::vector<std::string> module_ids;
  try {
    json check = parse_json_file(check_path);
    if (!check.is_object()) throw ParseError(check_path + ": must be a JSON object");
    if (!check.contains("format") || !check.at("format").is_number_integer() || check.at("format").get<int>() != 1)
      throw ParseError(check_path + ": \"format\" must be 1 (this kiosk reads content format 1)");
    pack.id = get_string(check, "id", check_path);
    pack.version = get_string(check, "version", check_path);
    if (check.contains("source_locale")) pack.source_locale = get_string(check, "source_locale", check_path);

    if (!check.contains("modules") || !check.at("modules").is_array() || check.at("modules").empty())
      throw ParseError(check_path + ": \"modules\" must be a non-empty list of module ids");
    for (const auto& m : check.at("modules")) {
      if (!m.is_string()) throw ParseError(check_path + ": \"modules\" must list module ids as strings");
      check_id(m.get<std::string>(), check_path);
      module_ids.push_back(m.get<std::string>());
    }

    if (check.contains("answer_sets")) {
      if (!check.at("answer_sets").is_object()) throw ParseError(check_path + ": \"answer_sets\" must be an object");
      for (const auto& [set_id, set] : check.at("answer_sets").items()) {
        std::string w = check_path + " answer set \"" + set_id + "\"";
        check_id(set_id, w);
        answer_sets[set_id] = parse_options(set, "answers." + set_id, w);
      }
    }

    if (!check.contains("ui_pictures") || !check.at("ui_pictures").is_object())
      throw ParseError(check_path + ": \"ui_pictures\" must map screen roles to pictures");
    for (const auto& [role, pic] : check.at("ui_pictures").items()) {
      if (!pic.is_string()) throw ParseError(check_path + ": ui picture \"" + role + "\" must be a string");
      check_picture(pic.get<std::string>(), check_path + " ui picture \"" + role + "\"");
      pack.ui_pictures[role] = pic.get<std::string>();
    }
    for (const auto& role : screen_picture_roles())
      if (!pack.ui_pictures.count(role)) throw ParseError(check_path + ": \"ui_pictures\" lacks the role \"" + role + "\"");

    if (check.contains("credits")) {
      for (const auto& c : check.at("credits")) {
        if (!c.is_object()) throw ParseError(check_path + ": each credit must be an object");
        pack.credits.push_back({get_string(c, "name", check_path), get_string(c, "what", check_path),
                                get_string(c, "licence", check_path)});
      }
    }
  } catch (const ParseError& e) {
    result.error = e.what();
    return result;
  } catch (const json::exception& e) {
    result.error = check_path + ": " + e.what();
    return result;
  }

  // Modules: a module file that cannot be read stops the pack (the check would be incomplete);
  // a single broken item is skipped and reported.
  for (const auto& mid : module_ids) {
    const std::string path = dir + "/modules/" + mid + ".json";
    Module mod;
    try {
      json mj = parse_json_file(path);
      if (!mj.is_object()) throw ParseError(path + ": must be a JSON object");
      mod.id = get_string(mj, "id", path);
      if (mod.id != mid) throw ParseError(path + ": id \"" + mod.id + "\" does not match the file name");
      mod.picture = get_string(mj, "picture", path);
      check_picture(mod.picture, path);
      mod.title_key = mid + ".title";
      if (!mj.contains("items") || !mj.at("items").is_array() || mj.at("items").empty())
        throw ParseError(path + ": \"items\" must be a non-empty list");
      std::set<std::string> item_ids;
      for (size_t n = 0; n < mj.at("items").size(); ++n) {
        const json& ij = mj.at("items")[n];
        std::string w = path + " item " + std::to_string(n + 1);
        try {
          if (!ij.is_object()) throw ParseError(w + ": must be an object");
          Item item;
          item.id = get_string(ij, "id", w);
          check_id(item.id, w);
          w = path + " item \"" + item.id + "\"";
          if (!item_ids.insert(item.id).second) throw ParseError(w + ": duplicate item id");
          item.module_id = mid;
          item.key = mid + "." + item.id;
          std::string type = ij.contains("type") ? get_string(ij, "type", w) : "choice";
          if (type != "choice") throw ParseError(w + ": unknown item type \"" + type + "\"");
          item.picture = get_string(ij, "picture", w);
          check_picture(item.picture, w);
          if (ij.contains("max_choices")) {
            if (!ij.at("max_choices").is_number_integer() || ij.at("max_choices").get<int>() < 1)
              throw ParseError(w + ": \"max_choices\" must be a whole number of 1 or more");
            item.max_choices = ij.at("max_choices").get<int>();
          }
          if (ij.contains("answers")) {
            std::string set = get_string(ij, "answers", w);
            auto it = answer_sets.find(set);
            if (it == answer_sets.end()) throw ParseError(w + ": unknown answer set \"" + set + "\"");
            item.options = it->second;
          } else if (ij.contains("options")) {
            item.options = parse_options(ij.at("options"), item.key, w);
          } else {
            throw ParseError(w + ": needs \"options\" or \"answers\"");
          }
          item.tags = parse_tags(ij, w);
          mod.items.push_back(std::move(item));
        } catch (const ParseError& e) {
          pack.warnings.push_back(std::string(e.what()) + " (item skipped)");
        } catch (const json::exception& e) {
          pack.warnings.push_back(w + ": " + e.what() + " (item skipped)");
        }
      }
      if (mod.items.empty()) throw ParseError(path + ": no usable items");
    } catch (const ParseError& e) {
      result.error = e.what();
      return result;
    } catch (const json::exception& e) {
      result.error = path + ": " + e.what();
      return result;
    }
    pack.modules.push_back(std::move(mod));
  }

  auto locales = load_locales(dir + "/locales", pack.source_locale);
  if (!locales.errors.empty()) {
    result.error = locales.errors.front();
    return result;
  }
  pack.locales = std::move(locales.catalogs);
  if (pack.locales.empty() || pack.locales.front().code != pack.source_locale) {
    result.error = dir + "/locales: no translation file for the source language \"" + pack.source_locale + "\"";
    return result;
  }

  // Items whose question has no source text cannot be shown: skip them rather than show a key.
  const LocaleCatalog& source = pack.locales.front();
  for (auto& mod : pack.modules) {
    std::erase_if(mod.items, [&](const Item& item) {
      std::vector<std::string> missing;
      if (!source.find(item.key)) missing.push_back(item.key);
      for (const auto& o : item.options)
        if (!source.find(o.text_key)) missing.push_back(o.text_key);
      if (missing.empty()) return false;
      pack.warnings.push_back(source.file + ": no text for \"" + missing.front() + "\" (item " + item.key + " skipped)");
      return true;
    });
  }
  std::erase_if(pack.modules, [&](const Module& m) {
    if (!m.items.empty()) return false;
    pack.warnings.push_back("module \"" + m.id + "\" has no usable items left (module skipped)");
    return true;
  });
  if (pack.modules.empty()) {
    result.error = check_path + ": no module has a usable item";
    return result;
  }

  // Other languages: a missing translation falls back to Dutch at runtime, and is reported.
  for (const auto& cat : pack.locales) {
    for (const auto& key : pack.used_text_keys())
      if (!cat.find(key)) pack.warnings.push_back(cat.file + ": no text for \"" + key + "\"");
  }
  result.pack = std::move(pack);
  return result;
}

}  // namespace wk
