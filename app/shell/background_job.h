#pragma once
// One piece of slow work at a time on its own thread (enrolling with the server, printing a
// slip), so the screen keeps answering. Its outcome is a text: "" when it went well, else what
// went wrong. The outcome is picked up with take_result(); wake() tells the window.
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace wk {

class BackgroundJob {
 public:
  BackgroundJob() = default;
  ~BackgroundJob() { wait(); }
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;

  // Starts work unless a job is still running (or its outcome not taken); returns whether it started.
  bool start(std::function<std::string()> work, std::function<void()> wake);
  // The finished job's outcome; nullopt while none finished.
  std::optional<std::string> take_result();
  void wait();  // until a running job ends

 private:
  std::thread thread_;
  std::mutex mu_;
  std::optional<std::string> result_;
};

}  // namespace wk
