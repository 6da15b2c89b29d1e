#include <cmath>

#include "coach/kiosk_overview.h"
#include "coach/pages/pages.h"
#include "coach/result_view.h"
#include "coach/site/render.h"

namespace wk::coach {

using nlohmann::json;

namespace {

std::string with_n(std::string text, long long n) {
  if (auto at = text.find("{n}"); at != std::string::npos) text.replace(at, 3, std::to_string(n));
  return text;
}

// "3 dagen geleden", "5 uur geleden", "minder dan een uur geleden".
std::string ago(const Site& site, const std::string& lang, long long seconds) {
  if (seconds < 3600) return site.word(lang, "kiosks.ago_minutes");
  if (seconds < 86400) return with_n(site.word(lang, "kiosks.ago_hours"), seconds / 3600);
  const long long days = seconds / 86400;
  return with_n(site.word(lang, days == 1 ? "kiosks.ago_day" : "kiosks.ago_days"), days);
}

std::string disk(std::optional<int64_t> bytes) {
  if (!bytes) return "-";
  char buf[32];
  if (*bytes >= 1'000'000'000)
    snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(*bytes) / 1e9);
  else
    snprintf(buf, sizeof buf, "%lld MB", static_cast<long long>(std::llround(static_cast<double>(*bytes) / 1e6)));
  return buf;
}

}  // namespace

void KiosksPage::show(const Request& req, Response& res) {
  Visitor v = visit(site_, req);
  if (!require(site_, res, v, {"admin"})) return;
  const auto current = kiosks_.current_content();
  const std::optional<std::string> published = current ? manifest_version(current->manifest) : std::nullopt;
  const int days = site_.opt.silent_days;
  json rows = json::array();
  size_t needing = 0;
  for (const auto& s : kiosk_overview(kiosks_.kiosks_of(v.login->organisation_id), published, days, std::time(nullptr))) {
    const auto& k = s.kiosk;
    json marks = json::array();
    if (!k.revoked && s.silent)
      marks.push_back(with_n(site_.word(v.lang, k.last_heartbeat_at ? "kiosks.silent" : "kiosks.never_heard"), days));
    if (!k.revoked && s.behind) marks.push_back(site_.word(v.lang, "kiosks.behind"));
    needing += s.needs_look();
    std::string content = k.content_version.value_or("-");
    if (k.content_version && published)
      content += " (" + site_.word(v.lang, s.behind ? "kiosks.not_current" : "kiosks.current") + ")";
    rows.push_back({{"id", k.id},
                    {"short_id", k.id.substr(0, 8)},
                    {"group", k.group.empty() ? "-" : k.group},
                    {"needs_look", s.needs_look()},
                    {"revoked", k.revoked},
                    {"marks", marks},
                    {"heard", k.last_heartbeat_at.has_value()},
                    {"ago", ago(site_, v.lang, s.quiet_seconds)},
                    {"last_heartbeat_at", k.last_heartbeat_at ? display_time(*k.last_heartbeat_at) : ""},
                    {"app_version", k.app_version.value_or("-")},
                    {"content_version", content},
                    {"pending", k.pending ? std::to_string(*k.pending) : "-"},
                    {"free_disk", disk(k.free_disk_bytes)}});
  }
  json view = {{"kiosks", rows},
               {"summary", with_n(site_.word(v.lang, needing == 1 ? "kiosks.summary_one" : "kiosks.summary"),
                                  static_cast<long long>(needing))},
               {"rule", with_n(site_.word(v.lang, "kiosks.rule"), days)},
               {"published", published.value_or(site_.word(v.lang, "kiosks.none_published"))}};
  page(site_, res, 200, "kiosks", view, v);
}

}  // namespace wk::coach
