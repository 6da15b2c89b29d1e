#pragma once
// The parts of the sync protocol that need no network: what counts as the server's answer,
// what counts as success, how long to wait before trying again, and gzip for request bodies.
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace wk::sync {

// Response headers, names in lower case (later duplicates win).
using Headers = std::map<std::string, std::string>;

// True when the answer carries X-Werkcheck-Server: 1 (API.md: every answer of the server does).
bool from_werkcheck_server(const Headers& headers);

// Retry-After: delta-seconds or an HTTP-date; nullopt when absent or unreadable. now: Unix seconds.
std::optional<double> parse_retry_after(const Headers& headers, int64_t now);

enum class UploadOutcome {
  Success,      // every uuid sent is confirmed stored or duplicate
  Conflict,     // 409 naming uuids of this batch: mark those, resend the rest
  RetryLater,   // not reached, 5xx, 408, 429, timeouts, garbage, a 200 that is not ours
  ClientError,  // a 4xx from our server other than 408/429/409: log and back off long
};

struct UploadResult {
  UploadOutcome outcome = UploadOutcome::RetryLater;
  std::vector<std::string> conflicts;   // for Conflict
  std::optional<double> retry_after_s;  // when the server said so
  std::string detail;                   // for the log and the operator
};

// status 0: no HTTP answer at all (connection refused, timeout, TLS failure); transport_error says why.
UploadResult classify_upload(long status, const Headers& headers, const std::string& body,
                             const std::vector<std::string>& sent_uuids, int64_t now,
                             const std::string& transport_error = "");

// Exponential backoff with full jitter: the n-th failure in a row waits a uniformly random
// time in [0, min(cap, base * 2^n)]. Retry-After raises the wait to at least what the server asked.
class Backoff {
 public:
  explicit Backoff(double base_s = 1, double cap_s = 15 * 60, uint64_t seed = std::random_device{}())
      : base_(base_s), cap_(cap_s), rng_(seed) {}
  double ceiling() const;  // the upper bound of the next wait
  double next_delay(std::optional<double> retry_after_s = std::nullopt);  // counts a failure
  void reset() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  double base_, cap_;
  int failures_ = 0;
  std::mt19937_64 rng_;
};

inline constexpr double kClientErrorBackoffS = 60 * 60;  // a refused request is not retried soon
inline constexpr double kMaxRetryAfterS = 24 * 60 * 60;  // a wild Retry-After must not silence a kiosk

// gzip (RFC 1952) of data; throws std::runtime_error if zlib fails.
std::string gzip(const std::string& data);
std::string gunzip(const std::string& data);  // for tests

}  // namespace wk::sync
