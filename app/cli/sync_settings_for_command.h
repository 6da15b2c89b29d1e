#pragma once
// What enroll and sync-once share: kiosk.json loaded for the data directory, and the log.
#include <optional>

#include "cli/command_line.h"
#include "settings/kiosk_settings.h"

namespace wk {

// The settings for cl's data directory; prints the problem and returns nullopt when kiosk.json is bad.
std::optional<KioskConfig> settings_for_sync_command(const CommandLine& cl);

}  // namespace wk
