#include "settings/kiosk_settings.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "platform/files.h"

namespace wk {

namespace {

// Rewrites kiosk.json with change applied, keeping every other setting. An unreadable file
// counts as empty (callers that must not lose it have loaded it first).
bool update_file(const std::string& data_dir, const std::function<void(nlohmann::json&)>& change) {
  const std::string path = kiosk_settings_path(data_dir);
  nlohmann::json j = nlohmann::json::object();
  if (auto text = files::read_all(path)) {
    j = nlohmann::json::parse(*text, nullptr, false);
    if (!j.is_object()) j = nlohmann::json::object();
  }
  change(j);
  return files::write_atomically(path, j.dump(2) + "\n");
}

}  // namespace

std::string kiosk_settings_path(const std::string& data_dir) { return data_dir + "/kiosk.json"; }

bool KioskConfig::language_off(const std::string& code) const {
  return std::find(languages_off.begin(), languages_off.end(), code) != languages_off.end();
}

std::optional<std::string> load_kiosk_settings(KioskConfig& config) {
  const std::string path = kiosk_settings_path(config.data_dir);
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
    num("screen_width_mm", config.screen_width_mm, 0, 5000);
    num("screen_dpi", config.screen_dpi, 0, 1000);
    num("viewing_distance_cm", config.viewing_distance_cm, 20, 300);
    num("idle_timeout_s", config.idle_timeout_s, 5, 3600);
    num("idle_prompt_s", config.idle_prompt_s, 20, 600);
    double vol = config.volume_percent;
    num("volume_percent", vol, 0, 100);
    config.volume_percent = static_cast<int>(vol);
    if (j.contains("headphones")) {
      if (!j.at("headphones").is_boolean()) throw std::runtime_error("headphones must be true or false");
      config.headphones = j.at("headphones").get<bool>();
    }
    if (j.contains("default_locale")) config.default_locale = j.at("default_locale").get<std::string>();
    if (j.contains("languages_off")) {
      const auto& off = j.at("languages_off");
      if (!off.is_array()) throw std::runtime_error("languages_off must be a list of language codes, e.g. [\"tr\"]");
      config.languages_off.clear();
      for (const auto& code : off) {
        if (!code.is_string() || code.get<std::string>().empty())
          throw std::runtime_error("languages_off must be a list of language codes, e.g. [\"tr\"]");
        config.languages_off.push_back(code.get<std::string>());
      }
    }
    if (j.contains("region")) config.region = j.at("region").get<std::string>();
    double retention = config.retention_days;
    num("retention_days", retention, 0, 3650);
    config.retention_days = static_cast<int>(retention);
    num("sync_interval_s", config.sync_interval_s, 1, 86400);
    num("sync_stall_timeout_s", config.sync_stall_timeout_s, 1, 600);
    if (j.contains("server_url")) config.server_url = j.at("server_url").get<std::string>();
    if (j.contains("ca_file")) config.ca_file = j.at("ca_file").get<std::string>();
    if (j.contains("printer")) config.printer = j.at("printer").get<std::string>();
    if (j.contains("operator_pin_hash")) config.operator_pin_hash = j.at("operator_pin_hash").get<std::string>();
  } catch (const std::exception& e) {
    return path + ": " + e.what();
  }
  return std::nullopt;
}

std::optional<std::string> parse_setting_number(const std::string& flag, const std::string& text, double lo, double hi,
                                                double& out) {
  char* end = nullptr;
  double d = std::strtod(text.c_str(), &end);
  if (text.empty() || *end || !(d >= lo && d <= hi)) {
    std::ostringstream msg;
    msg << flag << " needs a number from " << lo << " to " << hi << ", not \"" << text << "\"";
    return msg.str();
  }
  out = d;
  return std::nullopt;
}

// The same ranges as kiosk.json: a typo must not make the kiosk unusable.
std::optional<std::string> apply_setting_flag(KioskConfig& config, const std::string& flag, const std::string& value) {
  if (flag == "--windowed") {
    config.windowed = true;
    return std::nullopt;
  }
  if (flag == "--size") {
    int w = 0, h = 0;
    if (std::sscanf(value.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240)
      return std::string("--size needs WIDTHxHEIGHT, e.g. 1280x800");
    config.window_width = w;
    config.window_height = h;
    return std::nullopt;
  }
  if (flag == "--screen-width-mm") return parse_setting_number(flag, value, 20, 5000, config.screen_width_mm);
  if (flag == "--dpi") return parse_setting_number(flag, value, 20, 1000, config.screen_dpi);
  if (flag == "--viewing-distance-cm") return parse_setting_number(flag, value, 20, 300, config.viewing_distance_cm);
  if (flag == "--idle-timeout") return parse_setting_number(flag, value, 5, 3600, config.idle_timeout_s);
  return "unknown option " + flag;
}

bool save_operator_settings(const KioskConfig& config) {
  return update_file(config.data_dir, [&](nlohmann::json& j) {
    j["volume_percent"] = config.volume_percent;
    j["headphones"] = config.headphones;
    j["default_locale"] = config.default_locale;
    j["languages_off"] = config.languages_off;
  });
}

std::optional<std::string> save_operator_pin_hash(const std::string& data_dir, const std::string& hash) {
  const std::string path = kiosk_settings_path(data_dir);
  // The PIN must not silently wipe a file it cannot read.
  if (auto text = files::read_all(path)) {
    try {
      const nlohmann::json readable = nlohmann::json::parse(*text);
    } catch (const std::exception& e) {
      return path + ": " + e.what();
    }
  }
  if (!update_file(data_dir, [&](nlohmann::json& j) { j["operator_pin_hash"] = hash; })) return "cannot write " + path;
  return std::nullopt;
}

bool save_server_url(const std::string& data_dir, const std::string& server_url) {
  return update_file(data_dir, [&](nlohmann::json& j) { j["server_url"] = server_url; });
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
