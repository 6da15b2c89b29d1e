#!/usr/bin/env python3
"""Benchmark of werkcheck-server (not a test): ingest rate of realistic sessions (the shape of
`werkcheck export`, about 70 answers and 70 events each) in batches of 100 from several
concurrent kiosks on loopback, and the server's peak RSS (VmHWM from /proc).

    bench/server_bench.py --server build-server/werkcheck-server [--sessions 10000] [--kiosks 4] [--gzip]
"""
import argparse
import gzip
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "server"))
from sessions_fixture import make_session  # noqa: E402


def vm_hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--sessions", type=int, default=10000)
    ap.add_argument("--kiosks", type=int, default=4, help="concurrent uploaders, each its own enrolled kiosk")
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--gzip", action="store_true")
    ap.add_argument("--time-limit", type=float, default=240, help="stop uploading after this many seconds")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="werkcheck-server-bench-")
    db = os.path.join(work, "bench.db")
    run = lambda *a: subprocess.run([args.server, "admin", "--db", db, *a], capture_output=True, text=True,
                                    check=True).stdout.strip()
    org = run("create-org", "Bench")
    codes = [run("enroll-code", "--org", org) for _ in range(args.kiosks)]
    log = open(os.path.join(work, "server.log"), "wb")
    proc = subprocess.Popen([args.server, "--db", db, "--listen", "127.0.0.1:0"], stderr=log)
    port = None
    for _ in range(200):
        for line in open(log.name):
            e = json.loads(line)
            if e["event"] == "listening":
                port = e["fields"]["port"]
        if port:
            break
        time.sleep(0.05)
    if not port:
        print("server did not start")
        return 1

    tokens = []
    for code in codes:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("POST", "/api/v1/enroll", json.dumps({"enrollment_code": code}), {"Content-Type": "application/json"})
        tokens.append(json.loads(c.getresponse().read())["device_token"])
        c.close()

    # Build the bodies first so the client's JSON work is not measured as server time.
    rng = random.Random(7)
    per_kiosk = args.sessions // args.kiosks
    bodies = []
    sample = make_session(rng)
    for k in range(args.kiosks):
        mine = []
        for start in range(0, per_kiosk, args.batch):
            batch = [make_session(rng, anonymous=rng.random() < 0.3) for _ in range(min(args.batch, per_kiosk - start))]
            body = json.dumps({"sessions": batch}).encode()
            mine.append((len(batch), gzip.compress(body) if args.gzip else body))
        bodies.append(mine)
    total_sessions = sum(n for mine in bodies for n, _ in mine)
    total_bytes = sum(len(b) for mine in bodies for _, b in mine)

    peak = [0]
    stop = threading.Event()

    def sample_rss():
        while not stop.is_set():
            peak[0] = max(peak[0], vm_hwm_kib(proc.pid))
            time.sleep(0.05)

    done = [0] * args.kiosks
    errors = []
    deadline = time.monotonic() + args.time_limit

    def kiosk(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {tokens[i]}"}
        if args.gzip:
            headers["Content-Encoding"] = "gzip"
        for n, body in bodies[i]:
            if time.monotonic() > deadline:
                break
            conn.request("POST", "/api/v1/sessions", body, headers)
            r = conn.getresponse()
            data = r.read()
            if r.status != 200:
                errors.append((r.status, data[:200]))
                break
            done[i] += n
        conn.close()

    sampler = threading.Thread(target=sample_rss)
    sampler.start()
    t0 = time.monotonic()
    threads = [threading.Thread(target=kiosk, args=(i,)) for i in range(args.kiosks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    stop.set()
    sampler.join()
    peak[0] = max(peak[0], vm_hwm_kib(proc.pid))
    proc.terminate()
    proc.wait(10)
    log.close()
    db_size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
    stored = sum(done)

    print(f"session size          {len(json.dumps(sample))} bytes JSON, {len(sample['answers'])} answers, "
          f"{len(sample['events'])} events")
    print(f"uploaded              {stored} of {total_sessions} sessions in batches of {args.batch}, "
          f"{args.kiosks} concurrent kiosks, {'gzip' if args.gzip else 'plain'} ({total_bytes / 1e6:.1f} MB on the wire)")
    print(f"ingest rate           {stored / elapsed:.0f} sessions/s ({elapsed:.2f} s)")
    print(f"server peak RSS       {peak[0] / 1024:.1f} MiB (VmHWM)")
    print(f"database size         {db_size / 1e6:.1f} MB")
    if errors:
        print(f"errors                {errors[:3]}")
    subprocess.run(["rm", "-rf", work])
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
