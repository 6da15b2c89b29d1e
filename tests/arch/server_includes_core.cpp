// Must compile: the control for server_includes_kiosk.cpp (same target setup, a core header).
#include "content/content_pack.h"
