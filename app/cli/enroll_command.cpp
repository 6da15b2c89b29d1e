#include "cli/commands.h"

#include <iostream>

#include "cli/sync_settings_for_command.h"
#include "platform/files.h"
#include "sync/client/device.h"

namespace wk {

using namespace sync;

int enroll_command(const CommandLine& cl) {
  auto loaded = settings_for_sync_command(cl);
  if (!loaded) return 2;
  const KioskConfig& config = *loaded;
  const std::string& server_url = cl.server_url;
  const std::string& code = cl.enroll_code;
  if (server_url.empty() || code.empty()) {
    std::cerr << "werkcheck enroll: --server URL and --code CODE are required\n";
    return 2;
  }
  HttpOptions opt;
  opt.ca_file = config.ca_file;
  if (files::exists(DeviceCredential::path(config.data_dir)))
    std::cerr << "werkcheck enroll: replacing the existing credential in " << DeviceCredential::path(config.data_dir)
              << "\n";
  std::string problem = enroll(server_url, code, config.data_dir, opt);
  if (!problem.empty()) {
    std::cerr << "werkcheck enroll: " << problem << "\n";
    return 1;
  }
  // Remember where to sync, keeping the other settings.
  if (!save_server_url(config.data_dir, server_url)) {
    std::cerr << "werkcheck enroll: enrolled, but cannot write server_url to " << kiosk_settings_path(config.data_dir) << "\n";
    return 1;
  }
  auto cred = DeviceCredential::load(config.data_dir);
  std::cout << "enrolled as kiosk " << cred->kiosk_id << " of " << cred->organisation_name << "\n";
  return 0;
}

}  // namespace wk
