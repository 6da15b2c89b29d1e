#pragma once
// Earlier versions of a pack's questions, so that answers given with them stay readable.
// <pack>/history/<version>/ holds that version's check.json, modules/ and the words of its
// questions (locales/<code>.po), as they were (scripts/snapshot-content-version.py makes it
// before a content change retires items). A session carries its content version; the coach
// pages and `werkcheck result` read it with that version's questions and words.
#include <map>
#include <string>
#include <vector>

#include "content/content_pack.h"

namespace wk {

class ContentVersions {
 public:
  // Reads current.dir/history/*/. A version that cannot be read is left out and reported in
  // problems() (its sessions then show their answers as "no longer exists").
  explicit ContentVersions(const ContentPack& current);

  const ContentPack& current() const { return current_; }
  // The pack to read answers given with `version`: that version's questions and their words
  // over the current pack (its occupations, stories, prospects and screen words). The current
  // pack for the current version and for a version without history.
  const ContentPack& for_version(const std::string& version) const;
  bool knows(const std::string& version) const { return version == current_.version || earlier_.count(version); }
  std::vector<std::string> earlier_versions() const;
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  const ContentPack& current_;
  std::map<std::string, ContentPack> earlier_;
  std::vector<std::string> problems_;
};

// The history packs of a pack as they are on disk (for the linter and list-pictures): each
// loaded on its own; a problem names the directory.
struct HistoryPacks {
  std::vector<ContentPack> packs;
  std::vector<std::string> problems;
};
HistoryPacks load_history_packs(const std::string& pack_dir);

}  // namespace wk
