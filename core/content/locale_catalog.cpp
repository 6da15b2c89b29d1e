#include "content/locale_catalog.h"

#include <gettext-po.h>

#include <algorithm>
#include <csetjmp>
#include <cstdlib>
#include <filesystem>

namespace wk {
namespace {

// libgettextpo reports problems through callbacks and requires that a fatal one does not
// return; we collect the first message and jump back out for fatal ones.
thread_local std::string* t_error = nullptr;
thread_local std::jmp_buf* t_jump = nullptr;

void record(int severity, const char* filename, size_t lineno, const char* text) {
  if (severity == PO_SEVERITY_WARNING || !t_error) return;
  if (t_error->empty()) {
    std::string where = filename ? filename : "";
    if (filename && lineno != static_cast<size_t>(-1)) where += ":" + std::to_string(lineno);
    std::string msg = text ? text : "unknown error";
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    *t_error = where.empty() ? msg : where + ": " + msg;
  }
}

void on_xerror(int severity, po_message_t, const char* filename, size_t lineno, size_t, int, const char* text) {
  record(severity, filename, lineno, text);
  if (severity == PO_SEVERITY_FATAL_ERROR && t_jump) std::longjmp(*t_jump, 1);
}

void on_xerror2(int severity, po_message_t, const char* f1, size_t l1, size_t, int, const char* t1, po_message_t,
                const char*, size_t, size_t, int, const char*) {
  record(severity, f1, l1, t1);
  if (severity == PO_SEVERITY_FATAL_ERROR && t_jump) std::longjmp(*t_jump, 1);
}

std::string header_field(const char* header, const char* field) {
  if (!header) return "";
  char* v = po_header_field(header, field);
  if (!v) return "";
  std::string out(v);
  std::free(v);
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

}  // namespace

const std::string* LocaleCatalog::find(const std::string& key) const {
  auto it = entries.find(key);
  if (it == entries.end() || it->second.text.empty()) return nullptr;
  return &it->second.text;
}

std::optional<LocaleCatalog> LocaleCatalog::load(const std::string& path, std::string* error) {
  std::string problem;
  std::jmp_buf jump;
  t_error = &problem;
  t_jump = &jump;
  static const po_xerror_handler handler = {on_xerror, on_xerror2};
  po_file_t volatile file = nullptr;
  if (setjmp(jump) == 0) file = po_file_read(path.c_str(), &handler);
  t_error = nullptr;
  t_jump = nullptr;
  if (!file || !problem.empty()) {
    if (file) po_file_free(file);
    if (error) *error = problem.empty() ? path + ": cannot be read" : problem;
    return std::nullopt;
  }

  LocaleCatalog cat;
  cat.file = path;
  const char* header = po_file_domain_header(file, nullptr);
  cat.code = header_field(header, "Language");
  cat.voice = header_field(header, "X-Werkcheck-Voice");
  cat.translator = header_field(header, "X-Werkcheck-Translator");
  cat.reviewed = header_field(header, "X-Werkcheck-Reviewed");
  cat.direction = header_field(header, "X-Werkcheck-Direction");

  std::string bad;
  po_message_iterator_t it = po_message_iterator(file, nullptr);
  while (po_message_t m = po_next_message(it)) {
    if (po_message_is_obsolete(m)) continue;
    const char* msgid = po_message_msgid(m);
    if (!msgid || !*msgid) continue;  // the header entry
    const char* ctxt = po_message_msgctxt(m);
    if (!ctxt || !*ctxt) {
      if (bad.empty()) bad = path + ": message \"" + std::string(msgid).substr(0, 40) + "\" has no msgctxt key";
      continue;
    }
    CatalogEntry e;
    e.source = msgid;
    e.text = po_message_msgstr(m) ? po_message_msgstr(m) : "";
    e.fuzzy = po_message_is_fuzzy(m) != 0;
    e.file = path;
    if (e.fuzzy) e.text.clear();  // gettext convention: fuzzy entries are not used
    cat.entries[ctxt] = std::move(e);
  }
  po_message_iterator_free(it);
  po_file_free(file);

  if (!bad.empty()) {
    if (error) *error = bad;
    return std::nullopt;
  }
  if (cat.code.empty()) {
    if (error) *error = path + ": header has no Language field";
    return std::nullopt;
  }
  return cat;
}

LoadedLocales load_locales(const std::string& dir, const std::string& source_locale) {
  LoadedLocales out;
  std::error_code ec;
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".po") paths.push_back(entry.path().string());
  if (ec) {
    out.errors.push_back(dir + ": cannot list translations (" + ec.message() + ")");
    return out;
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::string err;
    auto cat = LocaleCatalog::load(p, &err);
    if (!cat) {
      out.errors.push_back(err);
      continue;
    }
    // Several files may hold one language (e.g. nl.po and occupations-nl.po): merge them.
    auto same = std::find_if(out.catalogs.begin(), out.catalogs.end(), [&](const auto& c) { return c.code == cat->code; });
    if (same == out.catalogs.end()) {
      out.catalogs.push_back(std::move(*cat));
      continue;
    }
    for (auto& [key, entry] : cat->entries) {
      if (same->entries.count(key)) {
        out.errors.push_back(p + ": key \"" + key + "\" is also in " + same->file);
        continue;
      }
      same->entries.emplace(key, std::move(entry));
    }
    if (same->voice.empty()) same->voice = cat->voice;
    if (same->translator.empty()) same->translator = cat->translator;
    // The least reviewed file speaks for the language: one unreviewed file makes it unreviewed.
    if (same->reviewed.empty() || (same->reviewed_by_native_speaker() && !cat->reviewed_by_native_speaker()))
      same->reviewed = cat->reviewed;
    if (same->direction.empty()) same->direction = cat->direction;
  }
  for (auto& c : out.catalogs)
    if (c.direction.empty()) c.direction = "ltr";
  std::stable_sort(out.catalogs.begin(), out.catalogs.end(), [&](const auto& a, const auto& b) {
    return (a.code == source_locale) > (b.code == source_locale);
  });
  return out;
}

std::string fill_placeholders(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    const size_t close = open == std::string::npos ? std::string::npos : text.find('}', open);
    if (close == std::string::npos) break;
    out.append(text, i, open - i);
    auto it = values.find(text.substr(open + 1, close - open - 1));
    if (it != values.end())
      out += it->second;
    else
      out.append(text, open, close - open + 1);
    i = close + 1;
  }
  out.append(text, i);
  return out;
}

}  // namespace wk
