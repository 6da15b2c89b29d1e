#pragma once
// API v1 (sync/API.md) on cpp-httplib.
#include <httplib.h>

#include "server_store.h"
#include "server_util.h"

namespace wk::server {

constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;  // after gzip decoding too

// Registers the routes, error handlers, logging and limits on `server`.
void install_api(httplib::Server& server, ServerStore& store, const SigningKey& key);

}  // namespace wk::server
