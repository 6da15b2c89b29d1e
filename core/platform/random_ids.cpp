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

std::string normalise_code(const std::string& typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!std::strchr(kCodeAlphabet, u) || u == '\0') return "";
    out += u;
  }
  if (out.size() != static_cast<size_t>(kCodeLength)) return "";
  return out;
}

std::string display_code(const std::string& code) {
  if (code.size() != static_cast<size_t>(kCodeLength)) return code;
  return code.substr(0, 3) + "-" + code.substr(3);
}

}  // namespace wk::ids
