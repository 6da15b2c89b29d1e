#pragma once
// The flow as a screen unit sees it: what is shared across screens (content, store, settings,
// language, the session and its answers, the steps of the check) and the moves a screen may
// ask for. The flow (flow/kiosk_flow.h) implements it; screens never include the flow.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/content_pack.h"
#include "scoring/matching.h"
#include "scoring/profile.h"
#include "screens/effects.h"
#include "screens/layout.h"
#include "screens/screen.h"
#include "settings/kiosk_settings.h"
#include "storage/session_store.h"

namespace wk {

// One screen of the questions: an item, or for a per-choice item one of the chosen options.
struct QuestionStep {
  int module;
  int item;
  std::string for_option;
};
inline constexpr int kFollowUpModule = -1;  // the synthetic "which steps did you take?" step

// The take-home slip on the code page (screens/slip_parts.h): there only where a printer is set.
enum class SlipState { NoPrinter, Ready, Printing, Printed, Failed };

class ScreenContext {
 public:
  // Null only on the out-of-order and staff screens (a pack that did not load).
  virtual const ContentPack* content() const = 0;
  const ContentPack& pack() const { return *content(); }
  virtual SessionStore& store() const = 0;
  virtual KioskConfig& config() const = 0;
  virtual std::string t(const std::string& key) const = 0;  // text in the current language

  virtual const std::string& locale() const = 0;
  virtual void set_locale(const std::string& code) = 0;
  virtual const std::optional<SessionRef>& session() const = 0;
  virtual const std::map<std::string, std::vector<std::string>>& answers() const = 0;
  virtual void set_answer(const std::string& key, std::vector<std::string> chosen) = 0;
  virtual const std::optional<bool>& consent() const = 0;
  virtual void set_consent(bool yes) = 0;
  // A follow-up check: the earlier session it compares with, and its "which steps" item.
  virtual const std::optional<SessionRecord>& follow_up_of() const = 0;
  virtual const Item& follow_up_item() const = 0;
  virtual bool in_follow_up_modules(int module) const = 0;

  virtual std::vector<QuestionStep> steps() const = 0;
  virtual std::optional<QuestionStep> current_step() const = 0;
  virtual const Item* current_item() const = 0;
  virtual int position() const = 0;
  virtual void set_position(int position) = 0;
  virtual Profile profile() const = 0;
  virtual std::vector<OccupationMatch> suggestions() const = 0;

  virtual Screen screen() const = 0;
  // Whether this screen has the language button (screens/language_button.h; the flow adds it).
  virtual bool language_button() const = 0;
  virtual Screen return_to() const = 0;  // where the idle prompt and the stop question go back to
  virtual bool after_questions(Screen s) const = 0;
  virtual double last_input() const = 0;
  virtual const std::string& out_of_order_reason() const = 0;
  virtual const std::vector<std::string>& status_lines() const = 0;

  // Moves. go: show a screen (or a new page of it) and speak it, holding taps for a moment;
  // show: switch without a word (staff screens).
  virtual void go(Screen s, double now) = 0;
  virtual void show(Screen s) = 0;
  virtual void speak_screen() = 0;
  virtual void ask_stop(double now) = 0;  // "do you want to stop?", then back here
  virtual void start_session(const std::string& locale, double now) = 0;
  virtual void start_follow_up(SessionRecord earlier, double now) = 0;
  virtual void reset_to_attract(SessionStatus end_status) = 0;
  virtual void leave_operator() = 0;  // lock the staff screens: the start (or out of order) again
  virtual void fail_storage(const std::string& what) = 0;
  virtual Effects& effects() = 0;
  virtual SlipState slip_state() const = 0;
  // The person asked for their slip: the shell prints it (Effects::print_slip) and reports back.
  virtual void print_slip(double now) = 0;
  // Something new appeared on this screen (a nudge, a refusal): hold taps for a moment, as
  // when a screen opens, so the second tap of a double tap does not act on what it says.
  virtual void hold_taps(double now) = 0;
  // What this person has heard: a clip's `once` tag counts from when that clip started playing
  // (reset for the next person). Said once: the nav buttons' explanations, an answer set per part.
  virtual bool heard(const std::string& once_tag) const = 0;
  // The person asked to hear the screen again (the speaker): say it all, answer sets included.
  virtual bool listening_again() const = 0;
  // The target the clip playing now belongs to ("" between clips): a screen whose words follow
  // its speech (the language screen before a language is chosen) reads it in view().
  virtual std::string speaking_target() const = 0;
  // The window the screens are laid out for (what is spoken follows what is shown: a question's
  // options page by page).
  virtual const Metrics& metrics() const = 0;

 protected:
  ~ScreenContext() = default;
};

}  // namespace wk
