#include "shell/content_choice.h"

#include "platform/log.h"
#include "screens/screen_table.h"

namespace wk {

StartContent choose_start_content(const std::string& data_dir, const std::string& bundled_dir) {
  sync::ContentStore content_store{data_dir};
  std::optional<std::string> ready_at_start = content_store.ready_dir();
  StartContent start;
  start.dir = bundled_dir;
  if (ready_at_start) start.dir = *ready_at_start;
  else if (auto current = content_store.current_dir()) start.dir = *current;

  start.load = load_content_pack(start.dir, kiosk_content_needs());
  if (!start.load.pack && start.dir != bundled_dir) {
    log::error("content", "downloaded pack " + start.dir + " does not load (" + start.load.error + "); using " + bundled_dir);
    start.dir = bundled_dir;
    ready_at_start.reset();
    start.load = load_content_pack(start.dir, kiosk_content_needs());
  }
  if (ready_at_start && start.load.pack) content_store.mark_current(start.load.pack->version);
  return start;
}

sync::PackValidator pack_loads() {
  return [](const std::string& dir) -> std::optional<std::string> {
    auto l = load_content_pack(dir, kiosk_content_needs());
    if (!l.pack) return l.error;
    return std::nullopt;
  };
}

}  // namespace wk
