#include "test_support.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "platform/log.h"

#ifndef WERKCHECK_SOURCE_DIR
#error "WERKCHECK_SOURCE_DIR must be defined by the build"
#endif
#ifndef WERKCHECK_CONTENT_PACK
#error "WERKCHECK_CONTENT_PACK must be defined by the build"
#endif

namespace fs = std::filesystem;

namespace wktest {

namespace {
// The kiosk logs every event to stderr; the tests would drown in it.
const bool g_quiet = [] {
  wk::log::set_quiet(true);
  return true;
}();
}  // namespace

TempDir::TempDir() {
  (void)g_quiet;
  std::string templ = "/tmp/werkcheck-test-XXXXXX";
  if (!::mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  // A test may have taken permissions away; give them back so everything can go.
  for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(path_, ec);
}

std::string source_dir() { return WERKCHECK_SOURCE_DIR; }
std::string built_pack_dir() { return WERKCHECK_CONTENT_PACK; }

std::string copy_content_pack(const TempDir& dir) {
  const std::string to = dir.path() + "/content";
  if (!fs::exists(built_pack_dir() + "/check.json"))
    throw std::runtime_error("no built content pack at " + built_pack_dir() + " (build the content_pack target)");
  fs::copy(built_pack_dir(), to, fs::copy_options::recursive);
  return to;
}

const wk::ContentPack& built_pack() {
  static const wk::ContentPack pack = [] {
    auto load = wk::load_content_pack(built_pack_dir());
    if (!load.pack) throw std::runtime_error("built content pack does not load: " + load.error);
    return std::move(*load.pack);
  }();
  return pack;
}

void write_file(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << contents;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void replace_in_file(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = read_file(path);
  auto pos = text.find(from);
  if (pos == std::string::npos) throw std::runtime_error(path + " does not contain: " + from);
  text.replace(pos, from.size(), to);
  write_file(path, text);
}

void remove_file(const std::string& path) {
  if (!fs::remove(path)) throw std::runtime_error("cannot remove " + path + " (not there?)");
}

std::string join_lines(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += s + "\n";
  return out;
}

bool any_contains(const std::vector<std::string>& list, const std::vector<std::string>& parts) {
  for (const auto& s : list) {
    bool all = true;
    for (const auto& p : parts)
      if (s.find(p) == std::string::npos) all = false;
    if (all) return true;
  }
  return false;
}

}  // namespace wktest
