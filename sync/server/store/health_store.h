#pragma once
// Whether the database answers, for /readyz (sync/server/ops/ops_routes.h): cheap enough to be
// asked every few seconds by a load balancer or Prometheus.
#include <optional>
#include <string>

namespace wk::server {

class HealthStore {
 public:
  virtual ~HealthStore() = default;
  // nullopt when the database can take a write now; otherwise why not, in words for an operator.
  // Never throws.
  virtual std::optional<std::string> ping() = 0;
};

}  // namespace wk::server
