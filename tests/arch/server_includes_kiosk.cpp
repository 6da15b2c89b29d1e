// Must NOT compile: the server sees only the core and itself (tests/arch/wrong_way_build.py).
#include "flow/kiosk_flow.h"
