#pragma once
// The kiosk without its window: start-up (data directory, log, lock, content choice, old
// packs, the session store), the out-of-order reason, the sync and enrolment threads, the
// content switch between participants, saving operator settings and the operator status.
// The window feeds taps to flow(), calls update() and does what it returns.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "flow/kiosk_flow.h"
#include "platform/lru_cache.h"
#include "screens/layout.h"
#include "settings/kiosk_settings.h"
#include "shell/content_updates.h"
#include "shell/data_dir_lock.h"
#include "shell/enrolment.h"
#include "shell/slip_printing.h"
#include "sound/clip_decode.h"
#include "storage/session_store.h"
#include "sync/client/sync_client.h"

namespace wk {

// What the window must do after update().
struct WindowWork {
  std::optional<std::vector<std::string>> play;  // clip files ("" a pause): stop what plays and play these
  bool stop_audio = false;
  bool volume_changed = false;  // apply flow().volume_percent()
  bool quit = false;
  bool redraw = false;          // the screen changed without an input event
};

// What only the window knows, for the operator status.
struct WindowFacts {
  bool audio_on = false;
  Metrics metrics;
};

class KioskShell {
 public:
  explicit KioskShell(KioskConfig config);
  ~KioskShell();
  KioskShell(const KioskShell&) = delete;
  KioskShell& operator=(const KioskShell&) = delete;

  // Starts syncing with the server when a server_url is set and the store is open.
  void start_sync();
  // The kiosk ends: waits for a running enrolment, stops the sync thread (before the window closes).
  void stop();
  // Takes content updates from source instead of the sync client.
  void watch_content_updates(ContentUpdates* source) { updates_ = source; }
  // Called from another thread when update() has news (an enrolment finished).
  void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }
  void set_window_facts(const WindowFacts& facts) {
    window_ = facts;
    if (flow_) flow_->set_metrics(facts.metrics);
  }
  // The window's picture and clip caches as of now, for the operator status.
  void set_cache_use(const CacheUse& pictures, const CacheUse& clips) {
    pictures_ = pictures;
    clips_ = clips;
  }
  // Clips the window could not play (app/sound/clip_decode.h): how many, the last and why.
  void set_clip_problems(int count, const ClipProblem& last) {
    clips_unreadable_ = count;
    clip_problem_ = last;
  }

  KioskFlow& flow() { return *flow_; }
  const ContentPack* content() const { return content_load_.pack ? &*content_load_.pack : nullptr; }
  const std::string& content_dir() const { return content_dir_; }
  const KioskConfig& config() const { return config_; }
  const std::string& out_of_order_reason() const { return reason_; }
  std::chrono::steady_clock::time_point started() const { return started_; }

  // After input at time now: ticks the flow and carries out its effects.
  WindowWork update(double now);
  // The operator menu's status lines as of now.
  std::vector<std::string> status_lines() const;

 private:
  void switch_content_if_ready(WindowWork& work);
  // A slip printed ("") or not (why): counted, logged, for the operator status, and to the flow.
  void slip_printed(const std::string& problem, double now);

  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  KioskConfig config_;
  std::string content_dir_;
  ContentLoad content_load_;
  std::string reason_;
  std::unique_ptr<DataDirLock> lock_;
  std::unique_ptr<SessionStore> store_;
  std::unique_ptr<sync::SyncClient> syncer_;
  std::unique_ptr<ContentUpdates> sync_updates_;
  ContentUpdates* updates_ = nullptr;
  std::unique_ptr<KioskFlow> flow_;
  Screen last_screen_ = Screen::Attract;
  Enrolment enrolment_;
  SlipPrinting printing_;
  int slips_printed_ = 0;
  std::string print_problem_;  // the last failure, for the operator status
  std::function<void()> wake_;
  WindowFacts window_;
  std::optional<CacheUse> pictures_, clips_;
  int clips_unreadable_ = 0;
  ClipProblem clip_problem_;
};

}  // namespace wk
