#pragma once
// What the shell must do after an event: play clips (replacing what plays), stop sound, quit.
#include <optional>
#include <string>
#include <vector>

namespace wk {

struct Clip {
  std::string locale;
  std::string key;  // empty: a pause (between the groups of a spoken code)
  bool operator==(const Clip&) const = default;
  static Clip pause() { return {}; }
  bool is_pause() const { return key.empty(); }
};

struct Effects {
  std::optional<std::vector<Clip>> speak;  // set: stop what plays and play these in order
  bool stop_audio = false;
  bool settings_changed = false;  // volume or default language: save and apply
  bool volume_changed = false;    // the participant's volume changed: apply it (not saved)
  std::optional<std::string> enroll_code;  // set: enroll this kiosk with the server (off the UI thread)
  bool quit = false;
};

}  // namespace wk
