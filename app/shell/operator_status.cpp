#include "shell/operator_status.h"

#include <cstdio>

namespace wk {

namespace {
std::string megabytes(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}
}  // namespace

std::vector<std::string> operator_status_lines(const StatusFacts& f, const StatusWords& words) {
  std::vector<std::string> lines;
  auto line = [&](const std::string& key, const std::map<std::string, std::string>& values = {}) {
    lines.push_back(fill_placeholders(words("operator.status." + key), values));
  };
  line("data", {{"dir", f.data_dir}});
  if (f.sessions_stored) line("sessions", {{"count", std::to_string(*f.sessions_stored)}});
  if (f.content) line("content", {{"id", f.content->id}, {"version", f.content->version}});
  line(f.audio_on ? "audio_on" : "audio_off");
  if (f.clips_unreadable > 0)
    line("clip_problem", {{"count", std::to_string(f.clips_unreadable)},
                          {"problem", f.clip_problem.path + ": " + words(f.clip_problem.reason_key)}});
  // The printer before the technical lines: on a small screen the panel's end is cut off.
  if (f.printer.empty())
    line("printer_none");
  else
    line("printer", {{"queue", f.printer}, {"printed", std::to_string(f.slips_printed)}});
  if (!f.print_problem.empty()) line("print_problem", {{"problem", f.print_problem}});
  line("screen", {{"width", std::to_string(static_cast<int>(f.metrics.width))},
                  {"height", std::to_string(static_cast<int>(f.metrics.height))},
                  {"px_per_mm", std::to_string(f.metrics.px_per_mm)}});
  if (f.sync) {
    const auto& st = *f.sync;
    if (!st.enrolled) {
      line("sync_not_enrolled");
    } else {
      line(st.online ? "sync_online" : "sync_offline", {{"organisation", st.organisation}});
      if (st.last_success.empty())
        line("last_sync_never");
      else
        line("last_sync", {{"time", st.last_success}});
    }
    line("pending", {{"pending", std::to_string(st.pending)}, {"conflicts", std::to_string(st.conflicts)}});
    if (!st.content_ready.empty()) line("content_ready", {{"version", st.content_ready}});
    if (!st.last_error.empty()) line("sync_problem", {{"problem", st.last_error}});
  } else {
    line("sync_off");
  }
  for (const auto& v : f.voices)
    line("voices", {{"lang", v.locale}, {"recorded", std::to_string(v.recorded)},
                    {"generated", std::to_string(v.generated)}, {"missing", std::to_string(v.missing)}});
  if (f.pictures && f.clips)
    line("caches", {{"pictures", megabytes(f.pictures->bytes)}, {"pictures_budget", megabytes(f.pictures->budget)},
                    {"clips", megabytes(f.clips->bytes)}, {"clips_budget", megabytes(f.clips->budget)}});
  line("log", {{"file", f.data_dir + "/werkcheck.log"}});
  return lines;
}

}  // namespace wk
