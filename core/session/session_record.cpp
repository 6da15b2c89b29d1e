#include "session/session_record.h"

namespace wk {

std::map<std::string, std::vector<std::string>> SessionRecord::latest_answers() const {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& e : events) out[e.item] = e.values;  // events are in order: the last one wins
  return out;
}

}  // namespace wk
