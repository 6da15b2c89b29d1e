#pragma once
// One screen of the kiosk: what it shows, what its taps do, what it says, what it holds,
// and which words and pictures it needs from a content pack. Registered in screen_table.cpp.
#include <memory>
#include <string>
#include <vector>

#include "screens/layout.h"
#include "screens/screen_context.h"
#include "screens/screen_model.h"

namespace wk {

// How the idle timer treats a screen.
enum class Idle {
  None,         // the start screens: nothing to time
  Participant,  // someone is doing the check: ask "are you still there?" after the idle time
  Staff,        // an operator screen: lock again after the idle time
};

class ScreenUnit {
 public:
  virtual ~ScreenUnit() = default;
  virtual Screen id() const = 0;
  virtual Idle idle() const { return Idle::None; }
  // Result, consent and closing: every question was answered, so leaving finishes the check.
  virtual bool after_questions() const { return false; }
  // Waiting for the shell (enrollment): an operator's idle time does not lock it meanwhile.
  virtual bool waiting() const { return false; }

  // Arriving from another screen (not when the same screen is shown again).
  virtual void enter(ScreenContext&, Screen /*from*/) {}
  // The person left: nothing of theirs may stay.
  virtual void reset() {}
  virtual void tap(ScreenContext& ctx, const TapEvent& tap, double now) = 0;
  virtual std::vector<Clip> speech(const ScreenContext&) const { return {}; }  // the speaker button
  virtual ScreenModel view(const ScreenContext& ctx, const Metrics& m) const = 0;

  // Words and check.json picture roles this screen needs (the words may depend on the content).
  virtual std::vector<std::string> text_keys(const ContentPack&) const { return {}; }
  virtual std::vector<std::string> picture_roles() const { return {}; }
};

}  // namespace wk
