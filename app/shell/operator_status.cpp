#include "shell/operator_status.h"

namespace wk {

std::vector<std::string> operator_status_lines(const StatusFacts& f) {
  std::vector<std::string> lines;
  lines.push_back("Data: " + f.data_dir);
  if (f.sessions_stored) lines.push_back("Sessions stored: " + std::to_string(*f.sessions_stored));
  if (f.content) lines.push_back("Content: " + f.content->id + " " + f.content->version);
  lines.push_back(std::string("Audio: ") + (f.audio_on ? "on" : "no device (silent)"));
  lines.push_back("Screen: " + std::to_string(static_cast<int>(f.metrics.width)) + "x" +
                  std::to_string(static_cast<int>(f.metrics.height)) + " px, " + std::to_string(f.metrics.px_per_mm) +
                  " px/mm");
  if (f.sync) {
    const auto& st = *f.sync;
    if (!st.enrolled) {
      lines.push_back("Sync: not enrolled (werkcheck enroll --server URL --code CODE)");
    } else {
      lines.push_back(std::string("Sync: ") + (st.online ? "online" : "offline") + ", organisation " + st.organisation);
      lines.push_back("Last successful sync: " + (st.last_success.empty() ? std::string("never") : st.last_success));
    }
    lines.push_back("Pending: " + std::to_string(st.pending) + ", conflicts: " + std::to_string(st.conflicts));
    if (!st.content_ready.empty()) lines.push_back("Content update ready: " + st.content_ready);
    if (!st.last_error.empty()) lines.push_back("Sync problem: " + st.last_error);
  } else {
    lines.push_back("Sync: off (no server_url in kiosk.json)");
  }
  lines.push_back("Log: " + f.data_dir + "/werkcheck.log");
  return lines;
}

}  // namespace wk
