#include "cli/sync_settings_for_command.h"

#include <iostream>

#include "platform/files.h"
#include "platform/log.h"

namespace wk {

std::optional<KioskConfig> settings_for_sync_command(const CommandLine& cl) {
  KioskConfig config;
  config.data_dir = cl.data_dir;
  config.content_dir = cl.content_dir;
  if (auto err = load_kiosk_settings(config)) {
    std::cerr << "werkcheck " << cl.command << ": " << *err << "\n";
    return std::nullopt;
  }
  files::make_dirs(config.data_dir);
  log::open_file(config.data_dir + "/werkcheck.log");
  return config;
}

}  // namespace wk
