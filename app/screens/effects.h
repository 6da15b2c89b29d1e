#pragma once
// What the shell must do after an event: play clips (replacing what plays), stop sound, quit.
#include <optional>
#include <string>
#include <vector>

namespace wk {

// One clip of a spoken sequence. While it plays, the target it belongs to (if any) is
// highlighted as "now speaking"; once it has started, its `once` tag (if any) counts as heard,
// so what is said only once (an explanation, an answer set) is left out the next time.
struct Clip {
  std::string locale;
  std::string key;  // empty: a pause (between the groups of a spoken code)
  std::string target = {};  // e.g. "answer:leuk", "nav:next", "speak"; empty: the screen as a whole
  std::string once = {};
  bool operator==(const Clip&) const = default;
  static Clip pause() { return {}; }
  bool is_pause() const { return key.empty(); }
};

struct Effects {
  std::optional<std::vector<Clip>> speak;  // set: stop what plays and play these in order
  bool stop_audio = false;
  bool settings_changed = false;  // volume or default language: save and apply
  bool volume_changed = false;    // the participant's volume changed: apply it (not saved)
  bool print_slip = false;  // print the participant's slip (off the UI thread); KioskFlow::slip() says what
  std::optional<std::string> enroll_code;  // set: enroll this kiosk with the server (off the UI thread)
  bool quit = false;
};

}  // namespace wk
