#pragma once
// Where verified content updates come from: the sync client in the kiosk, a stand-in in tests.
#include <optional>
#include <string>

namespace wk {

class ContentUpdates {
 public:
  virtual ~ContentUpdates() = default;
  // A verified pack waiting to be switched to, between participants.
  virtual std::optional<std::string> ready_content_dir() const = 0;
  // The kiosk now runs on dir (or could not load it: ok false, and it is not offered again).
  virtual void content_switched(const std::string& dir, const std::string& version, bool ok,
                                const std::string& why) = 0;
};

}  // namespace wk
