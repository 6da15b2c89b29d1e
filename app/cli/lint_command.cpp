#include "cli/commands.h"

#include <iostream>

#include "cli/clip_lint.h"
#include "cli/layout_lint.h"
#include "content/content_lint.h"
#include "content/voice_coverage.h"
#include "screens/screen_table.h"

namespace wk {

int lint_command(const CommandLine& cl) { return run_lint(cl.content_dir, cl.esco_dir, std::cout); }

int run_lint(const std::string& content_dir, const std::string& esco_dir, std::ostream& out) {
  auto report = lint_content_pack(content_dir, kiosk_content_needs(), esco_dir);
  // Words that do not fit a supported screen even when paged, and clips that do not play: only
  // for a pack the kiosk can load.
  if (report.ok()) {
    auto loaded = load_content_pack(content_dir, kiosk_content_needs());
    if (loaded.pack) {
      for (auto& problem : lint_layout(*loaded.pack)) report.errors.push_back("layout: " + problem);
      for (auto& problem : lint_clips(*loaded.pack)) report.errors.push_back(problem);
      // Which clips are a person's voice (audio/recorded) and which espeak-ng's: for information.
      for (const auto& c : voice_coverage(*loaded.pack, kiosk_content_needs())) out << "spoken clips " << describe(c) << "\n";
    }
  }
  for (const auto& i : report.info) out << i << "\n";
  for (const auto& e : report.errors) out << "lint: " << e << "\n";
  out << "content lint: " << (report.ok() ? "ok" : std::to_string(report.errors.size()) + " problem(s)") << " in "
      << content_dir << "\n";
  return report.ok() ? 0 : 1;
}

}  // namespace wk
