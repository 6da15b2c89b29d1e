#include "coach/account_names.h"

#include "server_util.h"

namespace wk::coach {

std::string organisation_tag(const std::string& organisation_id) {
  static const char* alphabet = "abcdefghijkmnpqrstuvwxyz23456789";  // no l, o, 0, 1
  const std::string hex = server::blake2b_hex("werkcheck organisation tag " + organisation_id);
  std::string tag;
  for (size_t i = 0; i < 5; ++i) tag += alphabet[std::stoi(hex.substr(i * 2, 2), nullptr, 16) % 32];
  return tag;
}

std::string account_name_in(const std::string& typed, const std::string& organisation_id) {
  const std::string suffix = "." + organisation_tag(organisation_id);
  if (typed.size() > suffix.size() && typed.compare(typed.size() - suffix.size(), suffix.size(), suffix) == 0)
    return typed;
  return typed + suffix;
}

}  // namespace wk::coach
