#include "cli/commands.h"

#include <iostream>

#include "cli/sync_settings_for_command.h"
#include "settings/kiosk_settings.h"

namespace wk {

// The installer's half of enrolling from the operator menu: where the server is. The operator
// then types the enrollment code in the menu ("Aanmelden bij de server").
int set_server_command(const CommandLine& cl) {
  const std::string& url = cl.server_url;
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    std::cerr << "werkcheck set-server: --server needs an http:// or https:// address\n";
    return 2;
  }
  // A kiosk.json that cannot be read is not overwritten (it holds the PIN and settings).
  if (!settings_for_sync_command(cl)) return 1;
  if (!save_server_url(cl.data_dir, url)) {
    std::cerr << "werkcheck set-server: cannot write " << kiosk_settings_path(cl.data_dir) << "\n";
    return 1;
  }
  std::cout << "server " << url << " set in " << kiosk_settings_path(cl.data_dir) << "\n";
  return 0;
}

}  // namespace wk
