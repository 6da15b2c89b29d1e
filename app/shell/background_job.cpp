#include "shell/background_job.h"

#include <utility>

namespace wk {

void BackgroundJob::wait() {
  if (thread_.joinable()) thread_.join();
}

bool BackgroundJob::start(std::function<std::string()> work, std::function<void()> wake) {
  if (thread_.joinable()) return false;
  thread_ = std::thread([this, work = std::move(work), wake = std::move(wake)] {
    std::string outcome = work();
    {
      std::lock_guard lock(mu_);
      result_ = std::move(outcome);
    }
    if (wake) wake();
  });
  return true;
}

std::optional<std::string> BackgroundJob::take_result() {
  std::lock_guard lock(mu_);
  if (!result_) return std::nullopt;
  if (thread_.joinable()) thread_.join();  // it has stored its result and is about to end
  return std::exchange(result_, std::nullopt);
}

}  // namespace wk
