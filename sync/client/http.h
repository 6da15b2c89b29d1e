#pragma once
// A small blocking libcurl client for the sync thread: TLS verification on, connect and
// low-speed timeouts, no redirects followed (a captive portal's 302 is "not reached"), and
// an abort flag so the kiosk can stop the thread without waiting for a stalled transfer.
#include <atomic>
#include <string>
#include <vector>

#include "sync/client/protocol.h"

namespace wk::sync {

struct HttpOptions {
  std::string ca_file;                // empty: the system's CA store
  long connect_timeout_s = 10;
  long low_speed_time_s = 30;         // below 1 byte/s for this long: dropped
  size_t max_response_bytes = 64u << 20;
  const std::atomic<bool>* abort = nullptr;
};

struct HttpResponse {
  long status = 0;          // 0: no HTTP answer (see error)
  Headers headers;          // lower-case names
  std::string body;
  std::string error;        // curl's words when the transfer failed
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  bool gzip_body = false;            // sends Content-Encoding: gzip
};

HttpResponse http_send(const HttpRequest& req, const HttpOptions& opt);
void http_global_init();  // once per process, before threads start
std::string url_escape_path(const std::string& path);  // escapes each segment, keeps '/'

}  // namespace wk::sync
