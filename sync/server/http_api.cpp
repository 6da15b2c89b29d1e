#include "http_api.h"

#include <malloc.h>

#include <chrono>
#include <semaphore>

#include "body_reader.h"
#include "coach/coach_auth.h"
#include "ops/metrics.h"
#include "store/store_unavailable.h"
#include "platform/random_ids.h"
#include "validate.h"

namespace wk::server {

using nlohmann::json;

namespace {

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                json extra = json::object()) {
  json err = {{"code", code}, {"message", message}};
  for (auto& [k, v] : extra.items()) err[k] = v;
  send_json(res, status, {{"error", err}});
}

// A body over the limit or unreadable gets the API's JSON error.
bool read_api_body(const httplib::ContentReader& reader, httplib::Response& res, std::string& body) {
  const BodyRead read = read_body(reader, res, kMaxBodyBytes, body);
  if (read == BodyRead::too_big)
    send_error(res, 413, "body_too_large", "the request body is over the limit of 4 MiB (after decompression)",
               {{"limit_bytes", kMaxBodyBytes}});
  else if (read == BodyRead::unreadable)
    send_error(res, 400, "unreadable_body", "the request body could not be read (broken gzip or cut off)");
  return read == BodyRead::ok;
}

// On every answer: it comes from werkcheck-server (a kiosk believes nothing else), never cached.
const httplib::Headers kDefaultHeaders = {{"X-Werkcheck-Server", "1"}, {"Cache-Control", "no-store"}};

// Large bodies are parsed two at a time (the machine's cores); others wait their turn. With
// the parse budget (budget_json.h: 16x the body) this caps the memory parsing can take at about
// 2 x (4 MiB + 64 MiB), whatever number of kiosks upload at once.
std::counting_semaphore<2> big_parses(2);
constexpr size_t kBigBody = 64 * 1024;

// glibc keeps freed memory in its arenas; after a large body the handler gives it back to the
// system, so that one big upload does not leave the server hundreds of MB larger.
struct ReturnMemoryAfter {
  bool large = false;
  ~ReturnMemoryAfter() {
    if (large) malloc_trim(0);
  }
};

bool read_json(const httplib::ContentReader& reader, httplib::Response& res, json& out, ReturnMemoryAfter& trim,
               size_t limit = kMaxBodyBytes) {
  std::string body;
  if (limit < kMaxBodyBytes) {
    const BodyRead read = read_body(reader, res, limit, body);
    if (read != BodyRead::ok) {
      if (read == BodyRead::too_big)
        send_error(res, 413, "body_too_large", "this request's body is over its limit of " + std::to_string(limit) + " bytes",
                   {{"limit_bytes", limit}});
      else
        send_error(res, 400, "unreadable_body", "the request body could not be read (broken gzip or cut off)");
      return false;
    }
  } else if (!read_api_body(reader, res, body)) {
    return false;
  }
  trim.large = body.size() > kBigBody;
  std::optional<BadInput> e;
  if (trim.large) {
    big_parses.acquire();
    e = parse_body(body, out);
    big_parses.release();
  } else {
    e = parse_body(body, out);
  }
  if (e) {
    send_error(res, e->code == "body_too_complex" ? 413 : 400, e->code, e->message);
    return false;
  }
  return true;
}

// Bearer token → kiosk, or an error answer (401 unknown, 403 revoked).
std::optional<KioskAuth> authenticate(KioskSyncStore& store, const httplib::Request& req, httplib::Response& res) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  std::string token = header.rfind(prefix, 0) == 0 ? header.substr(prefix.size()) : "";
  bool well_formed = token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
  std::optional<KioskAuth> kiosk = well_formed ? store.kiosk_by_token_hash(blake2b_hex(token)) : std::nullopt;
  if (!kiosk) {
    send_error(res, 401, "unauthorized",
               header.empty() ? "no device token: send Authorization: Bearer <device_token>" : "unknown device token");
    return std::nullopt;
  }
  if (kiosk->revoked) {
    send_error(res, 403, "kiosk_revoked", "this kiosk has been revoked; enroll it again with a new code");
    return std::nullopt;
  }
  return kiosk;
}

}  // namespace

void install_api(httplib::Server& svr, KioskSyncStore& store, LoginAttemptStore& attempts, const SigningKey& key,
                 std::function<bool(const httplib::Request&, httplib::Response&)> page_errors) {
  svr.set_default_headers(kDefaultHeaders);
  svr.set_payload_max_length(kMaxBodyBytes);

  // Enrollment codes are short enough to guess at scale: wrong codes are limited per address,
  // with the same sliding window as coach logins.
  auto enroll_throttle = std::make_shared<coach::LoginThrottle>(attempts, "enroll", 20, 20, std::chrono::minutes(15));
  svr.Post("/api/v1/enroll", [&store, &key, enroll_throttle](const httplib::Request& req, httplib::Response& res,
                                                             const httplib::ContentReader& reader) {
    // Throttled before the body is read; the body is small (kMaxEnrollBodyBytes) before it is parsed.
    // The attempt counts as wrong from here on (begin_attempt), so parallel guesses check at most the limit.
    const auto now = coach::LoginThrottle::Clock::now();
    long wait = 0;
    drop_body_on_throw(reader, kMaxEnrollBodyBytes,
                       [&](auto&) { wait = enroll_throttle->begin_attempt("", req.remote_addr, now); });
    if (wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      return send_error(res, 429, "too_many_attempts",
                        "too many wrong enrollment codes from this address; try again later",
                        {{"retry_after_seconds", wait}});
    }
    ReturnMemoryAfter trim;
    json body;
    std::string code;
    std::optional<BadInput> bad;
    if (!read_json(reader, res, body, trim, kMaxEnrollBodyBytes) || (bad = check_enroll(body, code))) {
      enroll_throttle->attempt_passed("", req.remote_addr, now);  // no code was tried
      if (bad) send_error(res, 400, bad->code, bad->message);
      return;
    }
    std::string kiosk_id = ids::new_uuid();
    std::string token = random_token_hex(32);
    auto org = store.enroll(blake2b_hex(normalise_enrollment_code(code)), now_iso(), kiosk_id, blake2b_hex(token));
    if (!org) {
      log_event("warn", "enroll_refused", {{"remote", req.remote_addr}});
      return send_error(res, 403, "enrollment_code_invalid", "this enrollment code is unknown, already used or expired");
    }
    enroll_throttle->attempt_passed("", req.remote_addr, now);
    log_event("info", "kiosk_enrolled", {{"kiosk_id", kiosk_id}, {"organisation", org->id}});
    send_json(res, 200,
              {{"kiosk_id", kiosk_id},
               {"device_token", token},
               {"organisation", {{"id", org->id}, {"name", org->name}}},
               {"content_public_key", to_base64(key.public_key)}});
  });

  svr.Post("/api/v1/sessions", [&store](const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader& reader) {
    // The token is checked before the body is parsed: without a kiosk's token nothing is parsed.
    // The body is still read (and dropped) so that the kiosk gets its 401 or 403, not a reset.
    std::optional<KioskAuth> kiosk;
    drop_body_on_throw(reader, kMaxBodyBytes, [&](auto&) { kiosk = authenticate(store, req, res); });
    if (!kiosk) return discard_body(reader, kMaxBodyBytes);
    ReturnMemoryAfter trim;
    json body;
    if (!read_json(reader, res, body, trim)) return;
    std::vector<IncomingSession> sessions;
    if (auto e = check_sessions_batch(body, sessions)) return send_error(res, e->code == "too_many_sessions" ? 413 : 400, e->code, e->message);
    IngestResult r = store.ingest_sessions(kiosk->organisation_id, kiosk->kiosk_id, sessions, now_iso());
    if (r.conflict) {
      log_event("warn", "sessions_conflict", {{"kiosk_id", kiosk->kiosk_id}, {"uuids", r.conflicting_uuids}});
      metrics().sessions_conflicting(r.conflicting_uuids.size());
      return send_error(res, 409, "conflict",
                        "a session with this uuid is already stored with different content; nothing of this batch "
                        "was stored",
                        {{"uuids", r.conflicting_uuids}});
    }
    json results = json::array();
    size_t stored = 0;
    for (const auto& [uuid, status] : r.results) {
      results.push_back({{"uuid", uuid}, {"status", status}});
      if (status == "stored") ++stored;
    }
    metrics().sessions_received(stored, r.results.size() - stored);
    log_event("info", "sessions_received",
              {{"kiosk_id", kiosk->kiosk_id}, {"stored", stored}, {"duplicate", r.results.size() - stored}});
    send_json(res, 200, {{"results", results}});
  });

  svr.Get("/api/v1/content/manifest", [&store](const httplib::Request& req, httplib::Response& res) {
    if (!authenticate(store, req, res)) return;
    auto c = store.current_content();
    if (!c) return send_error(res, 404, "no_content", "no content pack has been published yet");
    send_json(res, 200, {{"manifest", to_base64(c->manifest)}, {"signature", to_base64(c->signature)}});
  });

  svr.Get(R"(/api/v1/content/files/(.+))", [&store](const httplib::Request& req, httplib::Response& res) {
    if (!authenticate(store, req, res)) return;
    const std::string path = req.matches[1];
    auto data = store.current_content_file(path);
    if (!data) return send_error(res, 404, "not_found", "'" + path + "' is not in the current content manifest");
    res.status = 200;
    res.set_content(std::move(*data), "application/octet-stream");
  });

  svr.Post("/api/v1/heartbeat", [&store](const httplib::Request& req, httplib::Response& res,
                                         const httplib::ContentReader& reader) {
    std::optional<KioskAuth> kiosk;  // before the body, as for sessions
    drop_body_on_throw(reader, kMaxHeartbeatBodyBytes, [&](auto&) { kiosk = authenticate(store, req, res); });
    if (!kiosk) return discard_body(reader, kMaxHeartbeatBodyBytes);
    ReturnMemoryAfter trim;
    json body;
    if (!read_json(reader, res, body, trim, kMaxHeartbeatBodyBytes)) return;
    Heartbeat hb;
    if (auto e = check_heartbeat(body, hb)) return send_error(res, 400, e->code, e->message);
    store.record_heartbeat(kiosk->kiosk_id, hb, now_iso());
    send_json(res, 200, {{"ok", true}});
  });

  // Anything httplib answers by itself (404 no route, 413, 400 bad request line) gets a JSON body.
  svr.set_error_handler(httplib::Server::HandlerWithResponse([page_errors](const httplib::Request& req,
                                                                         httplib::Response& res) {
    if (page_errors && page_errors(req, res)) return httplib::Server::HandlerResponse::Handled;
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    switch (res.status) {
      case 404:
        send_error(res, 404, "not_found", "no such endpoint: " + req.method + " " + req.path);
        break;
      case 405:
        send_error(res, 405, "method_not_allowed", "method not allowed: " + req.method + " " + req.path);
        break;
      case 413:
        send_error(res, 413, "body_too_large", "the request body is over the limit of 4 MiB",
                   {{"limit_bytes", kMaxBodyBytes}});
        break;
      case 415:
        send_error(res, 415, "unsupported_encoding", "only Content-Encoding: gzip is accepted");
        break;
      default:
        send_error(res, res.status, res.status >= 500 ? "server_error" : "bad_request",
                   "the request could not be handled (HTTP " + std::to_string(res.status) + ")");
    }
    return httplib::Server::HandlerResponse::Handled;
  }));

  // Every exception of a handler ends here. A database that cannot be reached (StoreUnavailable)
  // is 503 with Retry-After for every route: nothing of the request was stored, and a kiosk keeps
  // its outbox and comes back; the coach pages say so in a page (page_errors).
  svr.set_exception_handler([page_errors](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    bool unavailable = false;
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const StoreUnavailable& e) {
      what = e.what();
      unavailable = true;
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log_event(unavailable ? "warn" : "error", unavailable ? "store_unavailable" : "handler_exception",
              {{"path", req.path}, {"error", what}});
    res.status = unavailable ? 503 : 500;
    res.body.clear();
    res.headers.clear();
    for (const auto& [name, value] : kDefaultHeaders) res.set_header(name, value);  // cleared with the rest
    if (unavailable) res.set_header("Retry-After", std::to_string(kUnavailableRetryAfterS));
    if (page_errors && page_errors(req, res)) return;
    if (unavailable)
      return send_error(res, 503, "service_unavailable",
                        "the database cannot be reached just now; nothing of this request was stored; try again later",
                        {{"retry_after_seconds", kUnavailableRetryAfterS}});
    send_error(res, 500, "server_error", "the server could not handle this request; try again later");
  });

  svr.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    // A participant's code stays out of the log (the audit log records who opened which code).
    std::string path = req.path;
    const std::string participant = "/coach/participant/";
    if (path.rfind(participant, 0) == 0) {
      size_t end = path.find('/', participant.size());
      path = participant + "*" + (end == std::string::npos ? "" : path.substr(end));
    }
    log_event(res.status >= 500 ? "error" : (res.status >= 400 ? "warn" : "info"), "request",
              {{"method", req.method},
               {"path", path},
               {"status", res.status},
               {"remote", req.remote_addr},
               {"bytes_out", res.body.size()}});
  });
}

}  // namespace wk::server
