#pragma once
// Thrown by a store when its database cannot be reached (PostgreSQL down or restarting, a
// connection lost mid-query). Nothing of the call was stored; the caller may retry later.
#include <stdexcept>
#include <string>

namespace wk::server {

struct StoreUnavailable : std::runtime_error {
  explicit StoreUnavailable(const std::string& why) : std::runtime_error(why) {}
};

}  // namespace wk::server
