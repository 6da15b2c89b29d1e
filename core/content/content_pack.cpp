#include "content/content_pack.h"

#include <csv.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "content/locale_lint.h"
#include "platform/files.h"
#include "platform/log.h"

namespace wk {

using nlohmann::json;

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

const Option* ContentPack::option_with_tag(const std::string& tag, const std::string& value) const {
  for (const auto& m : modules)
    for (const auto& i : m.items)
      for (const auto& o : i.options)
        if (auto it = o.tags.find(tag); it != o.tags.end() && it->second == value) return &o;
  return nullptr;
}

std::string ContentPack::picture_for_tag(const std::string& tag, const std::string& value) const {
  for (const auto& m : modules)
    for (const auto& i : m.items) {
      if (auto it = i.tags.find(tag); it != i.tags.end() && it->second == value) return i.picture;
      for (const auto& o : i.options)
        if (auto it = o.tags.find(tag); it != o.tags.end() && it->second == value) return o.picture;
    }
  return "";
}

std::string ContentPack::picture_path(const std::string& picture) const { return dir + "/pictures/" + picture + ".png"; }

std::string ContentPack::audio_path(const std::string& code, const std::string& key) const {
  return dir + "/audio/" + code + "/" + key + ".ogg";
}

std::string ContentPack::clip_path(const std::string& code, const std::string& key) const {
  return audio_path(has_text(code, key) ? code : source_locale, key);
}

int ContentPack::item_count() const {
  int n = 0;
  for (const auto& m : modules) n += static_cast<int>(m.items.size());
  return n;
}

std::vector<std::string> required_text_keys(const ContentPack& pack, const ShellNeeds& shell) {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  auto add = [&](const std::string& k) {
    if (seen.insert(k).second) keys.push_back(k);
  };
  if (shell.text_keys)
    for (const auto& k : shell.text_keys(pack)) add(k);
  for (const auto& k : pack.content_text_keys()) add(k);
  return keys;
}

std::string missing_picture_role(const ContentPack& pack, const ShellNeeds& shell) {
  for (const auto& role : shell.picture_roles)
    if (!pack.ui_pictures.count(role))
      return pack.dir + "/check.json: \"ui_pictures\" lacks the role \"" + role + "\"";
  return "";
}

std::vector<std::string> ContentPack::content_text_keys() const {
  std::vector<std::string> keys;
  std::set<std::string> seen;
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
  for (const auto& type : tag_values("riasec")) {
    add("riasec." + type);
    add("reason.riasec." + type);
  }
  for (const auto& v : tag_values("skill")) add("reason.skill." + v);
  for (const auto& v : tag_values("value")) add("reason.value." + v);
  for (const auto& v : tag_values("sector")) add("sector." + v);
  if (!occupations.empty())
    for (const char* label : {"zeer_ruim", "ruim", "evenwicht", "krap", "zeer_krap"}) add(std::string("prospect.") + label);
  for (const auto& o : occupations) {
    add(o.name_key());
    add(o.plain_key());
    if (!o.training_route.empty()) add("route." + o.training_route);
  }
  if (!occupations.empty())
    for (const char* k : {"fit.both", "fit.interest", "fit.skills", "fit.values", "fit.open", "reason.condition.light",
                          "reason.condition.no_diploma", "reason.condition.day_hours"})
      add(k);
  for (const auto& st : stories) {
    add(st.title_key());
    add(st.text_key());
  }
  for (const auto& row : prospects) add(row.source_key());
  return keys;
}

std::string ProspectRow::source_key() const {
  std::string id;
  for (unsigned char c : source) {
    const bool keep = std::isalnum(c) && c < 0x80;
    if (keep) id += static_cast<char>(std::tolower(c));
    else if (!id.empty() && id.back() != '_') id += '_';
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  return "prospect_source." + id;
}

std::vector<std::string> ContentPack::tag_values(const std::string& tag) const {
  std::set<std::string> values;
  for (const auto& m : modules)
    for (const auto& i : m.items) {
      if (auto it = i.tags.find(tag); it != i.tags.end()) values.insert(it->second);
      for (const auto& o : i.options)
        if (auto it = o.tags.find(tag); it != o.tags.end()) values.insert(it->second);
    }
  return {values.begin(), values.end()};
}

const Item* ContentPack::find_item(const std::string& module_id, const std::string& item_id) const {
  for (const auto& m : modules)
    if (m.id == module_id)
      for (const auto& i : m.items)
        if (i.id == item_id) return &i;
  return nullptr;
}

const Item* ContentPack::item_for_answer_key(const std::string& key) const {
  for (const auto& m : modules)
    for (const auto& item : m.items) {
      if (item.type != ItemType::PerChoice && item.key == key) return &item;
      if (item.type == ItemType::PerChoice && key.rfind(item.key + ".", 0) == 0) {
        const Item* of = find_item(m.id, item.of);
        const std::string chosen = key.substr(item.key.size() + 1);
        if (of)
          for (const auto& o : of->options)
            if (o.id == chosen) return &item;
      }
    }
  return nullptr;
}

const ProspectRow* ContentPack::prospect(const std::string& group, const std::string& region) const {
  const ProspectRow* national = nullptr;
  for (const auto& row : prospects) {
    if (row.group != group) continue;
    if (row.region == region) return &row;
    if (row.region == "Nederland") national = &row;
  }
  return national;
}

std::string prospect_label(double ratio) {
  if (ratio < 0.25) return "zeer_ruim";
  if (ratio < 0.67) return "ruim";
  if (ratio <= 1.5) return "evenwicht";
  if (ratio <= 4.0) return "krap";
  return "zeer_krap";
}

namespace {
struct CsvRows {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> current;
};
void csv_field(void* data, size_t len, void* rows) {
  static_cast<CsvRows*>(rows)->current.emplace_back(static_cast<const char*>(data), len);
}
void csv_row(int, void* rows) {
  auto* r = static_cast<CsvRows*>(rows);
  r->rows.push_back(std::move(r->current));
  r->current.clear();
}
}  // namespace

std::string parse_prospects_csv(const std::string& text, const std::string& where, std::vector<ProspectRow>& out) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_APPEND_NULL) != 0) return where + ": cannot start the CSV parser";
  CsvRows rows;
  size_t done = csv_parse(&parser, text.data(), text.size(), csv_field, csv_row, &rows);
  if (done != text.size() || csv_fini(&parser, csv_field, csv_row, &rows) != 0) {
    std::string err = where + ": not valid CSV (" + csv_strerror(csv_error(&parser)) + ")";
    csv_free(&parser);
    return err;
  }
  csv_free(&parser);
  const std::vector<std::string> header = {"beroepsgroep", "regio", "spanningsindicator", "periode", "bron"};
  if (rows.rows.empty() || rows.rows[0] != header)
    return where + ": the first line must be beroepsgroep,regio,spanningsindicator,periode,bron";
  std::vector<ProspectRow> parsed;
  for (size_t n = 1; n < rows.rows.size(); ++n) {
    const auto& r = rows.rows[n];
    const std::string line = where + " line " + std::to_string(n + 1);
    if (r.size() != header.size()) return line + ": needs " + std::to_string(header.size()) + " fields";
    ProspectRow row{r[0], r[1], r[3], r[4], 0};
    char* end = nullptr;
    std::string number = r[2];
    std::replace(number.begin(), number.end(), ',', '.');  // Dutch decimal comma
    row.ratio = std::strtod(number.c_str(), &end);
    if (number.empty() || *end || row.ratio < 0 || row.ratio > 1000)
      return line + ": spanningsindicator \"" + r[2] + "\" is not a number of 0 or more";
    if (row.group.empty() || row.region.empty() || row.period.empty() || row.source.empty())
      return line + ": beroepsgroep, regio, periode and bron must not be empty";
    parsed.push_back(std::move(row));
  }
  out = std::move(parsed);
  return "";
}

bool is_picture_code(const std::string& text) {
  static const std::regex pattern("[0-9A-F]{4,6}(-[0-9A-F]{4,6})*");
  return std::regex_match(text, pattern);
}

std::vector<std::string> ContentPack::used_pictures() const {
  std::set<std::string> s;
  for (const auto& [type, pic] : riasec_pictures) s.insert(pic);
  for (const auto& o : occupations) s.insert(o.picture);
  for (const auto& st : stories) s.insert(st.picture);
  for (const auto& [role, pic] : ui_pictures) s.insert(pic);
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

// The pictures pictures.json marks "mirror_rtl": true. A missing or broken file mirrors none:
// the linter (picture_meanings) names what is wrong with it.
std::set<std::string> mirrored_pictures(const std::string& path) {
  std::set<std::string> out;
  auto text = files::read_all(path);
  if (!text) return out;
  const json j = json::parse(*text, nullptr, false);
  if (!j.is_object() || !j.contains("pictures") || !j.at("pictures").is_object()) return out;
  for (const auto& [hex, entry] : j.at("pictures").items())
    if (entry.is_object() && entry.value("mirror_rtl", json(false)) == json(true)) out.insert(hex);
  return out;
}

const std::regex kIdPattern("[a-z0-9_]{1,40}");

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
  if (!is_picture_code(pic))
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

ContentLoad load_content_pack(const std::string& dir, const ShellNeeds& shell) {
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
    for (const auto& role : shell.picture_roles)
      if (!pack.ui_pictures.count(role)) throw ParseError(check_path + ": \"ui_pictures\" lacks the role \"" + role + "\"");

    if (check.contains("riasec_pictures")) {
      if (!check.at("riasec_pictures").is_object()) throw ParseError(check_path + ": \"riasec_pictures\" must be an object");
      for (const auto& [type, pic] : check.at("riasec_pictures").items()) {
        if (type.size() != 1 || std::string("RIASEC").find(type) == std::string::npos)
          throw ParseError(check_path + ": riasec picture \"" + type + "\" is not one of R I A S E C");
        if (!pic.is_string()) throw ParseError(check_path + ": riasec picture \"" + type + "\" must be a string");
        check_picture(pic.get<std::string>(), check_path + " riasec picture \"" + type + "\"");
        pack.riasec_pictures[type] = pic.get<std::string>();
      }
    }
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
          if (type == "per_choice") {
            item.type = ItemType::PerChoice;
            item.of = get_string(ij, "of", w);
            const auto of = std::find_if(mod.items.begin(), mod.items.end(), [&](const Item& i) { return i.id == item.of; });
            if (of == mod.items.end())
              throw ParseError(w + ": \"of\" names \"" + item.of + "\", which is not an earlier item of this module");
          } else if (type != "choice") {
            throw ParseError(w + ": unknown item type \"" + type + "\"");
          }
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

  // Optional parts: occupations, stories, prospects. A file that cannot be read stops the
  // pack; a single broken entry is skipped and reported.
  auto string_list = [](const json& j, const char* key, const std::string& w) {
    std::vector<std::string> out;
    if (!j.contains(key)) return out;
    if (!j.at(key).is_array()) throw ParseError(w + ": \"" + key + "\" must be a list");
    for (const auto& v : j.at(key)) {
      if (!v.is_string()) throw ParseError(w + ": \"" + key + "\" must list strings");
      out.push_back(v.get<std::string>());
    }
    return out;
  };
  const std::string occupations_path = dir + "/occupations.json";
  if (files::exists(occupations_path)) {
    try {
      json oj = parse_json_file(occupations_path);
      if (!oj.is_object() || !oj.contains("occupations") || !oj.at("occupations").is_array())
        throw ParseError(occupations_path + ": must be an object with a list \"occupations\"");
      std::set<std::string> ids;
      for (size_t n = 0; n < oj.at("occupations").size(); ++n) {
        const json& o = oj.at("occupations")[n];
        std::string w = occupations_path + " occupation " + std::to_string(n + 1);
        try {
          if (!o.is_object()) throw ParseError(w + ": must be an object");
          Occupation occ;
          occ.id = get_string(o, "id", w);
          check_id(occ.id, w);
          w = occupations_path + " occupation \"" + occ.id + "\"";
          if (!ids.insert(occ.id).second) throw ParseError(w + ": duplicate id");
          occ.esco_uri = get_string(o, "esco_uri", w);
          if (occ.esco_uri.rfind("http://data.europa.eu/esco/occupation/", 0) != 0)
            throw ParseError(w + ": esco_uri must be an ESCO occupation URI");
          occ.isco = get_string(o, "isco", w);
          occ.picture = get_string(o, "picture", w);
          check_picture(occ.picture, w);
          occ.sector = get_string(o, "sector", w);
          occ.school = get_string(o, "school", w);
          occ.prospect_group = get_string(o, "prospect_group", w);
          occ.riasec = string_list(o, "riasec", w);
          if (occ.riasec.empty()) throw ParseError(w + ": needs at least one RIASEC type");
          for (const auto& t : occ.riasec)
            if (t.size() != 1 || std::string("RIASEC").find(t) == std::string::npos)
              throw ParseError(w + ": \"" + t + "\" is not a RIASEC type");
          occ.skills = string_list(o, "skills", w);
          occ.values = string_list(o, "values", w);
          if (o.contains("conditions")) {
            const json& c = o.at("conditions");
            if (!c.is_object()) throw ParseError(w + ": \"conditions\" must be an object");
            if (c.contains("physical")) occ.physical = get_string(c, "physical", w);
            if (occ.physical != "light" && occ.physical != "medium" && occ.physical != "heavy")
              throw ParseError(w + ": physical must be light, medium or heavy");
            if (c.contains("outdoors")) occ.outdoors = c.at("outdoors").get<bool>();
            if (c.contains("shifts")) occ.shifts = c.at("shifts").get<bool>();
            if (c.contains("travel")) occ.travel = c.at("travel").get<bool>();
          }
          if (o.contains("training_route")) {
            occ.training_route = get_string(o, "training_route", w);
            check_id(occ.training_route, w);
          }
          pack.occupations.push_back(std::move(occ));
        } catch (const ParseError& e) {
          pack.warnings.push_back(std::string(e.what()) + " (occupation skipped)");
        } catch (const json::exception& e) {
          pack.warnings.push_back(w + ": " + e.what() + " (occupation skipped)");
        }
      }
    } catch (const ParseError& e) {
      result.error = e.what();
      return result;
    }
  }
  const std::string stories_path = dir + "/stories.json";
  if (files::exists(stories_path)) {
    try {
      json sj = parse_json_file(stories_path);
      if (!sj.is_object() || !sj.contains("stories") || !sj.at("stories").is_array())
        throw ParseError(stories_path + ": must be an object with a list \"stories\"");
      for (size_t n = 0; n < sj.at("stories").size(); ++n) {
        const json& o = sj.at("stories")[n];
        std::string w = stories_path + " story " + std::to_string(n + 1);
        try {
          if (!o.is_object()) throw ParseError(w + ": must be an object");
          Story st;
          st.id = get_string(o, "id", w);
          check_id(st.id, w);
          st.picture = get_string(o, "picture", w);
          check_picture(st.picture, w);
          if (o.contains("fits")) {
            if (!o.at("fits").is_object()) throw ParseError(w + ": \"fits\" must be an object");
            for (const auto& [tag, vals] : o.at("fits").items()) st.fits[tag] = string_list(o.at("fits"), tag.c_str(), w);
          }
          pack.stories.push_back(std::move(st));
        } catch (const ParseError& e) {
          pack.warnings.push_back(std::string(e.what()) + " (story skipped)");
        }
      }
    } catch (const ParseError& e) {
      result.error = e.what();
      return result;
    }
  }
  pack.mirror_rtl = mirrored_pictures(dir + "/pictures.json");
  const std::string prospects_path = dir + "/prospects.csv";
  if (files::exists(prospects_path)) {
    std::string err = parse_prospects_csv(files::read_all(prospects_path).value_or(""), prospects_path, pack.prospects);
    if (!err.empty()) pack.warnings.push_back(err + " (no prospects shown)");
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

  // A missing text: in the source language each is reported; in a translation the Dutch stands
  // in at run time (logged once per key when it does), reported here in one line per language
  // (the linter names each key and its file).
  const auto keys = required_text_keys(pack, shell);
  for (const auto& cat : pack.locales) {
    std::vector<std::string> missing;
    for (const auto& key : keys)
      if (language_needs_key(pack.source_locale, cat.code, key) && !cat.find(key)) missing.push_back(key);
    if (missing.empty()) continue;
    if (cat.code == pack.source_locale) {
      for (const auto& key : missing) pack.warnings.push_back(cat.file + ": no text for \"" + key + "\"");
      continue;
    }
    std::string line = cat.file + ": no text for " + std::to_string(missing.size()) + " key(s), the Dutch stands in: \"" +
                       missing.front() + "\"";
    if (missing.size() > 1) line += " ...";
    pack.warnings.push_back(line);
  }
  result.pack = std::move(pack);
  return result;
}

}  // namespace wk
