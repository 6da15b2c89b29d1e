#pragma once
// Parsing a request body into nlohmann::json in linear time and within a memory budget.
//
// nlohmann's callback parser (used before for the duplicate-key check) rescans siblings, so
// `{"sessions":[{},{},...]}` took seconds of CPU per 100 KiB; and a DOM of tiny values costs
// about 30 bytes of memory for each byte of input. This parser is nlohmann's own SAX parser with
// a DOM builder that (1) finds a duplicate key with one map lookup per key, (2) counts what the
// DOM will cost and stops when that passes the budget, and (3) stops past a maximum depth.
#include <nlohmann/json.hpp>
#include <string>

namespace wk::server {

struct JsonBudget {
  size_t max_bytes;       // the estimated memory of the parsed document may not pass this
  size_t max_depth = 64;  // objects and arrays nested deeper are refused
};

// The budget for a body of `body_size` bytes: 16 times the body, and at least 64 KiB. Measured
// (glibc, 64-bit): a real batch of 100 sessions, compact JSON, takes 8.6 times its size as a DOM
// (counted here at 9.8); `{"sessions":[{},{},...]}` would take 21 times (counted at 37) and is
// refused. So a 4 MiB body holds at most 64 MiB while it is parsed.
constexpr size_t kJsonBudgetFactor = 16;
constexpr size_t kJsonBudgetFloor = 64 * 1024;
JsonBudget budget_for_body(size_t body_size);

enum class JsonParse { ok, invalid, duplicate_key, over_budget, too_deep };

struct JsonParseResult {
  JsonParse status = JsonParse::ok;
  std::string detail;      // the parse error, or the duplicate key
  size_t estimated_bytes = 0;  // what the (partial) document was counted at
};

// Parses `text` into `out` (left null unless the result is ok).
JsonParseResult parse_json_within(const std::string& text, const JsonBudget& budget, nlohmann::json& out);

}  // namespace wk::server
