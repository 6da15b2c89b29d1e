#include "front_door/request_head.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace wk::server {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

bool is_tchar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

HeadRefusal bad(std::string message) { return {400, "bad_framing", std::move(message)}; }

// The framing headers seen so far, checked the same way for raw and parsed heads.
struct Framing {
  std::optional<std::string> length;  // the first Content-Length value
  int transfer_encodings = 0;
  std::optional<HeadRefusal> refusal;

  void content_length(std::string_view v) {
    if (refusal) return;
    if (v.empty() || v.find_first_not_of("0123456789") != std::string_view::npos)
      refusal = bad("Content-Length must be plain digits, not '" + std::string(v.substr(0, 40)) + "'");
    else if (length && *length != v)
      refusal = bad("two different Content-Length headers");
    else
      length = std::string(v);
  }
  void transfer_encoding(std::string_view v) {
    if (refusal) return;
    if (++transfer_encodings > 1) refusal = bad("Transfer-Encoding appears more than once");
    // Only the one coding kiosks and proxies send, written exactly so.
    else if (v != "chunked") refusal = bad("Transfer-Encoding must be exactly 'chunked', not '" + std::string(v.substr(0, 40)) + "'");
  }
  std::optional<HeadRefusal> verdict(size_t max_body) const {
    if (refusal) return refusal;
    if (length && transfer_encodings)
      return bad("both Content-Length and Transfer-Encoding: the body's end would be ambiguous");
    if (length) {
      // Leading zeros are allowed; more than 19 digits is over any limit.
      std::string_view digits = *length;
      digits.remove_prefix(std::min(digits.find_first_not_of('0'), digits.size()));
      if (digits.size() > 19 || (!digits.empty() && std::stoull(std::string(digits)) > max_body))
        return HeadRefusal{413, "body_too_large",
                           "the request body is over the limit of " + std::to_string(max_body) + " bytes"};
    }
    return std::nullopt;
  }
};

}  // namespace

bool find_head_end(std::string_view bytes, size_t& end) {
  size_t at = bytes.find("\r\n\r\n");
  if (at == std::string_view::npos) return false;
  end = at + 4;
  return true;
}

std::optional<HeadRefusal> check_request_head(std::string_view head, size_t max_body) {
  // Every line ends in CRLF: a bare CR or LF is read differently by different parsers.
  for (size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '\n' && (i == 0 || head[i - 1] != '\r')) return bad("a line ends in a bare LF");
    if (head[i] == '\r' && (i + 1 >= head.size() || head[i + 1] != '\n')) return bad("a bare CR in the head");
    if (head[i] == '\0') return bad("a NUL byte in the head");
  }
  size_t pos = head.find("\r\n");
  if (pos == std::string_view::npos) return bad("no request line");
  pos += 2;
  Framing framing;
  while (pos < head.size()) {
    size_t end = head.find("\r\n", pos);
    std::string_view line = head.substr(pos, end - pos);
    pos = end + 2;
    if (line.empty()) break;  // the blank line that ends the head
    if (line[0] == ' ' || line[0] == '\t') return bad("a folded header line (obsolete line folding)");
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return bad("a header line without a name and a colon");
    std::string_view name = line.substr(0, colon);
    if (!std::all_of(name.begin(), name.end(), is_tchar))
      return bad("the header name '" + std::string(name.substr(0, 40)) + "' has a character names may not have");
    std::string_view value = line.substr(colon + 1);
    const bool framing_header = iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding");
    if (framing_header) {
      // One optional space after the colon, as every client writes it; nothing else around the value.
      if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
      if (iequals(name, "Content-Length"))
        framing.content_length(value);
      else
        framing.transfer_encoding(value);
    }
  }
  return framing.verdict(max_body);
}

std::optional<HeadRefusal> check_parsed_framing(const httplib::Headers& headers, size_t max_body) {
  Framing framing;
  for (const auto& [name, value] : headers) {
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_tchar))
      return bad("the header name '" + name.substr(0, 40) + "' has a character names may not have");
    if (iequals(name, "Content-Length")) framing.content_length(value);
    if (iequals(name, "Transfer-Encoding")) framing.transfer_encoding(value);
  }
  return framing.verdict(max_body);
}

}  // namespace wk::server
