#include "cli/command_line.h"

#include <iostream>

#include "platform/files.h"
#include "settings/kiosk_settings.h"

namespace wk {

const char* const kUsage = R"(werkcheck - career check kiosk

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
  werkcheck set-server --data DIR --server URL   the sync server; enroll then from the operator menu
  werkcheck enroll --data DIR --server URL --code CODE   enroll this kiosk with a sync server
  werkcheck sync-once --data DIR [--server URL]          one sync round now (exit 0: nothing pending)
  werkcheck lint --content DIR [--esco DIR]   check a content pack (and occupations against ESCO)
  werkcheck result --content DIR --answers FILE [--region NAME]   what the result pages show, as JSON
  werkcheck pictures-doc --content DIR   docs/pictures.md from the pack's pictures.json
  werkcheck import-prospects --csv FILE --out FILE   check and normalise labour-market prospects
  werkcheck list-pictures --content DIR
  werkcheck make-audio --content DIR --recorded DIR
  werkcheck record --lang LANG [--key KEY] [--content DIR] [--out audio/recorded]
                                      record the texts of a language in a native voice (audio/README.md)

Settings may also be kept in DIR/kiosk.json (see README.md). WERKCHECK_UI_DUMP=FILE makes the
kiosk write the current screen as JSON after each change (for automated tests).
)";

int parse_command_line(int argc, char** argv, CommandLine& out) {
  std::vector<std::string> args(argv + 1, argv + argc);
  size_t i = 0;
  if (!args.empty() && args[0].rfind("--", 0) != 0) out.command = args[i++];
  out.data_dir = files::default_data_dir();
  out.content_dir = files::executable_dir() + "/content";  // the bundled pack (build tree)
#ifdef WERKCHECK_INSTALLED_CONTENT
  if (!files::exists(out.content_dir)) out.content_dir = WERKCHECK_INSTALLED_CONTENT;  // installed package
#endif

  bool missing = false;
  auto value = [&](const std::string& flag) -> std::string {
    if (i + 1 >= args.size()) {
      std::cerr << "werkcheck: " << flag << " needs a value\n";
      missing = true;
      return "";
    }
    return args[++i];
  };
  for (; i < args.size(); ++i) {
    const std::string a = args[i];
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--data") {
      out.data_dir = value(a);
      out.data_given = true;
    } else if (a == "--content") {
      out.content_dir = value(a);
    } else if (a == "--csv") {
      out.csv_path = value(a);
    } else if (a == "--out") {
      out.out_path = value(a);
    } else if (a == "--esco") {
      out.esco_dir = value(a);
    } else if (a == "--recorded") {
      out.recorded_dir = value(a);
    } else if (a == "--server") {
      out.server_url = value(a);
    } else if (a == "--code") {
      out.enroll_code = value(a);
    } else if (a == "--count") {
      const std::string text = value(a);
      double n = 0;
      if (missing) return 2;
      if (auto err = parse_setting_number(a, text, 1, 100000, n)) {
        std::cerr << "werkcheck: " << *err << "\n";
        return 2;
      }
      out.make_count = static_cast<int>(n);
    } else if (a == "--answers") {
      out.answers_path = value(a);
    } else if (a == "--lang") {
      out.lang = value(a);
    } else if (a == "--key") {
      out.key = value(a);
    } else if (a == "--region") {
      out.region = value(a);
    } else if (a == "--script") {
      out.script_path = value(a);
    } else if (a == "--windowed") {
      out.setting_flags.emplace_back(a, "");
    } else if (a == "--size" || a == "--screen-width-mm" || a == "--dpi" || a == "--viewing-distance-cm" ||
               a == "--idle-timeout") {
      out.setting_flags.emplace_back(a, value(a));
    } else {
      std::cerr << "werkcheck: unknown option " << a << "\n" << kUsage;
      return 2;
    }
    if (missing) return 2;
  }
  return -1;
}

}  // namespace wk
