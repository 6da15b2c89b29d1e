// Issue 13's pure parts, headless: the framing rules on a raw request head, the linear and
// budgeted JSON parse, and account names tagged by organisation.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <chrono>

#include "budget_json.h"
#include "coach/account_names.h"
#include "front_door/request_head.h"

using namespace wk::server;
using nlohmann::json;

namespace {
std::optional<HeadRefusal> head(const std::string& headers) {
  return check_request_head("POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n", 4 * 1024 * 1024);
}
}  // namespace

TEST_CASE("a plain head passes; every ambiguous framing is refused with 400") {
  CHECK_FALSE(head("Content-Length: 12\r\n"));
  CHECK_FALSE(head("content-length:12\r\n"));
  CHECK_FALSE(head("Transfer-Encoding: chunked\r\n"));
  CHECK_FALSE(head("Content-Length: 2\r\nContent-Length: 2\r\n"));  // the same value twice is one length
  CHECK_FALSE(head(""));
  for (const char* bad : {"Content-Length: 2\r\nTransfer-Encoding: chunked\r\n", "Transfer-Encoding: CHUNKED\r\n",
                          "Transfer-Encoding:  chunked\r\n", "Transfer-Encoding: chunked \r\n",
                          "Transfer-Encoding: gzip, chunked\r\n", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
                          "Transfer-Encoding : chunked\r\n", "X-A: 1\r\n Transfer-Encoding: chunked\r\n",
                          "Content-Length: +2\r\n", "Content-Length:  2\r\n", "Content-Length: 2,2\r\n",
                          "Content-Length: 2;x\r\n", "Content-Length: -1\r\n", "Content-Length: \r\n",
                          "Content-Length: 2\r\nContent-Length: 3\r\n", "X-A: 1\nContent-Length: 2\r\n",
                          "X-A: 1\r\rContent-Length: 2\r\n"}) {
    INFO(bad);
    auto r = head(bad);
    REQUIRE(r);
    CHECK(r->status == 400);
  }
}

TEST_CASE("a Content-Length over the limit is 413, however long the number") {
  CHECK(head("Content-Length: 4194304\r\n") == std::nullopt);
  CHECK(head("Content-Length: 4194305\r\n")->status == 413);
  CHECK(head("Content-Length: 99999999999\r\n")->status == 413);
  CHECK(head("Content-Length: 99999999999999999999999999\r\n")->status == 413);
  CHECK(head("Content-Length: 00000000000000000000000012\r\n") == std::nullopt);
}

TEST_CASE("the head's end is the first CRLF CRLF") {
  size_t end = 0;
  CHECK_FALSE(find_head_end("GET / HTTP/1.1\r\nHost: x\r\n", end));
  REQUIRE(find_head_end("GET / HTTP/1.1\r\n\r\nbody", end));
  CHECK(end == 18);
}

TEST_CASE("JSON: duplicate keys found, nested keys are separate, the document is the same as nlohmann's") {
  json out;
  CHECK(parse_json_within(R"({"a":1,"b":{"a":2},"a":3})", budget_for_body(100), out).status == JsonParse::duplicate_key);
  CHECK(out.is_null());
  const std::string text = R"({"a":[1,2.5,"x",null,true,{"b":[]}],"c":{"d":{"e":"a longer string than fifteen"}}})";
  auto r = parse_json_within(text, budget_for_body(text.size()), out);
  CHECK(r.status == JsonParse::ok);
  CHECK(out == json::parse(text));
  CHECK(parse_json_within("[1,2", budget_for_body(10), out).status == JsonParse::invalid);
  CHECK(parse_json_within("", budget_for_body(10), out).status == JsonParse::invalid);
}

TEST_CASE("JSON: many tiny values pass the budget and are refused; deep nesting is refused") {
  std::string tiny = R"({"sessions":[)";
  for (int i = 0; i < 200000; ++i) tiny += i ? ",{}" : "{}";
  tiny += "]}";
  json out;
  auto r = parse_json_within(tiny, budget_for_body(tiny.size()), out);
  CHECK(r.status == JsonParse::over_budget);
  CHECK(r.estimated_bytes <= budget_for_body(tiny.size()).max_bytes + 256);
  std::string deep = std::string(100, '[') + std::string(100, ']');
  CHECK(parse_json_within(deep, budget_for_body(deep.size()), out).status == JsonParse::too_deep);
}

TEST_CASE("JSON: the duplicate-key check is linear (the callback parser took seconds here)") {
  std::string many = R"({"sessions":[)";
  for (int i = 0; i < 160000; ++i) many += i ? ",{}" : "{}";
  many += "]}";
  json out;
  const auto t0 = std::chrono::steady_clock::now();
  auto r = parse_json_within(many, JsonBudget{size_t(1) << 32}, out);  // no budget: the parse itself
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(r.status == JsonParse::ok);
  CHECK(out["sessions"].size() == 160000);
  CHECK(s < 1.0);  // 10.8 s with the callback parser on this machine; ~0.05 s here
  many = "{";
  for (int i = 0; i < 50000; ++i) many += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  many += ",\"k7\":2}";
  CHECK(parse_json_within(many, JsonBudget{size_t(1) << 32}, out).status == JsonParse::duplicate_key);
}

TEST_CASE("account names carry their organisation's tag") {
  const std::string a = "0f6f1f3e-1111-4111-8111-111111111111", b = "7c0e2b6a-2222-4222-8222-222222222222";
  const std::string ta = wk::coach::organisation_tag(a);
  CHECK(ta.size() == 5);
  CHECK(ta == wk::coach::organisation_tag(a));
  CHECK(ta != wk::coach::organisation_tag(b));
  CHECK(ta.find_first_not_of("abcdefghijkmnpqrstuvwxyz23456789") == std::string::npos);
  CHECK(wk::coach::account_name_in("anna", a) == "anna." + ta);
  CHECK(wk::coach::account_name_in("anna." + ta, a) == "anna." + ta);
  CHECK(wk::coach::account_name_in("anna", b) != wk::coach::account_name_in("anna", a));
}
