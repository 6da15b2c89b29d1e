#pragma once
// The werkcheck command line: `werkcheck [COMMAND] [--flag value ...]`. One parser for all
// commands, as before: a flag another command uses is accepted and ignored.
#include <string>
#include <utility>
#include <vector>

namespace wk {

struct CommandLine {
  std::string command;  // "" starts the kiosk
  std::string data_dir;
  bool data_given = false;
  std::string content_dir;
  std::string recorded_dir, esco_dir, csv_path, out_path, server_url, enroll_code, script_path, answers_path;
  std::string lang, key;  // record: the language and (optionally) the one text to record
  std::string region = "Nederland";  // result: the labour-market region of the prospects, as kiosk.json "region"
  int make_count = 0;
  // Kiosk settings given as flags, applied over kiosk.json in order (settings/kiosk_settings.h).
  std::vector<std::pair<std::string, std::string>> setting_flags;
};

extern const char* const kUsage;

// Parses argv. Prints usage for --help (exit 0), and the problem for a bad flag (exit 2):
// returns that exit code, or -1 to go on.
int parse_command_line(int argc, char** argv, CommandLine& out);

}  // namespace wk
