#pragma once
// The kiosk's sync client: a background thread with its own SQLite connection that sends
// the outbox to the server in bounded, gzipped batches, fetches verified content updates and
// sends a heartbeat. The UI thread only ever reads a status snapshot under a mutex.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "settings/kiosk_settings.h"
#include "storage/database.h"
#include "sync/client/content_update.h"
#include "sync/client/device.h"
#include "sync/client/protocol.h"

namespace wk::sync {

struct SyncSettings {
  std::string data_dir;
  std::string server_url;
  std::string ca_file;
  std::string app_version;
  std::string content_dir;      // the pack in use (unchanged files are copied from here)
  std::string content_version;  // its version
  int retention_days = 30;
  double interval_s = 60;
  double stall_timeout_s = 30;
  PackValidator validate;       // e.g. "does the new pack load"
  static SyncSettings from_config(const KioskConfig& config, const std::string& content_version);
};

struct SyncStatus {
  bool configured = false;  // a server_url is set
  bool enrolled = false;
  bool online = false;      // the last request reached the werkcheck server
  std::string organisation;
  std::string last_success;  // ISO time of the last confirmed upload ("" never)
  int64_t pending = 0, conflicts = 0;
  std::string content_version, content_ready;
  std::string last_error;
};

struct RoundReport {
  bool enrolled = false;
  bool reached = false;  // some request got an answer from the werkcheck server
  bool upload_failed = false;
  int sent = 0, new_conflicts = 0, purged = 0;
  int64_t pending = 0, conflicts = 0;
  std::string error;
  double wait_s = 0;  // until the next round
};

class SyncClient {
 public:
  explicit SyncClient(SyncSettings settings);
  ~SyncClient();
  SyncClient(const SyncClient&) = delete;
  SyncClient& operator=(const SyncClient&) = delete;

  void start();  // the background thread; returns at once
  void stop();   // aborts a transfer in flight and joins

  // One round, in the calling thread: purge, upload until empty or a failure, content, heartbeat.
  RoundReport run_round();

  SyncStatus status() const;
  // A verified pack waiting for the kiosk to switch to it (between participants).
  std::optional<std::string> ready_content_dir() const;
  // The kiosk now runs on dir (or could not load it: ok false, and it is not offered again).
  void content_switched(const std::string& dir, const std::string& version, bool ok, const std::string& why = "");

 private:
  void thread_main();
  Database& db();
  void check_content(RoundReport& report, const DeviceCredential& cred);
  void heartbeat(const DeviceCredential& cred, int64_t pending);
  std::string url(const std::string& path) const;

  SyncSettings settings_;
  std::unique_ptr<Database> db_;
  Backoff backoff_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  SyncStatus status_;
  std::optional<std::string> ready_dir_;
  std::string rejected_version_;  // a version the kiosk could not load, or whose manifest was bad
};

// ISO 8601 UTC of Unix seconds.
std::string iso_time(int64_t unix_s);
int64_t unix_now();

}  // namespace wk::sync
