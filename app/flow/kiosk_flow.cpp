#include "flow/kiosk_flow.h"

#include <algorithm>
#include <set>

#include "platform/log.h"
#include "screens/language_button.h"
#include "screens/languages_offered.h"
#include "screens/mirror.h"
#include "screens/operator_enroll_screen.h"
#include "screens/result_screen.h"
#include "screens/slip_parts.h"
#include "screens/volume_parts.h"
#include "sound/volume.h"

namespace wk {

namespace {
// Before a person asks for a slip: a button where a printer is set, none otherwise.
SlipState slip_before_asked(const KioskConfig& config) {
  return config.printer.empty() ? SlipState::NoPrinter : SlipState::Ready;
}
}  // namespace

KioskFlow::KioskFlow(const ContentPack* content, SessionStore* store, KioskConfig* config, std::string reason)
    : content_(content), store_(store), config_(config), out_of_order_reason_(std::move(reason)) {
  locale_ = content_ ? starting_language(*content_, *config_) : config_->default_locale;
  if (!content_ && out_of_order_reason_.empty()) out_of_order_reason_ = "no content";
  if (!store_ && out_of_order_reason_.empty()) out_of_order_reason_ = "no database";
  screen_ = out_of_order_reason_.empty() ? Screen::Attract : Screen::OutOfOrder;
  volume_percent_ = participant_start_percent(config_->volume_percent, config_->headphones);
  slip_state_ = slip_before_asked(*config_);
}

void KioskFlow::reset_volume() {
  const int start = participant_start_percent(config_->volume_percent, config_->headphones);
  if (start != volume_percent_) effects_.volume_changed = true;
  volume_percent_ = start;
}

std::string KioskFlow::t(const std::string& key) const {
  if (!content_) return key;
  note_stand_in(locale_, key);
  return content_->text(locale_, key);
}

std::string KioskFlow::clip_path(const Clip& clip) const {
  note_stand_in(clip.locale, clip.key);
  return content_->clip_path(clip.locale, clip.key);
}

void KioskFlow::note_stand_in(const std::string& code, const std::string& key) const {
  // A key missing in a language: the Dutch text and clip stand in; said once per key, not per frame.
  if (code == content_->source_locale || content_->has_text(code, key) || !content_->locale(code)) return;
  if (stand_ins_logged_.insert(code + " " + key).second)
    log::warn("content", code + ": no text for \"" + key + "\", the Dutch text and clip stand in");
}

std::vector<KioskFlow::Step> KioskFlow::steps() const {
  std::vector<Step> out;
  if (!content_) return out;
  if (earlier_ && !follow_up_item_.options.empty()) out.push_back({kFollowUpModule, 0, ""});
  for (int mi = 0; mi < static_cast<int>(content_->modules.size()); ++mi) {
    if (earlier_ && !in_follow_up_modules(mi)) continue;
    const Module& mod = content_->modules[mi];
    for (int ii = 0; ii < static_cast<int>(mod.items.size()); ++ii) {
      const Item& item = mod.items[ii];
      if (item.type == ItemType::Choice) {
        out.push_back({mi, ii, ""});
        continue;
      }
      // A per-choice item: one screen for each option chosen in the item it follows.
      auto chosen = answers_.find(mod.id + "." + item.of);
      if (chosen == answers_.end()) continue;
      for (const auto& option : chosen->second) out.push_back({mi, ii, option});
    }
  }
  return out;
}

std::optional<KioskFlow::Step> KioskFlow::current_step() const {
  if (screen_ != Screen::Question && screen_ != Screen::IdlePrompt && screen_ != Screen::StopConfirm) return std::nullopt;
  auto all = steps();
  if (position_ < 0 || position_ >= static_cast<int>(all.size())) return std::nullopt;
  return all[position_];
}

const Item* KioskFlow::current_item() const {
  auto step = current_step();
  if (!step) return nullptr;
  if (step->module == kFollowUpModule) return &follow_up_item_;
  return &content_->modules[step->module].items[step->item];
}

// A follow-up repeats the modules that measure career behaviours, so change can be compared.
bool KioskFlow::in_follow_up_modules(int module) const {
  // The career-behaviour statements: rated items, or a grid whose options carry the tag.
  for (const auto& item : content_->modules[module].items) {
    if (item.tags.count("behaviour")) return true;
    for (const auto& o : item.options)
      if (o.tags.count("behaviour")) return true;
  }
  return false;
}

Profile KioskFlow::profile() const { return content_ ? build_profile(*content_, answers_) : Profile{}; }

std::vector<OccupationMatch> KioskFlow::suggestions() const {
  if (!content_) return {};
  MatchOptions options;
  options.region = config_->region;
  return suggested_occupations(*content_, profile(), options);
}

int KioskFlow::result_page() const { return static_cast<const ResultScreen&>(unit(Screen::Result)).page(); }

Effects KioskFlow::take_effects() {
  Effects e = std::move(effects_);
  effects_ = {};
  // What goes to the player now is the sequence its progress reports are about.
  if (e.speak) {
    speech_ = *e.speak;
    speech_at_ = -1;
  } else if (e.stop_audio) {
    speech_.clear();
    speech_at_ = -1;
  }
  return e;
}

void KioskFlow::speech_progress(int index, double now) {
  speech_at_ = index;
  if (index >= 0 && index < static_cast<int>(speech_.size())) last_spoken_ = now;
  const int started = std::min(index, static_cast<int>(speech_.size()) - 1);
  for (int i = 0; i <= started; ++i)
    if (!speech_[i].once.empty()) heard_.insert(speech_[i].once);
}

void KioskFlow::set_locale(const std::string& code) {
  // A person who changes language during the check hears the buttons' explanations, the answer
  // sets and how to go on again, now in the language they chose.
  if (session_ && code != locale_) heard_.clear();
  locale_ = code;
}

void KioskFlow::show(Screen s) {
  const Screen from = screen_;
  screen_ = s;
  if (from != s) {
    hold_taps(now_);  // taps on the new screen count only after a moment
    unit(s).enter(*this, from);
  }
}

void KioskFlow::hold_taps(double now) {
  opened_at_ = now;
  ++openings_;
}

void KioskFlow::go(Screen s, double now) {
  now_ = now;
  last_input_ = now;
  if (s == screen_) hold_taps(now);  // a new page of the same screen opens (show() holds for a new screen)
  if (s == Screen::IdlePrompt) prompt_started_ = now;
  show(s);
  speak_screen();
}

void KioskFlow::speak_screen() {
  auto clips = screen_speech();
  if (clips.empty())
    effects_.stop_audio = true;
  else
    effects_.speak = std::move(clips);
}

std::vector<Clip> KioskFlow::screen_speech() const {
  if (!content_) return {};
  return unit(screen_).speech(*this);
}

void KioskFlow::ask_stop(double now) {
  return_to_ = screen_;
  go(Screen::StopConfirm, now);
}

void KioskFlow::fail_storage(const std::string& what) {
  log::error("storage", what);
  out_of_order_reason_ = what;
  session_.reset();
  answers_.clear();
  position_ = 0;
  show(Screen::OutOfOrder);
  speak_screen();
}

void KioskFlow::start_session(const std::string& locale, double now) {
  try {
    session_ = store_->start_session(locale, content_->id, content_->version);
    log::info("session", "started " + session_->uuid);
  } catch (const StoreError& e) {
    fail_storage(std::string("cannot start a session: ") + e.what());
    return;
  }
  answers_.clear();
  heard_.clear();  // a new person: every explanation is said again
  position_ = 0;
  go(Screen::Question, now);
}

void KioskFlow::start_follow_up(SessionRecord earlier, double now) {
  if (content_->locale(earlier.locale)) locale_ = earlier.locale;
  try {
    session_ = store_->start_session(locale_, content_->id, content_->version, earlier.code);
    store_->set_follow_up_of(*session_, earlier.uuid);
  } catch (const StoreError& e) {
    fail_storage(std::string("cannot start a follow-up: ") + e.what());
    return;
  }
  log::info("session", "follow-up " + session_->uuid + " of " + earlier.uuid);
  // "Which of your steps did you take?": the actions of the earlier plan, and "none".
  follow_up_item_ = Item{};
  follow_up_item_.id = "steps";
  follow_up_item_.module_id = "followup";
  follow_up_item_.key = "followup.steps";
  follow_up_item_.picture = content_->ui_picture("returning");
  const Profile before = build_profile(*content_, earlier.latest_answers());
  for (const auto& [action, when] : before.plan)
    for (const auto& m : content_->modules)
      for (const auto& i : m.items)
        for (const auto& o : i.options)
          if (o.tags.count("action") && o.tags.at("action") == action) follow_up_item_.options.push_back(o);
  if (!follow_up_item_.options.empty()) {
    Option none;
    none.id = "none";
    none.picture = content_->ui_picture("none");
    none.text_key = "followup.none";
    none.exclusive = true;
    follow_up_item_.options.push_back(none);
  }
  follow_up_item_.max_choices = static_cast<int>(follow_up_item_.options.size());
  earlier_ = std::move(earlier);
  answers_.clear();
  heard_.clear();  // a new person: every explanation is said again
  position_ = 0;
  go(Screen::Question, now);
}

void KioskFlow::reset_to_attract(SessionStatus end_status) {
  if (session_) {
    try {
      store_->end_session(*session_, end_status);
      log::info("session", std::string("ended ") + session_->uuid + " as " + to_string(end_status));
    } catch (const StoreError& e) {
      log::error("storage", std::string("cannot close session: ") + e.what());
    }
  }
  // Nothing of this participant may stay visible or audible for the next one.
  session_.reset();
  answers_.clear();
  position_ = 0;
  consent_.reset();
  earlier_.reset();
  follow_up_item_ = Item{};
  heard_.clear();  // the next person hears every explanation again
  for (const auto& u : screens_.units()) u->reset();
  locale_ = content_ ? starting_language(*content_, *config_) : config_->default_locale;
  reset_volume();  // the next person starts at the operator's level
  // A print still running finishes for nobody: what it reports goes to the operator status only.
  slip_state_ = slip_before_asked(*config_);
  show(Screen::Attract);
  effects_.speak.reset();
  effects_.stop_audio = true;
  speech_.clear();
  speech_at_ = -1;
}

void KioskFlow::leave_operator() {
  reset_to_attract(SessionStatus::Stopped);
  if (!out_of_order_reason_.empty()) show(Screen::OutOfOrder);
}

void KioskFlow::handle_operator_corner(double now) {
  corner_taps_.push_back(now);
  while (!corner_taps_.empty() && now - corner_taps_.front() > kCornerWindowS) corner_taps_.pop_front();
  if (static_cast<int>(corner_taps_.size()) >= kCornerTapsToOpen) {
    corner_taps_.clear();
    show(Screen::OperatorPin);
    last_input_ = now;
    effects_.stop_audio = true;
    log::info("operator", "PIN keypad opened");
  }
}

void KioskFlow::enroll_finished(const std::string& problem) {
  static_cast<OperatorEnrollScreen&>(unit(Screen::OperatorEnroll)).finished(*this, problem);
}

void KioskFlow::print_slip(double now) {
  if (slip_state_ != SlipState::Ready || !session_) return;
  log::info("print", "slip asked for on " + config_->printer);
  slip_state_ = SlipState::Printing;
  effects_.print_slip = true;
  hold_taps(now);
  effects_.speak = slip_speech(*this, false);
}

void KioskFlow::print_finished(const std::string& problem, double now) {
  if (slip_state_ != SlipState::Printing) return;  // the person left meanwhile
  slip_state_ = problem.empty() ? SlipState::Printed : SlipState::Failed;
  now_ = now;
  // The news is said where the person is, if still at their result; on the result a failure
  // takes them back to their code (the closing screen shows it too).
  if (!after_questions(screen_)) return;
  if (screen_ == Screen::Result && slip_state_ == SlipState::Failed)
    static_cast<ResultScreen&>(unit(Screen::Result)).show_code(*this);
  hold_taps(now);
  effects_.speak = slip_speech(*this, true);
}

void KioskFlow::tap(const std::string& id, double now) {
  now_ = now;
  last_input_ = now;
  const TapEvent tap = parse_tap(id);
  if (tap.is("operator-corner")) {  // the hidden corner counts its own taps: never held
    if (screen_ == Screen::Attract || screen_ == Screen::OutOfOrder) handle_operator_corner(now);
  } else if (now - opened_at_ < kTapHoldS) {
    log::info("input", std::string("tap ignored: ") + screen_id(screen_) + " opened " +
                           std::to_string(static_cast<int>((now - opened_at_) * 1000)) + " ms ago");
    return;
  } else if (tap.is("speak")) {
    listening_again_ = true;
    speak_screen();
    listening_again_ = false;
  } else if (tap.is("volume")) {
    if (!volume_screen()) return;
    volume_percent_ = next_participant_percent(volume_percent_, config_->volume_percent, config_->headphones);
    log::info("sound", "participant volume " + std::to_string(volume_percent_) + " %");
    effects_.volume_changed = true;
    effects_.speak = std::vector<Clip>{{locale_, "ui.volume.sample"}};  // heard at once, at the new level
  } else if (tap.is(kLanguageButtonId)) {
    // The language screen returns to this question, on its page, with the answers kept.
    if (language_button()) go(Screen::Language, now);
  } else {
    unit(screen_).tap(*this, tap, now);
    // The operator changed the level or the headphones: their sample and the next person use it.
    if (effects_.settings_changed) reset_volume();
  }
}

double KioskFlow::seconds_until_deadline(double now) const {
  if (participant_screen()) return std::max(0.0, idle_since() + config_->idle_timeout_s - now);
  if (screen_ == Screen::IdlePrompt) return std::max(0.0, prompt_started_ + config_->idle_prompt_s - now);
  if (staff_screen()) return std::max(0.0, last_input_ + config_->idle_timeout_s - now);
  return -1;
}

void KioskFlow::tick(double now) {
  now_ = now;
  if (participant_screen() && now - idle_since() >= config_->idle_timeout_s) {
    return_to_ = screen_ == Screen::StopConfirm ? return_to_ : screen_;
    go(Screen::IdlePrompt, now);
    log::info("session", "idle prompt");
  } else if (screen_ == Screen::IdlePrompt && now - prompt_started_ >= config_->idle_prompt_s) {
    log::info("session", "no answer to the idle prompt: back to the start");
    // Someone who saw their result and walked away did finish the check.
    reset_to_attract(after_questions(return_to_) ? SessionStatus::Finished : SessionStatus::Abandoned);
  } else if (staff_screen() && !unit(screen_).waiting() && now - last_input_ >= config_->idle_timeout_s) {
    leave_operator();  // an operator walked away: lock again
  }
}

ScreenModel KioskFlow::view(const Metrics& m) const {
  ScreenModel s = unit(screen_).view(*this, m);
  if (volume_screen() && content_) {
    add_volume_control(s, *this, m, volume_percent_);
    if (language_button()) add_language_button(s, *this, m);
    // A right-to-left language mirrors every participant screen here; operator screens stay.
    if (const LocaleCatalog* cat = content_->locale(locale_); cat && cat->rtl()) mirror_for_rtl(s, m, content_->mirror_rtl);
  }
  s.id = screen_id(screen_);
  s.locale = locale_;
  s.has_audio = !screen_speech().empty();
  s.opening = openings_;
  for (const auto& c : speech_) {
    s.speech.push_back(c.key);
    s.speech_locales.push_back(c.locale);
    s.speech_once.push_back(c.once);
  }
  s.speech_at = speech_at_;
  const std::string speaking = speaking_target();
  for (auto& t : s.targets)
    if (!speaking.empty() && t.id == speaking) t.speaking = true;
  return s;
}

std::string KioskFlow::speaking_target() const {
  if (speech_at_ < 0 || speech_at_ >= static_cast<int>(speech_.size())) return "";
  return speech_[speech_at_].target;
}

}  // namespace wk
