#include "sync/client/sync_client.h"

#include <sys/statvfs.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "platform/log.h"
#include "storage/session_store.h"
#include "sync/client/http.h"
#include "sync/client/outbox.h"

#ifndef WERKCHECK_APP_VERSION
#define WERKCHECK_APP_VERSION "dev"
#endif

namespace wk::sync {

std::string iso_time(int64_t unix_s) {
  std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int64_t unix_now() { return static_cast<int64_t>(std::time(nullptr)); }

SyncSettings SyncSettings::from_config(const KioskConfig& config, const std::string& content_version) {
  SyncSettings s;
  s.data_dir = config.data_dir;
  s.server_url = config.server_url;
  s.ca_file = config.ca_file;
  s.app_version = WERKCHECK_APP_VERSION;
  s.content_dir = config.content_dir;
  s.content_version = content_version;
  s.retention_days = config.retention_days;
  s.interval_s = config.sync_interval_s;
  s.stall_timeout_s = config.sync_stall_timeout_s;
  return s;
}

SyncClient::SyncClient(SyncSettings settings) : settings_(std::move(settings)) {
  http_global_init();
  status_.configured = !settings_.server_url.empty();
  status_.content_version = settings_.content_version;
  if (auto cred = DeviceCredential::load(settings_.data_dir)) {
    status_.enrolled = true;
    status_.organisation = cred->organisation_name;
  }
}

SyncClient::~SyncClient() { stop(); }

void SyncClient::start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { thread_main(); });
}

void SyncClient::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Database& SyncClient::db() {
  if (!db_) db_ = Database::open(SessionStore::database_path(settings_.data_dir), session_store_migrations());
  return *db_;
}

std::string SyncClient::url(const std::string& path) const {
  std::string base = settings_.server_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + path;
}

SyncStatus SyncClient::status() const {
  std::lock_guard<std::mutex> lock(mu_);
  return status_;
}

std::optional<std::string> SyncClient::ready_content_dir() const {
  std::lock_guard<std::mutex> lock(mu_);
  return ready_dir_;
}

void SyncClient::content_switched(const std::string& dir, const std::string& version, bool ok, const std::string& why) {
  ContentStore store{settings_.data_dir};
  std::lock_guard<std::mutex> lock(mu_);
  ready_dir_.reset();
  status_.content_ready.clear();
  if (ok) {
    settings_.content_dir = dir;
    settings_.content_version = version;
    status_.content_version = version;
    store.mark_current(version);  // a small atomic file write, once per switch
  } else {
    rejected_version_ = std::filesystem::path(dir).filename().string();
    status_.last_error = "content " + rejected_version_ + " not used: " + why;
    std::error_code ec;
    std::filesystem::remove(store.root() + "/ready.json", ec);
  }
}

void SyncClient::thread_main() {
  log::info("sync", "sync thread started for " + settings_.server_url);
  while (!stop_) {
    RoundReport r;
    try {
      r = run_round();
    } catch (const std::exception& e) {
      r.error = e.what();
      r.wait_s = backoff_.next_delay();
      log::error("sync", std::string("sync round failed: ") + e.what());
      db_.reset();  // reopen next time
    }
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::duration<double>(r.wait_s), [&] { return stop_.load(); });
  }
  log::info("sync", "sync thread stopped");
}

RoundReport SyncClient::run_round() {
  RoundReport report;
  report.wait_s = settings_.interval_s;
  Outbox outbox(db());
  const int64_t now = unix_now();
  report.purged = outbox.purge_sent(now, settings_.retention_days);
  if (report.purged) log::info("sync", "deleted " + std::to_string(report.purged) + " confirmed session(s) after the retention period");

  std::string cred_error;
  auto cred = DeviceCredential::load(settings_.data_dir, &cred_error);
  auto publish = [&] {
    auto counts = outbox.counts();
    report.pending = counts.pending;
    report.conflicts = counts.conflict;
    std::lock_guard<std::mutex> lock(mu_);
    status_.configured = !settings_.server_url.empty();
    status_.enrolled = cred.has_value();
    if (cred) status_.organisation = cred->organisation_name;
    status_.pending = counts.pending;
    status_.conflicts = counts.conflict;
    std::string last = outbox.get_state("sync_last_success");
    status_.last_success = last.empty() ? "" : iso_time(std::stoll(last));
    if (report.enrolled) status_.online = report.reached;
    // A round that went through clears the old problem; the operator sees only what is wrong now.
    if (!report.error.empty())
      status_.last_error = report.error;
    else if (report.enrolled && report.reached)
      status_.last_error.clear();
  };
  if (settings_.server_url.empty() || !cred) {
    report.error = settings_.server_url.empty() ? "no server_url in kiosk.json" : cred_error;
    publish();
    return report;
  }
  report.enrolled = true;

  HttpOptions opt;
  opt.ca_file = settings_.ca_file;
  opt.low_speed_time_s = static_cast<long>(settings_.stall_timeout_s);
  opt.abort = &stop_;
  const std::string auth = "Authorization: Bearer " + cred->device_token;

  // Upload until the outbox is empty or something fails.
  while (!stop_) {
    Batch batch = outbox.next_batch();
    if (batch.empty()) break;
    HttpRequest req;
    req.method = "POST";
    req.url = url("/api/v1/sessions");
    req.headers = {auth, "Content-Type: application/json", "Accept: application/json"};
    req.body = std::move(batch.body);
    req.gzip_body = true;
    HttpResponse resp = http_send(req, opt);
    UploadResult res = classify_upload(resp.status, resp.headers, resp.body, batch.uuids, unix_now(), resp.error);
    if (resp.status != 0 && from_werkcheck_server(resp.headers)) report.reached = true;
    if (res.outcome == UploadOutcome::Success) {
      outbox.mark_sent(batch.uuids, unix_now());
      outbox.set_state("sync_last_success", std::to_string(unix_now()));
      report.sent += static_cast<int>(batch.uuids.size());
      backoff_.reset();
      continue;
    }
    if (res.outcome == UploadOutcome::Conflict) {
      outbox.mark_conflict(res.conflicts, res.detail);
      report.new_conflicts += static_cast<int>(res.conflicts.size());
      log::warn("sync", res.detail + "; kept on the kiosk, not re-sent (first " + res.conflicts.front() + ")");
      continue;  // the rest of the batch is still pending and goes in the next request
    }
    double wait = res.outcome == UploadOutcome::ClientError
                      ? std::max(kClientErrorBackoffS, res.retry_after_s.value_or(0))
                      : backoff_.next_delay(res.retry_after_s);
    if (res.outcome == UploadOutcome::ClientError) backoff_.next_delay();  // count it too
    outbox.mark_failed(batch.uuids, res.detail, unix_now() + static_cast<int64_t>(wait));
    report.upload_failed = true;
    report.error = res.detail;
    report.wait_s = wait;
    log::warn("sync", "upload of " + std::to_string(batch.uuids.size()) + " session(s) not confirmed: " + res.detail +
                          "; next try in " + std::to_string(static_cast<int>(wait)) + " s");
    break;
  }
  if (report.sent) {
    log::info("sync", "sent " + std::to_string(report.sent) + " session(s)");
    report.purged += outbox.purge_sent(unix_now(), settings_.retention_days);
  }

  if (!stop_ && !report.upload_failed) check_content(report, *cred);
  auto counts = outbox.counts();
  if (!stop_ && !report.upload_failed) heartbeat(*cred, counts.pending);
  if (!report.upload_failed && !report.reached && report.error.empty()) report.error = "server not reached";
  if (!report.upload_failed && !report.reached) report.wait_s = backoff_.next_delay();
  if (!report.upload_failed && report.reached) backoff_.reset();
  publish();
  return report;
}

void SyncClient::check_content(RoundReport& report, const DeviceCredential& cred) {
  HttpOptions opt;
  opt.ca_file = settings_.ca_file;
  opt.low_speed_time_s = static_cast<long>(settings_.stall_timeout_s);
  opt.abort = &stop_;
  const std::string auth = "Authorization: Bearer " + cred.device_token;
  HttpRequest req;
  req.url = url("/api/v1/content/manifest");
  req.headers = {auth, "Accept: application/json"};
  HttpResponse resp = http_send(req, opt);
  if (resp.status == 0 || !from_werkcheck_server(resp.headers)) return;
  report.reached = true;
  if (resp.status == 404) return;  // nothing published
  if (resp.status != 200) {
    log::warn("sync", "content manifest: HTTP " + std::to_string(resp.status));
    return;
  }
  std::string err;
  auto m = verify_manifest_response(resp.body, cred.content_public_key, &err);
  if (!m) {
    log::error("sync", "content manifest refused: " + err + "; the current content stays");
    report.error = "content manifest refused: " + err;
    return;
  }
  std::string current_dir, current_version;
  {
    std::lock_guard<std::mutex> lock(mu_);
    current_dir = settings_.content_dir;
    current_version = settings_.content_version;
    if (m->version == current_version || m->version == rejected_version_) return;
    if (ready_dir_ && std::filesystem::path(*ready_dir_).filename() == m->version) return;
  }
  log::info("sync", "content " + m->version + " published; downloading");
  FileFetcher fetch = [&](const std::string& path, std::string* error) -> std::optional<std::string> {
    HttpRequest f;
    f.url = url("/api/v1/content/files/" + url_escape_path(path));
    f.headers = {auth};
    HttpResponse r = http_send(f, opt);
    if (r.status != 200) {
      *error = r.status == 0 ? r.error : "HTTP " + std::to_string(r.status);
      return std::nullopt;
    }
    if (!from_werkcheck_server(r.headers)) {
      *error = "answer not from the werkcheck server";
      return std::nullopt;
    }
    return std::move(r.body);
  };
  ContentStore store{settings_.data_dir};
  std::string problem = install_pack(store, *m, current_dir, fetch, settings_.validate);
  if (!problem.empty()) {
    log::error("sync", "content " + m->version + " not installed: " + problem + "; the current content stays");
    report.error = "content " + m->version + ": " + problem;
    return;
  }
  log::info("sync", "content " + m->version + " verified and ready; it is used from the next participant on");
  std::lock_guard<std::mutex> lock(mu_);
  ready_dir_ = store.dir_for(m->version);
  status_.content_ready = m->version;
}

void SyncClient::heartbeat(const DeviceCredential& cred, int64_t pending) {
  struct statvfs vfs {};
  int64_t free_bytes = 0;
  if (::statvfs(settings_.data_dir.c_str(), &vfs) == 0)
    free_bytes = static_cast<int64_t>(vfs.f_bavail) * static_cast<int64_t>(vfs.f_frsize);
  std::string last, content_version;
  {
    Outbox outbox(db());
    last = outbox.get_state("sync_last_success");
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    content_version = settings_.content_version;
  }
  if (content_version.empty()) content_version = "unknown";
  nlohmann::json body = {{"app_version", settings_.app_version},
                         {"content_version", content_version},
                         {"last_sync", last.empty() ? nlohmann::json(nullptr) : nlohmann::json(iso_time(std::stoll(last)))},
                         {"pending", pending},
                         {"free_disk_bytes", free_bytes}};
  HttpOptions opt;
  opt.ca_file = settings_.ca_file;
  opt.low_speed_time_s = static_cast<long>(settings_.stall_timeout_s);
  opt.abort = &stop_;
  HttpRequest req;
  req.method = "POST";
  req.url = url("/api/v1/heartbeat");
  req.headers = {"Authorization: Bearer " + cred.device_token, "Content-Type: application/json"};
  req.body = body.dump();
  HttpResponse r = http_send(req, opt);
  if (r.status != 200 || !from_werkcheck_server(r.headers))
    log::warn("sync", "heartbeat not accepted: " + (r.status == 0 ? r.error : "HTTP " + std::to_string(r.status)));
}

}  // namespace wk::sync
