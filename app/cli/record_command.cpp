// record: the native-voice recorder (audio/README.md "Making a recording"). Loads the built
// pack, checks the language and key, then opens the recorder's window. Part of the werkcheck
// executable, since it needs the window.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

#include "cli/commands.h"
#include "content/content_pack.h"
#include "record/recorder.h"
#include "screens/screen_table.h"
#include "ui/record_window.h"

namespace wk {

int record_command(const CommandLine& cl) {
  if (cl.lang.empty()) {
    std::cerr << "werkcheck record: --lang LANG is required (the PO file's Language, e.g. nl, en)\n";
    return 2;
  }
  auto load = load_content_pack(cl.content_dir, kiosk_content_needs());
  if (!load.pack) {
    std::cerr << "werkcheck record: " << load.error << "\n";
    return 2;
  }
  const std::string out_dir = cl.out_path.empty() ? "audio/recorded" : cl.out_path;
  std::error_code ec;
  const std::string work_dir = (std::filesystem::temp_directory_path(ec) / "werkcheck-record").string() + "-" +
                               std::to_string(::getpid());
  auto opened = open_recorder(*load.pack, kiosk_content_needs(), cl.lang, cl.key, out_dir, work_dir);
  if (!opened.recorder) {
    std::cerr << "werkcheck record: " << opened.error << "\n";
    return 2;
  }
  const char* dump = std::getenv("WERKCHECK_UI_DUMP");
  const int code = run_record_window(*opened.recorder, *load.pack, dump ? dump : "");
  std::filesystem::remove_all(work_dir, ec);
  const VoiceCoverage c = opened.recorder->coverage();
  std::cout << "record " << describe(c) << " (of the texts shown)\n";
  return code;
}

}  // namespace wk
