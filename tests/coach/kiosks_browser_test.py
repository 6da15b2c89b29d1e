#!/usr/bin/env python3
"""The admin's kiosk list (/coach/admin/kiosks, issue 15 item 4) in Debian's chromium through
playwright-core (kiosks_browser_test.mjs): four kiosks of one organisation talk to a real server
over the API (enroll, heartbeat); one has been silent for 5 days (its last heartbeat is moved
back in the database, as if it stopped then), one runs old content. Those two are listed first,
marked in words and with a mark, the silent one first; a kiosk of another organisation is not
listed. `admin list-kiosks` prints the same order.

    kiosks_browser_test.py --server build/werkcheck-server --content build/content \\
        --web build/coach-web [--artifacts DIR]

Screenshots: ARTIFACTS/NN-name.png. A missing node, playwright-core or chromium is a FAILURE."""
import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "server"))
from server_api_test import Server, admin, request, TALLY  # noqa: E402

check = TALLY.check
PASSWORD = "a long admin password"


def enroll(port, binary, db, org, group):
    _, code, _ = admin(binary, db, "enroll-code", "--org", org)
    st, _, b = request(port, "POST", "/api/v1/enroll", {"enrollment_code": code})
    if st != 200:
        raise RuntimeError(f"enroll: {st} {b}")
    admin(binary, db, "set-kiosk-group", b["kiosk_id"], group)
    return b["kiosk_id"], b["device_token"]


def heartbeat(port, token, content_version):
    st, _, b = request(port, "POST", "/api/v1/heartbeat",
                       {"app_version": "1.4.0", "content_version": content_version, "pending": 2,
                        "free_disk_bytes": 1_000_000_000, "last_sync": "2026-12-01T09:00:00.000Z"}, token)
    if st != 200:
        raise RuntimeError(f"heartbeat: {st} {b}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--content", required=True)
    ap.add_argument("--web", required=True)
    ap.add_argument("--artifacts")
    ap.add_argument("--node", default=shutil.which("node") or "node")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    started = time.monotonic()
    artifacts = os.path.abspath(args.artifacts or os.path.join(HERE, "..", "..", "test-artifacts", "coach-kiosks"))
    if not shutil.which(args.node) or not os.access(args.chromium, os.X_OK):
        print(f"FAIL node ({args.node}) or {args.chromium} not found (see scripts/install-deps.sh)")
        return 1
    os.makedirs(artifacts, exist_ok=True)
    for f in os.listdir(artifacts):  # old screenshots would pass for new ones
        if f.endswith(".png"):
            os.remove(os.path.join(artifacts, f))
    work = tempfile.mkdtemp(prefix="werkcheck-kiosks-test-")
    db = os.path.join(work, "server.db")
    srv = None
    rc = 1
    try:
        _, org, _ = admin(args.server, db, "create-org", "Gemeente Kiosk")
        _, other, _ = admin(args.server, db, "create-org", "Gemeente Anders")
        admin(args.server, db, "create-coach", "--org", org, "--user", "beheer", "--admin", stdin=PASSWORD + "\n")
        r, out, err = admin(args.server, db, "publish-content", "--dir", args.content)
        check(r == 0, "publish the content pack", err)
        version = out.split(":")[0].split()[-1]  # "published ID VERSION: N files, B bytes"
        srv = Server(args.server, db, work, ["--content", args.content, "--web", args.web])
        port = srv.port
        kiosks = {}
        for name, group in (("ok", "Vestiging Centrum"), ("behind", "Vestiging Oost"),
                            ("silent", "Vestiging West"), ("new", "Vestiging Noord")):
            kiosks[name] = enroll(port, args.server, db, org, group)
        foreign = enroll(port, args.server, db, other, "Ergens anders")
        heartbeat(port, kiosks["ok"][1], version)
        heartbeat(port, kiosks["behind"][1], "2026.01.0")
        heartbeat(port, kiosks["silent"][1], version)
        heartbeat(port, foreign[1], "2026.01.0")
        # The silent kiosk stopped 5 days ago (the server's --silent-days is 3 by default).
        with sqlite3.connect(db) as c:
            c.execute("UPDATE kiosks SET last_heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-5 days', "
                      "'-2 hours') WHERE id = ?", (kiosks["silent"][0],))
        order = [json.loads(line) for line in admin(args.server, db, "list-kiosks")[1].splitlines()]
        ours = [k["id"] for k in order if k["organisation"]["id"] == org]
        want = [kiosks[n][0] for n in ("silent", "behind", "ok", "new")]
        check(ours == want, "admin list-kiosks: the silent kiosk, the one behind, then the others", ours)
        flags = {k["id"]: (k["needs_look"], k["silent"], k["behind_on_content"]) for k in order}
        check(flags[kiosks["silent"][0]] == (True, True, False) and flags[kiosks["behind"][0]] == (True, False, True)
              and flags[kiosks["ok"][0]] == (False, False, False) and flags[kiosks["new"][0]] == (False, False, False),
              "admin list-kiosks: needs_look, silent and behind_on_content per kiosk", flags)

        info = {"url": f"http://127.0.0.1:{port}", "user": "beheer", "password": PASSWORD,
                "kiosks": {n: k[0] for n, k in kiosks.items()}, "foreign": foreign[0], "version": version,
                "artifacts": artifacts, "chromium": args.chromium}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, dir=work) as f:
            json.dump(info, f)
        r = subprocess.run([args.node, os.path.join(HERE, "kiosks_browser_test.mjs"), f.name], timeout=75,
                           capture_output=True, text=True)
        print(r.stdout, end="")
        print(r.stderr, end="", file=sys.stderr)
        for line in r.stdout.splitlines():
            if line.startswith("ok   "):
                TALLY.passed += 1
            elif line.startswith("FAIL"):
                TALLY.failed += 1
        check(r.returncode == 0, "the browser part ran to the end")
    except subprocess.TimeoutExpired:
        check(False, "the browser part finished within 75 s")
    finally:
        if srv:
            srv.stop()
        shutil.rmtree(work, ignore_errors=True)
    return TALLY.finish(f" in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
