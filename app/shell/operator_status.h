#pragma once
// The status lines the operator menu shows: where data lives, what runs, how sync goes. The
// words are the content pack's operator.status.* texts, with {placeholders} filled in here.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "content/voice_coverage.h"
#include "platform/lru_cache.h"
#include "screens/layout.h"
#include "sound/clip_decode.h"
#include "sync/client/sync_client.h"

namespace wk {

struct StatusFacts {
  std::string data_dir;
  std::optional<int64_t> sessions_stored;  // nullopt: no database open
  const ContentPack* content = nullptr;    // null: no pack loaded
  bool audio_on = false;
  int clips_unreadable = 0;  // clips missing or damaged in the pack: their texts are shown without sound
  ClipProblem clip_problem;  // the last of them and why (in the operator's words)
  Metrics metrics;
  std::optional<sync::SyncStatus> sync;    // nullopt: sync is off
  std::optional<CacheUse> pictures, clips; // the window's caches; nullopt: no window
  std::string printer;        // the CUPS queue of the take-home slip; empty: none
  int slips_printed = 0;      // since the kiosk started
  std::string print_problem;  // why the last slip that failed did not print; empty: none failed
  std::vector<VoiceCoverage> voices;  // per language: clips recorded, generated, missing
};

// The text of an operator.status.* key in the menu's language.
using StatusWords = std::function<std::string(const std::string& key)>;

std::vector<std::string> operator_status_lines(const StatusFacts& facts, const StatusWords& words);


}  // namespace wk
