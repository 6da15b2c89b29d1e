#include "platform/config.h"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "platform/files.h"

namespace wk {

std::optional<std::string> KioskConfig::load_file(const std::string& path) {
  auto text = files::read_all(path);
  if (!text) return std::nullopt;  // no file: defaults
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(*text);
  } catch (const std::exception& e) {
    return path + ": not valid JSON (" + e.what() + ")";
  }
  if (!j.is_object()) return path + ": must be a JSON object";
  try {
    auto num = [&](const char* key, double& out, double lo, double hi) {
      if (!j.contains(key)) return;
      double v = j.at(key).get<double>();
      if (v < lo || v > hi) throw std::runtime_error(std::string(key) + " out of range");
      out = v;
    };
    num("screen_width_mm", screen_width_mm, 0, 5000);
    num("screen_dpi", screen_dpi, 0, 1000);
    num("viewing_distance_cm", viewing_distance_cm, 20, 300);
    num("idle_timeout_s", idle_timeout_s, 5, 3600);
    num("idle_prompt_s", idle_prompt_s, 20, 600);
    double vol = volume_percent;
    num("volume_percent", vol, 0, 100);
    volume_percent = static_cast<int>(vol);
    if (j.contains("default_locale")) default_locale = j.at("default_locale").get<std::string>();
    if (j.contains("region")) region = j.at("region").get<std::string>();
    double retention = retention_days;
    num("retention_days", retention, 0, 3650);
    retention_days = static_cast<int>(retention);
    num("sync_interval_s", sync_interval_s, 1, 86400);
    num("sync_stall_timeout_s", sync_stall_timeout_s, 1, 600);
    if (j.contains("server_url")) server_url = j.at("server_url").get<std::string>();
    if (j.contains("ca_file")) ca_file = j.at("ca_file").get<std::string>();
    if (j.contains("operator_pin_hash")) operator_pin_hash = j.at("operator_pin_hash").get<std::string>();
  } catch (const std::exception& e) {
    return path + ": " + e.what();
  }
  return std::nullopt;
}

bool KioskConfig::save_operator_settings(const std::string& path) const {
  nlohmann::json j = nlohmann::json::object();
  if (auto text = files::read_all(path)) {
    try {
      j = nlohmann::json::parse(*text);
    } catch (...) {
      j = nlohmann::json::object();
    }
  }
  j["volume_percent"] = volume_percent;
  j["default_locale"] = default_locale;
  return files::write_atomically(path, j.dump(2) + "\n");
}

bool check_operator_pin(const KioskConfig& config, const std::string& pin) {
  if (config.operator_pin_hash.empty()) return pin == kDemoOperatorPin;
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(config.operator_pin_hash.c_str(), pin.c_str(), pin.size()) == 0;
}

std::string hash_operator_pin(const std::string& pin) {
  if (sodium_init() < 0) return "";
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, pin.c_str(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return "";
  return out;
}

}  // namespace wk
