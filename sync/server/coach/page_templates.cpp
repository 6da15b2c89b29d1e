#include "page_templates.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <stdexcept>

namespace wk::coach {

namespace fs = std::filesystem;
namespace mst = kainjow::mustache;
using nlohmann::json;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

mst::data to_data(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mst::data d{mst::data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, to_data(v));
      return d;
    }
    case json::value_t::array: {
      mst::data d{mst::data::type::list};
      for (const auto& v : j) d.push_back(to_data(v));
      return d;
    }
    case json::value_t::string:
      // Empty text is "false" so that {{#picture}}...{{/picture}} can leave out what is not there.
      return j.get_ref<const std::string&>().empty() ? mst::data{false} : mst::data{j.get<std::string>()};
    case json::value_t::boolean:
      return mst::data{j.get<bool>()};
    case json::value_t::null:
      return mst::data{false};
    default:
      return mst::data{j.dump()};
  }
}

// "login.title" = "Inloggen" -> {"login": {"title": "Inloggen"}}
void set_nested(json& root, const std::string& key, const std::string& text) {
  json* node = &root;
  size_t start = 0;
  for (size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', start)) {
    json& child = (*node)[key.substr(start, dot - start)];
    if (!child.is_object()) child = json::object();
    node = &child;
    start = dot + 1;
  }
  (*node)[key.substr(start)] = text;
}

}  // namespace

std::vector<std::string> unescaped_tags(const std::string& source) {
  std::vector<std::string> found;
  for (const char* bad : {"{{{", "{{&", "{{ &", "{{="}) {
    for (size_t at = source.find(bad); at != std::string::npos; at = source.find(bad, at + 1)) {
      size_t line = 1 + std::count(source.begin(), source.begin() + static_cast<long>(at), '\n');
      found.push_back("line " + std::to_string(line) + ": '" + bad + "' would not escape its text");
    }
  }
  return found;
}

PageTemplates PageTemplates::load(const std::string& web_dir) {
  PageTemplates t;
  const fs::path tdir = fs::path(web_dir) / "templates";
  if (!fs::is_directory(tdir)) throw std::runtime_error("no templates in " + tdir.string());
  for (const auto& e : fs::directory_iterator(tdir)) {
    if (e.path().extension() != ".mustache") continue;
    std::string src = read_text(e.path());
    if (auto bad = unescaped_tags(src); !bad.empty())
      throw std::runtime_error(e.path().string() + ": " + bad.front());
    mst::mustache parsed{src};
    if (!parsed.is_valid()) throw std::runtime_error(e.path().string() + ": " + parsed.error_message());
    t.sources_[e.path().stem().string()] = std::move(src);
  }
  LoadedLocales locales = load_locales((fs::path(web_dir) / "locales").string(), "nl");
  if (!locales.errors.empty()) throw std::runtime_error(locales.errors.front());
  if (locales.catalogs.empty()) throw std::runtime_error("no word files (coach-nl.po) in " + web_dir + "/locales");
  for (const auto& cat : locales.catalogs) {
    json words = json::object();
    auto& flat = t.flat_words_[cat.code];
    for (const auto& [key, entry] : cat.entries) {
      const std::string& text = entry.text.empty() || entry.fuzzy ? entry.source : entry.text;
      flat[key] = text;
    }
    // Missing translations fall back to Dutch, key by key.
    if (cat.code != "nl" && t.flat_words_.count("nl"))
      for (const auto& [key, text] : t.flat_words_.at("nl")) flat.emplace(key, text);
    for (const auto& [key, text] : flat) set_nested(words, key, text);
    t.words_[cat.code] = std::move(words);
    t.languages_.push_back(cat.code);
  }
  return t;
}

std::string PageTemplates::word(const std::string& lang, const std::string& key) const {
  for (const std::string& l : {lang, std::string("nl")}) {
    auto w = flat_words_.find(l);
    if (w == flat_words_.end()) continue;
    if (auto it = w->second.find(key); it != w->second.end()) return it->second;
  }
  return key;
}

std::string PageTemplates::render(const std::string& name, json view, const std::string& lang) const {
  auto it = sources_.find(name);
  if (it == sources_.end()) throw std::runtime_error("no template " + name);
  auto words = words_.find(lang);
  view["t"] = words != words_.end() ? words->second : words_.begin()->second;
  view["lang"] = lang;
  mst::data data = to_data(view);
  for (const auto& [pname, psrc] : sources_)
    if (!pname.empty() && pname[0] == '_') {
      const std::string* src = &psrc;
      data.set(pname, mst::partial{[src]() { return *src; }});
    }
  mst::mustache tmpl{it->second};
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) throw std::runtime_error("template " + name + ": " + tmpl.error_message());
  return out;
}

}  // namespace wk::coach
