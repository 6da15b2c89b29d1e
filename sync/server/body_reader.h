#pragma once
// Reading a request body through cpp-httplib's content reader, so that a size limit also
// holds after gzip decoding (httplib decodes Content-Encoding: gzip itself) and for chunked
// bodies. The API (JSON) and the coach pages (forms) read every body this way, each with its
// own limit and its own way of saying no.
#include <httplib.h>

#include <functional>
#include <string>

namespace wk::server {

enum class BodyRead { ok, too_big, unreadable };

// unreadable: broken gzip or cut off. A 413 that httplib already set counts as too big.
BodyRead read_body(const httplib::ContentReader& reader, const httplib::Response& res, size_t limit,
                   std::string& body);

// Reads a body up to `limit` bytes and drops it, keeping nothing: a refused request (a wrong
// token) still gets its answer, because closing a connection with unread bytes resets it and
// the client would see a network error instead of 401 or 403.
void discard_body(const httplib::ContentReader& reader, size_t limit);

// Runs `handle` with a reader that notes whether the body was read. When `handle` throws before
// reading it (the database could not be reached while a token or login was checked), the body
// is read and dropped first, as for a refused request, so that the answer the exception handler
// gives (503, 500) reaches the client; then the exception goes on.
void drop_body_on_throw(const httplib::ContentReader& reader, size_t limit,
                        const std::function<void(const httplib::ContentReader&)>& handle);

}  // namespace wk::server
