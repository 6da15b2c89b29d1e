#include "cli/commands.h"

#include <iostream>

#include "content/content_lint.h"
#include "screens/screen_table.h"

namespace wk {

int lint_command(const CommandLine& cl) { return run_lint(cl.content_dir, cl.esco_dir, std::cout); }

int run_lint(const std::string& content_dir, const std::string& esco_dir, std::ostream& out) {
  auto report = lint_content_pack(content_dir, kiosk_content_needs(), esco_dir);
  for (const auto& e : report.errors) out << "lint: " << e << "\n";
  out << "content lint: " << (report.ok() ? "ok" : std::to_string(report.errors.size()) + " problem(s)") << " in "
      << content_dir << "\n";
  return report.ok() ? 0 : 1;
}

}  // namespace wk
