#include "content/picture_meanings.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "platform/files.h"

namespace wk {

using nlohmann::json;

const PictureMeaning* PictureMeanings::find(const std::string& picture) const {
  for (const auto& p : pictures)
    if (p.picture == picture) return &p;
  return nullptr;
}

PictureMeaningsLoad load_picture_meanings(const std::string& pack_dir) {
  PictureMeaningsLoad out;
  const std::string path = pack_dir + "/pictures.json";
  auto text = files::read_all(path);
  if (!text) {
    out.error = path + ": file is missing or cannot be read (every picture a participant sees needs its meaning there)";
    return out;
  }
  PictureMeanings m;
  m.file = path;
  try {
    const json j = json::parse(*text);
    if (!j.is_object() || !j.contains("pictures") || !j.at("pictures").is_object())
      throw std::runtime_error("must be an object with \"pictures\": {\"<hexcode>\": {\"meaning\", \"why\", \"uses\"}}");
    for (const auto& [hex, entry] : j.at("pictures").items()) {
      const std::string w = "picture \"" + hex + "\"";
      if (!is_picture_code(hex)) throw std::runtime_error(w + " is not an OpenMoji hexcode like 1F600");
      if (!entry.is_object()) throw std::runtime_error(w + " must be an object with meaning, why and uses");
      PictureMeaning p{hex, entry.value("meaning", ""), entry.value("why", ""), {}};
      if (entry.contains("mirror_rtl") && !entry.at("mirror_rtl").is_boolean())
        throw std::runtime_error(w + ": \"mirror_rtl\" must be true (a picture with a direction, mirrored right to left) or false");
      p.mirror_rtl = entry.value("mirror_rtl", false);
      if (!entry.contains("uses") || !entry.at("uses").is_array())
        throw std::runtime_error(w + ": \"uses\" must be a list of places");
      for (const auto& use : entry.at("uses")) {
        if (!use.is_string()) throw std::runtime_error(w + ": \"uses\" must list strings");
        p.uses.push_back(use.get<std::string>());
      }
      m.pictures.push_back(std::move(p));
    }
    if (j.contains("forbidden")) {
      if (!j.at("forbidden").is_object()) throw std::runtime_error("\"forbidden\" must map hexcodes to the reason");
      for (const auto& [hex, why] : j.at("forbidden").items()) {
        if (!is_picture_code(hex)) throw std::runtime_error("forbidden \"" + hex + "\" is not an OpenMoji hexcode");
        if (!why.is_string() || why.get<std::string>().empty())
          throw std::runtime_error("forbidden \"" + hex + "\" needs the reason as a string");
        m.forbidden[hex] = why.get<std::string>();
      }
    }
  } catch (const json::exception& e) {
    out.error = path + ": not valid (" + e.what() + ")";
    return out;
  } catch (const std::runtime_error& e) {
    out.error = path + ": " + e.what();
    return out;
  }
  out.meanings = std::move(m);
  return out;
}

std::map<std::string, PictureUse> picture_uses(const ContentPack& pack) {
  std::map<std::string, PictureUse> uses;
  auto add = [&](const std::string& use, const std::string& picture, const std::string& key) {
    if (!picture.empty()) uses[use] = {picture, key};
  };
  for (const auto& m : pack.modules) {
    add("module." + m.id, m.picture, m.title_key);
    for (const auto& i : m.items) {
      add(i.key, i.picture, i.key);
      // An option's text key is its place: <module>.<item>.<option>, or answers.<set>.<answer>.
      for (const auto& o : i.options) add(o.text_key, o.picture, o.text_key);
    }
  }
  for (const auto& [role, picture] : pack.ui_pictures) add("screen." + role, picture, "");
  for (const auto& [type, picture] : pack.riasec_pictures) add("riasec." + type, picture, "riasec." + type);
  for (const auto& o : pack.occupations) add("occupation." + o.id, o.picture, o.plain_key());
  for (const auto& s : pack.stories) add("story." + s.id, s.picture, s.title_key());
  return uses;
}

// A forbidden code matches with any skin tone or variant after it, and also as a part joined by
// 200D (ZWJ): the build composes a person with a thing that way (scripts/build-content-pack.sh).
const std::string* forbidden_reason(const PictureMeanings& meanings, const std::string& picture) {
  for (const auto& [hex, why] : meanings.forbidden)
    for (size_t at = 0; at != std::string::npos;) {
      if (picture.compare(at, hex.size(), hex) == 0 &&
          (at + hex.size() == picture.size() || picture[at + hex.size()] == '-'))
        return &why;
      at = picture.find("-200D-", at);
      if (at != std::string::npos) at += 6;
    }
  return nullptr;
}

std::vector<std::string> lint_picture_meanings(const ContentPack& pack, const PictureMeanings& meanings) {
  std::vector<std::string> errors;
  const std::string& f = meanings.file;
  const auto uses = picture_uses(pack);

  // What the content shows against what pictures.json says.
  for (const auto& [use, shown] : uses) {
    const std::string at = "picture " + shown.picture + " at " + use;
    if (const std::string* why = forbidden_reason(meanings, shown.picture)) {
      errors.push_back(f + ": " + at + " is forbidden: " + *why);
      continue;
    }
    const PictureMeaning* listed = meanings.find(shown.picture);
    if (!listed) {
      errors.push_back(f + ": " + at + " is not listed (give it one meaning, why it was chosen and its uses)");
    } else if (std::find(listed->uses.begin(), listed->uses.end(), use) == listed->uses.end()) {
      errors.push_back(f + ": picture " + shown.picture + " has a second meaning at " + use + " (it is listed as \"" +
                       listed->meaning + "\"; list the use there if it means that, or choose another picture)");
    }
  }

  // What pictures.json says on its own.
  std::map<std::string, std::string> listed_under;  // use -> the picture that lists it
  for (const auto& p : meanings.pictures) {
    const std::string w = f + ": picture " + p.picture;
    if (p.meaning.empty()) errors.push_back(w + " has no meaning");
    if (p.why.empty()) errors.push_back(w + " does not say why it was chosen");
    if (p.uses.empty()) errors.push_back(w + " lists no use (remove it, or list where it is shown)");
    if (const std::string* why = forbidden_reason(meanings, p.picture))
      errors.push_back(w + " is forbidden (" + *why + ") but is given a meaning");
    for (const auto& use : p.uses) {
      auto [it, fresh] = listed_under.emplace(use, p.picture);
      if (!fresh && it->second != p.picture)
        errors.push_back(f + ": use " + use + " is listed under two pictures, " + it->second + " and " + p.picture);
      else if (!fresh)
        errors.push_back(w + " lists use " + use + " twice");
      // A use that is gone would make docs/pictures.md say the picture is shown where it is not.
      auto shown = uses.find(use);
      if (shown == uses.end() && use.rfind("ui.", 0) == 0 && uses.count("screen." + use.substr(3)))
        errors.push_back(w + " lists use " + use + ": a screen's picture is named screen." + use.substr(3));
      else if (shown == uses.end())
        errors.push_back(w + " lists use " + use + ", which no longer exists in the content");
      else if (shown->second.picture != p.picture)
        errors.push_back(w + " lists use " + use + ", which now shows " + shown->second.picture);
    }
  }
  return errors;
}

namespace {
// The characters of a hexcode sequence, so the Markdown shows the emoji next to its code.
std::string utf8_of(const std::string& hexcode) {
  std::string out;
  size_t start = 0;
  while (start < hexcode.size()) {
    size_t end = hexcode.find('-', start);
    if (end == std::string::npos) end = hexcode.size();
    const unsigned long cp = std::stoul(hexcode.substr(start, end - start), nullptr, 16);
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    start = end + 1;
  }
  return out;
}

// Table cells: no line breaks, and a | would end the cell.
std::string cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}
}  // namespace

std::string pictures_markdown(const ContentPack& pack, const PictureMeanings& meanings) {
  const auto uses = picture_uses(pack);
  std::string md;
  md += "# Pictures: one picture, one meaning\n\n";
  md += "Every picture a participant sees, what it means there, why it was chosen and where it is used\n";
  md += "(with the Dutch words shown beside it). Made from `assets/content/pictures.json` by\n";
  md += "`werkcheck pictures-doc --content build/content > docs/pictures.md`; do not edit it by hand: the\n";
  md += "test `pictures_doc` fails when it differs from what the command makes. The rules (`werkcheck lint`):\n";
  md += "every picture shown is listed with a meaning and why; every place it is shown is one of its uses (a\n";
  md += "place not listed is a second meaning); a place is listed under one picture only; a listed place\n";
  md += "that no longer exists is an error; a forbidden picture is never shown. Emoji below are drawn by your\n";
  md += "viewer's font; the kiosk shows the OpenMoji picture of the same code (extras `E...` have no emoji).\n\n";
  md += "Content `" + pack.id + "` version " + pack.version + ": " + std::to_string(meanings.pictures.size()) +
        " pictures.\n\n";
  md += "| picture | meaning | why chosen | where used |\n| --- | --- | --- | --- |\n";
  const std::string& nl = pack.source_locale;
  for (const auto& p : meanings.pictures) {
    std::string where;
    for (const auto& use : p.uses) {
      if (!where.empty()) where += "<br>";
      where += "`" + use + "`";
      auto shown = uses.find(use);
      if (shown != uses.end() && !shown->second.text_key.empty() && pack.has_text(nl, shown->second.text_key))
        where += " " + pack.text(nl, shown->second.text_key);
    }
    md += "| " + utf8_of(p.picture) + " `" + p.picture + "` | " + cell(p.meaning) + " | " + cell(p.why) + " | " +
          cell(where) + " |\n";
  }
  md += "\n## Never used\n\nPictures that must not appear anywhere a participant looks, and why.\n\n";
  md += "| picture | why not |\n| --- | --- |\n";
  for (const auto& [hex, why] : meanings.forbidden) md += "| " + utf8_of(hex) + " `" + hex + "` | " + cell(why) + " |\n";
  return md;
}

}  // namespace wk
