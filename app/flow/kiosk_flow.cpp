#include "flow/kiosk_flow.h"

#include <algorithm>

#include "platform/log.h"
#include "platform/random_ids.h"

namespace wk {

const char* screen_id(Screen s) {
  switch (s) {
    case Screen::Attract: return "attract";
    case Screen::CodeEntry: return "code_entry";
    case Screen::Language: return "language";
    case Screen::Question: return "question";
    case Screen::Result: return "result";
    case Screen::Consent: return "consent";
    case Screen::Closing: return "closing";
    case Screen::IdlePrompt: return "idle_prompt";
    case Screen::StopConfirm: return "stop_confirm";
    case Screen::OperatorPin: return "operator_pin";
    case Screen::OperatorMenu: return "operator_menu";
    case Screen::Credits: return "credits";
    case Screen::OperatorEnroll: return "operator_enroll";
    case Screen::OutOfOrder: return "out_of_order";
  }
  return "?";
}

KioskFlow::KioskFlow(const ContentPack* content, SessionStore* store, KioskConfig* config, std::string reason)
    : content_(content), store_(store), config_(config), out_of_order_reason_(std::move(reason)) {
  locale_ = config_->default_locale;
  if (content_) {
    if (!content_->locale(locale_)) locale_ = content_->source_locale;
  }
  if (!content_ && out_of_order_reason_.empty()) out_of_order_reason_ = "no content";
  if (!store_ && out_of_order_reason_.empty()) out_of_order_reason_ = "no database";
  screen_ = out_of_order_reason_.empty() ? Screen::Attract : Screen::OutOfOrder;
}

std::string KioskFlow::t(const std::string& key) const { return content_ ? content_->text(locale_, key) : key; }

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
  for (const auto& item : content_->modules[module].items)
    if (item.tags.count("behaviour")) return true;
  return false;
}

Profile KioskFlow::profile() const { return content_ ? build_profile(*content_, answers_) : Profile{}; }

std::vector<OccupationMatch> KioskFlow::suggestions() const {
  if (!content_) return {};
  MatchOptions options;
  options.region = config_->region;
  return suggested_occupations(*content_, profile(), options);
}

std::vector<KioskFlow::Page> KioskFlow::result_pages() const {
  std::vector<Page> pages;
  if (!content_) return pages;
  if (earlier_) return {{ResultPage::Compare}};
  const Profile p = profile();
  if (!content_->tag_values("riasec").empty()) pages.push_back({ResultPage::Interests});
  if (!content_->tag_values("skill").empty() || !content_->tag_values("value").empty())
    pages.push_back({ResultPage::Strengths});
  const int n = static_cast<int>(suggestions().size());
  for (int i = 0; i < n; ++i) pages.push_back({ResultPage::Occupation, i});
  if (!p.sector.empty() && !content_->occupations.empty()) pages.push_back({ResultPage::Transitions});
  if (!content_->stories.empty()) pages.push_back({ResultPage::Story});
  if (!content_->tag_values("action").empty()) pages.push_back({ResultPage::Plan});
  if (pages.empty()) pages.push_back({ResultPage::Answers});  // content without scoring tags: the answers back
  return pages;
}

bool KioskFlow::participant_screen() const {
  return screen_ == Screen::Language || screen_ == Screen::CodeEntry || screen_ == Screen::Question ||
         after_questions(screen_) || screen_ == Screen::StopConfirm;
}

Effects KioskFlow::take_effects() {
  Effects e = std::move(effects_);
  effects_ = {};
  return e;
}

void KioskFlow::go(Screen s, double now) {
  screen_ = s;
  last_input_ = now;
  if (s == Screen::IdlePrompt) prompt_started_ = now;
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
  std::vector<Clip> clips;
  if (!content_) return clips;
  auto say = [&](const std::string& key) { clips.push_back({locale_, key}); };
  switch (screen_) {
    case Screen::Attract:
      say("ui.attract.title");
      say("ui.attract.tap");
      break;
    case Screen::Language:
      for (const auto& cat : content_->locales) {
        clips.push_back({cat.code, "ui.language.choose"});
        clips.push_back({cat.code, "language.name"});
      }
      break;
    case Screen::CodeEntry:
      say(code_not_found_ ? "ui.code.not_found" : "ui.code.title");
      break;
    case Screen::Question:
      if (auto step = current_step(); step && step->module == kFollowUpModule) {
        say("followup.title");
        say(follow_up_item_.key);
        say("ui.question.pick_many");
      } else if (step) {
        const Module& mod = content_->modules[step->module];
        const Item& item = mod.items[step->item];
        // The first question of a part starts with the part's name: "Wat doe je graag?"
        if (step->item == 0) say(mod.title_key);
        if (!step->for_option.empty())
          if (const Item* of = content_->find_item(mod.id, item.of))
            for (const auto& o : of->options)
              if (o.id == step->for_option) say(o.text_key);
        say(item.key);
        say(item.max_choices > 1 ? "ui.question.pick_many" : "ui.question.pick_one");
      }
      break;
    case Screen::Result:
      clips = result_page_speech();
      break;
    case Screen::Consent:
      say("ui.closing.share_question");
      say("ui.closing.share_who");
      break;
    case Screen::Closing:
      say("ui.closing.title");
      say("ui.closing.code");
      if (session_)
        for (char c : session_->code) say(std::string("char.") + c);
      say("ui.closing.come_back");
      break;
    case Screen::IdlePrompt:
      say("ui.idle.question");
      say("ui.idle.continue");
      break;
    case Screen::StopConfirm:
      say("ui.stop.question");
      break;
    case Screen::OutOfOrder:
      for (const auto& cat : content_->locales) clips.push_back({cat.code, "ui.out_of_order"});
      break;
    case Screen::OperatorPin:
    case Screen::OperatorMenu:
    case Screen::Credits:
    case Screen::OperatorEnroll:
      break;  // staff screens are not spoken
  }
  return clips;
}

void KioskFlow::fail_storage(const std::string& what) {
  log::error("storage", what);
  out_of_order_reason_ = what;
  session_.reset();
  answers_.clear();
  position_ = 0;
  screen_ = Screen::OutOfOrder;
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
  result_page_ = 0;
  consent_.reset();
  typed_code_.clear();
  code_not_found_ = false;
  earlier_.reset();
  follow_up_item_ = Item{};
  pin_.clear();
  locale_ = (content_ && content_->locale(config_->default_locale)) ? config_->default_locale
                                                                      : (content_ ? content_->source_locale : "nl");
  screen_ = Screen::Attract;
  effects_.speak.reset();
  effects_.stop_audio = true;
}

void KioskFlow::choose_option(const std::string& option_id) {
  const auto step = current_step();
  const Item* item = current_item();
  if (!item || !step) return;
  const std::string key = item->answer_key(step->for_option);
  const Option* opt = nullptr;
  for (const auto& o : item->options)
    if (o.id == option_id) opt = &o;
  if (!opt) return;

  std::vector<std::string> chosen = answers_.count(key) ? answers_[key] : std::vector<std::string>{};
  if (item->max_choices == 1) {
    chosen = {opt->id};
  } else {
    auto it = std::find(chosen.begin(), chosen.end(), opt->id);
    if (it != chosen.end()) {
      chosen.erase(it);
    } else {
      if (opt->exclusive) {
        chosen.clear();
      } else {
        std::erase_if(chosen, [&](const std::string& id) {
          for (const auto& o : item->options)
            if (o.id == id) return o.exclusive;
          return false;
        });
      }
      if (static_cast<int>(chosen.size()) >= item->max_choices) chosen.erase(chosen.begin());
      chosen.push_back(opt->id);
    }
  }
  // Commit first: the screen only shows what is on disk.
  try {
    store_->record_answer(*session_, key, chosen);
  } catch (const StoreError& e) {
    fail_storage(std::string("cannot store an answer: ") + e.what());
    return;
  }
  log::info("answer", "committed " + session_->uuid + " " + key);
  answers_[key] = std::move(chosen);
  effects_.speak = std::vector<Clip>{{locale_, opt->text_key}};
}

void KioskFlow::handle_code_key(const std::string& key, double now) {
  if (key == "delete") {
    if (!typed_code_.empty()) typed_code_.pop_back();
    code_not_found_ = false;
    return;
  }
  if (key == "ok") {
    const std::string code = ids::normalise_code(typed_code_);
    std::optional<SessionRecord> earlier;
    if (!code.empty()) {
      try {
        earlier = store_->latest_finished_with_code(code);
      } catch (const StoreError& e) {
        fail_storage(std::string("cannot look up a code: ") + e.what());
        return;
      }
    }
    if (!earlier) {
      // Said and shown the same way for a mistyped code and one that is not on this kiosk.
      log::info("session", "follow-up code not found");
      code_not_found_ = true;
      typed_code_.clear();
      speak_screen();
      return;
    }
    start_follow_up(std::move(*earlier), now);
    return;
  }
  if (key.size() == 1 && typed_code_.size() < static_cast<size_t>(ids::kCodeLength)) {
    typed_code_ += key;
    code_not_found_ = false;
    effects_.speak = std::vector<Clip>{{locale_, "char." + key}};
  }
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
  position_ = 0;
  go(Screen::Question, now);
}

void KioskFlow::next(double now) {
  const auto step = current_step();
  const Item* item = current_item();
  if (!item || !step) return;
  const std::string key = item->answer_key(step->for_option);
  if (!answers_.count(key) || answers_[key].empty()) {
    try {
      store_->record_skip(*session_, key);
    } catch (const StoreError& e) {
      fail_storage(std::string("cannot store a skip: ") + e.what());
      return;
    }
  }
  if (position_ + 1 < static_cast<int>(steps().size())) {
    ++position_;
    go(Screen::Question, now);
    return;
  }
  // The session is closed as finished only when the person leaves the closing screen:
  // until then they may still go back and change an answer.
  result_page_ = 0;
  go(Screen::Result, now);
}

void KioskFlow::back(double now) {
  if (screen_ == Screen::Closing) {
    go(Screen::Consent, now);
  } else if (screen_ == Screen::Consent) {
    result_page_ = static_cast<int>(result_pages().size()) - 1;
    go(Screen::Result, now);
  } else if (screen_ == Screen::Result && result_page_ > 0) {
    --result_page_;
    go(Screen::Result, now);
  } else if (screen_ == Screen::Result) {
    position_ = static_cast<int>(steps().size()) - 1;
    go(Screen::Question, now);
  } else if (screen_ == Screen::Question && position_ > 0) {
    --position_;
    go(Screen::Question, now);
  } else if (screen_ == Screen::Question) {
    go(Screen::Language, now);
  } else if (screen_ == Screen::Language) {
    if (session_)
      go(Screen::Question, now);
    else
      reset_to_attract(SessionStatus::Stopped);
  }
}

void KioskFlow::handle_operator_corner(double now) {
  corner_taps_.push_back(now);
  while (!corner_taps_.empty() && now - corner_taps_.front() > kCornerWindowS) corner_taps_.pop_front();
  if (static_cast<int>(corner_taps_.size()) >= kCornerTapsToOpen) {
    corner_taps_.clear();
    pin_.clear();
    pin_wrong_shown_ = false;
    screen_ = Screen::OperatorPin;
    last_input_ = now;
    effects_.stop_audio = true;
    log::info("operator", "PIN keypad opened");
  }
}

void KioskFlow::handle_pin_key(const std::string& key, double now) {
  if (key == "cancel") {
    pin_.clear();
    screen_ = out_of_order_reason_.empty() ? Screen::Attract : Screen::OutOfOrder;
    return;
  }
  if (now < pin_locked_until_) return;
  if (key == "clear") {
    pin_.clear();
  } else if (key == "ok") {
    if (check_operator_pin(*config_, pin_)) {
      pin_failures_ = 0;
      screen_ = Screen::OperatorMenu;
      log::info("operator", "menu opened");
    } else {
      ++pin_failures_;
      pin_wrong_shown_ = true;
      log::warn("operator", "wrong PIN (" + std::to_string(pin_failures_) + ")");
      if (pin_failures_ >= kPinAttempts) {
        pin_locked_until_ = now + kPinLockS;
        pin_failures_ = 0;
      }
    }
    pin_.clear();
  } else if (key.size() == 1 && key[0] >= '0' && key[0] <= '9' && pin_.size() < 12) {
    pin_ += key;
    pin_wrong_shown_ = false;
  }
}

void KioskFlow::handle_operator(const std::string& id) {
  if (id == "op:exit") {
    log::info("operator", "exit");
    effects_.quit = true;
  } else if (id == "op:volume_down" || id == "op:volume_up") {
    int step = id == "op:volume_up" ? 10 : -10;
    config_->volume_percent = std::clamp(config_->volume_percent + step, 0, 100);
    effects_.settings_changed = true;
    effects_.speak = std::vector<Clip>{{locale_, "ui.attract.title"}};  // a sample at the new volume
  } else if (id == "op:language" && content_) {
    auto& cats = content_->locales;
    size_t i = 0;
    while (i < cats.size() && cats[i].code != config_->default_locale) ++i;
    config_->default_locale = cats[(i + 1) % cats.size()].code;
    locale_ = config_->default_locale;
    effects_.settings_changed = true;
  } else if (id == "op:credits") {
    screen_ = Screen::Credits;
  } else if (id == "op:enroll") {
    enroll_typed_.clear();
    enroll_message_.clear();
    screen_ = Screen::OperatorEnroll;
  } else if (id == "op:back") {
    if (screen_ == Screen::Credits || screen_ == Screen::OperatorEnroll)
      screen_ = Screen::OperatorMenu;
    else
      reset_to_attract(SessionStatus::Stopped);
    if (screen_ == Screen::Attract && !out_of_order_reason_.empty()) screen_ = Screen::OutOfOrder;
  }
}

// Enrollment codes are 12 letters from the server's alphabet, shown as ABCD-EFGH-JKLM.
void KioskFlow::handle_enroll_key(const std::string& key) {
  if (enroll_busy_) return;  // one attempt at a time
  if (key == "delete") {
    if (!enroll_typed_.empty()) enroll_typed_.pop_back();
  } else if (key == "ok") {
    if (enroll_typed_.size() != 12) return;
    enroll_busy_ = true;
    enroll_message_ = t("operator.enroll.busy");
    effects_.enroll_code = enroll_typed_.substr(0, 4) + "-" + enroll_typed_.substr(4, 4) + "-" + enroll_typed_.substr(8);
    log::info("operator", "enrolling with the server");
  } else if (key.size() == 1 && enroll_typed_.size() < 12) {
    enroll_typed_ += key;
    enroll_message_.clear();
  }
}

void KioskFlow::enroll_finished(const std::string& problem) {
  enroll_busy_ = false;
  enroll_message_ = problem.empty() ? t("operator.enroll.done") : problem;
  if (problem.empty()) enroll_typed_.clear();
}

void KioskFlow::tap(const std::string& id, double now) {
  last_input_ = now;
  if (id == "operator-corner") {
    if (screen_ == Screen::Attract || screen_ == Screen::OutOfOrder) handle_operator_corner(now);
    return;
  }
  if (id == "speak") {
    speak_screen();
    return;
  }
  // Back and stop work alike on every page of a running check (the language screen has its own).
  if (id == "nav:back" && (screen_ == Screen::Question || after_questions(screen_))) {
    back(now);
    return;
  }
  if (id == "nav:stop" && (screen_ == Screen::Question || screen_ == Screen::Result || screen_ == Screen::Consent)) {
    return_to_ = screen_;
    go(Screen::StopConfirm, now);
    return;
  }
  switch (screen_) {
    case Screen::CodeEntry:
      if (id.rfind("key:", 0) == 0)
        handle_code_key(id.substr(4), now);
      else if (id == "nav:back")
        reset_to_attract(SessionStatus::Stopped);
      break;
    case Screen::Attract:
      if (id == "returning") {
        typed_code_.clear();
        code_not_found_ = false;
        go(Screen::CodeEntry, now);
      } else if (id == "start") {
        // The welcome, then the language screen speaks its choices.
        go(Screen::Language, now);
        if (effects_.speak) effects_.speak->insert(effects_.speak->begin(), Clip{locale_, "ui.attract.title"});
      }
      break;
    case Screen::Language:
      if (id.rfind("lang:", 0) == 0 && content_->locale(id.substr(5))) {
        locale_ = id.substr(5);
        if (!session_) {
          start_session(locale_, now);
        } else {
          try {
            store_->set_locale(*session_, locale_);
          } catch (const StoreError& e) {
            fail_storage(std::string("cannot store the language: ") + e.what());
            return;
          }
          go(Screen::Question, now);
        }
      } else if (id == "nav:back") {
        back(now);
      } else if (id == "nav:stop") {
        if (session_) {
          return_to_ = screen_;
          go(Screen::StopConfirm, now);
        } else {
          reset_to_attract(SessionStatus::Stopped);
        }
      }
      break;
    case Screen::Question:
      if (id.rfind("answer:", 0) == 0)
        choose_option(id.substr(7));
      else if (id == "nav:next")
        next(now);
      break;
    case Screen::Result:
      if (id == "nav:next") {
        if (result_page_ + 1 < static_cast<int>(result_pages().size())) {
          ++result_page_;
          go(Screen::Result, now);
        } else {
          go(Screen::Consent, now);
        }
      }
      break;
    case Screen::Consent:
      if (id == "consent:yes" || id == "consent:no") {
        const bool yes = id == "consent:yes";
        try {
          store_->set_consent(*session_, yes);
        } catch (const StoreError& e) {
          fail_storage(std::string("cannot store the consent: ") + e.what());
          return;
        }
        consent_ = yes;
        log::info("session", std::string("consent to share with a coach: ") + (yes ? "yes" : "no"));
        effects_.speak = std::vector<Clip>{{locale_, yes ? "ui.closing.share_yes" : "ui.closing.share_no"}};
      } else if (id == "nav:next") {
        go(Screen::Closing, now);
      }
      break;
    case Screen::Closing:
      if (id == "done") {
        log::info("session", "finished " + session_->uuid);
        reset_to_attract(SessionStatus::Finished);
      }
      break;
    case Screen::StopConfirm:
      if (id == "stop:yes")
        // Someone who answered every question and stops while reading the result did finish.
        reset_to_attract(after_questions(return_to_) ? SessionStatus::Finished : SessionStatus::Stopped);
      else if (id == "stop:no")
        go(return_to_, now);
      break;
    case Screen::IdlePrompt:
      if (id == "idle:continue") go(return_to_, now);
      break;
    case Screen::OperatorPin:
      if (id.rfind("pin:", 0) == 0) handle_pin_key(id.substr(4), now);
      break;
    case Screen::OperatorMenu:
    case Screen::Credits:
      if (id.rfind("op:", 0) == 0) handle_operator(id);
      break;
    case Screen::OperatorEnroll:
      if (id.rfind("enroll:", 0) == 0)
        handle_enroll_key(id.substr(7));
      else if (id == "op:back" && !enroll_busy_)
        handle_operator(id);
      break;
    case Screen::OutOfOrder:
      break;
  }
}

double KioskFlow::seconds_until_deadline(double now) const {
  if (participant_screen()) return std::max(0.0, last_input_ + config_->idle_timeout_s - now);
  if (screen_ == Screen::IdlePrompt) return std::max(0.0, prompt_started_ + config_->idle_prompt_s - now);
  if (screen_ == Screen::OperatorPin || screen_ == Screen::OperatorMenu || screen_ == Screen::Credits ||
      screen_ == Screen::OperatorEnroll)
    return std::max(0.0, last_input_ + config_->idle_timeout_s - now);
  return -1;
}

void KioskFlow::tick(double now) {
  if (participant_screen() && now - last_input_ >= config_->idle_timeout_s) {
    return_to_ = screen_ == Screen::StopConfirm ? return_to_ : screen_;
    go(Screen::IdlePrompt, now);
    log::info("session", "idle prompt");
  } else if (screen_ == Screen::IdlePrompt && now - prompt_started_ >= config_->idle_prompt_s) {
    log::info("session", "no answer to the idle prompt: back to the start");
    // Someone who saw their result and walked away did finish the check.
    reset_to_attract(after_questions(return_to_) ? SessionStatus::Finished : SessionStatus::Abandoned);
  } else if ((screen_ == Screen::OperatorPin || screen_ == Screen::OperatorMenu || screen_ == Screen::Credits ||
              (screen_ == Screen::OperatorEnroll && !enroll_busy_)) &&
             now - last_input_ >= config_->idle_timeout_s) {
    reset_to_attract(SessionStatus::Stopped);  // an operator walked away: lock again
    if (!out_of_order_reason_.empty()) screen_ = Screen::OutOfOrder;
  }
}

ScreenModel KioskFlow::view(const Metrics& m) const {
  ScreenModel s;
  switch (screen_) {
    case Screen::Attract: s = view_attract(m); break;
    case Screen::CodeEntry: s = view_code_entry(m); break;
    case Screen::Language: s = view_language(m); break;
    case Screen::Question: s = view_question(m); break;
    case Screen::Result: s = view_result(m); break;
    case Screen::Consent: s = view_consent(m); break;
    case Screen::Closing: s = view_closing(m); break;
    case Screen::IdlePrompt: s = view_idle_prompt(m); break;
    case Screen::StopConfirm: s = view_stop_confirm(m); break;
    case Screen::OperatorPin: s = view_operator_pin(m); break;
    case Screen::OperatorMenu: s = view_operator_menu(m); break;
    case Screen::Credits: s = view_credits(m); break;
    case Screen::OperatorEnroll: s = view_operator_enroll(m); break;
    case Screen::OutOfOrder: s = view_out_of_order(m); break;
  }
  s.id = screen_id(screen_);
  s.locale = locale_;
  s.has_audio = !screen_speech().empty();
  return s;
}

}  // namespace wk
