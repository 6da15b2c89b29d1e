#include "sync/client/device.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "platform/files.h"

namespace wk::sync {

std::optional<std::string> base64_decode(const std::string& b64) {
  if (sodium_init() < 0) return std::nullopt;
  std::string out(b64.size(), '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), nullptr, &len,
                        &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != b64.data() + b64.size())
    return std::nullopt;
  out.resize(len);
  return out;
}

std::string base64_encode(const std::string& bytes) {
  if (sodium_init() < 0) return "";
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool write_private_file(const std::string& path, const std::string& data, std::string* error) {
  if (files::write_atomically(path, data, 0600)) return true;
  if (error) *error = "cannot save " + path + ": " + std::strerror(errno);
  return false;
}

std::optional<DeviceCredential> DeviceCredential::load(const std::string& data_dir, std::string* error) {
  auto text = files::read_all(path(data_dir));
  if (!text) {
    if (error) *error = "not enrolled (no " + path(data_dir) + ")";
    return std::nullopt;
  }
  try {
    auto j = nlohmann::json::parse(*text);
    DeviceCredential c;
    c.kiosk_id = j.at("kiosk_id").get<std::string>();
    c.device_token = j.at("device_token").get<std::string>();
    const auto& org = j.at("organisation");
    c.organisation_id = org.value("id", "");
    c.organisation_name = org.value("name", "");
    c.content_public_key = j.at("content_public_key").get<std::string>();
    if (c.device_token.empty()) throw std::runtime_error("empty device_token");
    return c;
  } catch (const std::exception& e) {
    if (error) *error = path(data_dir) + ": " + e.what();
    return std::nullopt;
  }
}

bool DeviceCredential::save(const std::string& data_dir, std::string* error) const {
  nlohmann::json j = {{"kiosk_id", kiosk_id},
                      {"device_token", device_token},
                      {"organisation", {{"id", organisation_id}, {"name", organisation_name}}},
                      {"content_public_key", content_public_key}};
  files::make_dirs(data_dir);
  return write_private_file(path(data_dir), j.dump(2) + "\n", error);
}

std::string enroll(const std::string& server_url, const std::string& code, const std::string& data_dir,
                   const HttpOptions& options) {
  if (server_url.empty()) return "no server URL";
  HttpRequest req;
  req.method = "POST";
  req.url = server_url + (server_url.back() == '/' ? "" : "/") + "api/v1/enroll";
  req.headers = {"Content-Type: application/json", "Accept: application/json"};
  req.body = nlohmann::json{{"enrollment_code", code}}.dump();
  HttpResponse r = http_send(req, options);
  if (r.status == 0) return "server not reached: " + r.error;
  if (!from_werkcheck_server(r.headers))
    return "HTTP " + std::to_string(r.status) + " from something that is not the werkcheck server";
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_discarded()) return "HTTP " + std::to_string(r.status) + " with a body that is not JSON";
  if (r.status != 200) {
    std::string what = "HTTP " + std::to_string(r.status);
    if (j.is_object() && j.contains("error") && j["error"].is_object())
      what += " " + j["error"].value("code", "") + ": " + j["error"].value("message", "");
    return what;
  }
  DeviceCredential c;
  try {
    c.kiosk_id = j.at("kiosk_id").get<std::string>();
    c.device_token = j.at("device_token").get<std::string>();
    c.organisation_id = j.at("organisation").at("id").get<std::string>();
    c.organisation_name = j.at("organisation").at("name").get<std::string>();
    c.content_public_key = j.at("content_public_key").get<std::string>();
  } catch (const std::exception& e) {
    return std::string("enrollment answer incomplete: ") + e.what();
  }
  if (c.device_token.size() != 64 || c.device_token.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
    return "enrollment answer has a malformed device_token";
  auto pk = base64_decode(c.content_public_key);
  if (!pk || pk->size() != crypto_sign_PUBLICKEYBYTES) return "enrollment answer has a malformed content_public_key";
  std::string err;
  if (!c.save(data_dir, &err)) return err;
  return "";
}

}  // namespace wk::sync
