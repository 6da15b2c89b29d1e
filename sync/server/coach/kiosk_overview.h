#pragma once
// The admin's kiosk list (pages/kiosks_page.cpp, `werkcheck-server admin list-kiosks`): which
// kiosks need a look, and in which order. A kiosk needs a look when it is silent (no heartbeat
// for more than N days; one that never sent any counts from its enrollment) or behind on
// content (its last heartbeat names another version than the published one). Those come
// first, the longest silent first; then the others; revoked kiosks last.
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "store/kiosk_sync_store.h"

namespace wk::coach {

struct KioskStatus {
  server::KioskInfo kiosk;
  bool silent = false, behind = false;
  bool needs_look() const { return !kiosk.revoked && (silent || behind); }
  // Seconds since the last heartbeat, or since enrollment when there was none (never negative).
  long long quiet_seconds = 0;
};

// `published_version`: the version of the current content pack, nullopt when none is published
// (then no kiosk is behind).
std::vector<KioskStatus> kiosk_overview(std::vector<server::KioskInfo> kiosks,
                                        const std::optional<std::string>& published_version, int silent_days,
                                        std::time_t now);

// The "version" in a published manifest (the JSON the server signs), or nullopt.
std::optional<std::string> manifest_version(const std::string& manifest_json);

// Seconds since the epoch of an ISO time as the server writes them (2026-11-23T10:00:00.123Z).
std::optional<std::time_t> parse_utc(const std::string& iso);

}  // namespace wk::coach
