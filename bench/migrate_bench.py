#!/usr/bin/env python3
"""How fast `werkcheck-server admin migrate` moves an office: a SQLite database made with the
admin CLI (an organisation, the signing key, a content pack) plus N sessions (sessions_fixture's
wire sessions, added straight into the file, as a server that received them would hold them),
migrated into a throw-away PostgreSQL cluster. Prints rows, seconds, rows/s, MB of session JSON
and the migrating process's peak RSS.

    migrate_bench.py --server build/werkcheck-server [--sessions 10000]"""
import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "server"))
from pg_cluster import PgCluster  # noqa: E402
from sessions_fixture import make_session  # noqa: E402


def fill_sessions(db, org, n):
    """Adds n sessions and a kiosk to db; prints the MB of session JSON."""
    con = sqlite3.connect(db)
    con.execute("INSERT INTO kiosks(id, organisation_id, token_hash, enrolled_at) "
                "VALUES ('bench-kiosk', ?, 'bench', '2026-01-01T00:00:00.000Z')", (org,))
    size = 0
    for _ in range(n):
        s = make_session()
        text = json.dumps(s, sort_keys=True, separators=(",", ":"))
        size += len(text)
        con.execute("INSERT INTO sessions(uuid, organisation_id, kiosk_id, code, anonymous, session_json, "
                    "content_hash, received_at) VALUES (?, ?, 'bench-kiosk', NULL, 1, ?, 'x', ?)",
                    (s["uuid"], org, text, "2026-11-01T00:00:00.000Z"))
    con.commit()
    con.close()
    print(size / 1e6)
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server")
    ap.add_argument("--sessions", type=int, default=10000)
    ap.add_argument("--fill", help=argparse.SUPPRESS)
    ap.add_argument("--org", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.fill:
        return fill_sessions(args.fill, args.org, args.sessions)
    if not args.server:
        ap.error("--server is required")
    work = tempfile.mkdtemp(prefix="wk-migrate-bench-")
    try:
        db = os.path.join(work, "server.db")
        admin = [args.server, "admin", "--db", db]
        org = subprocess.run(admin + ["create-org", "Bench"], capture_output=True, text=True, check=True).stdout.strip()
        pack = os.path.join(work, "pack")
        os.makedirs(pack)
        with open(os.path.join(pack, "clip.bin"), "wb") as f:
            f.write(os.urandom(1 << 20))
        subprocess.run(admin + ["publish-content", "--dir", pack], capture_output=True, check=True)
        # Filled by a child process, so that this one stays small: a child's peak RSS counts the
        # memory of the process it was spawned from.
        fill = subprocess.run([sys.executable, __file__, "--fill", db, "--org", org, "--sessions", str(args.sessions)],
                              capture_output=True, text=True, check=True)
        mb = float(fill.stdout)
        with PgCluster() as pg:
            pg.sql("postgres", "CREATE DATABASE bench")
            t0 = time.monotonic()
            out = os.path.join(work, "migrate.out")
            pid = os.posix_spawn(args.server, [args.server, "admin", "migrate", "--from", db, "--to", pg.url("bench")],
                                 os.environ, file_actions=[(os.POSIX_SPAWN_OPEN, 1, out, os.O_WRONLY | os.O_CREAT, 0o600),
                                                           (os.POSIX_SPAWN_DUP2, 1, 2)])
            _, status, usage = os.wait4(pid, 0)  # the migration's own peak RSS (KB)
            took = time.monotonic() - t0
        text = open(out).read()
        if status != 0:
            print(text)
            return 1
        copied = int(re.search(r"migrated (\d+) rows", text).group(1))
        rss = usage.ru_maxrss
        print(f"migrate: {copied} rows ({args.sessions} sessions, {mb:.0f} MB of session JSON, a 1 MB content file) "
              f"in {took:.1f} s = {copied / took:.0f} rows/s, peak RSS {rss / 1024:.0f} MB; every table ok")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
