#include "shell/kiosk_shell.h"

#include "platform/files.h"
#include "platform/log.h"
#include "screens/operator_parts.h"
#include "screens/screen_table.h"
#include "shell/content_choice.h"
#include "shell/operator_status.h"
#include "print/printer.h"

namespace wk {

namespace {

// The sync client as the source of content updates.
class SyncContentUpdates : public ContentUpdates {
 public:
  explicit SyncContentUpdates(sync::SyncClient& client) : client_(client) {}
  std::optional<std::string> ready_content_dir() const override { return client_.ready_content_dir(); }
  void content_switched(const std::string& dir, const std::string& version, bool ok, const std::string& why) override {
    client_.content_switched(dir, version, ok, why);
  }

 private:
  sync::SyncClient& client_;
};

}  // namespace

KioskShell::KioskShell(KioskConfig config)
    : config_(std::move(config)),
      printing_(config_.printer.empty() ? nullptr : make_cups_printer(config_.printer), config_.data_dir) {
  files::make_dirs(config_.data_dir);
  log::open_file(config_.data_dir + "/werkcheck.log");
  log::info("kiosk", "starting; data " + config_.data_dir + ", content " + config_.content_dir);

  StartContent start = choose_start_content(config_.data_dir, config_.content_dir);
  content_dir_ = std::move(start.dir);
  content_load_ = std::move(start.load);
  if (const ContentPack* content = this->content()) {
    for (const auto& w : content->warnings) log::warn("content", w);
    log::info("content", "loaded " + content->id + " " + content->version + ": " + std::to_string(content->item_count()) +
                             " items in " + std::to_string(content->modules.size()) + " modules");
  } else {
    reason_ = "content: " + content_load_.error;
    log::error("content", content_load_.error);
  }

  lock_ = std::make_unique<DataDirLock>(config_.data_dir);
  // Packs the kiosk switched away from, and downloads a crash left half done, go now: this
  // kiosk holds the lock and its sync thread has not started.
  if (lock_->held())
    if (int n = sync::ContentStore{config_.data_dir}.remove_unused_packs(content_dir_); n > 0)
      log::info("content", "removed " + std::to_string(n) + " old content pack director" + (n == 1 ? "y" : "ies"));

  if (!lock_->held()) {
    if (reason_.empty()) reason_ = lock_->problem();
    log::error("kiosk", lock_->problem());
  } else {
    try {
      store_ = SessionStore::open(config_.data_dir);
      if (int n = store_->close_interrupted_sessions())
        log::warn("storage", std::to_string(n) + " session(s) were cut off (power or crash); closed as interrupted");
    } catch (const StoreError& e) {
      if (reason_.empty()) reason_ = std::string("database: ") + e.what();
      log::error("storage", e.what());
    }
  }

  if (!config_.printer.empty()) log::info("print", "take-home slips go to CUPS queue " + config_.printer);

  flow_ = std::make_unique<KioskFlow>(content(), store_.get(), &config_, reason_);
  flow_->set_metrics(window_.metrics);
  last_screen_ = flow_->screen();
}

KioskShell::~KioskShell() {
  enrolment_.wait();
  printing_.wait(true);
  if (syncer_) syncer_->stop();
}

void KioskShell::stop() {
  enrolment_.wait();
  printing_.wait(true);
  log::info("kiosk", "exit");
  if (syncer_) syncer_->stop();
}

void KioskShell::start_sync() {
  // Sync runs on its own thread with its own database connection; it never blocks the window.
  // Participants never see its state; the operator menu does.
  if (syncer_ || config_.server_url.empty() || !store_) return;
  KioskConfig sync_config = config_;
  sync_config.content_dir = content_dir_;
  const ContentPack* content = this->content();
  auto settings = sync::SyncSettings::from_config(sync_config, content ? content->version : "");
  settings.validate = pack_loads();
  syncer_ = std::make_unique<sync::SyncClient>(std::move(settings));
  sync_updates_ = std::make_unique<SyncContentUpdates>(*syncer_);
  if (!updates_) updates_ = sync_updates_.get();
  syncer_->start();
}

WindowWork KioskShell::update(double now) {
  WindowWork work;
  flow_->tick(now);
  Effects fx = flow_->take_effects();
  work.quit = fx.quit;
  work.stop_audio = fx.stop_audio;
  if (fx.settings_changed) {
    work.volume_changed = true;
    if (!save_operator_settings(config_)) log::warn("config", "could not save the operator settings");
  }
  if (fx.volume_changed) work.volume_changed = true;  // the participant's own level: never saved
  if (fx.enroll_code) {
    if (config_.server_url.empty())
      flow_->enroll_finished("no server_url in " + config_.data_dir + "/kiosk.json: the installer sets it");
    else
      enrolment_.start(config_.server_url, *fx.enroll_code, config_.data_dir, config_.ca_file, wake_);
  }
  if (auto problem = enrolment_.take_result()) {
    log::info("operator", problem->empty() ? "enrolled with the server" : "enrollment failed: " + *problem);
    flow_->enroll_finished(*problem);
    work.redraw = true;
  }
  bool print_news = false;
  if (fx.print_slip && !printing_.start(flow_->slip(), wake_)) {
    slip_printed(printing_.available() ? "the previous slip is still printing" : "no printer is set", now);
    print_news = true;
  }
  if (auto problem = printing_.take_result()) {
    slip_printed(*problem, now);
    print_news = true;
  }
  if (print_news) {  // what the flow says about it, and the page it shows
    const Effects said = flow_->take_effects();
    if (said.speak) fx.speak = said.speak;
    work.redraw = true;
  }
  if (fx.speak && content()) {
    std::vector<std::string> paths;
    for (const auto& c : *fx.speak) paths.push_back(c.is_pause() ? "" : flow_->clip_path(c));
    work.play = std::move(paths);
  }
  switch_content_if_ready(work);
  if (flow_->screen() != last_screen_) {
    if (flow_->screen() == Screen::OperatorMenu) flow_->set_status_lines(status_lines());
    last_screen_ = flow_->screen();
  }
  return work;
}

void KioskShell::slip_printed(const std::string& problem, double now) {
  if (problem.empty()) {
    ++slips_printed_;
    log::info("print", "slip printed on " + config_.printer);
  } else {
    print_problem_ = problem;
    log::error("print", "slip not printed: " + problem);
  }
  flow_->print_finished(problem, now);
}

// A verified content update is switched to only between participants, on the attract screen.
void KioskShell::switch_content_if_ready(WindowWork& work) {
  if (!updates_ || flow_->screen() != Screen::Attract) return;
  auto dir = updates_->ready_content_dir();
  if (!dir) return;
  auto next = load_content_pack(*dir, kiosk_content_needs());
  if (!next.pack) {
    log::error("content", "update in " + *dir + " does not load: " + next.error + "; the current content stays");
    updates_->content_switched(*dir, "", false, next.error);
    return;
  }
  log::info("content", "switching to " + next.pack->id + " " + next.pack->version + " from " + *dir);
  updates_->content_switched(*dir, next.pack->version, true, "");
  if (reason_.rfind("content: ", 0) == 0) reason_.clear();
  content_dir_ = *dir;
  // The old flow points into the old pack: it goes first.
  flow_.reset();
  content_load_ = std::move(next);
  flow_ = std::make_unique<KioskFlow>(content(), store_.get(), &config_, reason_);
  flow_->set_metrics(window_.metrics);
  last_screen_ = flow_->screen();
  work.redraw = true;
}

std::vector<std::string> KioskShell::status_lines() const {
  StatusFacts facts;
  facts.data_dir = config_.data_dir;
  if (store_) facts.sessions_stored = store_->count_sessions();
  facts.content = content();
  facts.audio_on = window_.audio_on;
  facts.metrics = window_.metrics;
  facts.pictures = pictures_;
  facts.clips = clips_;
  facts.clips_unreadable = clips_unreadable_;
  facts.clip_problem = clip_problem_;
  if (syncer_) facts.sync = syncer_->status();
  facts.printer = config_.printer;
  facts.slips_printed = slips_printed_;
  facts.print_problem = print_problem_;
  if (content()) facts.voices = voice_coverage(*content(), kiosk_content_needs());
  // In the menu's language, like every other word on it.
  const ContentPack* content = this->content();
  const std::string locale = flow_->locale();
  return operator_status_lines(facts, [&](const std::string& key) {
    return content ? content->text(locale, key) : builtin_operator_text(key);
  });
}

}  // namespace wk
