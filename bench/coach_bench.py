#!/usr/bin/env python3
"""Benchmark of the coach pages (not a test): a real werkcheck-server on loopback with the coach
test data (tests/coach/coach_fixture.py) plus N more realistic checks in the same kiosk group,
dated into the last ended quarter. Prints:
  - login time (argon2id verification, interactive limits),
  - a participant's result page: p50/p99 one at a time, and pages/s with 8 coaches at once,
  - the totals page over all N checks: p50/p99,
  - the server's peak RSS (VmHWM).

    bench/coach_bench.py --server build/werkcheck-server --kiosk build/werkcheck \
        --content build/content --web build/coach-web [--checks 5000]
"""
import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.request
import uuid

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "coach"))
from coach_fixture import CoachFixture, Client, date_into_last_quarter, login, logged_in  # noqa: E402
from make_answers import content_ref, make_answers  # noqa: E402
from server_bench import vm_hwm_kib  # noqa: E402


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(fn, n):
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def add_checks(fx, n):
    """n more checks from org A's kiosk, through the API, then dated into fx.quarter with the others."""
    with open(os.path.join(fx.kiosk_dirs["A"], "device.json")) as f:
        token = json.load(f)["device_token"]
    ref = content_ref(fx.content_dir)
    personas = ["doener-zorger", "regelaar", "maker"]
    answer_sets = [make_answers(fx.content_dir, personas[i % 3], 1000 + i) for i in range(30)]
    rng = random.Random(3)
    for start in range(0, n, 100):
        batch = []
        for i in range(start, min(n, start + 100)):
            u = str(uuid.uuid4())
            answers = answer_sets[rng.randrange(len(answer_sets))]
            batch.append({"uuid": u, "code": None, "anonymous": True, "locale": "nl", "content": ref,
                          "started_at": "2026-01-01T10:00:00.000Z", "ended_at": "2026-01-01T10:15:00.000Z",
                          "status": "finished", "consent": False, "follow_up_of": None, "answers": answers,
                          "events": [{"seq": k + 1, "item": key, "kind": "answer", "values": v,
                                      "at": "2026-01-01T10:00:00.000Z"} for k, (key, v) in enumerate(answers.items())]})
        req = urllib.request.Request(fx.url + "/api/v1/sessions", json.dumps({"sessions": batch}).encode(),
                                     {"Content-Type": "application/json", "Authorization": "Bearer " + token})
        with urllib.request.urlopen(req, timeout=60) as r:
            assert r.status == 200
    assert date_into_last_quarter(fx.db) == fx.quarter


def main():
    ap = argparse.ArgumentParser()
    for flag in ("--server", "--kiosk", "--content", "--web"):
        ap.add_argument(flag, required=True)
    ap.add_argument("--checks", type=int, default=5000)
    a = ap.parse_args()
    with CoachFixture(a.server, a.kiosk, a.content, a.web, say=lambda *_: None) as fx:
        fx.setup()
        t0 = time.perf_counter()
        add_checks(fx, a.checks)
        print(f"coach bench: {a.checks + sum(fx.counts.values())} checks on the server "
              f"(added {a.checks} in {time.perf_counter() - t0:.1f} s)")
        port, p1 = fx.port, fx.codes["P1"]

        logins = timed(lambda: login(Client(port), "coach-a", fx.passwords["coach-a"]), 10)
        print(f"  login (argon2id verify): median {statistics.median(logins):.0f} ms")

        c = logged_in(port, "coach-a")
        page = lambda: c.get(f"/coach/participant/{p1}")  # noqa: E731
        assert page().status == 200
        one = timed(page, 200)
        print(f"  result page, one coach: p50 {pct(one, 50):.1f} ms, p99 {pct(one, 99):.1f} ms")

        clients = [logged_in(port, "coach-a") for _ in range(8)]
        done = [0]
        lock = threading.Lock()

        def worker(cl):
            for _ in range(100):
                assert cl.get(f"/coach/participant/{p1}").status == 200
                with lock:
                    done[0] += 1
        t0 = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(cl,)) for cl in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.perf_counter() - t0
        print(f"  result page, 8 coaches at once: {done[0] / took:.0f} pages/s")
        print(f"  server peak RSS before the totals: {vm_hwm_kib(fx.server.proc.pid) / 1024:.0f} MiB")

        totals = lambda: c.get(f"/coach/totals?group=Utrecht&quarter={fx.quarter}")  # noqa: E731
        r = totals()
        assert r.status == 200 and 'id="totals"' in r.text, r.status
        t = timed(totals, 20)
        print(f"  totals over {a.checks + fx.counts['A']} checks: p50 {pct(t, 50):.0f} ms, p99 {pct(t, 99):.0f} ms")
        print(f"  server peak RSS: {vm_hwm_kib(fx.server.proc.pid) / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
