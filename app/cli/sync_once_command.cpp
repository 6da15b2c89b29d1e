#include "cli/commands.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/sync_settings_for_command.h"
#include "platform/files.h"
#include "shell/content_choice.h"
#include "storage/session_store.h"
#include "sync/client/content_update.h"
#include "sync/client/device.h"
#include "sync/client/sync_client.h"

namespace wk {

using namespace sync;

int sync_once_command(const CommandLine& cl) {
  auto loaded = settings_for_sync_command(cl);
  if (!loaded) return 2;
  KioskConfig& config = *loaded;
  if (!cl.server_url.empty()) config.server_url = cl.server_url;
  if (config.server_url.empty()) {
    std::cerr << "werkcheck sync-once: no server_url in " << config.data_dir << "/kiosk.json (or --server)\n";
    return 2;
  }
  if (!files::exists(SessionStore::database_path(config.data_dir))) {
    std::cerr << "werkcheck sync-once: no database in " << config.data_dir << "\n";
    return 2;
  }
  std::string err;
  if (!DeviceCredential::load(config.data_dir, &err)) {
    std::cerr << "werkcheck sync-once: " << err << "\n";
    return 2;
  }
  try {
    std::string version;
    ContentStore store{config.data_dir};
    SyncSettings s = SyncSettings::from_config(config, version);
    if (auto cur = store.current_dir()) s.content_dir = *cur;
    // The version of the pack the kiosk runs on, from its check.json (no full load needed).
    if (auto text = files::read_all(s.content_dir + "/check.json")) {
      auto j = nlohmann::json::parse(*text, nullptr, false);
      if (j.is_object() && j.contains("version") && j["version"].is_string()) s.content_version = j["version"];
    }
    s.validate = pack_loads();
    SyncClient client(std::move(s));
    RoundReport r = client.run_round();
    nlohmann::json j = {{"reached", r.reached}, {"sent", r.sent},         {"pending", r.pending},
                        {"conflicts", r.conflicts}, {"purged", r.purged}, {"error", r.error}};
    std::cout << j.dump() << "\n";
    if (r.pending > 0) return 3;
    if (r.conflicts > 0) return 4;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "werkcheck sync-once: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace wk
