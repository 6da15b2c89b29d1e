// Sync client, content side: the manifest's Ed25519 signature against the pinned key, each
// file's sha256, the new pack written beside the old one and only then marked ready; a bad
// signature or hash leaves the pack in use untouched. Also the credential file's mode.
#include <doctest/doctest.h>

#include <fstream>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "sync/client/content_update.h"
#include "sync/client/device.h"
#include "test_support.h"

using namespace wk::sync;
using wktest::TempDir;
namespace fs = std::filesystem;

namespace {

struct Keys {
  std::string pk, sk;
  Keys() {
    REQUIRE(sodium_init() >= 0);
    pk.resize(crypto_sign_PUBLICKEYBYTES);
    sk.resize(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(pk.data()), reinterpret_cast<unsigned char*>(sk.data()));
  }
  std::string sign(const std::string& msg) const {
    std::string sig(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                         reinterpret_cast<const unsigned char*>(sk.data()));
    return sig;
  }
};

const std::map<std::string, std::string> kNewFiles = {
    {"check.json", R"({"id":"demo","version":"2"})"},
    {"modules/intake.json", R"({"items":["reden"]})"},
    {"audio/nl/welkom.ogg", std::string("OggS\0\1\2binary", 14)},
};

std::string manifest_for(const std::map<std::string, std::string>& files, const std::string& version = "2") {
  nlohmann::json j = {{"pack_id", "demo"}, {"version", version}, {"created_at", "2026-11-01T00:00:00Z"}};
  j["files"] = nlohmann::json::array();
  for (const auto& [path, data] : files)
    j["files"].push_back({{"path", path}, {"sha256", sha256_hex(data)}, {"size", data.size()}});
  return j.dump();
}

// The pack in use: version 1, whose check.json differs and whose intake module is the same.
std::string make_current(const TempDir& dir) {
  std::string cur = dir.file("bundled");
  fs::create_directories(cur + "/modules");
  wktest::write_file(cur + "/check.json", R"({"id":"demo","version":"1"})");
  wktest::write_file(cur + "/modules/intake.json", kNewFiles.at("modules/intake.json"));
  return cur;
}

std::map<std::string, std::string> snapshot(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = wktest::read_file(e.path().string());
  return out;
}

struct Server {
  std::map<std::string, std::string> files = kNewFiles;
  std::set<std::string> fetched;
  FileFetcher fetcher() {
    return [this](const std::string& path, std::string* err) -> std::optional<std::string> {
      fetched.insert(path);
      auto it = files.find(path);
      if (it == files.end()) {
        *err = "HTTP 404";
        return std::nullopt;
      }
      return it->second;
    };
  }
};

void check_refused_and_untouched(const TempDir& dir, const std::string& current,
                                 const std::map<std::string, std::string>& before) {
  ContentStore store{dir.path()};
  CHECK(!store.ready_dir());
  CHECK(!fs::exists(store.dir_for("2")));
  CHECK(!fs::exists(store.dir_for("2") + ".tmp"));
  CHECK(snapshot(current) == before);
}

}  // namespace

TEST_CASE("sync content: a good manifest verifies; a tampered manifest or signature is refused") {
  Keys keys, other;
  const std::string m = manifest_for(kNewFiles);
  std::string err;
  auto ok = verify_manifest(m, keys.sign(m), keys.pk, &err);
  REQUIRE(ok);
  CHECK(ok->version == "2");
  CHECK(ok->files.size() == 3);

  std::string tampered = m;
  tampered.replace(tampered.find("\"2\""), 3, "\"3\"");
  CHECK(!verify_manifest(tampered, keys.sign(m), keys.pk, &err));
  CHECK(err.find("signature") != std::string::npos);
  std::string bad_sig = keys.sign(m);
  bad_sig[5] ^= 0x01;
  CHECK(!verify_manifest(m, bad_sig, keys.pk, &err));
  CHECK(!verify_manifest(m, other.sign(m), keys.pk, &err));  // signed, but not by the pinned key
  CHECK(!verify_manifest(m, keys.sign(m).substr(1), keys.pk, &err));

  // Through the server's JSON shape (base64).
  nlohmann::json answer = {{"manifest", base64_encode(m)}, {"signature", base64_encode(keys.sign(m))}};
  CHECK(verify_manifest_response(answer.dump(), base64_encode(keys.pk), &err));
  answer["manifest"] = base64_encode(tampered);
  CHECK(!verify_manifest_response(answer.dump(), base64_encode(keys.pk), &err));
  CHECK(!verify_manifest_response("<html>login</html>", base64_encode(keys.pk), &err));

  // Correctly signed but unsafe: paths that leave the pack directory, a version that is not a name.
  for (std::string path : {"../escape.json", "/etc/passwd", "a//b", "modules/../../x"}) {
    std::string evil = manifest_for({{path, "x"}});
    CHECK_MESSAGE(!verify_manifest(evil, keys.sign(evil), keys.pk, &err), path);
  }
  for (std::string version : {"..", "../x", "2.tmp", "", "a/b"}) {
    std::string evil = manifest_for(kNewFiles, version);
    CHECK_MESSAGE(!verify_manifest(evil, keys.sign(evil), keys.pk, &err), version);
  }
}

TEST_CASE("sync content: a verified pack is written beside the old one, then marked ready") {
  TempDir dir;
  Keys keys;
  const std::string current = make_current(dir);
  const auto before = snapshot(current);
  const std::string mbytes = manifest_for(kNewFiles);
  std::string err;
  auto m = verify_manifest(mbytes, keys.sign(mbytes), keys.pk, &err);
  REQUIRE(m);
  Server server;
  ContentStore store{dir.path()};
  CHECK(install_pack(store, *m, current, server.fetcher()) == "");
  REQUIRE(store.ready_dir());
  CHECK(*store.ready_dir() == store.dir_for("2"));
  CHECK(snapshot(*store.ready_dir()) == kNewFiles);
  CHECK(!fs::exists(store.dir_for("2") + ".tmp"));
  // Only what changed was downloaded; the unchanged module came from the pack in use.
  CHECK(server.fetched == std::set<std::string>{"check.json", "audio/nl/welkom.ogg"});
  CHECK(snapshot(current) == before);
  // The kiosk switches: ready becomes current.
  CHECK(store.mark_current("2"));
  CHECK(!store.ready_dir());
  CHECK(*store.current_dir() == store.dir_for("2"));
}

TEST_CASE("sync content: at start, old packs and unfinished downloads go; the pack in use and the ready one stay") {
  TempDir dir;
  ContentStore store{dir.path()};
  for (const char* v : {"1", "2", "3", "4.tmp"}) {
    fs::create_directories(store.dir_for(v) + "/modules");
    std::ofstream(store.dir_for(v) + "/check.json") << "{}";
  }
  REQUIRE(store.mark_current("2"));
  REQUIRE(store.mark_ready("3"));
  CHECK(store.remove_unused_packs(store.dir_for("2")) == 2);
  CHECK(!fs::exists(store.dir_for("1")));
  CHECK(!fs::exists(store.dir_for("4.tmp")));
  CHECK(fs::exists(store.dir_for("2") + "/check.json"));
  CHECK(fs::exists(store.dir_for("3") + "/check.json"));
  CHECK(fs::exists(store.root() + "/current.json"));
  CHECK(fs::exists(store.root() + "/ready.json"));
  // The bundled pack in use (outside the store): every downloaded pack but the ready one goes.
  CHECK(store.remove_unused_packs(dir.path() + "/bundled") == 1);
  CHECK(!fs::exists(store.dir_for("2")));
  CHECK(fs::exists(store.dir_for("3")));
  // No content directory yet: nothing to do.
  ContentStore empty{dir.path() + "/nothing-here"};
  CHECK(empty.remove_unused_packs(dir.path()) == 0);
}

TEST_CASE("sync content: a file whose hash or size does not match is refused; the old content stays") {
  TempDir dir;
  Keys keys;
  const std::string current = make_current(dir);
  const auto before = snapshot(current);
  const std::string mbytes = manifest_for(kNewFiles);
  std::string err;
  auto m = verify_manifest(mbytes, keys.sign(mbytes), keys.pk, &err);
  REQUIRE(m);
  ContentStore store{dir.path()};

  Server tampered;
  tampered.files["check.json"] = R"({"id":"demo","version":"X"})";  // same size, other bytes
  std::string problem = install_pack(store, *m, current, tampered.fetcher());
  CHECK(problem.find("sha256") != std::string::npos);
  check_refused_and_untouched(dir, current, before);

  Server truncated;
  truncated.files["audio/nl/welkom.ogg"] = "OggS";
  CHECK(install_pack(store, *m, current, truncated.fetcher()).find("bytes") != std::string::npos);
  check_refused_and_untouched(dir, current, before);

  Server missing;
  missing.files.erase("audio/nl/welkom.ogg");
  CHECK(install_pack(store, *m, current, missing.fetcher()) != "");
  check_refused_and_untouched(dir, current, before);

  // A pack the kiosk cannot load is refused as well.
  Server good;
  CHECK(install_pack(store, *m, current, good.fetcher(),
                     [](const std::string&) -> std::optional<std::string> { return "modules/intake.json: bad"; }) != "");
  check_refused_and_untouched(dir, current, before);
}

TEST_CASE("sync device: the credential is written atomically, readable only by the kiosk's user") {
  TempDir dir;
  DeviceCredential c{"k-1", std::string(64, 'a'), "org-1", "Gemeente Enschede", base64_encode(std::string(32, 'k'))};
  std::string err;
  REQUIRE(c.save(dir.path(), &err));
  struct stat st {};
  REQUIRE(::stat(DeviceCredential::path(dir.path()).c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(!fs::exists(DeviceCredential::path(dir.path()) + ".tmp"));
  auto back = DeviceCredential::load(dir.path(), &err);
  REQUIRE(back);
  CHECK(back->device_token == c.device_token);
  CHECK(back->organisation_name == "Gemeente Enschede");
  TempDir empty;
  CHECK(!DeviceCredential::load(empty.path(), &err));
}
