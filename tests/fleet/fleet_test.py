#!/usr/bin/env python3
"""Two werkcheck-server instances on one throw-away PostgreSQL behind a real nginx running the
shipped site file (fleet_lab.py), under faults, with real processes only:
- one batch raced through nginx and directly to both instances: stored once, 409 rules kept;
- a coach's login through nginx stays valid whichever instance answers;
- one instance SIGKILLed while real kiosks (`werkcheck sync-once`) upload through nginx;
- PostgreSQL restarted while real kiosks and an API client upload through nginx.
After each fault every kiosk's sessions are on the server exactly once, each with its content
(uuids compared, the server's stored hash against its stored JSON, the JSON against the kiosk's).

    fleet_test.py --server build/werkcheck-server --kiosk build/werkcheck

Prints "N passed, M failed" last; exits non-zero on any failure."""
import argparse
import copy
import http.client
import json
import os
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from fleet_lab import Fleet, post_json, sha256_hex  # noqa: E402
from server_api_test import TALLY, check  # noqa: E402
from sessions_fixture import make_session  # noqa: E402

sys.path.insert(0, os.path.join(HERE, "..", "coach"))
from coach_fixture import Client, login  # noqa: E402

PASSWORD = "een-lang-wachtwoord"


class Kiosk:
    """A real kiosk (the werkcheck binary) with its own data dir, enrolled through nginx, with a
    backlog of sessions in its outbox."""

    def __init__(self, binary, fleet, name, count):
        self.binary, self.data = binary, os.path.join(fleet.dir, name)
        code = fleet.admin("enroll-code", "--org", fleet.org)
        self.run("enroll", "--server", fleet.url, "--code", code)
        self.add_sessions(count)
        self.rounds, self.failed_rounds = 0, 0

    def run(self, *args):
        r = subprocess.run([self.binary, *args[:1], "--data", self.data, *args[1:]], capture_output=True,
                           text=True, timeout=120)
        if r.returncode != 0:
            raise RuntimeError(f"werkcheck {args}: {r.stdout[-500:]} {r.stderr[-500:]}")
        return r.stdout

    def add_sessions(self, count):
        self.run("make-sessions", "--count", str(count))

    def drain(self, deadline):
        """sync-once until it says nothing is pending (exit 0), as the kiosk's sync thread retries."""
        while time.monotonic() < deadline:
            self.rounds += 1
            r = subprocess.run([self.binary, "sync-once", "--data", self.data], capture_output=True, text=True,
                               timeout=120)
            if r.returncode == 0:
                return True
            self.failed_rounds += 1
            time.sleep(0.3)
        return False

    def sessions(self):
        """{uuid: session} as the kiosk exports them."""
        out = {}
        for line in filter(None, self.run("export").split("\n")):
            s = json.loads(line)
            out[s["uuid"]] = s
        return out


def drain_all(kiosks, seconds=60):
    deadline = time.monotonic() + seconds
    results = [None] * len(kiosks)

    def one(i):
        results[i] = kiosks[i].drain(deadline)

    return start_threads(one, [(i,) for i in range(len(kiosks))]), results


def start_threads(target, args_list):
    threads = [threading.Thread(target=target, args=args) for args in args_list]
    for t in threads:
        t.start()
    return threads


def compare(fleet, kiosks, extra_sent, what):
    """Every session of the kiosks (and the API client's extra_sent {uuid: session}) is stored once,
    whole, and as sent; nothing else is stored."""
    stored = fleet.stored_sessions()
    sent = dict(extra_sent)
    for k in kiosks:
        sent.update(k.sessions())
    missing = sorted(set(sent) - set(stored))
    extra = sorted(set(stored) - set(sent))
    check(not missing and not extra, f"{what}: the {len(sent)} sessions sent are the {len(stored)} stored, once each",
          f"missing {missing[:3]} ({len(missing)}), unknown {extra[:3]} ({len(extra)})")
    bad_hash = [u for u, (h, j) in stored.items() if sha256_hex(j) != h]
    check(not bad_hash, f"{what}: every stored session's JSON matches its stored SHA-256 (nothing half-stored)",
          str(bad_hash[:3]))
    # A session the person did not share goes up "anonymous", without its code; the kiosk's
    # export has the code and no "anonymous". The rest is compared whole.
    def same(kept, sent):
        if kept.get("anonymous"):
            sent = dict(sent, code=None)
        return kept.get("anonymous") == (kept.get("code") is None) and \
            {k: v for k, v in kept.items() if k != "anonymous"} == {k: v for k, v in sent.items() if k != "anonymous"}

    differs = [u for u in sent if u in stored and not same(json.loads(stored[u][1]), sent[u])]
    check(not differs, f"{what}: every stored session is the content the kiosk sent", str(differs[:3]))


def sum_metric(fleet, name):
    """A counter's value summed over the instances' /metrics (read on their own port, from loopback)."""
    total = 0
    for port in fleet.server_ports:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/metrics")
        text = conn.getresponse().read().decode()
        conn.close()
        total += sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name + " "))
    return round(total)


def readyz(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/readyz")
    r = conn.getresponse()
    r.read()
    conn.close()
    return r.status, r.getheader("Retry-After")


def duplicates_and_conflicts(fleet):
    token = fleet.enroll_token()
    batch = [make_session() for _ in range(20)]
    ports = [fleet.port] + fleet.server_ports  # nginx, instance A, instance B
    answers = []

    def send(port):
        st, _, body = post_json(port, "/api/v1/sessions", {"sessions": batch}, token)
        answers.append((st, [r["status"] for r in body["results"]] if st == 200 else body))

    for t in start_threads(send, [(ports[i % 3],) for i in range(12)]):
        t.join()
    stored = sum(s.count("stored") for st, s in answers if st == 200)
    check(all(st == 200 for st, _ in answers) and stored == 20,
          "one batch of 20 sent 12 times at once (nginx, A, B in turn): every answer 200, each session stored once",
          f"{[st for st, _ in answers]} stored={stored}")
    uuids = ",".join(f"'{s['uuid']}'" for s in batch)
    check(fleet.pg.sql("werkcheck", f"SELECT count(*) FROM sessions WHERE uuid IN ({uuids})") == "20",
          "20 rows for the batch in the database")

    changed, fresh = copy.deepcopy(batch[0]), make_session()
    changed["answers"]["intake.situatie"] = ["anders"]
    for port, where in zip(ports, ("nginx", "instance A", "instance B")):
        st, h, body = post_json(port, "/api/v1/sessions", {"sessions": [fresh, changed]}, token)
        check(st == 409 and body["error"]["code"] == "conflict" and body["error"].get("uuids") == [batch[0]["uuid"]],
              f"same uuid, other content, through {where}: 409 naming the uuid", f"{st} {body}")
    check(fleet.pg.sql("werkcheck", f"SELECT count(*) FROM sessions WHERE uuid = '{fresh['uuid']}'") == "0",
          "nothing of a 409 batch is stored")
    # Each instance counts what it did; summed over both they say what happened (as Prometheus sums them).
    counted = [sum_metric(fleet, name) for name in ('werkcheck_sessions_received_total{result="stored"}',
                                                   'werkcheck_sessions_received_total{result="duplicate"}',
                                                   "werkcheck_sessions_conflict_total")]
    check(counted == [20, 11 * 20, 3], "/metrics of A and B summed: 20 stored, 220 duplicates, 3 conflicts",
          str(counted))
    return token, batch


def coach_login(fleet, code):
    fleet.admin("create-coach", "--org", fleet.org, "--user", "coach1", stdin=PASSWORD + "\n")
    coach = Client(fleet.port)
    r = login(coach, "coach1", PASSWORD)
    check(r.status == 303 and "wk_coach" in coach.cookies, "a coach logs in through nginx", repr(r))
    statuses = [coach.get(f"/coach/participant/{code}").status for _ in range(6)]
    answered = {addr for req, st, tried in fleet.upstream_log() if f"/coach/participant/{code}" in req
                for addr, _ in tried}
    check(statuses == [200] * 6 and answered == {f"127.0.0.1:{p}" for p in fleet.server_ports},
          "the login's participant page, 6 times through nginx: 200 each, answered by both instances",
          f"{statuses} {sorted(answered)}")
    # The login throttle is in the database: wrong passwords through nginx, which spreads them over
    # both instances, count together.
    fleet.admin("create-coach", "--org", fleet.org, "--user", "coach2", stdin=PASSWORD + "\n")
    log_lines = len(fleet.upstream_log())
    wrong = []
    for i in range(5):
        if i % 2:  # login() is a GET and a POST; one more GET turns nginx's round robin for the next POST
            Client(fleet.port).get("/coach/login")
        wrong.append(login(Client(fleet.port), "coach2", f"fout wachtwoord {i}").status)
    right = login(Client(fleet.port), "coach2", PASSWORD)
    answered = {addr for req, st, tried in fleet.upstream_log()[log_lines:] if req.startswith("POST /coach/login")
                for addr, _ in tried}
    check(wrong == [401] * 5 and right.status == 429 and right.header("retry-after") and len(answered) == 2,
          "5 wrong passwords through nginx (both instances answered them): then the right one is refused, 429",
          f"{wrong} {right.status} {sorted(answered)}")


def wait_for_rows(fleet, at_least, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if int(fleet.pg.sql("werkcheck", "SELECT count(*) FROM sessions")) >= at_least:
            return True
        time.sleep(0.05)
    return False


def kill_mid_upload(fleet, args, before, batch):
    kiosks = [Kiosk(args.kiosk, fleet, f"kiosk-kill-{i}", 400) for i in range(4)]
    log_lines = len(fleet.upstream_log())
    threads, drained = drain_all(kiosks)
    check(wait_for_rows(fleet, before + 100), "the kiosks' uploads have begun")
    # Stopped for half a second before the kill, so that uploads are surely in flight on it.
    fleet.kill_instance(0, pause_s=0.5)
    killed_at = int(fleet.pg.sql("werkcheck", "SELECT count(*) FROM sessions")) - before
    for t in threads:
        t.join()
    check(all(drained), "SIGKILL of instance A mid-upload: every kiosk's outbox drains through nginx",
          f"rounds {[k.rounds for k in kiosks]}, failed {[k.failed_rounds for k in kiosks]}")
    uploads = [(st, tried) for req, st, tried in fleet.upstream_log()[log_lines:] if "/api/v1/sessions" in req]
    a = f"127.0.0.1:{fleet.server_ports[0]}"
    resent = [(st, tried) for st, tried in uploads if len(tried) > 1 and tried[0][0] == a]
    check(resent and all(st == "200" for st, _ in resent),
          "uploads in flight on A when it was killed were resent by nginx to B and stored (200)", str(resent[:3]))
    print(f"kill: {killed_at} of 1600 sessions stored when A was killed; {len(uploads)} upload requests, "
          f"{len(resent)} resent from A to B; kiosk sync rounds {[k.rounds for k in kiosks]} "
          f"(failed {[k.failed_rounds for k in kiosks]})")
    compare(fleet, kiosks, {s["uuid"]: s for s in batch}, "after the kill")
    fleet.start_instance(0)
    return kiosks


def postgres_restart_mid_upload(fleet, args, kiosks, token):
    for k in kiosks:
        k.add_sessions(300)
    before = int(fleet.pg.sql("werkcheck", "SELECT count(*) FROM sessions"))
    log_lines = len(fleet.upstream_log())
    # An API client beside the real kiosks: it keeps each batch until the server answers 200.
    api_sent, api_answers, stop = {}, [], threading.Event()

    def api_kiosk():
        while not stop.is_set():
            batch = [make_session() for _ in range(10)]
            while True:
                try:
                    st, h, body = post_json(fleet.port, "/api/v1/sessions", {"sessions": batch}, token, timeout=30)
                except OSError as e:
                    st, h, body = type(e).__name__, {}, None
                api_answers.append((time.monotonic(), st, h.get("retry-after"), body))
                if st == 200:
                    api_sent.update((s["uuid"], s) for s in batch)
                    break
                time.sleep(0.2)

    api = threading.Thread(target=api_kiosk)
    api.start()
    threads, drained = drain_all(kiosks)
    check(wait_for_rows(fleet, before + 100), "the uploads before the restart have begun")
    down_at = time.monotonic()
    fleet.pg.stop()
    ready_while_down = [readyz(p) for p in fleet.server_ports]
    time.sleep(max(0.0, 2 - (time.monotonic() - down_at)))
    fleet.pg.start()
    up_at = time.monotonic()
    for t in threads:
        t.join()
    stop.set()
    api.join()
    check(all(drained), "PostgreSQL restarted mid-upload: every kiosk's outbox drains afterwards",
          f"rounds {[k.rounds for k in kiosks]}, failed {[k.failed_rounds for k in kiosks]}")
    during = [(st, ra, body) for t, st, ra, body in api_answers if down_at <= t <= up_at + 0.5 and st != 200]
    statuses = {str(st): sum(1 for s, _, _ in during if s == st) for st in {s for s, _, _ in during}}
    print(f"postgres restart: answers to the API client while it was down: {statuses} "
          f"({len(during)} answers, Retry-After {sorted({ra for _, ra, _ in during if ra})}); kiosk sync rounds "
          f"{[k.rounds for k in kiosks]} (failed {[k.failed_rounds for k in kiosks]})")
    check(during and all(st == 503 and ra and isinstance(body, dict) and body.get("error", {}).get("code") ==
                         "service_unavailable" for st, ra, body in during),
          "uploads while PostgreSQL is down: the server's 503 with Retry-After through nginx (the client keeps them)",
          str(during[:3]))
    # Not nginx's 502: the server reads and drops the body of an upload it answers before reading it.
    through = [st for req, st, _ in fleet.upstream_log()[log_lines:] if "/api/v1/sessions" in req]
    check("502" not in through, f"no upload answered 502 by nginx during the restart ({len(through)} uploads: "
          f"{ {st: through.count(st) for st in sorted(set(through))} })")
    check(all(st == 503 and ra for st, ra in ready_while_down), "/readyz of both instances: 503 with Retry-After while "
          "PostgreSQL is down", str(ready_while_down))
    check(all(s.proc.poll() is None for s in fleet.servers), "both instances still run after PostgreSQL's restart")
    check([readyz(p)[0] for p in fleet.server_ports] == [200, 200], "/readyz of both: 200 once it is back")
    return api_sent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--kiosk", required=True)
    args = ap.parse_args()
    started = time.monotonic()
    fleet = None
    try:
        fleet = Fleet(args.server, instances=2)
        token, batch = duplicates_and_conflicts(fleet)
        coach_login(fleet, batch[0]["code"])
        before = int(fleet.pg.sql("werkcheck", "SELECT count(*) FROM sessions"))
        kiosks = kill_mid_upload(fleet, args, before, batch)
        api_sent = postgres_restart_mid_upload(fleet, args, kiosks, token)
        api_sent.update((s["uuid"], s) for s in batch)
        compare(fleet, kiosks, api_sent, "after PostgreSQL's restart")
    except Exception as e:  # noqa: BLE001
        import traceback
        traceback.print_exc()
        check(False, "test ran to the end", repr(e))
    finally:
        if fleet:
            fleet.close()
    print(f"time {time.monotonic() - started:.1f} s")
    return TALLY.finish()


if __name__ == "__main__":
    sys.exit(main())
