#include <spawn.h>
#include <sys/wait.h>

#include <csv.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <iostream>

#include "content/content_lint.h"
#include "content/content_pack.h"
#include "platform/files.h"
#include "screens/screen_table.h"
#include "tools/commands.h"

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

int run_list_pictures(const std::string& content_dir, std::ostream& out) {
  ContentPack pack = load_or_report(content_dir, "list-pictures");
  for (const auto& p : pack.used_pictures()) out << p << "\n";
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

int run_import_prospects(const std::string& csv_path, const std::string& out_path, std::ostream& out) {
  auto text = files::read_all(csv_path);
  if (!text) {
    std::cerr << "werkcheck import-prospects: cannot read " << csv_path << "\n";
    return 1;
  }
  std::vector<ProspectRow> rows;
  std::string err = parse_prospects_csv(*text, csv_path, rows);
  if (!err.empty()) {
    std::cerr << "werkcheck import-prospects: " << err << "\n";
    return 1;
  }
  std::string tmp = out_path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "w");
  if (!f) {
    std::cerr << "werkcheck import-prospects: cannot write " << out_path << "\n";
    return 1;
  }
  auto field = [&](const std::string& v, bool last) {
    csv_fwrite(f, v.data(), v.size());  // quotes as CSV needs
    std::fputc(last ? '\n' : ',', f);
  };
  for (const char* h : {"beroepsgroep", "regio", "spanningsindicator", "periode"}) field(h, false);
  field("bron", true);
  std::set<std::string> groups, regions;
  for (const auto& r : rows) {
    char ratio[32];
    std::snprintf(ratio, sizeof ratio, "%.2f", r.ratio);
    field(r.group, false);
    field(r.region, false);
    field(ratio, false);
    field(r.period, false);
    field(r.source, true);
    groups.insert(r.group);
    regions.insert(r.region);
  }
  bool ok = std::fflush(f) == 0 && std::fclose(f) == 0 && std::rename(tmp.c_str(), out_path.c_str()) == 0;
  if (!ok) {
    std::cerr << "werkcheck import-prospects: cannot write " << out_path << "\n";
    return 1;
  }
  out << "prospects: " << rows.size() << " rows, " << groups.size() << " occupation groups, " << regions.size()
      << " regions written to " << out_path << "\n";
  return 0;
}

int run_lint(const std::string& content_dir, const std::string& esco_dir, std::ostream& out) {
  auto report = lint_content_pack(content_dir, kiosk_content_needs(), esco_dir);
  for (const auto& e : report.errors) out << "lint: " << e << "\n";
  out << "content lint: " << (report.ok() ? "ok" : std::to_string(report.errors.size()) + " problem(s)") << " in "
      << content_dir << "\n";
  return report.ok() ? 0 : 1;
}

}  // namespace wk
