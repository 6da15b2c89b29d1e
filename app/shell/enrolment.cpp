#include "shell/enrolment.h"

#include "sync/client/device.h"

namespace wk {

bool Enrolment::start(const std::string& server_url, const std::string& code, const std::string& data_dir,
                      const std::string& ca_file, std::function<void()> wake) {
  return job_.start(
      [server_url, code, data_dir, ca_file] {
        sync::HttpOptions opt;
        opt.ca_file = ca_file;
        return sync::enroll(server_url, code, data_dir, opt);
      },
      std::move(wake));
}

}  // namespace wk
