#pragma once
// Enrolment from the operator keypad talks to the server: on its own thread, so the screen
// keeps answering. The result is picked up with take_result(); wake() tells the window.
#include <functional>
#include <optional>
#include <string>

#include "shell/background_job.h"

namespace wk {

class Enrolment {
 public:
  // Starts enrolling unless one is still running; returns false when one is.
  bool start(const std::string& server_url, const std::string& code, const std::string& data_dir,
             const std::string& ca_file, std::function<void()> wake);
  // The finished enrolment's outcome: "" enrolled, else what went wrong; nullopt while none finished.
  std::optional<std::string> take_result() { return job_.take_result(); }
  void wait() { job_.wait(); }  // until a running enrolment ends

 private:
  BackgroundJob job_;
};

}  // namespace wk
