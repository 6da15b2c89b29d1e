#pragma once
// The strict reading of a request head's framing (RFC 9112 section 6), before any body is read.
// A front proxy and this server must agree where a request ends; where they might not (both
// Content-Length and Transfer-Encoding, an oddly written or repeated length, a coding other
// than plain "chunked", bare CR or LF, folded lines) the request is refused with 400 and the
// connection closed, instead of guessing. A length over the limit is refused with 413 at once.
#include <httplib.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wk::server {

struct HeadRefusal {
  int status;           // 400, 413 or 431
  std::string code;     // for the JSON error body
  std::string message;  // plain English for the operator's log and the client
};

// `head` is the request line and headers, up to and including the blank line (CRLF CRLF).
std::optional<HeadRefusal> check_request_head(std::string_view head, size_t max_body);

// The same rules on headers httplib has already parsed (for TLS, where the raw head cannot be
// peeked): repeated or non-digit Content-Length, both framings, any coding but "chunked", header
// names with spaces. httplib trims the spaces around values, so " chunked" passes here; under
// TLS that is harmless: no HTTP proxy sits between the client and this server's TLS, and with
// one request per connection nothing can be smuggled behind a request.
std::optional<HeadRefusal> check_parsed_framing(const httplib::Headers& headers, size_t max_body);

// True when `head` ends a request head: the first CRLF CRLF. `end` is set past it.
bool find_head_end(std::string_view bytes, size_t& end);

}  // namespace wk::server
