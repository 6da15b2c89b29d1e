#include "budget_json.h"

#include <vector>

namespace wk::server {

using nlohmann::json;

JsonBudget budget_for_body(size_t body_size) {
  return JsonBudget{std::max(kJsonBudgetFloor, body_size * kJsonBudgetFactor)};
}

namespace {

// What a value costs in memory (glibc malloc, libstdc++, 64-bit), rounded up so the estimate is
// not below the real thing: a json is 16 bytes; an object owns a heap std::map (48 + malloc
// overhead), each member a map node (32 node + 32 key string + 16 json + overhead); an array a
// heap std::vector, each slot 16 bytes, doubled for the vector's growth; a string a heap
// std::string (32 + overhead) plus its characters when they pass the small-string buffer.
constexpr size_t kValue = 16, kObject = 64, kMember = 96, kArray = 48, kSlot = 32, kString = 48;
size_t heap_chars(size_t n) { return n > 15 ? n + 1 + 16 : 0; }

class BudgetedDomBuilder {
 public:
  explicit BudgetedDomBuilder(const JsonBudget& budget, json& root) : budget_(budget), root_(root) {}

  bool null() { return add(json(nullptr), 0); }
  bool boolean(bool v) { return add(json(v), 0); }
  bool number_integer(json::number_integer_t v) { return add(json(v), 0); }
  bool number_unsigned(json::number_unsigned_t v) { return add(json(v), 0); }
  bool number_float(json::number_float_t v, const std::string&) { return add(json(v), 0); }
  bool string(json::string_t& v) {
    const size_t cost = kString + heap_chars(v.size());
    return add(json(std::move(v)), cost);
  }
  bool binary(json::binary_t&) { return fail(JsonParse::invalid, "binary values are not JSON"); }

  bool start_object(size_t) { return open(json::object(), kObject); }
  bool end_object() { return close(); }
  bool start_array(size_t) { return open(json::array(), kArray); }
  bool end_array() { return close(); }

  bool key(json::string_t& k) {
    json& object = *stack_.back();
    // The map itself is the set of keys seen so far: one O(log n) lookup per key.
    if (object.contains(k)) return fail(JsonParse::duplicate_key, k);
    if (!charge(kMember + heap_chars(k.size()))) return false;
    key_ = std::move(k);
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    if (result.status == JsonParse::ok) {
      result.status = JsonParse::invalid;
      result.detail = e.what();
    }
    return false;
  }

  JsonParseResult result;

 private:
  bool fail(JsonParse status, std::string detail) {
    if (result.status == JsonParse::ok) {
      result.status = status;
      result.detail = std::move(detail);
    }
    return false;
  }
  bool charge(size_t bytes) {
    result.estimated_bytes += bytes;
    if (result.estimated_bytes > budget_.max_bytes)
      return fail(JsonParse::over_budget, "the parsed body would take more than " +
                                              std::to_string(budget_.max_bytes) + " bytes of memory");
    return true;
  }
  // Puts `v` where the parser is: the root, the next array slot or the current key's member.
  json* place(json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();  // stays valid: the parent grows only after this child is closed
    }
    json& slot = parent[key_];
    slot = std::move(v);
    return &slot;
  }
  bool add(json&& v, size_t extra) {
    const bool in_array = !stack_.empty() && stack_.back()->is_array();
    if (!charge(kValue + extra + (in_array ? kSlot : 0))) return false;
    place(std::move(v));
    return true;
  }
  bool open(json&& container, size_t cost) {
    if (stack_.size() >= budget_.max_depth)
      return fail(JsonParse::too_deep, "objects and arrays are nested more than " +
                                           std::to_string(budget_.max_depth) + " deep");
    const bool in_array = !stack_.empty() && stack_.back()->is_array();
    if (!charge(kValue + cost + (in_array ? kSlot : 0))) return false;
    stack_.push_back(place(std::move(container)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  const JsonBudget& budget_;
  json& root_;
  std::vector<json*> stack_;
  std::string key_;
};

}  // namespace

JsonParseResult parse_json_within(const std::string& text, const JsonBudget& budget, json& out) {
  out = json();
  BudgetedDomBuilder builder(budget, out);
  bool ok = false;
  try {
    ok = json::sax_parse(text, &builder, json::input_format_t::json, true);
  } catch (const json::exception& e) {
    if (builder.result.status == JsonParse::ok) builder.result = {JsonParse::invalid, e.what(), 0};
  }
  if (!ok && builder.result.status == JsonParse::ok) builder.result.status = JsonParse::invalid;
  if (builder.result.status != JsonParse::ok) out = json();  // the partial document is freed here
  return builder.result;
}

}  // namespace wk::server
