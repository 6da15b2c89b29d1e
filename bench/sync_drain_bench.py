#!/usr/bin/env python3
"""Sync benchmark (prints figures; not a pass/fail test): how long a kiosk needs to drain a
backlog of sessions to a real werkcheck-server on loopback, and the server's peak RSS.

  python3 bench/sync_drain_bench.py --bin build/werkcheck --server build/werkcheck-server [--count 10000]
"""
import argparse, json, os, re, shutil, sqlite3, subprocess, sys, tempfile, time


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--server", required=True)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--answers", type=int, default=68, help="answers added to each session")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="werkcheck-drain-")
    server = None
    try:
        db, data = os.path.join(work, "server.db"), os.path.join(work, "kiosk")
        # The server logs a line per request: to a file, so a full pipe can never stall it.
        log_path = os.path.join(work, "server.log")
        log = open(log_path, "w")
        server = subprocess.Popen([args.server, "--db", db, "--listen", "127.0.0.1:0"], stdout=subprocess.DEVNULL,
                                  stderr=log)
        port = None
        deadline = time.monotonic() + 20
        while port is None and time.monotonic() < deadline:
            with open(log_path) as f:
                m = re.search(r'"event":\s*"listening".*?"port":\s*(\d+)', f.read())
            if m:
                port = m.group(1)
            else:
                time.sleep(0.05)
        if port is None:
            raise SystemExit("the server did not say where it listens")
        url = f"http://127.0.0.1:{port}"
        admin = lambda *a: subprocess.run([args.server, "admin", "--db", db, *a], capture_output=True, text=True,
                                          check=True).stdout.strip()
        org = admin("create-org", "Benchmark")
        code = admin("enroll-code", "--org", org)
        subprocess.run([args.bin, "enroll", "--data", data, "--server", url, "--code", code], check=True,
                       capture_output=True)
        t0 = time.monotonic()
        subprocess.run([args.bin, "make-sessions", "--data", data, "--count", str(args.count)], check=True,
                       capture_output=True)
        # make-sessions writes short sessions; give each the ~70 answers of a real check (about 10 KB),
        # appended to the kiosk's own database in one transaction.
        con = sqlite3.connect(os.path.join(data, "werkcheck.db"))
        with con:
            ids = [r[0] for r in con.execute("SELECT id FROM sessions")]
            con.executemany(
                "INSERT INTO answer_events(session_id, item, kind, answer, at) VALUES(?,?,?,?,?)",
                ((sid, f"interesses.item{i}", "answer", json.dumps(["leuk"]), "2026-11-23T10:00:00.000Z")
                 for sid in ids for i in range(args.answers)))
        con.close()
        print(f"made a backlog of {args.count} sessions with {args.answers + 2} answers each "
              f"in {time.monotonic() - t0:.1f} s")
        t0 = time.monotonic()
        rounds = 0
        while True:
            rounds += 1
            r = subprocess.run([args.bin, "sync-once", "--data", data], capture_output=True, text=True)
            if r.returncode == 0:
                break
            if rounds > 1000 or time.monotonic() - t0 > 600:
                raise SystemExit("the backlog did not drain: " + r.stdout[-300:] + r.stderr[-300:])
        took = time.monotonic() - t0
        print(f"kiosk drained {args.count} sessions to the server on loopback in {took:.1f} s "
              f"({args.count / took:.0f} sessions/s, {rounds} sync round(s))")
        print(f"server peak RSS: {peak_rss_mb(server.pid):.1f} MB")
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
