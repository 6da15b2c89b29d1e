#!/usr/bin/env python3
"""What operators see (issue 15 item 4): /metrics, /healthz and /readyz of a real
werkcheck-server on 127.0.0.1, with a temporary database.

- /metrics counters move by exactly what the test did: 3 new sessions, 1 duplicate, 1 conflict,
  2 failed coach logins and 1 good one (then 5 wrong and 1 throttled); the latency histogram
  counts every request made. The text is read by Prometheus' own parser (Debian's
  python3-prometheus-client).
- Who may read /metrics: loopback without a proxy header, or the token of --metrics-token-file.
- /healthz answers while the database is locked by another process; /readyz then says 503 and
  why, and 200 again once the lock is gone; also 503 when the database file is renamed away.

    ops_test.py --server build/werkcheck-server --content build/content --web build/coach-web

Prints "N passed, M failed" last; exits non-zero on any failure."""
import argparse
import copy
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "coach"))
from server_api_test import Server, admin, request, TALLY  # noqa: E402
from sessions_fixture import make_session  # noqa: E402
from coach_fixture import Client, login  # noqa: E402

check = TALLY.check

try:
    from prometheus_client.parser import text_string_to_metric_families
except ImportError:  # python3 may be another than Debian's (pyenv); the package is Debian's
    sys.path.append("/usr/lib/python3/dist-packages")
    from prometheus_client.parser import text_string_to_metric_families

ADMIN_PASSWORD = "a long admin password"


def scrape(port, headers=None):
    """The samples of /metrics as {(name, frozenset(labels)): value}, parsed by Prometheus' parser."""
    st, h, body = request(port, "GET", "/metrics", headers=headers, raw=True)
    if st != 200:
        raise AssertionError(f"/metrics answered {st}: {body[:200]!r}")
    samples = {}
    for family in text_string_to_metric_families(body.decode()):
        for s in family.samples:
            samples[(s.name, frozenset(s.labels.items()))] = s.value
    return samples, h


def value(samples, name, **labels):
    return samples.get((name, frozenset(labels.items())), 0.0)


def histogram_count(samples, route=None):
    return sum(v for (n, labels), v in samples.items()
               if n == "werkcheck_http_request_duration_seconds_count" and (route is None or ("route", route) in labels))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--content", required=True)
    ap.add_argument("--web", required=True)
    args = ap.parse_args()
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="werkcheck-ops-test-")
    db = os.path.join(work, "server.db")
    servers = []
    try:
        _, org, _ = admin(args.server, db, "create-org", "Gemeente Ops")
        _, code, _ = admin(args.server, db, "enroll-code", "--org", org)
        rc, _, err = admin(args.server, db, "create-coach", "--org", org, "--user", "boss", "--admin",
                           stdin=ADMIN_PASSWORD + "\n")
        check(rc == 0, "setup: an admin account", err)
        srv = Server(args.server, db, work, ["--content", args.content, "--web", args.web])
        servers.append(srv)
        port = srv.port
        st, _, b = request(port, "POST", "/api/v1/enroll", {"enrollment_code": code})
        token = b["device_token"]

        # --- /metrics: the format and what is in it before anything happened ---
        st, h, body = request(port, "GET", "/metrics", raw=True)
        check(st == 200 and h.get("content-type", "").startswith("text/plain; version=0.0.4"),
              "/metrics: 200, text/plain; version=0.0.4", f"{st} {h.get('content-type')}")
        text = body.decode()
        families = {f.name: f for f in text_string_to_metric_families(text)}
        check({"werkcheck_sessions_received", "werkcheck_sessions_conflict", "werkcheck_coach_logins",
               "werkcheck_http_request_duration_seconds", "werkcheck_uptime_seconds", "werkcheck_build_info"}
              <= set(families), "/metrics: Prometheus' parser reads every family", sorted(families))
        check(families["werkcheck_http_request_duration_seconds"].type == "histogram"
              and families["werkcheck_sessions_received"].type == "counter",
              "/metrics: the latency is a histogram, sessions a counter")
        routes = {s.labels.get("route") for s in families["werkcheck_http_request_duration_seconds"].samples}
        check(routes == {"upload", "heartbeat", "content", "coach", "other"},
              "/metrics: one latency histogram per route class", routes)
        version = [s.labels.get("version") for s in families["werkcheck_build_info"].samples]
        check(len(version) == 1 and version[0].count(".") == 2, "/metrics: the build version", version)

        # --- what the test does, counted request by request ---
        before, _ = scrape(port)
        made = 0
        s1, s2, s3 = make_session(), make_session(), make_session()
        st, _, b = request(port, "POST", "/api/v1/sessions", {"sessions": [s1, s2, s3]}, token)
        made += 1
        check(st == 200 and [r["status"] for r in b["results"]] == ["stored"] * 3, "upload: 3 new sessions stored")
        st, _, b = request(port, "POST", "/api/v1/sessions", {"sessions": [s1]}, token)
        made += 1
        check(st == 200 and b["results"][0]["status"] == "duplicate", "upload: 1 duplicate")
        changed = copy.deepcopy(s2)
        changed["answers"]["intake.situatie"] = ["anders"]
        st, _, b = request(port, "POST", "/api/v1/sessions", {"sessions": [changed]}, token)
        made += 1
        check(st == 409, "upload: 1 conflict (409)", st)
        st, _, _ = request(port, "POST", "/api/v1/heartbeat",
                           {"app_version": "1.0.0", "content_version": "x", "last_sync": None, "pending": 2,
                            "free_disk_bytes": 10 ** 9},
                           token)
        made += 1
        check(st == 200, "heartbeat: 200", st)
        coach = Client(port)
        for password in ("wrong password 1", "wrong password 2"):
            r = login(coach, "boss", password)  # GET the form, POST it
            made += 2
            check(r.status == 401, "coach login with a wrong password: 401", r)
        r = login(coach, "boss", ADMIN_PASSWORD)
        made += 2
        check(r.status == 303, "coach login: 303", r)
        after, _ = scrape(port)

        def moved(name, **labels):
            return value(after, name, **labels) - value(before, name, **labels)

        check(moved("werkcheck_sessions_received_total", result="stored") == 3, "metrics: 3 sessions stored",
              moved("werkcheck_sessions_received_total", result="stored"))
        check(moved("werkcheck_sessions_received_total", result="duplicate") == 1, "metrics: 1 duplicate",
              moved("werkcheck_sessions_received_total", result="duplicate"))
        check(moved("werkcheck_sessions_conflict_total") == 1, "metrics: 1 conflict",
              moved("werkcheck_sessions_conflict_total"))
        check(moved("werkcheck_coach_logins_total", result="failed") == 2, "metrics: 2 failed logins",
              moved("werkcheck_coach_logins_total", result="failed"))
        check(moved("werkcheck_coach_logins_total", result="ok") == 1, "metrics: 1 good login",
              moved("werkcheck_coach_logins_total", result="ok"))
        check(moved("werkcheck_coach_logins_total", result="throttled") == 0, "metrics: no login throttled")
        # The first scrape is logged after its text was made, so the second one counts it too.
        total = histogram_count(after) - histogram_count(before)
        check(total == made + 1, f"metrics: the histogram counts the {made} requests made and the first scrape",
              total)
        per_route = {r: histogram_count(after, r) - histogram_count(before, r)
                     for r in ("upload", "heartbeat", "content", "coach", "other")}
        check(per_route == {"upload": 3, "heartbeat": 1, "content": 0, "coach": 6, "other": 1},
              "metrics: each request in its route class", per_route)
        plus_inf = sum(v for (n, labels), v in after.items()
                       if n == "werkcheck_http_request_duration_seconds_bucket" and ("le", "+Inf") in labels)
        check(plus_inf == histogram_count(after), "metrics: the +Inf buckets hold every request")
        check(value(after, "werkcheck_uptime_seconds") > 0, "metrics: uptime is positive")

        # The throttle: 5 wrong passwords for a name, then the 6th attempt is refused unchecked.
        before = after
        statuses = [login(Client(port), "boss", f"wrong password {i}").status for i in range(6)]
        after, _ = scrape(port)
        check(statuses == [401] * 5 + [429], "coach login: 5 wrong passwords, then 429", statuses)
        check(moved("werkcheck_coach_logins_total", result="failed") == 5
              and moved("werkcheck_coach_logins_total", result="throttled") == 1,
              "metrics: 5 more failed logins and 1 throttled",
              (moved("werkcheck_coach_logins_total", result="failed"),
               moved("werkcheck_coach_logins_total", result="throttled")))

        # --- who may read /metrics ---
        st, h, b = request(port, "GET", "/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
        check(st == 403 and b["error"]["code"] == "forbidden", "/metrics through a proxy (X-Forwarded-For): 403", st)
        token_file = os.path.join(work, "metrics-token")
        secret = "m" * 40
        with open(token_file, "w") as f:
            f.write(secret + "\n")
        with_token = Server(args.server, db, work, ["--content", args.content, "--web", args.web,
                                                    "--metrics-token-file", token_file])
        servers.append(with_token)
        st, _, _ = request(with_token.port, "GET", "/metrics")
        check(st == 401, "--metrics-token-file: no token, 401 (also on loopback)", st)
        st, _, _ = request(with_token.port, "GET", "/metrics", headers={"Authorization": "Bearer " + "x" * 40})
        check(st == 401, "--metrics-token-file: a wrong token, 401", st)
        st, _, body = request(with_token.port, "GET", "/metrics", headers={"Authorization": "Bearer " + secret},
                              raw=True)
        check(st == 200 and b"werkcheck_sessions_received_total" in body, "--metrics-token-file: the token, 200", st)
        check(value(scrape(with_token.port, {"Authorization": "Bearer " + secret})[0],
                    "werkcheck_sessions_received_total", result="stored") == 0,
              "metrics are per process: the second instance counted no sessions")
        short = os.path.join(work, "short-token")
        with open(short, "w") as f:
            f.write("short\n")
        r = subprocess.run([args.server, "--db", db, "--listen", "127.0.0.1:0", "--metrics-token-file", short],
                           capture_output=True, text=True, timeout=20)
        check(r.returncode != 0 and "too short" in r.stderr, "a metrics token under 32 characters: refused at start",
              r.stderr[-200:])
        for bad, says in ((["--metrics-token-file", os.path.join(work, "missing")], "cannot read the metrics token"),
                          (["--silent-days", "drie"], "whole number of days"),
                          (["--silent-days", "0"], "whole number of days")):
            r = subprocess.run([args.server, "--db", db, "--listen", "127.0.0.1:0", *bad],
                               capture_output=True, text=True, timeout=20)
            check(r.returncode != 0 and says in r.stderr, f"{' '.join(bad)}: refused at start, saying why",
                  r.stderr[-200:])
        rc, _, err = admin(args.server, db, "list-kiosks", "--silent-days", "x")
        check(rc != 0 and "whole number of days" in err, "admin list-kiosks --silent-days x: refused, saying why", err)

        # --- /healthz and /readyz ---
        st, _, b = request(port, "GET", "/healthz")
        check(st == 200 and b == {"status": "alive"}, "/healthz: 200", f"{st} {b}")
        st, _, b = request(port, "GET", "/readyz")
        check(st == 200 and b == {"status": "ready"}, "/readyz: 200 while the database answers", f"{st} {b}")
        errors_before = scrape(port)[0]
        locker = sqlite3.connect(db, isolation_level=None, timeout=10)
        locker.execute("BEGIN EXCLUSIVE")  # another process holds SQLite's write lock
        try:
            t0 = time.monotonic()
            st, _, b = request(port, "GET", "/healthz")
            check(st == 200 and time.monotonic() - t0 < 0.4, "/healthz: 200 at once while the database is locked",
                  f"{st} {time.monotonic() - t0:.2f}s")
            t0 = time.monotonic()
            st, h, b = request(port, "GET", "/readyz")
            took = time.monotonic() - t0
            check(st == 503 and b.get("status") == "not_ready" and "locked" in b.get("reason", "")
                  and h.get("retry-after") == "5", "/readyz: 503 with the reason while the database is locked",
                  f"{st} {b}")
            check(took < 2, f"/readyz answers within 2 s while locked ({took:.2f} s)")
            st, _, _ = request(port, "POST", "/api/v1/sessions", {"sessions": [make_session()]}, token)
            check(st >= 500, "upload while locked: a 5xx answer", st)
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        st, _, b = request(port, "GET", "/readyz")
        check(st == 200, "/readyz: 200 again when the lock is gone", f"{st} {b}")
        errors_after = scrape(port)[0]
        err_moved = {(dict(l).get("route"), dict(l).get("status")): v - errors_before.get((n, l), 0)
                     for (n, l), v in errors_after.items() if n == "werkcheck_http_server_errors_total"}
        err_moved = {k: v for k, v in err_moved.items() if v}
        check(err_moved.get(("other", "503")) == 1 and sum(v for (r, _), v in err_moved.items() if r == "upload") == 1
              and len(err_moved) == 2, "metrics: the 5xx answers by route and status (readyz 503, the upload)",
              err_moved)
        os.rename(db, db + ".moved")
        try:
            st, _, b = request(port, "GET", "/readyz")
            check(st == 503 and "renamed" in b.get("reason", ""), "/readyz: 503 when the database file is moved away",
                  f"{st} {b}")
        finally:
            os.rename(db + ".moved", db)
        st, _, _ = request(port, "GET", "/readyz")
        check(st == 200, "/readyz: 200 when the file is back", st)
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(work, ignore_errors=True)
    return TALLY.finish(f" in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
