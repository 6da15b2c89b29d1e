#!/usr/bin/env python3
"""Issue 13, item 6: `werkcheck export` gets the data off a failing kiosk: a data directory on a
read-only mount, on a full disk, and with answers still in the WAL after a crash. The mounts are
made in a mount namespace of the test's own (unshare), so nothing on the machine changes.

    export_read_only_test.py --bin build/werkcheck

Prints "N passed, M failed" last; exits non-zero on any failure, 77 when mount namespaces are
not available (ctest shows it as skipped)."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally  # noqa: E402

TALLY = Tally()
check = TALLY.check


def in_namespace(script):
    """Runs a shell script in a mount namespace of its own (as root, or mapped to root)."""
    cmd = ["unshare", "--mount"] + ([] if os.geteuid() == 0 else ["--map-root-user"]) + ["sh", "-ec", script]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def export(binary, data):
    return subprocess.run([binary, "export", "--data", data], capture_output=True, text=True, timeout=60)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    args = ap.parse_args()
    if in_namespace("true").returncode != 0:
        print("SKIP: no mount namespaces here (unshare --mount failed)")
        return 77
    work = tempfile.mkdtemp(prefix="export-ro-")
    try:
        data = os.path.join(work, "data")
        os.makedirs(data)
        r = subprocess.run([args.bin, "make-sessions", "--data", data, "--count", "3"], capture_output=True,
                           text=True, timeout=120)
        check(r.returncode == 0, "three sessions made", r.stderr)
        before = export(args.bin, data)
        check(before.returncode == 0 and len(before.stdout.splitlines()) == 3, "export on a writable disk: 3 sessions",
              before.stderr)

        # A read-only mount of the data directory.
        ro = in_namespace(f"mount --bind '{data}' '{data}'; mount -o remount,bind,ro '{data}';"
                          f" touch '{data}/probe' 2>/dev/null && echo WRITABLE; '{args.bin}' export --data '{data}'")
        check("WRITABLE" not in ro.stdout, "the mount is really read-only")
        check(ro.returncode == 0 and ro.stdout == before.stdout,
              "export on a read-only mount: the same 3 sessions, byte for byte", ro.stderr.strip())

        # A full disk: the data on a small tmpfs, filled up to the last byte.
        full = in_namespace(
            f"mkdir -p '{work}/full'; mount -t tmpfs -o size=1m tmpfs '{work}/full'; cp -a '{data}/.' '{work}/full/';"
            f" dd if=/dev/zero of='{work}/full/filler' bs=4k 2>/dev/null || true;"
            f" dd if=/dev/zero of='{work}/full/filler2' bs=1 2>/dev/null || true;"
            f" df -k '{work}/full' | tail -1 | awk '{{print \"AVAIL\", $4}}' >&2;"
            f" '{args.bin}' export --data '{work}/full'")
        check("AVAIL 0" in full.stderr, "the disk is full", full.stderr[-200:])
        check(full.returncode == 0 and full.stdout == before.stdout, "export on a full disk: the same 3 sessions",
              full.stderr.strip()[-300:])

        # A crash left answers in the WAL (not checkpointed), then the disk went read-only: the
        # export must include them. A change made through SQLite with checkpoints off stands in.
        crash = subprocess.run([sys.executable, "-c", f"""
import os, sqlite3
c = sqlite3.connect({os.path.join(data, 'werkcheck.db')!r}, isolation_level=None)
c.execute('PRAGMA journal_mode=WAL'); c.execute('PRAGMA wal_autocheckpoint=0')
c.execute("UPDATE sessions SET locale='en-WALONLY' WHERE rowid=(SELECT min(rowid) FROM sessions)")
os._exit(0)  # no close: the change stays in the -wal file
"""], capture_output=True, text=True, timeout=30)
        wal = os.path.join(data, "werkcheck.db-wal")
        check(crash.returncode == 0 and os.path.exists(wal) and os.path.getsize(wal) > 0,
              "a change sits only in the WAL", crash.stderr)
        for shm in ("keep", "remove"):
            if shm == "remove" and os.path.exists(os.path.join(data, "werkcheck.db-shm")):
                os.remove(os.path.join(data, "werkcheck.db-shm"))
            r = in_namespace(f"mount --bind '{data}' '{data}'; mount -o remount,bind,ro '{data}';"
                             f" '{args.bin}' export --data '{data}'")
            check(r.returncode == 0 and "en-WALONLY" in r.stdout and len(r.stdout.splitlines()) == 3,
                  f"export on a read-only mount with answers in the WAL ({shm} -shm): they are exported",
                  r.stderr.strip()[-300:])
        # Bad input: no database there.
        r = export(args.bin, os.path.join(work, "nothing"))
        check(r.returncode != 0 and "no database" in r.stderr, "export without a database says so", r.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return TALLY.finish()


if __name__ == "__main__":
    sys.exit(main())
