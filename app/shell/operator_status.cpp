#include "shell/operator_status.h"

namespace wk {

std::string fill_placeholders(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    const size_t close = open == std::string::npos ? std::string::npos : text.find('}', open);
    if (close == std::string::npos) break;
    out.append(text, i, open - i);
    auto it = values.find(text.substr(open + 1, close - open - 1));
    if (it != values.end())
      out += it->second;
    else
      out.append(text, open, close - open + 1);
    i = close + 1;
  }
  out.append(text, i);
  return out;
}

std::string builtin_status_word(const std::string& key) {
  static const std::map<std::string, std::string> words = {
      {"operator.status.data", "Gegevens: {dir}"},
      {"operator.status.sessions", "Opgeslagen sessies: {count}"},
      {"operator.status.content", "Inhoud: {id} {version}"},
      {"operator.status.audio_on", "Geluid: aan"},
      {"operator.status.audio_off", "Geluid: geen apparaat (stil)"},
      {"operator.status.screen", "Scherm: {width}x{height} px, {px_per_mm} px/mm"},
      {"operator.status.sync_off", "Sync: uit (geen server_url in kiosk.json)"},
      {"operator.status.sync_not_enrolled", "Sync: niet aangemeld (werkcheck enroll --server URL --code CODE)"},
      {"operator.status.sync_online", "Sync: online, organisatie {organisation}"},
      {"operator.status.sync_offline", "Sync: offline, organisatie {organisation}"},
      {"operator.status.last_sync", "Laatste geslaagde sync: {time}"},
      {"operator.status.last_sync_never", "Laatste geslaagde sync: nooit"},
      {"operator.status.pending", "Wachtend: {pending}, conflicten: {conflicts}"},
      {"operator.status.content_ready", "Inhoudsupdate klaar: {version}"},
      {"operator.status.sync_problem", "Syncprobleem: {problem}"},
      {"operator.status.log", "Logboek: {file}"},
  };
  auto it = words.find(key);
  return it == words.end() ? key : it->second;
}

std::vector<std::string> operator_status_lines(const StatusFacts& f, const StatusWords& words) {
  std::vector<std::string> lines;
  auto line = [&](const std::string& key, const std::map<std::string, std::string>& values = {}) {
    lines.push_back(fill_placeholders(words("operator.status." + key), values));
  };
  line("data", {{"dir", f.data_dir}});
  if (f.sessions_stored) line("sessions", {{"count", std::to_string(*f.sessions_stored)}});
  if (f.content) line("content", {{"id", f.content->id}, {"version", f.content->version}});
  line(f.audio_on ? "audio_on" : "audio_off");
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
  line("log", {{"file", f.data_dir + "/werkcheck.log"}});
  return lines;
}

}  // namespace wk
