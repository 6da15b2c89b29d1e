#include "ops/ops_routes.h"

#include <sodium.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "front_door/front_door.h"
#include "ops/metrics.h"

namespace wk::server {

namespace {

using nlohmann::json;

void answer(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

bool loopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// Who may read /metrics (ops_routes.h). Answers the refusal itself and returns false.
bool may_scrape(const OpsOptions& opt, const httplib::Request& req, httplib::Response& res) {
  if (!opt.metrics_token.empty()) {
    const std::string header = req.get_header_value("Authorization"), prefix = "Bearer ";
    const std::string given = header.rfind(prefix, 0) == 0 ? header.substr(prefix.size()) : "";
    if (given.size() == opt.metrics_token.size() &&
        sodium_memcmp(given.data(), opt.metrics_token.data(), given.size()) == 0)
      return true;
    answer(res, 401, {{"error", {{"code", "unauthorized"}, {"message", "/metrics needs the metrics token: Authorization: Bearer <token>"}}}});
    return false;
  }
  if (loopback(req.remote_addr) && !req.has_header("X-Forwarded-For")) return true;
  answer(res, 403,
         {{"error",
           {{"code", "forbidden"},
            {"message", "/metrics answers only on loopback, not through a proxy; start the server with "
                        "--metrics-token-file to let a scraper elsewhere read it"}}}});
  return false;
}

}  // namespace

void install_ops_routes(httplib::Server& svr, HealthStore& health, OpsOptions options) {
  // Every answer is counted just before it is written (httplib's logger runs after the client
  // has it, so a scrape right after a request could miss it).
  svr.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    const auto started = FrontDoor::request_started();
    metrics().answered(req.path, res.status,
                       started ? std::chrono::duration<double>(std::chrono::steady_clock::now() - *started).count() : 0.0);
  });

  svr.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { answer(res, 200, {{"status", "alive"}}); });

  svr.Get("/readyz", [&health](const httplib::Request&, httplib::Response& res) {
    if (auto problem = health.ping()) {
      res.set_header("Retry-After", "5");
      return answer(res, 503, {{"status", "not_ready"}, {"reason", *problem}});
    }
    answer(res, 200, {{"status", "ready"}});
  });

  svr.Get("/metrics", [options](const httplib::Request& req, httplib::Response& res) {
    if (!may_scrape(options, req, res)) return;
    res.status = 200;
    res.set_content(metrics().text(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

std::string read_metrics_token(const std::string& path) {
  std::ifstream in(path);
  std::string token;
  if (!in || !std::getline(in, token)) throw std::runtime_error("cannot read the metrics token file " + path);
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (token.size() < 32)
    throw std::runtime_error("the metrics token in " + path + " is too short (at least 32 characters)");
  return token;
}

}  // namespace wk::server
