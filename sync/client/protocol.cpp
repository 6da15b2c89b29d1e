#include "sync/client/protocol.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace wk::sync {

bool from_werkcheck_server(const Headers& headers) {
  auto it = headers.find("x-werkcheck-server");
  if (it == headers.end()) return false;
  std::string v = it->second;
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r' || v.back() == '\n')) v.pop_back();
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(v.begin());
  return v == "1";
}

std::optional<double> parse_retry_after(const Headers& headers, int64_t now) {
  auto it = headers.find("retry-after");
  if (it == headers.end()) return std::nullopt;
  std::string v = it->second;
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.erase(v.begin());
  if (v.empty()) return std::nullopt;
  if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (v.size() > 9) return kMaxRetryAfterS;
    return std::min<double>(std::stod(v), kMaxRetryAfterS);
  }
  std::tm tm{};
  const char* end = strptime(v.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end) return std::nullopt;
  int64_t at = timegm(&tm);
  return std::clamp<double>(static_cast<double>(at - now), 0, kMaxRetryAfterS);
}

namespace {
std::string error_text(const nlohmann::json& j) {
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    const auto& e = j["error"];
    std::string code = e.contains("code") && e["code"].is_string() ? e["code"].get<std::string>() : "?";
    std::string msg = e.contains("message") && e["message"].is_string() ? e["message"].get<std::string>() : "";
    return code + (msg.empty() ? "" : ": " + msg);
  }
  return "no error body";
}
}  // namespace

UploadResult classify_upload(long status, const Headers& headers, const std::string& body,
                             const std::vector<std::string>& sent_uuids, int64_t now, const std::string& transport_error) {
  UploadResult r;
  r.outcome = UploadOutcome::RetryLater;
  if (status == 0) {
    r.detail = "server not reached: " + (transport_error.empty() ? std::string("no answer") : transport_error);
    return r;
  }
  const std::string code = "HTTP " + std::to_string(status);
  if (!from_werkcheck_server(headers)) {
    // A captive portal, a proxy error page, something else listening: not our server.
    r.detail = code + " without X-Werkcheck-Server: not the werkcheck server (captive portal or proxy?)";
    return r;
  }
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    r.detail = code + " with a body that is not JSON";
    r.retry_after_s = parse_retry_after(headers, now);
    return r;
  }
  if (status == 200) {
    if (!j.is_object() || !j.contains("results") || !j["results"].is_array()) {
      r.detail = "HTTP 200 without a results list";
      return r;
    }
    std::set<std::string> confirmed;
    for (const auto& e : j["results"]) {
      if (!e.is_object() || !e.contains("uuid") || !e["uuid"].is_string() || !e.contains("status") ||
          !e["status"].is_string())
        continue;
      const std::string st = e["status"].get<std::string>();
      if (st == "stored" || st == "duplicate") confirmed.insert(e["uuid"].get<std::string>());
    }
    std::vector<std::string> missing;
    for (const auto& u : sent_uuids)
      if (!confirmed.count(u)) missing.push_back(u);
    if (!missing.empty()) {
      r.detail = "HTTP 200 but " + std::to_string(missing.size()) + " of " + std::to_string(sent_uuids.size()) +
                 " sessions not confirmed (first " + missing.front() + ")";
      return r;
    }
    r.outcome = UploadOutcome::Success;
    r.detail = "stored " + std::to_string(sent_uuids.size());
    return r;
  }
  if (status == 409) {
    std::set<std::string> sent(sent_uuids.begin(), sent_uuids.end());
    bool ok = j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].value("code", "") == "conflict" &&
              j["error"].contains("uuids") && j["error"]["uuids"].is_array();
    if (ok) {
      for (const auto& u : j["error"]["uuids"]) {
        if (!u.is_string() || !sent.count(u.get<std::string>())) {
          ok = false;
          break;
        }
        r.conflicts.push_back(u.get<std::string>());
      }
    }
    if (!ok || r.conflicts.empty()) {
      r.conflicts.clear();
      r.detail = "HTTP 409 that names no session of this batch: " + error_text(j);
      return r;
    }
    r.outcome = UploadOutcome::Conflict;
    r.detail = "conflict: " + std::to_string(r.conflicts.size()) + " session(s) stored on the server with other content";
    return r;
  }
  r.retry_after_s = parse_retry_after(headers, now);
  r.detail = code + " " + error_text(j);
  if (status >= 400 && status < 500 && status != 408 && status != 429) r.outcome = UploadOutcome::ClientError;
  return r;
}

double Backoff::ceiling() const {
  double c = base_ * std::pow(2.0, std::min(failures_, 62));
  return std::min(cap_, c);
}

double Backoff::next_delay(std::optional<double> retry_after_s) {
  std::uniform_real_distribution<double> dist(0.0, ceiling());
  double d = dist(rng_);
  ++failures_;
  if (retry_after_s) d = std::max(d, std::min(*retry_after_s, kMaxRetryAfterS));
  return d;
}

std::string gzip(const std::string& data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: deflateInit2 failed");
  std::string out;
  out.resize(deflateBound(&zs, data.size()) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate failed");
  out.resize(zs.total_out);
  return out;
}

std::string gunzip(const std::string& data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) throw std::runtime_error("gunzip: inflateInit2 failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[16384];
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      throw std::runtime_error("gunzip: bad data");
    }
    out.append(buf, sizeof buf - zs.avail_out);
  } while (rc != Z_STREAM_END);
  inflateEnd(&zs);
  return out;
}

}  // namespace wk::sync
