#pragma once
// One kiosk per data directory: a second one would interleave two people's sessions.
// An flock on <data>/werkcheck.lock, held until the object goes away (or the process ends).
#include <string>

namespace wk {

class DataDirLock {
 public:
  explicit DataDirLock(const std::string& data_dir);
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

  bool held() const { return problem_.empty(); }
  // Why the lock is not held, in words for the operator ("" when held).
  const std::string& problem() const { return problem_; }

 private:
  int fd_ = -1;
  std::string problem_;
};

}  // namespace wk
