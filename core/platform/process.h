#pragma once
// Runs a program (found on PATH) to its end and keeps what it printed: for the tools the build
// and the recorder use (espeak-ng, sox). No shell: the arguments go to the program as they are.
#include <string>
#include <vector>

namespace wk {

struct ProcessResult {
  bool started = false;  // false: the program was not found or could not be started
  int exit_code = -1;    // -1 when it did not exit normally
  std::string output;    // its standard output and standard error, in the order written
  bool ok() const { return started && exit_code == 0; }
};

ProcessResult run_program(const std::vector<std::string>& args);

}  // namespace wk
