// werkcheck pictures-doc: docs/pictures.md (each picture, its meaning, why chosen, where used)
// made from the pack's pictures.json, so the page never drifts from what the linter checks.
#include <iostream>

#include "cli/commands.h"
#include "content/picture_meanings.h"
#include "screens/screen_table.h"

namespace wk {

int pictures_doc_command(const CommandLine& cl) { return run_pictures_doc(cl.content_dir, std::cout, std::cerr); }

int run_pictures_doc(const std::string& content_dir, std::ostream& out, std::ostream& err) {
  auto loaded = load_content_pack(content_dir, kiosk_content_needs());
  if (!loaded.pack) {
    err << "werkcheck pictures-doc: " << loaded.error << "\n";
    return 2;
  }
  auto meanings = load_picture_meanings(content_dir);
  if (!meanings.meanings) {
    err << "werkcheck pictures-doc: " << meanings.error << "\n";
    return 2;
  }
  out << pictures_markdown(*loaded.pack, *meanings.meanings);
  return 0;
}

}  // namespace wk
