// Sync client, protocol side: only an explicit, recognisable answer of the werkcheck server
// counts as success; backoff with full jitter; Retry-After; gzip bodies.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sync/client/protocol.h"

using namespace wk::sync;

namespace {
const Headers kOurs = {{"x-werkcheck-server", "1"}, {"content-type", "application/json"}};
const std::vector<std::string> kSent = {"u1", "u2", "u3"};
}  // namespace

TEST_CASE("sync protocol: a 200 that is not from the werkcheck server is not success") {
  auto r = classify_upload(200, {{"content-type", "text/html"}},
                           "<html><body>Welcome to Hotel Wi-Fi, please log in</body></html>", kSent, 0);
  CHECK(r.outcome == UploadOutcome::RetryLater);
  // Even a JSON body that looks right does not count without the header.
  r = classify_upload(200, {{"content-type", "application/json"}},
                      R"({"results":[{"uuid":"u1","status":"stored"},{"uuid":"u2","status":"stored"},{"uuid":"u3","status":"stored"}]})",
                      kSent, 0);
  CHECK(r.outcome == UploadOutcome::RetryLater);
  // Header present, but an HTML page or garbage as body.
  CHECK(classify_upload(200, kOurs, "<html></html>", kSent, 0).outcome == UploadOutcome::RetryLater);
  CHECK(classify_upload(200, kOurs, "", kSent, 0).outcome == UploadOutcome::RetryLater);
  CHECK(classify_upload(200, {{"x-werkcheck-server", "0"}}, R"({"results":[]})", {}, 0).outcome ==
        UploadOutcome::RetryLater);
}

TEST_CASE("sync protocol: a 200 that does not confirm every uuid sent is not success") {
  auto r = classify_upload(200, kOurs, R"({"results":[{"uuid":"u1","status":"stored"},{"uuid":"u2","status":"duplicate"}]})",
                           kSent, 0);
  CHECK(r.outcome == UploadOutcome::RetryLater);
  CHECK(r.detail.find("u3") != std::string::npos);
  r = classify_upload(200, kOurs,
                      R"({"results":[{"uuid":"u1","status":"stored"},{"uuid":"u2","status":"stored"},{"uuid":"u3","status":"failed"}]})",
                      kSent, 0);
  CHECK(r.outcome == UploadOutcome::RetryLater);
  CHECK(classify_upload(200, kOurs, R"({"ok":true})", kSent, 0).outcome == UploadOutcome::RetryLater);
  CHECK(classify_upload(200, kOurs, R"({"results":{"u1":"stored"}})", kSent, 0).outcome == UploadOutcome::RetryLater);
}

TEST_CASE("sync protocol: stored and duplicate for every uuid is success") {
  auto r = classify_upload(
      200, kOurs,
      R"({"results":[{"uuid":"u3","status":"stored"},{"uuid":"u1","status":"duplicate"},{"uuid":"u2","status":"stored"}]})",
      kSent, 0);
  CHECK(r.outcome == UploadOutcome::Success);
  CHECK(classify_upload(200, {{"x-werkcheck-server", " 1\r\n"}}, R"({"results":[{"uuid":"u1","status":"stored"}]})",
                        {"u1"}, 0)
            .outcome == UploadOutcome::Success);
}

TEST_CASE("sync protocol: 409 names the conflicting uuids; other answers retry or back off long") {
  auto r = classify_upload(409, kOurs, R"({"error":{"code":"conflict","message":"different content","uuids":["u2"]}})",
                           kSent, 0);
  CHECK(r.outcome == UploadOutcome::Conflict);
  CHECK(r.conflicts == std::vector<std::string>{"u2"});
  // A 409 naming a uuid we did not send is not believed.
  CHECK(classify_upload(409, kOurs, R"({"error":{"code":"conflict","uuids":["zz"]}})", kSent, 0).outcome ==
        UploadOutcome::RetryLater);
  CHECK(classify_upload(409, {}, R"({"error":{"code":"conflict","uuids":["u2"]}})", kSent, 0).outcome ==
        UploadOutcome::RetryLater);
  CHECK(classify_upload(500, kOurs, R"({"error":{"code":"internal","message":"x"}})", kSent, 0).outcome ==
        UploadOutcome::RetryLater);
  CHECK(classify_upload(502, {{"content-type", "text/html"}}, "Bad Gateway", kSent, 0).outcome == UploadOutcome::RetryLater);
  CHECK(classify_upload(408, kOurs, R"({"error":{"code":"timeout"}})", kSent, 0).outcome == UploadOutcome::RetryLater);
  auto busy = classify_upload(429, {{"x-werkcheck-server", "1"}, {"retry-after", "120"}}, R"({"error":{"code":"busy"}})", kSent, 0);
  CHECK(busy.outcome == UploadOutcome::RetryLater);
  REQUIRE(busy.retry_after_s);
  CHECK(*busy.retry_after_s == doctest::Approx(120));
  CHECK(classify_upload(400, kOurs, R"({"error":{"code":"bad_field","message":"sessions[0].locale"}})", kSent, 0).outcome ==
        UploadOutcome::ClientError);
  CHECK(classify_upload(401, kOurs, R"({"error":{"code":"unauthorized"}})", kSent, 0).outcome == UploadOutcome::ClientError);
  CHECK(classify_upload(403, kOurs, R"({"error":{"code":"kiosk_revoked"}})", kSent, 0).outcome == UploadOutcome::ClientError);
  CHECK(classify_upload(0, {}, "", kSent, 0, "Couldn't connect to server").outcome == UploadOutcome::RetryLater);
  // The server's database unavailable (issue 15): retry no sooner than it says; the outbox stays.
  auto down = classify_upload(503, {{"x-werkcheck-server", "1"}, {"retry-after", "30"}},
                              R"({"error":{"code":"service_unavailable","message":"x"}})", kSent, 0);
  CHECK(down.outcome == UploadOutcome::RetryLater);
  REQUIRE(down.retry_after_s);
  CHECK(*down.retry_after_s == doctest::Approx(30));
}

TEST_CASE("sync protocol: Retry-After in seconds or as an HTTP date") {
  CHECK(!parse_retry_after({}, 0));
  CHECK(*parse_retry_after({{"retry-after", "30"}}, 0) == doctest::Approx(30));
  // Sun, 06 Nov 1994 08:49:37 GMT is 784111777.
  CHECK(*parse_retry_after({{"retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"}}, 784111777 - 90) == doctest::Approx(90));
  CHECK(*parse_retry_after({{"retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"}}, 784111777 + 90) == doctest::Approx(0));
  CHECK(!parse_retry_after({{"retry-after", "soon"}}, 0));
  CHECK(*parse_retry_after({{"retry-after", "99999999999"}}, 0) == doctest::Approx(kMaxRetryAfterS));
}

TEST_CASE("sync protocol: backoff doubles from 1 s to 15 min with full jitter, and honours Retry-After") {
  Backoff b(1, 900, 42);
  double expected_ceiling = 1;
  for (int i = 0; i < 20; ++i) {
    CHECK(b.ceiling() == doctest::Approx(std::min(900.0, expected_ceiling)));
    double d = b.next_delay();
    CHECK(d >= 0);
    CHECK(d <= std::min(900.0, expected_ceiling));
    expected_ceiling *= 2;
  }
  CHECK(b.ceiling() == doctest::Approx(900));
  // Full jitter: spread over the whole range, not clustered at the top.
  double lo = 1e9, hi = 0;
  for (int i = 0; i < 500; ++i) {
    double d = b.next_delay();
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  CHECK(lo < 90);
  CHECK(hi > 810);
  b.reset();
  CHECK(b.ceiling() == doctest::Approx(1));
  CHECK(b.next_delay(300.0) >= 300);  // the server asked for 300 s
  CHECK(b.next_delay(1e12) <= kMaxRetryAfterS);
}

TEST_CASE("sync protocol: gzip bodies round-trip") {
  std::string body = R"({"sessions":[)";
  for (int i = 0; i < 200; ++i) body += R"({"uuid":"x","answers":{"a.b":["c"]}},)";
  body += "{}]}";
  std::string z = gzip(body);
  CHECK(z.size() < body.size() / 5);
  CHECK(static_cast<unsigned char>(z[0]) == 0x1f);
  CHECK(static_cast<unsigned char>(z[1]) == 0x8b);
  CHECK(gunzip(z) == body);
}
