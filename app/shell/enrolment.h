#pragma once
// Enrolment from the operator keypad talks to the server: on its own thread, so the screen
// keeps answering. The result is picked up with take_result(); wake() tells the window.
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace wk {

class Enrolment {
 public:
  Enrolment() = default;
  ~Enrolment();
  Enrolment(const Enrolment&) = delete;
  Enrolment& operator=(const Enrolment&) = delete;

  // Starts enrolling unless one is still running; returns false when one is.
  bool start(const std::string& server_url, const std::string& code, const std::string& data_dir,
             const std::string& ca_file, std::function<void()> wake);
  // The finished enrolment's outcome: "" enrolled, else what went wrong; nullopt while none finished.
  std::optional<std::string> take_result();
  void wait();  // until a running enrolment ends

 private:
  std::thread thread_;
  std::mutex mu_;
  std::optional<std::string> result_;
};

}  // namespace wk
