#!/usr/bin/env python3
"""A wrong-way include must fail to compile because of the CMake targets' include roots.

Builds four one-line targets (CMakeLists.txt, "architecture"): the server including a kiosk
header and the core including a kiosk header must fail with "No such file"; the same targets
including a core header must compile, so a failure cannot come from a broken setup.
usage: wrong_way_build.py --build BUILD_DIR
"""
import argparse
import subprocess
import sys

CASES = [
    # target, header it includes, must it compile?
    ("arch_server_includes_kiosk", "flow/kiosk_flow.h", False),
    ("arch_core_includes_kiosk", "storage/session_store.h", False),
    ("arch_server_includes_core", "content/content_pack.h", True),
    ("arch_core_includes_core", "scoring/profile.h", True),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    args = ap.parse_args()
    failed = 0
    for target, header, should_compile in CASES:
        r = subprocess.run(["cmake", "--build", args.build, "--target", target],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
        compiled = r.returncode == 0
        not_found = "%s: No such file or directory" % header in r.stdout
        ok = compiled if should_compile else (not compiled and not_found)
        print("%s %s: %s (includes %s)" % ("ok  " if ok else "FAIL", target,
                                           "compiles" if compiled else ("header not found" if not_found else "failed"),
                                           header))
        if not ok:
            failed += 1
            print(r.stdout[-3000:])
    print("%d passed, %d failed" % (len(CASES) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
