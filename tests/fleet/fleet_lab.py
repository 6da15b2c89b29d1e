"""The lab for several werkcheck-server instances on one PostgreSQL behind a real nginx, all on
127.0.0.1: a throw-away cluster (tests/server/pg_cluster.py), N server processes on fixed free
ports (so a killed one can come back on its port), and Debian's nginx running the shipped
deploy/nginx/werkcheck.conf with one upstream line per instance (plain HTTP here, so that the
real kiosk binary can sync through it without a trusted certificate). Used by fleet_test.py and
bench/fleet_bench.py."""
import hashlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "server"))
sys.path.insert(0, os.path.join(ROOT, "tests", "frontdoor"))
from frontdoor_lab import Nginx, free_port, make_cert, site_for_test, wait_for_port  # noqa: E402
from pg_cluster import PgCluster  # noqa: E402
from server_api_test import Server  # noqa: E402


def post_json(port, path, body, token=None, timeout=60):
    """One request as a kiosk sends it; (status, headers with lower-case names, parsed body or None)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        conn.request("POST", path, body if isinstance(body, bytes) else json.dumps(body).encode(), headers)
        resp = conn.getresponse()
        data = resp.read()
        status, h = resp.status, {k.lower(): v for k, v in resp.getheaders()}
    finally:
        conn.close()
    try:
        return status, h, json.loads(data)
    except ValueError:
        return status, h, None


class Fleet:
    """instances servers on one PostgreSQL database, behind nginx at self.port."""

    def __init__(self, server_bin, instances=2, fsync=False, nginx_bin="nginx"):
        self.server_bin = server_bin
        self.dir = tempfile.mkdtemp(prefix="werkcheck-fleet-")
        self.servers, self.nginx = [], None
        self.pg = PgCluster(fsync=fsync)
        try:
            self.pg.sql("postgres", "CREATE DATABASE werkcheck")
            self.db = self.pg.url("werkcheck")
            self.org = self.admin("create-org", "Gemeente Vloot")
            self.server_ports = [free_port() for _ in range(instances)]
            self.servers = [None] * instances
            for i in range(instances):
                self.start_instance(i)
            cert, key = make_cert(self.dir)
            self.port = free_port()
            site = site_for_test(open(os.path.join(ROOT, "deploy", "nginx", "werkcheck.conf")).read(),
                                 self.server_ports, f"127.0.0.1:{self.port}", cert, key)
            self.nginx = Nginx(self.dir, site, nginx_bin, log_format="$status|$upstream_addr|$upstream_status|$request")
            if not wait_for_port(self.port):
                raise RuntimeError("nginx did not start: " + open(self.nginx.error_log).read()[-2000:])
        except BaseException:
            self.close()
            raise

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def admin(self, *args, stdin=None):
        r = subprocess.run([self.server_bin, "admin", "--db", self.db, *args], input=stdin,
                           capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise RuntimeError(f"admin {args}: {r.stderr}")
        return r.stdout.strip()

    def start_instance(self, i):
        # --trust-forwarded-for: behind nginx, as the shipped site file says (plain HTTP here, so
        # no --secure-cookies).
        self.servers[i] = Server(self.server_bin, self.db, self.dir, ["--trust-forwarded-for"],
                                 listen=f"127.0.0.1:{self.server_ports[i]}")
        return self.servers[i]

    def kill_instance(self, i, pause_s=0.0):
        """SIGKILL, after SIGSTOP for pause_s (so that requests are surely in flight on it)."""
        proc = self.servers[i].proc
        if pause_s:
            proc.send_signal(signal.SIGSTOP)
            time.sleep(pause_s)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        self.servers[i].log.close()

    def enroll_token(self):
        """A new kiosk enrolled through nginx, as the API's client: its device token."""
        code = self.admin("enroll-code", "--org", self.org)
        status, _, body = post_json(self.port, "/api/v1/enroll", {"enrollment_code": code})
        if status != 200:
            raise RuntimeError(f"enroll: {status} {body}")
        return body["device_token"]

    def stored_sessions(self):
        """{uuid: (content_hash, session_json)} of every stored session."""
        out = self.pg.sql("werkcheck", "SELECT uuid || chr(9) || content_hash || chr(9) || session_json FROM sessions")
        rows = {}
        for line in filter(None, out.split("\n")):
            uuid, content_hash, session_json = line.split("\t", 2)
            if uuid in rows:
                raise AssertionError(f"uuid {uuid} stored twice")
            rows[uuid] = (content_hash, session_json)
        return rows

    def upstream_log(self):
        """(request line, final status, [(instance address, its status)] in the order tried) per
        line of nginx's access log."""
        out = []
        for line in open(self.nginx.access_log, encoding="utf-8", errors="replace"):
            parts = line.rstrip("\n").split("|", 3)
            if len(parts) == 4:
                tried = list(zip(parts[1].split(", "), parts[2].split(", ")))
                out.append((parts[3], parts[0], tried))
        return out

    def close(self):
        for s in self.servers:
            if s is not None and s.proc.poll() is None:
                s.stop()
        if self.nginx:
            self.nginx.stop()
        self.pg.__exit__(None, None, None)
        if os.environ.get("KEEP"):
            print("kept", self.dir)
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


def sha256_hex(text):
    return hashlib.sha256(text.encode()).hexdigest()
