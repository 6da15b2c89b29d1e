#!/usr/bin/env python3
"""Two werkcheck-server processes on one database behave as one server (issue 15, item 2):

- both start at the same moment on a new database: one schema, one signing key;
- a coach logs in on instance A and the cookie (and its CSRF token) works on B;
- failed logins spread over A and B are throttled together, also when sent in parallel;
- kiosks enrolled on A and on B get the same content key; the manifest verifies on both;
- the same batch uploaded to A and B at the same moment (many rounds, threads) is stored once,
  and a conflicting batch racing a stored one gets the same 409 as today;
- the database unavailable (SQLite: another program holds the write lock past the busy
  timeout; PostgreSQL: the cluster stopped): the API answers 503 with Retry-After, the coach
  page says the service is unavailable (503), and a real kiosk keeps its outbox, then delivers
  it when the database is back.

    two_instances_test.py --server BIN --kiosk BIN --content DIR --web DIR --verifier BIN [--db sqlite|postgres]

--db is the database both instances share: "sqlite" (a file in a temporary directory) or
"postgres" (a database on a throw-away PostgreSQL cluster). Prints "N passed, M failed"; exit 1
on any failure."""
import argparse
import base64
import http.client
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "coach"))
sys.path.insert(0, os.path.join(HERE, ".."))
from coach_fixture import Client, ServerProcess, csrf_of, login, sync_once  # noqa: E402
from make_answers import content_ref, make_answers  # noqa: E402
from pg_cluster import PgCluster  # noqa: E402
from sessions_fixture import make_session  # noqa: E402
from tally import Tally  # noqa: E402

TALLY = Tally()
check = TALLY.check
PASSWORD = "coach-a wachtwoord 2026"


def api(port, method, path, body=None, token=None, timeout=20):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=None if body is None else json.dumps(body).encode(), headers=headers)
        r = conn.getresponse()
        data = r.read()
        headers = {k.lower(): v for k, v in r.getheaders()}
    finally:
        conn.close()
    try:
        parsed = json.loads(data)
    except ValueError:
        parsed = data
    return r.status, headers, parsed


def listening(server):
    for line in server.log_text().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("event") == "listening":
            return entry["fields"]
    return {}


class Database:
    """The database the instances share; `db_arg` is what --db gets. "sqlite": a file in `work`;
    "postgres": a database on a throw-away PostgreSQL cluster (pg_cluster.py)."""

    def __init__(self, kind, work):
        self.kind, self.pg = kind, None
        if kind == "sqlite":
            self.db_arg = os.path.join(work, "server.db")
        elif kind == "postgres":
            self.pg = PgCluster()
            self.pg.sql("postgres", "CREATE DATABASE werkcheck")
            self.db_arg = self.pg.url("werkcheck")
        else:
            raise SystemExit(f"--db {kind}: sqlite or postgres")

    def session_count(self):
        if self.pg:
            return int(self.pg.sql("werkcheck", "SELECT count(*) FROM sessions"))
        con = sqlite3.connect(f"file:{self.db_arg}?mode=ro", uri=True)
        try:
            return con.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        finally:
            con.close()

    def hold_unavailable(self, seconds, held):
        """The database cannot be reached for `seconds`; `held` is set once that is so. SQLite:
        another program holds the write lock (past the servers' 2 s busy timeout). PostgreSQL:
        the cluster is stopped, then started again."""
        if self.pg:
            self.pg.stop()
            held.set()
            time.sleep(seconds)
            self.pg.start()
            return
        con = sqlite3.connect(self.db_arg, timeout=10, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        con.execute("ROLLBACK")
        con.close()

    def close(self):
        if self.pg:
            self.pg.__exit__(None, None, None)


def admin(args, db, *cmd, stdin=None):
    r = subprocess.run([args.server, "admin", "--db", db.db_arg, *cmd], input=stdin, capture_output=True, text=True,
                       timeout=60)
    if r.returncode != 0:
        raise SystemExit(f"admin {' '.join(cmd)}: {r.stderr}")
    return r.stdout.strip()


def start_together(args, db, work):
    """Starts A and B at the same moment on a database neither has seen."""
    extra = ["--content", args.content, "--web", args.web]
    out = [None, None]
    threads = [threading.Thread(target=lambda i=i: out.__setitem__(i, ServerProcess(args.server, db.db_arg, work, extra)))
               for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_start_and_key(a, b):
    ka, kb = listening(a).get("content_public_key"), listening(b).get("content_public_key")
    check(ka and ka == kb, "two instances started together on a new database sign with one key", f"{ka} {kb}")
    return ka


def test_login_across(a, b):
    c = Client(a.port)
    r = login(c, "coach-a", PASSWORD)
    check(r.status == 303 and "wk_coach" in c.cookies, "coach logs in on A", repr(r))
    on_b = Client(b.port)
    on_b.cookies = dict(c.cookies)
    home = on_b.get("/coach/")
    check(home.status == 200 and "coach-a" in home.text, "A's login cookie works on B", repr(home))
    token = csrf_of(home.text)
    page_a = c.get("/coach/")
    check(token and token == csrf_of(page_a.text), "the CSRF token is the same on A and B")
    r = on_b.post("/coach/logout", {"csrf": csrf_of(page_a.text)})
    check(r.status == 303 and "logged_out" in (r.header("location") or ""), "a form from A's page is accepted by B",
          repr(r))
    r = c.get("/coach/")
    check(r.status in (302, 303) and "/coach/login" in (r.header("location") or ""),
          "logged out on B ends the login on A too", repr(r))


def test_throttle_across(a, b, port_of):
    # Sequential: five wrong passwords alternating over A and B, then both refuse (the right one too).
    statuses = []
    for i in range(5):
        statuses.append(login(Client(port_of[i % 2]), "coach-a", "wrong password %d" % i).status)
    check(statuses == [401] * 5, "five wrong passwords over A and B: 401 each", str(statuses))
    r_a = login(Client(a.port), "coach-a", "wrong password 6")
    r_b = login(Client(b.port), "coach-a", PASSWORD)
    check(r_a.status == 429 and r_b.status == 429 and r_b.header("retry-after"),
          "the sixth attempt is refused on A, the right password on B too (429, Retry-After)",
          f"{r_a.status} {r_b.status}")
    # Parallel: 12 wrong passwords for another name, at once, half to each instance.
    results = [None] * 12
    pages = []
    for i in range(12):  # the login forms first, so the posts leave together
        c = Client(port_of[i % 2])
        page = c.get("/coach/login")
        pages.append((c, csrf_of(page.text, "login") or csrf_of(page.text)))
    go = threading.Barrier(12)

    def attempt(i):
        c, token = pages[i]
        go.wait()
        results[i] = c.post("/coach/login", {"username": "beheer-a", "password": "wrong %d" % i, "csrf": token}).status

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(results.count(401) == 5 and results.count(429) == 7,
          "12 parallel wrong passwords over A and B: exactly 5 checked, 7 refused", str(sorted(results)))


def enroll(port, code):
    st, _, body = api(port, "POST", "/api/v1/enroll", {"enrollment_code": code})
    if st != 200:
        raise SystemExit(f"enroll on {port}: {st} {body}")
    return body


def test_content(args, a, b, key, tok_a, tok_b, pk_a, pk_b):
    check(pk_a == pk_b == key, "kiosks enrolled on A and on B get the same content key", f"{pk_a} {pk_b} {key}")
    mans = [api(s.port, "GET", "/api/v1/content/manifest", token=t) for s, t in ((a, tok_a), (b, tok_b))]
    ok = all(st == 200 for st, _, _ in mans) and mans[0][2] == mans[1][2]
    check(ok, "A and B serve the same manifest and signature", str([m[0] for m in mans]))
    if ok:
        v = subprocess.run([args.verifier, key, mans[0][2]["manifest"], mans[0][2]["signature"]], capture_output=True,
                           timeout=10)
        check(v.returncode == 0, "the manifest verifies with the key both instances hand out", v.stderr.decode()[-300:])


def test_duplicates(db, a, b, tok_a, tok_b, rounds=20, per_batch=5):
    before = db.session_count()
    wrong = []
    for n in range(rounds):
        batch = [make_session(anonymous=(i % 2 == 0)) for i in range(per_batch)]
        out = [None, None]
        go = threading.Barrier(2)

        def send(i, port, token):
            go.wait()
            out[i] = api(port, "POST", "/api/v1/sessions", {"sessions": batch}, token)

        ts = [threading.Thread(target=send, args=(0, a.port, tok_a)), threading.Thread(target=send, args=(1, b.port, tok_b))]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        if any(st != 200 for st, _, _ in out):
            wrong.append(f"round {n}: {[st for st, _, _ in out]}")
            continue
        for i in range(per_batch):
            got = sorted(o[2]["results"][i]["status"] for o in out)
            if got != ["duplicate", "stored"]:
                wrong.append(f"round {n} session {i}: {got}")
    stored = db.session_count() - before
    check(not wrong and stored == rounds * per_batch,
          f"the same batch to A and B at once, {rounds} rounds: each session stored once, a duplicate on the other",
          f"{stored} stored; {wrong[:3]}")
    # A conflict racing: the same uuids with other content to A while B gets the first version.
    conflicts = []
    for n in range(5):
        batch = [make_session() for _ in range(3)]
        changed = json.loads(json.dumps(batch))
        changed[1]["locale"] = "en"
        out = [None, None]
        go = threading.Barrier(2)

        def send(i, port, token, body):
            go.wait()
            out[i] = api(port, "POST", "/api/v1/sessions", {"sessions": body}, token)

        ts = [threading.Thread(target=send, args=(0, a.port, tok_a, batch)),
              threading.Thread(target=send, args=(1, b.port, tok_b, changed))]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        sts = sorted(o[0] for o in out)
        loser = out[0] if out[0][0] == 409 else out[1]
        if sts != [200, 409] or loser[2]["error"].get("uuids") != [batch[1]["uuid"]]:
            conflicts.append(f"{sts} {loser[2]}")
    after = db.session_count() - before - rounds * per_batch
    check(not conflicts and after == 5 * 3,
          "a conflicting batch racing a stored one on the other instance: one 200, one 409 naming the uuid, nothing "
          "of the 409 batch stored", f"{after} {conflicts[:2]}")


def kiosk(args, *cmd):
    return subprocess.run([args.kiosk, *cmd], capture_output=True, text=True, timeout=120)


def test_unavailable(args, db, work, a, b, tok_a, code):
    # A real kiosk enrolled on B, with two finished checks in its outbox.
    data = os.path.join(work, "kiosk")
    os.makedirs(data)
    with open(os.path.join(data, "kiosk.json"), "w") as f:
        json.dump({"sync_stall_timeout_s": 10}, f)
    r = kiosk(args, "enroll", "--data", data, "--server", f"http://127.0.0.1:{b.port}", "--code", code)
    if r.returncode != 0:
        raise SystemExit(f"werkcheck enroll: {r.stderr}")
    script = os.path.join(work, "script.json")
    with open(script, "w", encoding="utf-8") as f:
        json.dump({"content": content_ref(args.content),
                   "sessions": [{"locale": "nl", "answers": make_answers(args.content, "maker", 60 + i),
                                 "consent": True, "status": "finished"} for i in range(2)]}, f)
    r = kiosk(args, "make-sessions", "--data", data, "--script", script)
    check(r.returncode == 0 and len(r.stdout.split()) == 4, "the kiosk has two checks to send", r.stderr[-300:])
    before = db.session_count()

    reader = Client(b.port)  # a coach already logged in: reading a page renews the login (a write)
    r = login(reader, "coach-c", PASSWORD)
    check(r.status == 303, "coach-c logs in on B before the lock", repr(r))
    held = threading.Event()
    # SQLite: each 503 waits out the 2 s busy timeout, one at a time per instance; PostgreSQL down
    # is refused at once.
    holder = threading.Thread(target=db.hold_unavailable, args=(16 if db.kind == "sqlite" else 5, held))
    holder.start()
    held.wait(10)
    results = {}

    def run(name, fn):
        t0 = time.monotonic()
        results[name] = (fn(), time.monotonic() - t0)

    coach = Client(a.port)
    form = coach.get("/coach/login")
    token = csrf_of(form.text, "login") or csrf_of(form.text)
    jobs = {
        "sessions": lambda: api(a.port, "POST", "/api/v1/sessions", {"sessions": [make_session()]}, tok_a),
        "heartbeat": lambda: api(b.port, "POST", "/api/v1/heartbeat",
                                 {"app_version": "t", "content_version": "t", "last_sync": None, "pending": 1,
                                  "free_disk_bytes": 1}, tok_a),
        "enroll": lambda: api(a.port, "POST", "/api/v1/enroll", {"enrollment_code": "ABCD-EFGH-JKMN"}),
        "coach": lambda: coach.post("/coach/login", {"username": "coach-b", "password": PASSWORD, "csrf": token}),
        "kiosk": lambda: sync_once(args.kiosk, data)[:2],
        "coach_page": lambda: reader.get("/coach/"),
    }
    threads = [threading.Thread(target=run, args=(n, f)) for n, f in jobs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    holder.join()

    for name in ("sessions", "heartbeat", "enroll"):
        (st, h, body), took = results[name]
        check(st == 503 and h.get("retry-after", "").isdigit() and h.get("x-werkcheck-server") == "1"
              and isinstance(body, dict)
              and body.get("error", {}).get("code") == "service_unavailable",
              f"database unavailable: {name} gets 503, Retry-After {h.get('retry-after')} and a JSON error "
              f"({took:.1f} s)", f"{st} {body}")
    resp, took = results["coach"]
    check(resp.status == 503 and "text/html" in (resp.header("content-type") or "")
          and "niet beschikbaar" in resp.text and "over een paar minuten" in resp.text,
          f"database unavailable: the coach login says the service is unavailable, try again in a few minutes "
          f"(503 page, {took:.1f} s)", repr(resp))
    resp, took = results["coach_page"]
    check(resp.status == 503 and "niet beschikbaar" in resp.text and resp.header("retry-after") == "30",
          f"database unavailable: a logged-in coach's page is the 503 page with Retry-After ({took:.1f} s)", repr(resp))
    (rc, summary), took = results["kiosk"]
    print(f"# the kiosk's round while the database was unavailable: {summary}")
    check(rc == 3 and summary.get("pending") == 2 and summary.get("sent") == 0 and "503" in str(summary.get("error")),
          f"database unavailable: the kiosk keeps its 2 checks in its outbox (sync-once exit {rc}, {took:.1f} s)",
          str(summary))
    check(db.session_count() == before, "database unavailable: nothing was stored")
    rc, summary, _ = sync_once(args.kiosk, data)
    check(rc == 0 and summary.get("pending") == 0 and db.session_count() == before + 2,
          "the lock gone: the kiosk's next round delivers both checks", f"{rc} {summary}")
    check(login(Client(b.port), "coach-b", PASSWORD).status == 303, "the lock gone: the coach logs in again")


def test_new_file_opened_at_once(args, work, rounds=400, at_once=6):
    """Instances starting together on a new SQLite file: SQLite may answer one of them "busy" at
    once, without its busy wait (about 1 in 300 starts before Database::open tried a quick "busy"
    again; a fresh-clone run of this test failed so). Short-lived admin processes race here,
    started by a shell so that they start within microseconds of each other, as Python's
    Popen one after another rarely does."""
    script = r"""
        for r in $(seq "$ROUNDS"); do
          for i in $(seq "$AT_ONCE"); do "$SERVER" admin --db "$WORK/race-$r.db" list-kiosks >/dev/null 2>"$WORK/race-$r.err$i" & done
          wait
          cat "$WORK"/race-$r.err* | grep -m1 . || true
          rm -f "$WORK"/race-$r.*
        done"""
    env = dict(os.environ, ROUNDS=str(rounds), AT_ONCE=str(at_once), SERVER=args.server, WORK=work)
    out = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=300).stdout
    failed = [line[:160] for line in out.splitlines() if line.strip()]
    check(not failed, f"{rounds * at_once} processes opening {rounds} new database files {at_once} at a time all start",
          f"{len(failed)} failed: " + "; ".join(failed[:2]))


def main():
    ap = argparse.ArgumentParser()
    for name in ("--server", "--kiosk", "--content", "--web", "--verifier"):
        ap.add_argument(name, required=True)
    ap.add_argument("--db", default="sqlite", help='"sqlite" (a temporary file) or "postgres" (a throw-away cluster)')
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="wk-two-instances-")
    db = Database(args.db, work)
    servers = []
    t_start = time.monotonic()
    try:
        if args.db == "sqlite":
            t0 = time.monotonic()
            test_new_file_opened_at_once(args, work)
            print(f"# new files opened at once: {time.monotonic() - t0:.1f} s")
        a, b = start_together(args, db, work)
        servers += [a, b]
        key = test_start_and_key(a, b)
        org = admin(args, db, "create-org", "Gemeente A").split()[-1]
        admin(args, db, "create-coach", "--org", org, "--user", "coach-a", stdin=PASSWORD + "\n")
        admin(args, db, "create-coach", "--org", org, "--user", "beheer-a", "--admin", stdin=PASSWORD + "\n")
        admin(args, db, "create-coach", "--org", org, "--user", "coach-b", stdin=PASSWORD + "\n")
        admin(args, db, "create-coach", "--org", org, "--user", "coach-c", stdin=PASSWORD + "\n")
        codes = [admin(args, db, "enroll-code", "--org", org) for _ in range(3)]
        ea, eb = enroll(a.port, codes[0]), enroll(b.port, codes[1])
        tok_a, tok_b = ea["device_token"], eb["device_token"]

        test_login_across(a, b)
        test_throttle_across(a, b, [a.port, b.port])
        t0 = time.monotonic()
        test_duplicates(db, a, b, tok_a, tok_b)
        print(f"# duplicate races: {time.monotonic() - t0:.1f} s")
        test_unavailable(args, db, work, a, b, tok_a, codes[2])  # before a pack is published: no download
        pack = os.path.join(work, "pack")  # a small pack: the manifest goes on the verifier's command line
        os.makedirs(pack)
        shutil.copy(os.path.join(args.content, "check.json"), pack)
        admin(args, db, "publish-content", "--dir", pack)
        test_content(args, a, b, key, tok_a, tok_b, ea["content_public_key"], eb["content_public_key"])
        check(all(s.alive() for s in servers), "both instances are still running")
    finally:
        for s in servers:
            s.stop()
        db.close()
        shutil.rmtree(work, ignore_errors=True)
    return TALLY.finish(f" in {time.monotonic() - t_start:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
