#!/usr/bin/env python3
"""Runs coach_browser_test.mjs (node, playwright-core, Debian's chromium) against a real
werkcheck-server with the data of coach_fixture.py, then stops the server.

    coach_browser_test.py --server build/werkcheck-server --kiosk build/werkcheck \\
        --content build/content --web build/coach-web --artifacts test-artifacts/coach \\
        [--node node] [--chromium /usr/bin/chromium]

Screenshots: ARTIFACTS/NN-name.png. A missing node, playwright-core or chromium is a FAILURE.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from coach_fixture import CoachFixture, FixtureError, add_arguments  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    add_arguments(ap)
    ap.add_argument("--node", default=shutil.which("node") or "node")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    artifacts = os.path.abspath(args.artifacts or os.path.join(HERE, "..", "..", "test-artifacts", "coach"))
    if not shutil.which(args.node):
        print(f"FAIL node ({args.node}) not found")
        return 1
    if not os.access(args.chromium, os.X_OK):
        print(f"FAIL {args.chromium} not found (apt-get install chromium; see scripts/install-deps.sh)")
        return 1
    os.makedirs(artifacts, exist_ok=True)
    for f in os.listdir(artifacts):  # old screenshots would pass for new ones
        if f.endswith((".png", ".pdf")):
            os.remove(os.path.join(artifacts, f))
    try:
        fx = CoachFixture(args.server, args.kiosk, args.content, args.web, keep=args.keep)
    except FixtureError as e:
        print(f"FAIL fixture: {e}")
        return 1
    rc = 1
    try:
        fx.setup()
        info = fx.info()
        info["artifacts"] = artifacts
        info["chromium"] = args.chromium
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, dir=fx.work) as f:
            json.dump(info, f)
        r = subprocess.run([args.node, os.path.join(HERE, "coach_browser_test.mjs"), f.name], timeout=300)
        rc = r.returncode
        if not fx.server.alive():
            print(f"FAIL the server died: {fx.server.log_text()[-1500:]}")
            rc = 1
    except FixtureError as e:
        print(f"FAIL fixture: {e}")
    except subprocess.TimeoutExpired:
        print("FAIL the browser test took longer than 300 s")
    finally:
        fx.close()
    return rc


if __name__ == "__main__":
    sys.exit(main())
