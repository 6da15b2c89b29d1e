#pragma once
#include "platform/config.h"

namespace wk {
// Opens the window and runs the kiosk until the operator exits. Returns an exit code.
int run_kiosk(KioskConfig& config);
}
