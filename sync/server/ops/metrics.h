#pragma once
// What operators scrape at /metrics (ops_routes.h): counters of what this process did since it
// started, in the Prometheus text exposition format 0.0.4, kept with Debian's prometheus-cpp
// (its core library only: the server serves the text on its own routes). Counters are per
// process: with several instances behind nginx, Prometheus scrapes each one and sums them.
#include <cstddef>
#include <string>

namespace wk::server {

// The route classes of the latency histogram and the error counter.
const char* route_class(const std::string& path);  // upload, heartbeat, content, coach, other

class Metrics {
 public:
  virtual ~Metrics() = default;
  // Sessions of accepted upload batches; the sessions of a refused batch that conflicted.
  virtual void sessions_received(size_t stored, size_t duplicates) = 0;
  virtual void sessions_conflicting(size_t sessions) = 0;
  // result: "ok", "failed" (wrong name or password), "throttled" (refused before the check).
  virtual void coach_login(const char* result) = 0;
  // Every answer httplib sends: its latency by route class, and 5xx answers by route and status.
  virtual void answered(const std::string& path, int status, double seconds) = 0;
  // The exposition text, with the gauges (uptime, build) read now.
  virtual std::string text() = 0;
};

// The process's metrics (one per process, as Prometheus expects from one scrape target).
Metrics& metrics();

}  // namespace wk::server
