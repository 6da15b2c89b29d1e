// Must compile: the control for core_includes_kiosk.cpp (same target setup, a core header).
#include "scoring/profile.h"
