// Must NOT compile: the core sees nothing above it (tests/arch/wrong_way_build.py).
#include "storage/session_store.h"
