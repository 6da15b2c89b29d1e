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

// Clips are stored as Ogg Vorbis (audio/README.md): mono, at the rate the kiosk plays, quality 2
// (about 36 kbit/s; a tenth of the WAV, and speech stays clear).
constexpr const char* kOggQuality = "2";
constexpr const char* kClipRate = "22050";

// A WAV (espeak-ng's or a recording) to the pack's Ogg clip; written whole or not at all.
bool encode_clip(const std::string& wav, const std::string& out) {
  std::error_code ec;
  // A fixed stream serial (oggenc picks a random one): the same clip is the same bytes in every
  // build, so a content update, which fetches what changed by sha256, does not fetch it again.
  const bool ok = run_process({"oggenc", "--quiet", "--quality", kOggQuality, "--downmix", "--resample", kClipRate,
                               "--serial", "1", "--output", out + ".tmp", wav});
  if (ok) std::filesystem::rename(out + ".tmp", out, ec);
  else std::filesystem::remove(out + ".tmp", ec);
  return ok && !ec;
}

// A recording changes when it is recorded again: its size or its time.
std::string file_identity(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  const auto time = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
  return std::to_string(size) + " " + std::to_string(time);
}

// WAV clips of a build before clips were Ogg: they would only make the pack bigger.
void remove_wav_clips(const std::string& dir) {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".wav") std::filesystem::remove(e.path(), ec);
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
    remove_wav_clips(out_dir);
    for (const auto& key : required_text_keys(pack, kiosk_content_needs())) {
      if (key.rfind("operator.", 0) == 0) continue;
      const std::string* text = cat.find(key);
      if (!text) continue;  // the linter reports it
      const std::string out = pack.audio_path(cat.code, key);
      const std::string rec = recorded_dir + "/" + cat.code + "/" + key + ".wav";
      // What the clip is made from, stamped next to it: a generated clip's voice and words in
      // <key>.source (voice_coverage.h: a clip without one is recorded), a recording's size and
      // time in <key>.recorded.source; each with the encoder's quality. Made again when it changed.
      const bool is_recorded = files::exists(rec);
      const std::string generated_stamp = out_dir + "/" + key + ".source";
      const std::string recorded_stamp = out_dir + "/" + key + ".recorded.source";
      const std::string& stamp = is_recorded ? recorded_stamp : generated_stamp;
      const std::string encoding = std::string("\noggenc --quality ") + kOggQuality;
      const std::string source = (is_recorded ? file_identity(rec) : cat.voice + "\n" + *text) + encoding;
      if (files::exists(out) && files::read_all(stamp) == source) {
        ++kept;
        continue;
      }
      std::error_code ec;
      fs::remove(is_recorded ? generated_stamp : recorded_stamp, ec);
      bool ok = true;
      std::string wav = rec;
      if (!is_recorded) {
        const std::string text_file = out_dir + "/" + key + ".txt.tmp";
        wav = out_dir + "/" + key + ".wav.tmp";
        files::write_atomically(text_file, *text);
        ok = run_process({"espeak-ng", "-v", cat.voice, "-s", kWordsPerMinute, "-f", text_file, "-w", wav});
        fs::remove(text_file, ec);
      }
      ok = ok && encode_clip(wav, out);
      if (!is_recorded) fs::remove(wav, ec);
      if (!ok) {
        std::cerr << "werkcheck make-audio: " << (is_recorded ? "oggenc failed for the recording " + rec
                                                             : "espeak-ng or oggenc failed for " + cat.code + " " + key)
                  << "\n";
        ++failed;
        continue;
      }
      files::write_atomically(stamp, source);
      ++(is_recorded ? recorded : made);
    }
  }
  std::cout << "spoken clips: " << made << " made, " << kept << " unchanged, " << recorded << " recorded, " << failed
            << " failed\n";
  return failed ? 1 : 0;
}

}  // namespace wk
