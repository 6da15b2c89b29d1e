#pragma once
// The kiosk's whole behaviour as a state machine without a screen: taps and clock ticks
// go in; a screen model, speech requests and storage writes come out. The ImGui layer and
// the tests drive exactly this class.
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "settings/kiosk_settings.h"
#include "scoring/matching.h"
#include "scoring/profile.h"
#include "screens/layout.h"
#include "screens/screen_model.h"
#include "storage/session_store.h"

namespace wk {

enum class Screen {
  Attract, CodeEntry, Language, Question, Result, Consent, Closing, IdlePrompt, StopConfirm, OperatorPin, OperatorMenu, Credits,
  OperatorEnroll,
  OutOfOrder
};
const char* screen_id(Screen s);

struct Clip {
  std::string locale;
  std::string key;
  bool operator==(const Clip&) const = default;
};

// What the shell must do after an event: play clips (replacing what plays), stop sound, quit.
struct Effects {
  std::optional<std::vector<Clip>> speak;  // set: stop what plays and play these in order
  bool stop_audio = false;
  bool settings_changed = false;  // volume or default language: save and apply
  std::optional<std::string> enroll_code;  // set: enroll this kiosk with the server (off the UI thread)
  bool quit = false;
};

class KioskFlow {
 public:
  // content or store may be null: the kiosk then shows the out-of-order screen with reason.
  KioskFlow(const ContentPack* content, SessionStore* store, KioskConfig* config, std::string out_of_order_reason = "");

  void tap(const std::string& target_id, double now);
  void note_activity(double now) { last_input_ = now; }
  // The shell reports how enrollment went: empty means enrolled, else what went wrong.
  void enroll_finished(const std::string& problem);
  void tick(double now);
  Effects take_effects();
  // Seconds from now until tick() has something to do (idle prompt or reset); < 0: nothing.
  double seconds_until_deadline(double now) const;

  ScreenModel view(const Metrics& m) const;
  std::vector<Clip> screen_speech() const;  // what the speaker button on this screen plays

  // Read-only state, for the shell and the tests.
  Screen screen() const { return screen_; }
  const std::string& locale() const { return locale_; }
  const std::optional<SessionRef>& session() const { return session_; }
  const std::map<std::string, std::vector<std::string>>& answers() const { return answers_; }
  const Item* current_item() const;
  int position() const { return position_; }
  // One screen of the check: an item, or for a per-choice item one of the chosen options.
  struct Step {
    int module;
    int item;
    std::string for_option;
  };
  std::vector<Step> steps() const;  // follows the answers: per-choice items expand as options are chosen

  // The result, in pages: what the person's answers say, then the closing screen.
  enum class ResultPage { Interests, Strengths, Occupation, Transitions, Story, Plan, Answers, Compare };
  struct Page {
    ResultPage kind;
    int index = 0;  // which occupation
  };
  std::vector<Page> result_pages() const;
  int result_page() const { return result_page_; }
  Profile profile() const;
  std::vector<OccupationMatch> suggestions() const;
  const std::optional<bool>& consent() const { return consent_; }
  // A follow-up check: the earlier session it compares with (same code), or nullopt.
  const std::optional<SessionRecord>& follow_up_of() const { return earlier_; }
  const std::string& typed_code() const { return typed_code_; }
  static constexpr int kFollowUpModule = -1;  // the synthetic "which steps did you take?" step
  const std::string& out_of_order_reason() const { return out_of_order_reason_; }
  void set_status_lines(std::vector<std::string> lines) { status_lines_ = std::move(lines); }

  static constexpr int kCornerTapsToOpen = 5;
  static constexpr double kCornerWindowS = 4.0;
  static constexpr int kPinAttempts = 5;
  static constexpr double kPinLockS = 60.0;

 private:
  bool participant_screen() const;
  std::optional<Step> current_step() const;
  void go(Screen s, double now);
  void speak_screen();
  void start_session(const std::string& locale, double now);
  void reset_to_attract(SessionStatus end_status);
  void fail_storage(const std::string& what);
  void choose_option(const std::string& option_id);
  void next(double now);
  void back(double now);
  void handle_operator_corner(double now);
  void handle_pin_key(const std::string& key, double now);
  void handle_operator(const std::string& id);

  ScreenModel view_attract(const Metrics& m) const;
  ScreenModel view_language(const Metrics& m) const;
  ScreenModel view_question(const Metrics& m) const;
  ScreenModel view_result(const Metrics& m) const;
  ScreenModel view_closing(const Metrics& m) const;
  ScreenModel view_consent(const Metrics& m) const;
  bool after_questions(Screen s) const { return s == Screen::Result || s == Screen::Consent || s == Screen::Closing; }
  ScreenModel view_code_entry(const Metrics& m) const;
  void result_page_compare(ScreenModel& s, const Metrics& m, const Profile& p) const;
  void handle_code_key(const std::string& key, double now);
  void start_follow_up(SessionRecord earlier, double now);
  bool in_follow_up_modules(int module) const;
  void result_page_interests(ScreenModel& s, const Metrics& m, const Profile& p) const;
  void result_page_strengths(ScreenModel& s, const Metrics& m, const Profile& p) const;
  void result_page_occupation(ScreenModel& s, const Metrics& m, const OccupationMatch& match, int index, int count) const;
  void result_page_transitions(ScreenModel& s, const Metrics& m, const Profile& p) const;
  void result_page_story(ScreenModel& s, const Metrics& m, const Profile& p) const;
  void result_page_plan(ScreenModel& s, const Metrics& m, const Profile& p) const;
  void result_page_answers(ScreenModel& s, const Metrics& m) const;
  std::vector<Clip> result_page_speech() const;
  ScreenModel view_idle_prompt(const Metrics& m) const;
  ScreenModel view_stop_confirm(const Metrics& m) const;
  ScreenModel view_operator_pin(const Metrics& m) const;
  ScreenModel view_operator_menu(const Metrics& m) const;
  ScreenModel view_credits(const Metrics& m) const;
  ScreenModel view_operator_enroll(const Metrics& m) const;
  void handle_enroll_key(const std::string& key);
  ScreenModel view_out_of_order(const Metrics& m) const;
  void add_progress(ScreenModel& s, const Metrics& m) const;
  // A large centred picture with a title under it; returns where the content below may start.
  float add_centred_heading(ScreenModel& s, const Metrics& m, const std::string& picture, const std::string& title,
                            float picture_size) const;
  void add_speaker(ScreenModel& s, const Metrics& m) const;
  void add_nav(ScreenModel& s, const Metrics& m, bool with_next, const std::string& next_label_key,
               const std::string& next_picture_role, const std::string& next_id) const;
  std::string t(const std::string& key) const;  // text in the current language

  const ContentPack* content_;
  SessionStore* store_;
  KioskConfig* config_;
  std::string out_of_order_reason_;

  Screen screen_ = Screen::Attract;
  Screen return_to_ = Screen::Attract;  // where the idle prompt / stop question returns
  std::string locale_;
  std::optional<SessionRef> session_;
  std::map<std::string, std::vector<std::string>> answers_;
  int position_ = 0;
  int result_page_ = 0;
  std::optional<bool> consent_;
  std::string typed_code_;
  bool code_not_found_ = false;
  std::optional<SessionRecord> earlier_;
  Item follow_up_item_;  // built from the earlier plan when a follow-up starts
  double last_input_ = 0;
  double prompt_started_ = 0;
  std::deque<double> corner_taps_;
  std::string pin_;
  int pin_failures_ = 0;
  double pin_locked_until_ = 0;
  bool pin_wrong_shown_ = false;
  std::vector<std::string> status_lines_;
  std::string enroll_typed_, enroll_message_;
  bool enroll_busy_ = false;
  Effects effects_;
};

}  // namespace wk
