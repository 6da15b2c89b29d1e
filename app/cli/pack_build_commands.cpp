// list-pictures and make-audio: the steps of scripts/build-content-pack.sh that need the pack loaded.
#include "cli/commands.h"

#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <iostream>
#include <set>

#include "content/content_history.h"
#include "content/content_pack.h"
#include "platform/files.h"
#include "screens/screen_table.h"

extern char** environ;

namespace wk {

namespace {
// Slower than espeak-ng's default 175 words per minute: easier to follow for new speakers.
constexpr const char* kWordsPerMinute = "140";

bool run_process(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return false;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

ContentPack load_or_report(const std::string& dir, const char* command) {
  auto load = load_content_pack(dir, kiosk_content_needs());
  if (!load.pack) {
    std::cerr << "werkcheck " << command << ": " << load.error << "\n";
    std::exit(1);
  }
  return std::move(*load.pack);
}
}  // namespace

int list_pictures_command(const CommandLine& cl) { return run_list_pictures(cl.content_dir, std::cout); }

int make_audio_command(const CommandLine& cl) {
  if (cl.recorded_dir.empty()) {
    std::cerr << "werkcheck make-audio: --recorded DIR is required\n";
    return 2;
  }
  return run_make_audio(cl.content_dir, cl.recorded_dir);
}

int run_list_pictures(const std::string& content_dir, std::ostream& out) {
  ContentPack pack = load_or_report(content_dir, "list-pictures");
  // Earlier versions' pictures too: the coach pages show old answers with the pictures they had.
  std::set<std::string> pictures;
  for (const auto& p : pack.used_pictures()) pictures.insert(p);
  for (const auto& old : load_history_packs(content_dir).packs)
    for (const auto& p : old.used_pictures()) pictures.insert(p);
  for (const auto& p : pictures) out << p << "\n";
  return 0;
}

int run_make_audio(const std::string& content_dir, const std::string& recorded_dir) {
  ContentPack pack = load_or_report(content_dir, "make-audio");
  namespace fs = std::filesystem;
  int made = 0, kept = 0, recorded = 0, failed = 0;
  for (const auto& cat : pack.locales) {
    const std::string out_dir = content_dir + "/audio/" + cat.code;
    files::make_dirs(out_dir, 0755);
    for (const auto& key : required_text_keys(pack, kiosk_content_needs())) {
      if (key.rfind("operator.", 0) == 0) continue;
      const std::string* text = cat.find(key);
      if (!text) continue;  // the linter reports it
      const std::string out = out_dir + "/" + key + ".wav";
      const std::string rec = recorded_dir + "/" + cat.code + "/" + key + ".wav";
      const std::string stamp = out_dir + "/" + key + ".source";
      std::error_code ec;
      if (files::exists(rec)) {
        fs::copy_file(rec, out, fs::copy_options::overwrite_existing, ec);
        fs::remove(stamp, ec);
        if (ec) ++failed; else ++recorded;
        continue;
      }
      // Regenerate only when the voice or the words changed.
      const std::string source = cat.voice + "\n" + *text;
      if (files::exists(out) && files::read_all(stamp) == source) {
        ++kept;
        continue;
      }
      const std::string text_file = out_dir + "/" + key + ".txt.tmp";
      files::write_atomically(text_file, *text);
      bool ok = run_process({"espeak-ng", "-v", cat.voice, "-s", kWordsPerMinute, "-f", text_file, "-w", out + ".tmp"});
      fs::remove(text_file, ec);
      if (ok) fs::rename(out + ".tmp", out, ec);
      if (!ok || ec) {
        std::cerr << "werkcheck make-audio: espeak-ng failed for " << cat.code << " " << key << "\n";
        ++failed;
        continue;
      }
      files::write_atomically(stamp, source);
      ++made;
    }
  }
  std::cout << "spoken clips: " << made << " made, " << kept << " unchanged, " << recorded << " recorded, " << failed
            << " failed\n";
  return failed ? 1 : 0;
}

}  // namespace wk
