#pragma once
#include "cli/command_line.h"

namespace wk {
// `werkcheck [options]`: the kiosk itself. Returns the exit code.
int kiosk_command(const CommandLine& cl);
}
