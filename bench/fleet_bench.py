#!/usr/bin/env python3
"""Benchmark of werkcheck-server's storage backends (not a test; issue 15): 20 simulated kiosks,
each its own enrolled device, drain 10,000 realistic sessions (tests/server/sessions_fixture.py,
about 10 KB each, batches of 100) at once, on
- SQLite (one instance, its file in WAL mode with synchronous=FULL),
- PostgreSQL with one instance,
- PostgreSQL with two instances behind nginx (tests/fleet/fleet_lab.py: the shipped site file),
PostgreSQL being a throw-away cluster with fsync on (its default). Next to each, the raw insert
rate of the same rows into the same database with the same durability: the stored rows copied
into a twin of the sessions table (same columns, keys, indexes and foreign keys), 100 plain
INSERTs per transaction, as the server does. It prints a table: time to drain, sessions/s,
errors, raw rows/s, and each server process's peak RSS (VmHWM).

    bench/fleet_bench.py --server build/werkcheck-server [--sessions 10000] [--kiosks 20]
"""
import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "fleet"))
from fleet_lab import Fleet, post_json  # noqa: E402
from server_api_test import Server  # noqa: E402
from server_bench import vm_hwm_kib  # noqa: E402  (bench/, beside this file)
from sessions_fixture import make_session  # noqa: E402

COLUMNS = "uuid, organisation_id, kiosk_id, code, anonymous, session_json, content_hash, received_at"


def drain(port, tokens, bodies, time_limit):
    """Every kiosk sends its batches one after another, all kiosks at once; a batch that is not
    answered 200 is an error and is sent again after 0.5 s, as a kiosk retries."""
    errors, stored = [], [0] * len(tokens)
    deadline = time.monotonic() + time_limit

    def kiosk(i):
        for n, body in bodies[i]:
            while time.monotonic() < deadline:
                try:
                    st, _, answer = post_json(port, "/api/v1/sessions", body, tokens[i])
                except OSError as e:
                    st, answer = type(e).__name__, None
                if st == 200:
                    stored[i] += sum(r["status"] == "stored" for r in answer["results"])
                    break
                errors.append(st)
                time.sleep(0.5)

    t0 = time.monotonic()
    threads = [threading.Thread(target=kiosk, args=(i,)) for i in range(len(tokens))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.monotonic() - t0, sum(stored), errors


def raw_sqlite(db, batch):
    """The stored rows again, into a twin table in the same file, as the server writes them."""
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    ddl = [r[0] for r in con.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'sessions' AND sql IS NOT NULL")]
    for statement in ddl:
        con.execute(statement.replace("sessions", "raw_sessions"))
    rows = con.execute(f"SELECT {COLUMNS} FROM sessions ORDER BY rowid").fetchall()
    marks = ", ".join("?" * len(COLUMNS.split(",")))
    t0 = time.monotonic()
    for start in range(0, len(rows), batch):
        con.execute("BEGIN IMMEDIATE")
        for row in rows[start:start + batch]:
            con.execute(f"INSERT INTO raw_sessions({COLUMNS}) VALUES ({marks})", row)
        con.execute("COMMIT")
    took = time.monotonic() - t0
    con.close()
    return len(rows) / took


def raw_postgres(fleet, batch, workdir):
    """The stored rows again, into a twin table in the same database, through psql on the same
    socket: 100 INSERTs per transaction (PostgreSQL writes the statements, %L quoting)."""
    cols = COLUMNS + ", ended_at, totals_json"
    fleet.pg.sql("werkcheck", "CREATE TABLE raw_sessions (LIKE sessions INCLUDING ALL); "
                              "ALTER TABLE raw_sessions ADD FOREIGN KEY (organisation_id) REFERENCES organisations(id), "
                              "ADD FOREIGN KEY (kiosk_id) REFERENCES kiosks(id)")
    values = ", ".join(["%L"] * len(cols.split(",")))
    inserts = fleet.pg.sql("werkcheck", f"SELECT format('INSERT INTO raw_sessions({cols}) VALUES ({values});', {cols}) "
                                        "FROM sessions ORDER BY seq").split("\n")
    script = os.path.join(workdir, "raw.sql")
    with open(script, "w") as f:
        for start in range(0, len(inserts), batch):
            f.write("BEGIN;\n" + "\n".join(inserts[start:start + batch]) + "\nCOMMIT;\n")
    t0 = time.monotonic()
    subprocess.run(["/usr/lib/postgresql/15/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", fleet.pg.dir,
                    "-U", "werkcheck", "-d", "werkcheck", "-f", script], check=True, capture_output=True, timeout=300)
    return len(inserts) / (time.monotonic() - t0)


def enroll(port, codes):
    tokens = []
    for code in codes:
        st, _, body = post_json(port, "/api/v1/enroll", {"enrollment_code": code})
        if st != 200:
            raise RuntimeError(f"enroll: {st} {body}")
        tokens.append(body["device_token"])
    return tokens


def run_sqlite(args, bodies):
    work = tempfile.mkdtemp(prefix="werkcheck-fleet-bench-")
    db = os.path.join(work, "server.db")
    admin = lambda *a: subprocess.run([args.server, "admin", "--db", db, *a], capture_output=True, text=True,
                                      check=True).stdout.strip()
    srv = None
    try:
        org = admin("create-org", "Bench")
        codes = [admin("enroll-code", "--org", org) for _ in bodies]
        srv = Server(args.server, db, work)
        tokens = enroll(srv.port, codes)
        took, stored, errors = drain(srv.port, tokens, bodies, args.time_limit)
        rss = [vm_hwm_kib(srv.proc.pid) / 1024]
        srv.stop()
        srv = None
        return took, stored, errors, raw_sqlite(db, args.batch), rss
    finally:
        if srv:
            srv.stop()
        shutil.rmtree(work, ignore_errors=True)


def run_postgres(args, bodies, instances):
    fleet = Fleet(args.server, instances=instances, fsync=True)
    try:
        codes = [fleet.admin("enroll-code", "--org", fleet.org) for _ in bodies]
        # One instance: the kiosks reach it directly, like SQLite's; two: through nginx.
        port = fleet.server_ports[0] if instances == 1 else fleet.port
        tokens = enroll(port, codes)
        took, stored, errors = drain(port, tokens, bodies, args.time_limit)
        rss = [vm_hwm_kib(s.proc.pid) / 1024 for s in fleet.servers]
        return took, stored, errors, raw_postgres(fleet, args.batch, fleet.dir), rss
    finally:
        fleet.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--sessions", type=int, default=10000)
    ap.add_argument("--kiosks", type=int, default=20)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--time-limit", type=float, default=90, help="per backend, then the rest counts as not drained")
    args = ap.parse_args()

    # The bodies first, so that the client's JSON work is not measured as the server's.
    rng = random.Random(15)
    per_kiosk = args.sessions // args.kiosks
    bodies = []
    for _ in range(args.kiosks):
        mine = []
        for start in range(0, per_kiosk, args.batch):
            batch = [make_session(rng, anonymous=rng.random() < 0.3) for _ in range(min(args.batch, per_kiosk - start))]
            mine.append((len(batch), json.dumps({"sessions": batch}).encode()))
        bodies.append(mine)
    total = sum(n for mine in bodies for n, _ in mine)
    size = sum(len(b) for mine in bodies for _, b in mine) / total

    print(f"{args.kiosks} kiosks drain {total} sessions ({size / 1000:.1f} KB each as JSON) at once, "
          f"batches of {args.batch}; raw = the same rows into the same database, {args.batch} INSERTs a transaction")
    print(f"{'backend':34} {'drain s':>8} {'sessions/s':>11} {'errors':>7} {'raw rows/s':>11} {'server/raw':>10}  "
          f"peak RSS per server")
    failed = False
    for name, run in (("SQLite, 1 instance", lambda: run_sqlite(args, bodies)),
                      ("PostgreSQL, 1 instance", lambda: run_postgres(args, bodies, 1)),
                      ("PostgreSQL, 2 instances + nginx", lambda: run_postgres(args, bodies, 2))):
        took, stored, errors, raw, rss = run()
        rate = stored / took
        note = "" if stored == total else f"  ONLY {stored} of {total} stored"
        failed |= stored != total
        print(f"{name:34} {took:8.1f} {rate:11.0f} {len(errors):7d} {raw:11.0f} {rate / raw:9.0%}  "
              f"{', '.join(f'{r:.0f} MiB' for r in rss)}{note}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
