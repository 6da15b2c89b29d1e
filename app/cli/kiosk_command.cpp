// Starting the kiosk: settings from kiosk.json with the command line's flags over them, the
// headless shell, then the window. Part of the werkcheck executable (it needs the window).
#include "cli/kiosk_command.h"

#include <cstdlib>
#include <iostream>

#include "platform/log.h"
#include "settings/kiosk_settings.h"
#include "shell/kiosk_shell.h"
#include "ui/kiosk_window.h"

namespace wk {

int kiosk_command(const CommandLine& cl) {
  KioskConfig config;
  config.data_dir = cl.data_dir;
  config.content_dir = cl.content_dir;
  if (auto err = load_kiosk_settings(config)) {
    // A broken settings file must not keep the kiosk from working: defaults, and say so.
    log::error("config", *err + "; using defaults");
  }
  for (const auto& [flag, value] : cl.setting_flags) {
    if (auto err = apply_setting_flag(config, flag, value)) {
      std::cerr << "werkcheck: " << *err << "\n";
      return 2;
    }
  }
  if (const char* dump = std::getenv("WERKCHECK_UI_DUMP"); dump && *dump) config.ui_dump_path = dump;
  KioskShell shell(config);
  return run_kiosk_window(shell);
}

}  // namespace wk
