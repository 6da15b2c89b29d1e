"""Test fixture for the coach pages (docs/coach-pages.md): a real werkcheck-server on 127.0.0.1
with a temporary database, two organisations with accounts, one enrolled kiosk per
organisation, and realistic checks written by the real kiosk pipeline (`werkcheck
make-sessions --script`, answers from make_answers.py) and pushed with `werkcheck sync-once`.
Python standard library only. Used by coach_http_test.py and coach_browser_test.py.

    fx = CoachFixture(server_bin, kiosk_bin, content_dir, web_dir)
    fx.setup()                  # database, accounts, kiosks, sessions, a running server
    fx.url, fx.codes["P1"], fx.passwords["coach-a"], fx.kiosks["A"] ...
    srv2 = fx.start_server(idle_seconds=2)   # another server on the same database
    fx.close()                  # stops every server it started, removes the temp dir

Data (org A = "Gemeente A", its kiosk in group "Utrecht"; org B = "Gemeente B"):
  P1  shared first check + shared follow-up (same code, follow_up_of)   org A
  P2  shared once                                                       org A
  U   consent false: the server keeps it without code; fx.codes["U"] is its kiosk code
  N   consent not asked (null): also anonymous on the server
  F*  filler checks (some shared, some not, one stopped) so org A has >= 12 checks; F3 was done
      in Turkish, F6 in Arabic
  A2  a second kiosk of org A in group "Amersfoort" with 2 unshared checks: too few on its
      own, so "all groups" of org A must not be shown either
  Q1  shared once                                                       org B
All checks are then dated (received_at) into the last quarter that has ended, as if they
arrived then: totals are only shown per ended quarter (fx.quarter).
"""
import datetime
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_answers import content_ref, make_answers, make_follow_up_answers  # noqa: E402

PASSWORDS = {
    "beheer-a": "beheer-a wachtwoord 2026",
    "coach-a": "coach-a wachtwoord 2026",
    "werkgever-a": "werkgever-a wachtwoord 26",
    "coach-b": "coach-b wachtwoord 2026",
}
GROUP = "Utrecht"
SMALL_GROUP = "Amersfoort"


class FixtureError(Exception):
    pass


# ------------------------------------------------------------------ HTTP with cookies by hand

class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name, value), names lower case, repeated headers kept
        self.body = body        # bytes

    def header(self, name):
        name = name.lower()
        for k, v in self.headers:
            if k == name:
                return v
        return None

    def all(self, name):
        name = name.lower()
        return [v for k, v in self.headers if k == name]

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def __repr__(self):
        return f"<{self.status} {self.header('location') or ''} {self.text[:200]!r}>"


def parse_set_cookie(value):
    """'name=val; Path=/coach; HttpOnly' -> (name, val, {attr_lower: value or True})."""
    parts = [p.strip() for p in value.split(";")]
    name, _, val = parts[0].partition("=")
    attrs = {}
    for p in parts[1:]:
        if not p:
            continue
        k, eq, v = p.partition("=")
        attrs[k.strip().lower()] = v.strip() if eq else True
    return name.strip(), val.strip(), attrs


class Client:
    """One browser: a cookie jar kept by hand (name -> value; all cookies here are Path=/coach)."""

    def __init__(self, port, host="127.0.0.1"):
        self.host, self.port = host, port
        self.cookies = {}
        self.lang = None

    def request(self, method, path, form=None, body=None, headers=None, cookies=True, timeout=15):
        h = dict(headers or {})
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if cookies and self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            data = r.read()
            resp = Response(r.status, [(k.lower(), v) for k, v in r.getheaders()], data)
        finally:
            conn.close()
        if cookies:
            for sc in resp.all("set-cookie"):
                name, val, attrs = parse_set_cookie(sc)
                gone = val == "" or attrs.get("max-age") in ("0", "-1") or (
                    isinstance(attrs.get("expires"), str) and "1970" in attrs["expires"])
                if gone:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = val
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, form, **kw):
        return self.request("POST", path, form=form, **kw)


CSRF_RES = [
    re.compile(r'<input[^>]*name="csrf"[^>]*value="([^"]*)"', re.S),
    re.compile(r'<input[^>]*value="([^"]*)"[^>]*name="csrf"', re.S),
]


def csrf_of(html, form_id=None):
    """The hidden csrf value, of form#form_id when given (else the first on the page)."""
    if form_id:
        m = re.search(r'<form[^>]*id="%s".*?</form>' % re.escape(form_id), html, re.S)
        if not m:
            return None
        html = m.group(0)
    for rx in CSRF_RES:
        m = rx.search(html)
        if m:
            return m.group(1)
    return None


def login(client, username, password):
    """GET the login form, POST it. Returns the POST response (303 on success)."""
    page = client.get("/coach/login")
    token = csrf_of(page.text, "login") or csrf_of(page.text) or ""
    return client.post("/coach/login", {"username": username, "password": password, "csrf": token})


def logged_in(port, username, password=None):
    c = Client(port)
    r = login(c, username, password or PASSWORDS[username])
    if r.status != 303 or "wk_coach" not in c.cookies:
        raise FixtureError(f"login as {username} failed: {r!r}")
    return c


def today_utc():
    return datetime.datetime.now(datetime.timezone.utc).date()


def quarter_before(d, n=1):
    """The calendar quarter n quarters before the one holding date d: ("2026-Q3", first day)."""
    index = d.year * 4 + (d.month - 1) // 3 - n
    year, q = divmod(index, 4)
    return f"{year}-Q{q + 1}", datetime.date(year, 3 * q + 1, 1)


def date_into_last_quarter(db):
    """Moves every check's arrival (received_at) into the last quarter that has ended, a minute
    apart from the 15th on and in their order, as if they had arrived then: totals are only
    shown for ended quarters. Returns that quarter ("2026-Q3")."""
    quarter, first_day = quarter_before(today_utc())
    start = datetime.datetime(first_day.year, first_day.month, 15, 9, 0, 0)
    con = sqlite3.connect(db)
    try:
        with con:
            rows = con.execute("SELECT uuid FROM sessions ORDER BY received_at, rowid").fetchall()
            con.executemany("UPDATE sessions SET received_at = ? WHERE uuid = ?",
                            [((start + datetime.timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%S.000Z"), uuid)
                             for i, (uuid,) in enumerate(rows)])
    finally:
        con.close()
    return quarter


# ------------------------------------------------------------------ processes

def sync_once(kiosk_bin, data):
    """One sync round of the kiosk in `data` (`werkcheck sync-once`): exit code, its JSON summary
    (reached, sent, pending, conflicts, error) and its stderr."""
    r = subprocess.run([kiosk_bin, "sync-once", "--data", data, "--content", os.path.join(data, "no-pack")],
                       capture_output=True, text=True, timeout=120)
    summary = {}
    for line in r.stdout.splitlines():
        try:
            summary = json.loads(line)
        except ValueError:
            pass
    return r.returncode, summary, r.stderr


class ServerProcess:
    def __init__(self, binary, db, workdir, extra, preexec_fn=None):
        self.log_path = os.path.join(workdir, f"server-{time.monotonic_ns()}.log")
        self.log = open(self.log_path, "wb")
        self.args = [binary, "--db", db, "--listen", "127.0.0.1:0", *extra]
        self.proc = subprocess.Popen(self.args, stdout=subprocess.DEVNULL, stderr=self.log, preexec_fn=preexec_fn)
        self.port = None
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and self.port is None:
            for line in open(self.log_path, encoding="utf-8", errors="replace"):
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if entry.get("event") == "listening":
                    self.port = entry["fields"]["port"]
            if self.port is None:
                if self.proc.poll() is not None:
                    self.log.close()
                    raise FixtureError(f"werkcheck-server exited with {self.proc.returncode}: "
                                       f"{' '.join(self.args)}\n{open(self.log_path, errors='replace').read()[-2000:]}")
                time.sleep(0.05)
        if self.port is None:
            self.stop()
            raise FixtureError("werkcheck-server did not log a listening event")
        self.url = f"http://127.0.0.1:{self.port}"

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.log.closed:
            self.log.close()
        return self.proc.returncode

    def log_text(self):
        return open(self.log_path, encoding="utf-8", errors="replace").read()


class CoachFixture:
    def __init__(self, server_bin, kiosk_bin, content_dir, web_dir, idle_seconds=None, keep=False, say=print):
        for what, path in (("--server", server_bin), ("--kiosk", kiosk_bin)):
            if not (os.path.isfile(path) and os.access(path, os.X_OK)):
                raise FixtureError(f"{what} {path} is not an executable (is it built?)")
        for what, path in (("--content", content_dir), ("--web", web_dir)):
            if not os.path.isdir(path):
                raise FixtureError(f"{what} {path} is not a directory (is it built?)")
        self.server_bin, self.kiosk_bin = os.path.abspath(server_bin), os.path.abspath(kiosk_bin)
        self.content_dir, self.web_dir = os.path.abspath(content_dir), os.path.abspath(web_dir)
        self.idle_seconds = idle_seconds
        self.keep = keep
        self.say = say
        self.work = tempfile.mkdtemp(prefix="wk-coach-test-")
        self.db = os.path.join(self.work, "server.db")
        self.servers = []
        self.server = None
        self.orgs, self.kiosks, self.kiosk_dirs = {}, {}, {}
        self.codes, self.uuids = {}, {}
        self.answers = {}
        self.passwords = dict(PASSWORDS)
        self.counts = {}  # org -> number of checks sent

    # ---- admin CLI and kiosk CLI
    def admin(self, *args, stdin=None, check=True):
        r = subprocess.run([self.server_bin, "admin", "--db", self.db, *args], input=stdin, capture_output=True,
                           text=True, timeout=60)
        if check and r.returncode != 0:
            raise FixtureError(f"werkcheck-server admin {' '.join(args)}: exit {r.returncode}: {r.stderr.strip()}")
        return r

    def kiosk(self, *args, check=True):
        r = subprocess.run([self.kiosk_bin, *args], capture_output=True, text=True, timeout=120)
        if check and r.returncode != 0:
            raise FixtureError(f"werkcheck {' '.join(args)}: exit {r.returncode}: {r.stderr.strip()}")
        return r

    def start_server(self, idle_seconds=None, extra=()):
        args = ["--content", self.content_dir, "--web", self.web_dir]
        idle = idle_seconds if idle_seconds is not None else self.idle_seconds
        if idle is not None:
            args += ["--coach-idle-seconds", str(idle)]
        s = ServerProcess(self.server_bin, self.db, self.work, [*args, *extra])
        self.servers.append(s)
        return s

    @property
    def url(self):
        return self.server.url

    @property
    def port(self):
        return self.server.port

    # ---- setup
    def setup(self):
        t0 = time.monotonic()
        for org, name in (("A", "Gemeente A"), ("B", "Gemeente B")):
            self.orgs[org] = self.admin("create-org", name).stdout.strip().split()[-1]
        self.admin("create-coach", "--org", self.orgs["A"], "--user", "beheer-a", "--admin",
                   stdin=self.passwords["beheer-a"] + "\n")
        self.admin("create-coach", "--org", self.orgs["A"], "--user", "coach-a", stdin=self.passwords["coach-a"] + "\n")
        self.admin("create-coach", "--org", self.orgs["B"], "--user", "coach-b", stdin=self.passwords["coach-b"] + "\n")
        self.admin("create-coach", "--org", self.orgs["A"], "--user", "werkgever-a", "--role", "employer",
                   stdin=self.passwords["werkgever-a"] + "\n")

        self.server = self.start_server()
        self.say(f"# server on {self.url} (db {self.db})")
        for org in ("A", "B", "A2"):
            self._enroll(org)
        self._set_group("A", GROUP)
        self._set_group("A2", SMALL_GROUP)

        self._sessions_org_a()
        self._sessions_org_b()
        self._make("A2", [{"locale": "nl", "answers": make_answers(self.content_dir, "maker", 50 + i),
                           "consent": False, "status": "finished"} for i in range(2)], [None, None])
        for org in ("A", "B", "A2"):
            self._sync(org)
        self._verify_db()
        self.quarter = date_into_last_quarter(self.db)
        self.say(f"# fixture ready in {time.monotonic() - t0:.1f} s: codes {self.codes}")
        return self

    def _enroll(self, org):
        code = self.admin("enroll-code", "--org", self.orgs[org[0]]).stdout.strip().split()[-1]
        data = os.path.join(self.work, f"kiosk-{org}")
        os.makedirs(data)
        with open(os.path.join(data, "kiosk.json"), "w") as f:
            json.dump({"sync_stall_timeout_s": 5}, f)
        self.kiosk("enroll", "--data", data, "--server", self.url, "--code", code)
        with open(os.path.join(data, "device.json")) as f:
            device = json.load(f)
        self.kiosks[org] = device.get("kiosk_id")
        self.kiosk_dirs[org] = data
        if not self.kiosks[org]:
            raise FixtureError(f"device.json of kiosk {org} has no kiosk_id: {sorted(device)}")

    def list_kiosks(self):
        out = []
        for line in self.admin("list-kiosks").stdout.splitlines():
            line = line.strip()
            if line:
                out.append(json.loads(line))
        return out

    def _set_group(self, org, group):
        ids = [k["id"] for k in self.list_kiosks() if k["organisation"]["id"] == self.orgs[org[0]]]
        if self.kiosks[org] not in ids:
            raise FixtureError(f"kiosk {self.kiosks[org]} not in list-kiosks of org {org}: {ids}")
        self.admin("set-kiosk-group", self.kiosks[org], group)

    def _make(self, org, sessions, names):
        script = {"content": content_ref(self.content_dir), "sessions": sessions}
        path = os.path.join(self.work, f"script-{org}-{time.monotonic_ns()}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(script, f, ensure_ascii=False, indent=1)
        r = self.kiosk("make-sessions", "--data", self.kiosk_dirs[org], "--script", path)
        lines = [ln.split() for ln in r.stdout.splitlines() if ln.strip()]
        if len(lines) != len(sessions) or any(len(ln) != 2 for ln in lines):
            raise FixtureError(f"make-sessions --script printed {r.stdout!r} for {len(sessions)} sessions")
        for name, (uuid, code) in zip(names, lines):
            if name:
                self.uuids[name] = uuid
                self.codes[name] = code
        self.counts[org] = self.counts.get(org, 0) + len(sessions)
        return lines

    def _sessions_org_a(self):
        cd = self.content_dir
        p1 = make_answers(cd, "doener-zorger", 1)
        p1b = make_follow_up_answers(cd, p1, "doener-zorger", 2, boost=2)
        p2 = make_answers(cd, "regelaar", 3)
        self.answers.update({"P1": p1, "P1-followup": p1b, "P2": p2})
        sessions = [
            {"locale": "nl", "answers": p1, "consent": True, "status": "finished"},                    # 0 P1
            {"locale": "nl", "answers": p1b, "consent": True, "same_code_as": 0, "follow_up": True,
             "status": "finished"},                                                                     # 1 P1 follow-up
            {"locale": "en", "answers": p2, "consent": True, "status": "finished"},                    # 2 P2
            {"locale": "nl", "answers": make_answers(cd, "maker", 4), "consent": False, "status": "finished"},  # 3 U
            {"locale": "nl", "answers": make_answers(cd, "regelaar", 5), "consent": None, "status": "finished"},  # 4 N
        ]
        names = ["P1", "P1-followup", "P2", "U", "N"]
        personas = ["doener-zorger", "regelaar", "maker"]
        for i in range(9):  # fillers: 14 checks in all in group Utrecht
            a = make_answers(cd, personas[i % 3], 100 + i)
            status = "stopped" if i == 8 else "finished"
            if status == "stopped":  # a stopped check has only the first modules
                a = {k: v for k, v in a.items() if k.startswith(("intake.", "interesses."))}
            # F3 and F6 (shared) in Turkish and Arabic: the coach page names their language.
            locale = {3: "tr", 6: "ar"}.get(i, "nl" if i % 4 else "en")
            sessions.append({"locale": locale, "answers": a,
                             "consent": [True, False, None][i % 3], "status": status})
            names.append(f"F{i}")
        self._make("A", sessions, names)

    def _sessions_org_b(self):
        q1 = make_answers(self.content_dir, "maker", 7)
        self.answers["Q1"] = q1
        sessions = [{"locale": "nl", "answers": q1, "consent": True, "status": "finished"},
                    {"locale": "nl", "answers": make_answers(self.content_dir, "doener-zorger", 8),
                     "consent": False, "status": "finished"}]
        self._make("B", sessions, ["Q1", "B-unshared"])

    def _sync(self, org):
        rc, summary, stderr = sync_once(self.kiosk_bin, self.kiosk_dirs[org])
        if rc != 0 or summary.get("pending") not in (0, None):
            raise FixtureError(f"sync-once of kiosk {org}: exit {rc}, {summary}; {stderr.strip()[-800:]}")

    def _verify_db(self):
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            cols = [r[1] for r in con.execute("PRAGMA table_info(sessions)")]
            rows = con.execute("SELECT * FROM sessions").fetchall()
        finally:
            con.close()
        rows = [dict(zip(cols, r)) for r in rows]
        by_uuid = {r["uuid"]: r for r in rows}
        want = sum(self.counts.values())
        if len(rows) != want:
            raise FixtureError(f"server holds {len(rows)} sessions, not {want}")
        for name in ("P1", "P1-followup", "P2", "Q1"):
            if by_uuid[self.uuids[name]]["code"] != self.codes[name]:
                raise FixtureError(f"shared session {name} has code {by_uuid[self.uuids[name]]['code']!r} on the server")
        for name in ("U", "N", "B-unshared"):
            if by_uuid[self.uuids[name]]["code"] is not None:
                raise FixtureError(f"unshared session {name} has a code on the server")
        if self.codes["P1"] != self.codes["P1-followup"]:
            raise FixtureError("the follow-up did not get P1's code")

    def info(self):
        """What the browser test needs, as JSON-able data."""
        return {"url": self.url, "port": self.port, "codes": self.codes, "uuids": self.uuids,
                "kiosks": self.kiosks, "orgs": self.orgs, "passwords": self.passwords, "group": GROUP,
                "small_group": SMALL_GROUP, "quarter": self.quarter,
                "empty_quarter": quarter_before(today_utc(), 3)[0], "db": self.db}

    def close(self):
        for s in self.servers:
            s.stop()
        if self.keep:
            self.say(f"# kept {self.work}")
        else:
            shutil.rmtree(self.work, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def add_arguments(ap):
    ap.add_argument("--server", required=True, help="werkcheck-server binary")
    ap.add_argument("--kiosk", required=True, help="werkcheck binary")
    ap.add_argument("--content", required=True, help="built content pack (build/content)")
    ap.add_argument("--web", required=True, help="built coach web dir (build/coach-web)")
    ap.add_argument("--artifacts", default=None, help="where screenshots go")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
