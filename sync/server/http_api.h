#pragma once
// API v1 (sync/API.md) on cpp-httplib.
#include <httplib.h>

#include <functional>

#include "store/kiosk_sync_store.h"
#include "store/login_attempt_store.h"
#include "server_util.h"

namespace wk::server {

constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;  // after gzip decoding too
// Enrollment and heartbeat bodies are a few short fields: a small limit keeps anyone without a
// token (enroll) from making the server parse much.
constexpr size_t kMaxEnrollBodyBytes = 4 * 1024;
constexpr size_t kMaxHeartbeatBodyBytes = 16 * 1024;
// Retry-After of a 503 when the database cannot be reached (a restart takes about this long).
constexpr int kUnavailableRetryAfterS = 30;

// Registers the routes, error handlers, logging and limits on `server`.
// `page_errors` (may be empty) answers errors on web-page paths as pages instead of JSON:
// it returns true when it has answered.
// Wrong enrollment codes are counted in `attempts` (shared by every instance on the database).
void install_api(httplib::Server& server, KioskSyncStore& store, LoginAttemptStore& attempts, const SigningKey& key,
                 std::function<bool(const httplib::Request&, httplib::Response&)> page_errors = {});

}  // namespace wk::server
