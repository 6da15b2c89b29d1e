#pragma once
// Which content pack the kiosk starts on, and the check a downloaded pack must pass.
#include <optional>
#include <string>

#include "content/content_pack.h"
#include "sync/client/content_update.h"

namespace wk {

struct StartContent {
  std::string dir;     // the pack in use
  ContentLoad load;    // its load (no pack: the kiosk is out of order with load.error)
};

// A content update verified by the sync client is used from the start (no participant yet);
// else the pack last switched to; else the bundled one. A downloaded pack that does not load
// falls back to the bundled one. A ready pack that loads becomes the current one.
StartContent choose_start_content(const std::string& data_dir, const std::string& bundled_dir);

// The sync client's check of a downloaded pack: does it load.
sync::PackValidator pack_loads();

}  // namespace wk
