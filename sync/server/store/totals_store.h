#pragma once
// What the anonymous organisation totals count: slim rows of every session of a period,
// shared or not, and the kiosk groups they can be narrowed to.
#include <string>
#include <vector>

namespace wk::server {

// session_json holds only {"uuid", "status", "follow_up_of", "answers"}: no code, no events.
struct SessionForTotals {
  std::string kiosk_id, kiosk_group, session_json, received_at;
};

class TotalsStore {
 public:
  virtual ~TotalsStore() = default;

  // Sessions of the organisation received in [from, to) (ISO dates/times, compared as text),
  // optionally only kiosks of one group ("" = all groups).
  virtual std::vector<SessionForTotals> sessions_for_totals(const std::string& organisation_id,
                                                            const std::string& group, const std::string& from,
                                                            const std::string& to) = 0;
  virtual std::vector<std::string> kiosk_groups(const std::string& organisation_id) = 0;  // distinct, sorted, non-empty
};

}  // namespace wk::server
