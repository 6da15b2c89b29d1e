#include "platform/random_ids.h"

#include <sodium.h>

#include <cctype>
#include <cstring>
#include <stdexcept>

namespace wk::ids {
namespace {
void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not initialise");
}
}  // namespace

std::string new_uuid() {
  ensure_sodium();
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;  // version 4
  b[8] = (b[8] & 0x3f) | 0x80;  // RFC 4122 variant
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[b[i] >> 4];
    out += hex[b[i] & 15];
  }
  return out;
}

std::string new_participant_code() {
  ensure_sodium();
  const uint32_t n = static_cast<uint32_t>(std::strlen(kCodeAlphabet));
  std::string code;
  for (int i = 0; i < kCodeLength; ++i) code += kCodeAlphabet[randombytes_uniform(n)];
  return code;
}

namespace {
bool all_in(const std::string& s, const char* alphabet) {
  for (char c : s)
    if (c == '\0' || !std::strchr(alphabet, c)) return false;
  return true;
}
}  // namespace

std::string normalise_code(const std::string& typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (out.size() == static_cast<size_t>(kCodeLength) && all_in(out, kCodeAlphabet)) return out;
  if (is_legacy_code(out)) return out;
  return "";
}

bool is_legacy_code(const std::string& code) {
  return code.size() == static_cast<size_t>(kLegacyCodeLength) && all_in(code, kLegacyCodeAlphabet);
}

std::vector<std::string> code_groups(const std::string& code) {
  if (code.size() == static_cast<size_t>(kLegacyCodeLength)) return {code.substr(0, 3), code.substr(3)};
  if (code.size() != static_cast<size_t>(kCodeLength)) return {code};
  std::vector<std::string> groups;
  size_t at = 0;
  for (int n : kCodeGroups) {
    groups.push_back(code.substr(at, n));
    at += n;
  }
  return groups;
}

std::string display_code(const std::string& code) {
  const auto groups = code_groups(code);
  const char* sep = code.size() == static_cast<size_t>(kLegacyCodeLength) ? "-" : " ";
  std::string out;
  for (const auto& g : groups) out += (out.empty() ? "" : sep) + g;
  return out;
}

}  // namespace wk::ids
