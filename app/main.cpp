// werkcheck: the career-check kiosk, and the subcommands operators and the build use.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "platform/files.h"
#include "platform/log.h"
#include "settings/kiosk_settings.h"
#include "sync/client/sync_client.h"
#include "tools/commands.h"
#include "ui/kiosk_window.h"

namespace {

const char* kUsage = R"(werkcheck - career check kiosk

  werkcheck [options]                 start the kiosk (fullscreen, kiosk mode)
    --windowed                        in a window (1280x800; --size WxH to change)
    --data DIR                        database, settings and log (default $XDG_DATA_HOME/werkcheck)
    --content DIR                     content pack (default: the bundled one next to the binary)
    --screen-width-mm MM              physical width of the display, for millimetre layout
    --dpi N                           or its pixel density
    --viewing-distance-cm CM          distance of the participant's eyes (default 50)
    --idle-timeout S                  seconds without a touch before "Ben je er nog?" (default 60)
  werkcheck export --data DIR         every session with its answers, as JSON lines
  werkcheck set-pin --data DIR        read a new operator PIN (digits) from standard input
  werkcheck enroll --data DIR --server URL --code CODE   enroll this kiosk with a sync server
  werkcheck sync-once --data DIR [--server URL]          one sync round now (exit 0: nothing pending)
  werkcheck lint --content DIR [--esco DIR]   check a content pack (and occupations against ESCO)
  werkcheck import-prospects --csv FILE --out FILE   check and normalise labour-market prospects
  werkcheck list-pictures --content DIR
  werkcheck make-audio --content DIR --recorded DIR

Settings may also be kept in DIR/kiosk.json (see README.md). WERKCHECK_UI_DUMP=FILE makes the
kiosk write the current screen as JSON after each change (for automated tests).
)";

struct Args {
  std::vector<std::string> v;
  size_t i = 0;
  bool more() const { return i < v.size(); }
  std::string value(const std::string& flag) {
    if (i + 1 >= v.size()) {
      std::cerr << "werkcheck: " << flag << " needs a value\n";
      std::exit(2);
    }
    return v[++i];
  }
};

double number(const std::string& flag, const std::string& s, double lo, double hi) {
  double d = 0;
  if (auto err = wk::parse_setting_number(flag, s, lo, hi, d)) {
    std::cerr << "werkcheck: " << *err << "\n";
    std::exit(2);
  }
  return d;
}

std::string bundled_content_dir() { return wk::files::executable_dir() + "/content"; }

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) args.v.push_back(argv[i]);
  std::string command;
  if (args.more() && args.v[0].rfind("--", 0) != 0) {
    command = args.v[0];
    args.i = 1;
  }

  wk::KioskConfig config;
  config.data_dir = wk::files::default_data_dir();
  config.content_dir = bundled_content_dir();
  std::string recorded_dir, esco_dir, csv_path, out_path, server_url, enroll_code, script_path;
  int make_count = 0;
  bool data_given = false;
  // Flags given on the command line win over kiosk.json, so remember them and apply last.
  std::vector<std::pair<std::string, std::string>> overrides;
  for (; args.more(); ++args.i) {
    const std::string a = args.v[args.i];
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--data") {
      config.data_dir = args.value(a);
      data_given = true;
    } else if (a == "--content") {
      config.content_dir = args.value(a);
    } else if (a == "--csv") {
      csv_path = args.value(a);
    } else if (a == "--out") {
      out_path = args.value(a);
    } else if (a == "--esco") {
      esco_dir = args.value(a);
    } else if (a == "--recorded") {
      recorded_dir = args.value(a);
    } else if (a == "--server") {
      server_url = args.value(a);
    } else if (a == "--code") {
      enroll_code = args.value(a);
    } else if (a == "--count") {
      make_count = static_cast<int>(number(a, args.value(a), 1, 100000));
    } else if (a == "--script") {
      script_path = args.value(a);
    } else if (a == "--windowed") {
      overrides.emplace_back(a, "");
    } else if (a == "--size" || a == "--screen-width-mm" || a == "--dpi" || a == "--viewing-distance-cm" ||
               a == "--idle-timeout") {
      overrides.emplace_back(a, args.value(a));
    } else {
      std::cerr << "werkcheck: unknown option " << a << "\n" << kUsage;
      return 2;
    }
  }

  if (command == "export") {
    if (!data_given) std::cerr << "werkcheck export: using " << config.data_dir << "\n";
    return wk::run_export(config.data_dir, std::cout);
  }
  if (command == "enroll" || command == "sync-once") {
    if (auto err = wk::load_kiosk_settings(config)) {
      std::cerr << "werkcheck " << command << ": " << *err << "\n";
      return 2;
    }
    wk::files::make_dirs(config.data_dir);
    wk::log::open_file(config.data_dir + "/werkcheck.log");
    if (command == "enroll") return wk::sync::run_enroll(config, server_url, enroll_code);
    if (!server_url.empty()) config.server_url = server_url;
    return wk::sync::run_sync_once(config);
  }
  // Hidden test helper: ended sessions written through the real SessionStore (tests/e2e/sync_e2e_test.py;
  // with --script FILE the sessions FILE describes, tests/coach/).
  if (command == "make-sessions") {
    if (!script_path.empty()) {
      if (make_count > 0) {
        std::cerr << "werkcheck make-sessions: give --count or --script, not both\n";
        return 2;
      }
      return wk::sync::run_make_sessions_script(config.data_dir, script_path);
    }
    return wk::sync::run_make_sessions(config.data_dir, make_count > 0 ? make_count : 1);
  }
  if (command == "lint") return wk::run_lint(config.content_dir, esco_dir, std::cout);
  if (command == "import-prospects") {
    if (csv_path.empty() || out_path.empty()) {
      std::cerr << "werkcheck import-prospects: --csv FILE and --out FILE are required\n";
      return 2;
    }
    return wk::run_import_prospects(csv_path, out_path, std::cout);
  }
  if (command == "list-pictures") return wk::run_list_pictures(config.content_dir, std::cout);
  if (command == "make-audio") {
    if (recorded_dir.empty()) {
      std::cerr << "werkcheck make-audio: --recorded DIR is required\n";
      return 2;
    }
    return wk::run_make_audio(config.content_dir, recorded_dir);
  }
  if (command == "set-pin") {
    std::string pin;
    std::getline(std::cin, pin);
    if (pin.size() < 4 || pin.size() > 12 || pin.find_first_not_of("0123456789") != std::string::npos) {
      std::cerr << "werkcheck set-pin: the PIN must be 4 to 12 digits\n";
      return 2;
    }
    wk::files::make_dirs(config.data_dir);
    const std::string path = wk::kiosk_settings_path(config.data_dir);
    if (auto err = wk::load_kiosk_settings(config)) {
      std::cerr << "werkcheck set-pin: " << *err << "\n";
      return 1;
    }
    if (auto err = wk::save_operator_pin_hash(config.data_dir, wk::hash_operator_pin(pin))) {
      std::cerr << "werkcheck set-pin: " << *err << "\n";
      return 1;
    }
    std::cout << "operator PIN set in " << path << "\n";
    return 0;
  }
  if (!command.empty()) {
    std::cerr << "werkcheck: unknown command " << command << "\n" << kUsage;
    return 2;
  }

  if (auto err = wk::load_kiosk_settings(config)) {
    // A broken settings file must not keep the kiosk from working: defaults, and say so.
    wk::log::error("config", *err + "; using defaults");
  }
  for (const auto& [flag, value] : overrides) {
    if (auto err = wk::apply_setting_flag(config, flag, value)) {
      std::cerr << "werkcheck: " << *err << "\n";
      return 2;
    }
  }
  if (const char* dump = std::getenv("WERKCHECK_UI_DUMP"); dump && *dump) config.ui_dump_path = dump;
  wk::KioskShell shell(config);
  return wk::run_kiosk_window(shell);
}
