#pragma once
// The werkcheck subcommands. Each `*_command` takes the parsed command line and returns the
// process's exit code; the functions under it are what the tests call directly.
#include <ostream>
#include <string>

#include "cli/command_line.h"

namespace wk {

// export: every session with its answers as JSON lines.
int export_command(const CommandLine& cl);
int run_export(const std::string& data_dir, std::ostream& out);

// lint: the content linter.
int lint_command(const CommandLine& cl);
int run_lint(const std::string& content_dir, const std::string& esco_dir, std::ostream& out);

// result: what the result pages would show for one set of answers (FILE: the export's
// "answers" object), as JSON on `out`. Exit 2 with the problem on `err` for a wrong content
// dir, a file that is not JSON, or an answer the content does not know.
int result_command(const CommandLine& cl);
int run_result(const std::string& content_dir, const std::string& answers_path, const std::string& region,
               std::ostream& out, std::ostream& err);

// pictures-doc: docs/pictures.md from the pack's pictures.json, on `out`. Exit 2 with the
// problem on `err` when the pack or its pictures.json cannot be read.
int pictures_doc_command(const CommandLine& cl);
int run_pictures_doc(const std::string& content_dir, std::ostream& out, std::ostream& err);

// list-pictures and make-audio, the build steps of a content pack (scripts/build-content-pack.sh):
// the OpenMoji hexcodes the pack needs, one per line; the spoken clips with espeak-ng, where a
// recorded clip with the same key wins.
int list_pictures_command(const CommandLine& cl);
int make_audio_command(const CommandLine& cl);
int run_list_pictures(const std::string& content_dir, std::ostream& out);
int run_make_audio(const std::string& content_dir, const std::string& recorded_dir);

// import-prospects: checks a prospects CSV in the spanningsindicator shape and writes it, normalised.
int import_prospects_command(const CommandLine& cl);
int run_import_prospects(const std::string& csv_path, const std::string& out_path, std::ostream& out);

// set-pin: reads a new operator PIN from standard input; its hash goes into kiosk.json.
int set_pin_command(const CommandLine& cl);
// set-server: stores the sync server's address in kiosk.json (the operator menu enrolls there).
int set_server_command(const CommandLine& cl);

// record: the native-voice recorder's window (cli/record_command.cpp, part of the executable:
// it opens a window and the microphone). Exit 2 with the reason for a wrong language or key.
int record_command(const CommandLine& cl);

// enroll: writes DATA/device.json and remembers server_url in kiosk.json.
int enroll_command(const CommandLine& cl);

// sync-once: one round, a JSON summary on stdout. Exit 0: nothing left pending; 3: sessions
// still pending (retry later); 4: nothing pending but conflicts kept; 1: error; 2: not set up.
int sync_once_command(const CommandLine& cl);

// Hidden test helper make-sessions: ended sessions through the real SessionStore
// (tests/e2e/sync_e2e_test.py; with --script FILE the sessions FILE describes, tests/coach/).
int make_sessions_command(const CommandLine& cl);
// n ended sessions (consent alternating yes/no/not asked), their uuids on stdout.
int run_make_sessions(const std::string& data_dir, int n);
// The sessions a JSON script describes, "<uuid> <code>" per line on stdout. FILE:
//   {"content": {"id", "version"}, "sessions": [{"locale": "nl", "answers": {"<module>.<item>": ["opt", ...]},
//    "consent": true|false|null, "same_code_as": <index of an earlier session>, "follow_up": bool,
//    "status": "finished"|"stopped"|"abandoned"|"interrupted"}]}
// Answers are recorded in the order given; follow_up sets follow_up_of to the uuid of same_code_as.
int run_make_sessions_script(const std::string& data_dir, const std::string& script_path);

}  // namespace wk
