#include "platform/log.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <mutex>

namespace wk::log {
namespace {
std::mutex g_mutex;
int g_fd = -1;
bool g_quiet = false;

const char* level_name(Level l) {
  switch (l) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warn";
    case Level::Error: return "error";
  }
  return "?";
}

std::string timestamp() {
  using namespace std::chrono;
  auto now = system_clock::now();
  std::time_t t = system_clock::to_time_t(now);
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}
}  // namespace

void open_file(const std::string& path) {
  std::lock_guard lock(g_mutex);
  if (g_fd >= 0) ::close(g_fd);
  g_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
}

void set_quiet(bool quiet) { g_quiet = quiet; }

void write(Level level, std::string_view component, std::string_view message) {
  std::string line = timestamp();
  line += ' ';
  line += level_name(level);
  line += ' ';
  line += component;
  line += ": ";
  for (char c : message) line += (c == '\n') ? ' ' : c;
  line += '\n';
  std::lock_guard lock(g_mutex);
  if (!g_quiet) (void)!::write(2, line.data(), line.size());
  if (g_fd >= 0) (void)!::write(g_fd, line.data(), line.size());
}

}  // namespace wk::log
