#include "shell/data_dir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace wk {

DataDirLock::DataDirLock(const std::string& data_dir) {
  fd_ = ::open((data_dir + "/werkcheck.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0)
    problem_ = "cannot write the data directory " + data_dir + " (" + std::strerror(errno) + ")";
  else if (::flock(fd_, LOCK_EX | LOCK_NB) != 0)
    problem_ = "another werkcheck is already using " + data_dir;
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

}  // namespace wk
