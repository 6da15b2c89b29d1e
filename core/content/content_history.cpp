#include "content/content_history.h"

#include <algorithm>
#include <filesystem>

namespace wk {

namespace fs = std::filesystem;

HistoryPacks load_history_packs(const std::string& pack_dir) {
  HistoryPacks out;
  const fs::path dir = fs::path(pack_dir) / "history";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::vector<fs::path> versions;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_directory()) versions.push_back(entry.path());
  std::sort(versions.begin(), versions.end());
  for (const auto& v : versions) {
    auto loaded = load_content_pack(v.string());
    if (!loaded.pack) {
      out.problems.push_back(loaded.error);
      continue;
    }
    if (loaded.pack->version != v.filename().string()) {
      out.problems.push_back(v.string() + "/check.json: version \"" + loaded.pack->version +
                             "\" is not the directory's name");
      continue;
    }
    for (const auto& w : loaded.pack->warnings) out.problems.push_back(w);
    out.packs.push_back(std::move(*loaded.pack));
  }
  return out;
}

ContentVersions::ContentVersions(const ContentPack& current) : current_(current) {
  auto history = load_history_packs(current.dir);
  problems_ = std::move(history.problems);
  for (auto& old : history.packs) {
    if (old.version == current.version) continue;  // kept ahead of a change that has not come yet
    // The current pack with that version's questions, and their words over the current words.
    ContentPack view = current;
    view.version = old.version;
    view.modules = std::move(old.modules);
    for (const auto& old_words : old.locales)
      for (auto& words : view.locales)
        if (words.code == old_words.code)
          for (const auto& [key, entry] : old_words.entries) words.entries[key] = entry;
    earlier_.emplace(view.version, std::move(view));
  }
}

const ContentPack& ContentVersions::for_version(const std::string& version) const {
  auto it = earlier_.find(version);
  return it == earlier_.end() ? current_ : it->second;
}

std::vector<std::string> ContentVersions::earlier_versions() const {
  std::vector<std::string> out;
  for (const auto& [v, pack] : earlier_) out.push_back(v);
  return out;
}

}  // namespace wk
