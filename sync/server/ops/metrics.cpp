#include "ops/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <chrono>
#include <map>

namespace wk::server {

namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

// Fixed buckets (seconds), from a heartbeat on loopback (~1 ms) to a 4 MiB batch on a slow disk.
const prometheus::Histogram::BucketBoundaries kLatencyBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                                 0.25,  0.5,   1,    2.5,   5,    10, 30};
const char* const kRouteClasses[] = {"upload", "heartbeat", "content", "coach", "other"};

class PrometheusMetrics : public Metrics {
 public:
  PrometheusMetrics()
      : registry_(std::make_shared<prometheus::Registry>()),
        sessions_(BuildCounter()
                      .Name("werkcheck_sessions_received_total")
                      .Help("Sessions in accepted upload batches, by result: stored (new) or duplicate (already stored, same content)")
                      .Register(*registry_)),
        stored_(sessions_.Add({{"result", "stored"}})),
        duplicate_(sessions_.Add({{"result", "duplicate"}})),
        conflicts_(BuildCounter()
                       .Name("werkcheck_sessions_conflict_total")
                       .Help("Sessions uploaded with a uuid already stored with other content (their batch got 409, nothing stored)")
                       .Register(*registry_)
                       .Add({})),
        logins_(BuildCounter()
                    .Name("werkcheck_coach_logins_total")
                    .Help("Coach page login attempts, by result: ok, failed (wrong name or password), throttled")
                    .Register(*registry_)),
        errors_(BuildCounter()
                    .Name("werkcheck_http_server_errors_total")
                    .Help("Answers with a 5xx status, by route class and status")
                    .Register(*registry_)),
        latency_(BuildHistogram()
                     .Name("werkcheck_http_request_duration_seconds")
                     .Help("From a worker taking the request (its head had arrived) until its answer is about to be written, by route class")
                     .Register(*registry_)),
        uptime_(BuildGauge().Name("werkcheck_uptime_seconds").Help("Seconds since this process started").Register(*registry_).Add({})),
        started_(std::chrono::steady_clock::now()) {
    for (const char* r : {"ok", "failed", "throttled"}) logins_.Add({{"result", r}});
    // Every route class shows from the first scrape, also before its first request.
    for (const char* c : kRouteClasses) by_route_[c] = &latency_.Add({{"route", c}}, kLatencyBuckets);
    BuildGauge()
        .Name("werkcheck_build_info")
        .Help("Always 1; the label says which version of werkcheck-server runs")
        .Register(*registry_)
        .Add({{"version", WERKCHECK_VERSION}})
        .Set(1);
  }

  void sessions_received(size_t stored, size_t duplicates) override {
    stored_.Increment(static_cast<double>(stored));
    duplicate_.Increment(static_cast<double>(duplicates));
  }
  void sessions_conflicting(size_t sessions) override { conflicts_.Increment(static_cast<double>(sessions)); }
  void coach_login(const char* result) override { logins_.Add({{"result", result}}).Increment(); }
  void answered(const std::string& path, int status, double seconds) override {
    const char* route = route_class(path);
    by_route_.at(route)->Observe(seconds);
    if (status >= 500) errors_.Add({{"route", route}, {"status", std::to_string(status)}}).Increment();
  }
  std::string text() override {
    uptime_.Set(std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
    return prometheus::TextSerializer().Serialize(registry_->Collect());
  }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& sessions_;
  prometheus::Counter &stored_, &duplicate_, &conflicts_;
  prometheus::Family<prometheus::Counter>& logins_;
  prometheus::Family<prometheus::Counter>& errors_;
  prometheus::Family<prometheus::Histogram>& latency_;
  std::map<std::string, prometheus::Histogram*> by_route_;  // filled once, then only read
  prometheus::Gauge& uptime_;
  std::chrono::steady_clock::time_point started_;
};

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

const char* route_class(const std::string& path) {
  if (path == "/api/v1/sessions") return "upload";
  if (path == "/api/v1/heartbeat") return "heartbeat";
  if (starts_with(path, "/api/v1/content/")) return "content";
  if (path == "/coach" || starts_with(path, "/coach/")) return "coach";
  return "other";
}

Metrics& metrics() {
  static PrometheusMetrics m;
  return m;
}

}  // namespace wk::server
