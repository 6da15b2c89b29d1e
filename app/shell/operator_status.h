#pragma once
// The status lines the operator menu shows: where data lives, what runs, how sync goes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "screens/layout.h"
#include "sync/client/sync_client.h"

namespace wk {

struct StatusFacts {
  std::string data_dir;
  std::optional<int64_t> sessions_stored;  // nullopt: no database open
  const ContentPack* content = nullptr;    // null: no pack loaded
  bool audio_on = false;
  Metrics metrics;
  std::optional<sync::SyncStatus> sync;    // nullopt: sync is off
};

std::vector<std::string> operator_status_lines(const StatusFacts& facts);

}  // namespace wk
