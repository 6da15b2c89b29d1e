#pragma once
// What operators and load balancers ask the server (sync/server/README.md, "Operators"):
//   GET /healthz  the process answers (200; touches nothing else)
//   GET /readyz   the database can take a write (200), else 503 with the reason
//   GET /metrics  Prometheus text format 0.0.4 (ops/metrics.h), for a scraper only: with
//                 `metrics_token` set, only with `Authorization: Bearer <token>`; without it,
//                 only from a loopback address with no X-Forwarded-For (so never through nginx,
//                 which sets that header and denies /metrics besides).
#include <httplib.h>

#include <string>

#include "store/health_store.h"

namespace wk::server {

struct OpsOptions {
  std::string metrics_token;  // empty: loopback only
};

// Also counts every answer httplib writes in the metrics (ops/metrics.h): once per server.
void install_ops_routes(httplib::Server& server, HealthStore& health, OpsOptions options);

// Reads a token file (--metrics-token-file): its first line, at least 32 characters.
std::string read_metrics_token(const std::string& path);

}  // namespace wk::server
