#pragma once
// The kiosk's whole behaviour as a state machine without a screen: taps and clock ticks
// go in; a screen model, speech requests and storage writes come out. The ImGui layer and
// the tests drive exactly this class.
//
// The flow holds what the screens share (content, store, settings, language, the session and
// its answers, navigation, idle time, the operator corner); each screen is a unit in
// screens/ (listed in screens/screen_table.cpp) that the flow hands the current tap to.
#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "settings/kiosk_settings.h"
#include "scoring/matching.h"
#include "scoring/profile.h"
#include "screens/effects.h"
#include "screens/layout.h"
#include "screens/operator_parts.h"
#include "screens/result_pages.h"
#include "screens/screen.h"
#include "screens/screen_context.h"
#include "screens/screen_model.h"
#include "screens/screen_table.h"
#include "screens/slip_content.h"
#include "storage/session_store.h"

namespace wk {

class KioskFlow : private ScreenContext {
 public:
  // content or store may be null: the kiosk then shows the out-of-order screen with reason.
  KioskFlow(const ContentPack* content, SessionStore* store, KioskConfig* config, std::string out_of_order_reason = "");

  void tap(const std::string& target_id, double now);
  void note_activity(double now) { last_input_ = now; }
  // The shell reports how enrollment went: empty means enrolled, else what went wrong.
  void enroll_finished(const std::string& problem);
  // The take-home slip of this session, and how its printing went: "" printed, else why not.
  SlipContent slip() const { return slip_content(*this); }
  void print_finished(const std::string& problem, double now);
  void tick(double now);
  Effects take_effects();
  // Seconds from now until tick() has something to do (idle prompt or reset); < 0: nothing.
  double seconds_until_deadline(double now) const;

  ScreenModel view(const Metrics& m) const;
  // The window's size and text measure (the shell passes them on): speech follows the layout.
  void set_metrics(const Metrics& m) { metrics_ = m; }
  std::vector<Clip> screen_speech() const;  // what the speaker button on this screen plays
  // The volume the kiosk plays at now: the participant's own level (their volume button), which
  // starts at the operator's level (capped with headphones) and goes back to it for the next person.
  int volume_percent() const { return volume_percent_; }
  // The file a clip plays from: its language's, or the Dutch one standing in (logged once per key).
  std::string clip_path(const Clip& clip) const;
  // The player reports which clip of the sequence last handed out (take_effects) plays now:
  // its target is shown as speaking; index >= its size: all has played; < 0: nothing plays.
  // While it plays, the person is listening: the idle time counts from when it stopped.
  void speech_progress(int index, double now);

  // Read-only state, for the shell and the tests.
  Screen screen() const override { return screen_; }
  // Every question screen has the language button, where there is another language to choose.
  bool language_button() const override {
    return screen_ == Screen::Question && session_ && content_ && content_->locales.size() > 1;
  }
  const std::string& locale() const override { return locale_; }
  const std::optional<SessionRef>& session() const override { return session_; }
  const std::map<std::string, std::vector<std::string>>& answers() const override { return answers_; }
  const Item* current_item() const override;
  int position() const override { return position_; }
  using Step = QuestionStep;
  std::vector<Step> steps() const override;  // follows the answers: per-choice items expand as options are chosen

  // The result, in pages: what the person's answers say, then the closing screen.
  using ResultPage = wk::ResultPage;
  using Page = ResultPageRef;
  std::vector<Page> result_pages() const { return wk::result_pages(*this); }
  int result_page() const;
  Profile profile() const override;
  std::vector<OccupationMatch> suggestions() const override;
  const std::optional<bool>& consent() const override { return consent_; }
  // A follow-up check: the earlier session it compares with (same code), or nullopt.
  const std::optional<SessionRecord>& follow_up_of() const override { return earlier_; }
  static constexpr int kFollowUpModule = wk::kFollowUpModule;
  const std::string& out_of_order_reason() const override { return out_of_order_reason_; }
  void set_status_lines(std::vector<std::string> lines) { status_lines_ = std::move(lines); }

  // Taps this soon after a screen (or a page of it) opens are ignored: a double tap, or a tap
  // meant for the screen before, must not answer or skip what just appeared.
  static constexpr double kTapHoldS = 0.4;
  // How many times a screen or page has opened (the UI dump shows it, so a driver can wait).
  long openings() const { return openings_; }

  static constexpr int kCornerTapsToOpen = 5;
  static constexpr double kCornerWindowS = 4.0;
  static constexpr int kPinAttempts = wk::kPinAttempts;
  static constexpr double kPinLockS = wk::kPinLockS;

 private:
  ScreenUnit& unit(Screen s) const { return screens_.unit(s); }
  // A participant is idle from their last touch or the end of what the kiosk said, whichever is later.
  double idle_since() const { return std::max(last_input_, last_spoken_); }
  bool participant_screen() const { return unit(screen_).idle() == Idle::Participant; }
  bool staff_screen() const { return unit(screen_).idle() == Idle::Staff; }
  // Screens a participant sees and hears, where the volume button is (the idle prompt too).
  bool volume_screen() const { return participant_screen() || screen_ == Screen::IdlePrompt; }
  void reset_volume();
  void handle_operator_corner(double now);

  // ScreenContext: what the screen units see of the flow.
  const ContentPack* content() const override { return content_; }
  SessionStore& store() const override { return *store_; }
  KioskConfig& config() const override { return *config_; }
  std::string t(const std::string& key) const override;
  void set_locale(const std::string& code) override;
  void set_answer(const std::string& key, std::vector<std::string> chosen) override { answers_[key] = std::move(chosen); }
  void set_consent(bool yes) override { consent_ = yes; }
  const Item& follow_up_item() const override { return follow_up_item_; }
  bool in_follow_up_modules(int module) const override;
  std::optional<Step> current_step() const override;
  void set_position(int position) override { position_ = position; }
  Screen return_to() const override { return return_to_; }
  bool after_questions(Screen s) const override { return unit(s).after_questions(); }
  double last_input() const override { return last_input_; }
  const std::vector<std::string>& status_lines() const override { return status_lines_; }
  void go(Screen s, double now) override;
  void show(Screen s) override;
  void speak_screen() override;
  void ask_stop(double now) override;
  void start_session(const std::string& locale, double now) override;
  void start_follow_up(SessionRecord earlier, double now) override;
  void reset_to_attract(SessionStatus end_status) override;
  void leave_operator() override;
  void fail_storage(const std::string& what) override;
  Effects& effects() override { return effects_; }
  SlipState slip_state() const override { return slip_state_; }
  void print_slip(double now) override;
  void hold_taps(double now) override;
  bool heard(const std::string& once_tag) const override { return heard_.count(once_tag) > 0; }
  bool listening_again() const override { return listening_again_; }
  std::string speaking_target() const override;
  const Metrics& metrics() const override { return metrics_; }

  const ContentPack* content_;
  SessionStore* store_;
  KioskConfig* config_;
  std::string out_of_order_reason_;
  ScreenTable screens_;

  Screen screen_ = Screen::Attract;
  Screen return_to_ = Screen::Attract;  // where the idle prompt / stop question returns
  std::string locale_;
  std::optional<SessionRef> session_;
  std::map<std::string, std::vector<std::string>> answers_;
  int position_ = 0;
  std::optional<bool> consent_;
  std::optional<SessionRecord> earlier_;
  Item follow_up_item_;  // built from the earlier plan when a follow-up starts
  double last_input_ = 0;
  double prompt_started_ = 0;
  double opened_at_ = -1e9;  // when the screen (or its page) last opened: taps are held after it
  long openings_ = 0;
  double now_ = 0;  // the time of the tap or tick being handled: when a screen shown now opened
  std::deque<double> corner_taps_;
  std::vector<std::string> status_lines_;
  int volume_percent_ = 0;
  Effects effects_;
  std::vector<Clip> speech_;  // the sequence the shell was last given to play
  int speech_at_ = -1;        // which of its clips plays now, as the player reports
  double last_spoken_ = 0;    // when a clip was last reported playing
  std::set<std::string> heard_;
  bool listening_again_ = false;
  mutable std::set<std::string> stand_ins_logged_;  // "<lang> <key>" whose Dutch stand-in was logged
  void note_stand_in(const std::string& code, const std::string& key) const;
  Metrics metrics_;
  SlipState slip_state_ = SlipState::NoPrinter;
};

}  // namespace wk
