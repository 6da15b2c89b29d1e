#pragma once
#include "shell/kiosk_shell.h"

namespace wk {
// Opens the window and runs the kiosk the shell set up until the operator exits. Returns an exit code.
int run_kiosk_window(KioskShell& shell);
}
