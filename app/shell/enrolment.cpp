#include "shell/enrolment.h"

#include "sync/client/device.h"

namespace wk {

Enrolment::~Enrolment() { wait(); }

void Enrolment::wait() {
  if (thread_.joinable()) thread_.join();
}

bool Enrolment::start(const std::string& server_url, const std::string& code, const std::string& data_dir,
                      const std::string& ca_file, std::function<void()> wake) {
  if (thread_.joinable()) return false;
  thread_ = std::thread([this, server_url, code, data_dir, ca_file, wake = std::move(wake)] {
    sync::HttpOptions opt;
    opt.ca_file = ca_file;
    std::string problem = sync::enroll(server_url, code, data_dir, opt);
    {
      std::lock_guard lock(mu_);
      result_ = problem;
    }
    if (wake) wake();
  });
  return true;
}

std::optional<std::string> Enrolment::take_result() {
  std::lock_guard lock(mu_);
  if (!result_) return std::nullopt;
  if (thread_.joinable()) thread_.join();  // it has stored its result and is about to end
  return std::exchange(result_, std::nullopt);
}

}  // namespace wk
