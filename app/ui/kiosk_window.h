#pragma once
#include "settings/kiosk_settings.h"

namespace wk {
// Opens the window and runs the kiosk until the operator exits. Returns an exit code.
int run_kiosk(KioskConfig& config);
}
