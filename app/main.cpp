// werkcheck: the career-check kiosk, and the subcommands operators and the build use (app/cli).
#include <iostream>
#include <string>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/kiosk_command.h"

namespace {

struct Command {
  const char* name;
  int (*run)(const wk::CommandLine&);
};

const Command kCommands[] = {
    {"", wk::kiosk_command},
    {"export", wk::export_command},
    {"enroll", wk::enroll_command},
    {"sync-once", wk::sync_once_command},
    {"make-sessions", wk::make_sessions_command},  // hidden test helper
    {"lint", wk::lint_command},
    {"result", wk::result_command},
    {"import-prospects", wk::import_prospects_command},
    {"pictures-doc", wk::pictures_doc_command},
    {"list-pictures", wk::list_pictures_command},
    {"make-audio", wk::make_audio_command},
    {"set-pin", wk::set_pin_command},
    {"set-server", wk::set_server_command},
    {"record", wk::record_command},
};

}  // namespace

int main(int argc, char** argv) {
  wk::CommandLine cl;
  if (int code = wk::parse_command_line(argc, argv, cl); code >= 0) return code;
  for (const auto& c : kCommands)
    if (cl.command == c.name) return c.run(cl);
  std::cerr << "werkcheck: unknown command " << cl.command << "\n" << wk::kUsage;
  return 2;
}
