#include "coach/kiosk_overview.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace wk::coach {

std::optional<std::time_t> parse_utc(const std::string& iso) {
  std::tm utc{};
  if (iso.size() < 19 || !strptime(iso.substr(0, 19).c_str(), "%Y-%m-%dT%H:%M:%S", &utc)) return std::nullopt;
  return timegm(&utc);
}

std::optional<std::string> manifest_version(const std::string& manifest_json) {
  auto m = nlohmann::json::parse(manifest_json, nullptr, false);
  if (!m.is_object() || !m.contains("version") || !m["version"].is_string()) return std::nullopt;
  return m["version"].get<std::string>();
}

std::vector<KioskStatus> kiosk_overview(std::vector<server::KioskInfo> kiosks,
                                        const std::optional<std::string>& published_version, int silent_days,
                                        std::time_t now) {
  std::vector<KioskStatus> out;
  for (auto& k : kiosks) {
    KioskStatus s;
    const auto since = parse_utc(k.last_heartbeat_at.value_or(k.enrolled_at));
    s.quiet_seconds = since ? std::max<long long>(0, now - *since) : 0;
    s.silent = s.quiet_seconds > static_cast<long long>(silent_days) * 86400;
    s.behind = published_version && k.content_version && *k.content_version != *published_version;
    s.kiosk = std::move(k);
    out.push_back(std::move(s));
  }
  // stable: otherwise the store's order (enrollment) stays.
  std::stable_sort(out.begin(), out.end(), [](const KioskStatus& a, const KioskStatus& b) {
    if (a.kiosk.revoked != b.kiosk.revoked) return b.kiosk.revoked;
    if (a.needs_look() != b.needs_look()) return a.needs_look();
    if (a.needs_look()) return a.quiet_seconds > b.quiet_seconds;
    return false;
  });
  return out;
}

}  // namespace wk::coach
