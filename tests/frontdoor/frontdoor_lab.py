"""The lab for the front-door tests: a real werkcheck-server on 127.0.0.1 with a temporary
database (an organisation, an enrolled kiosk, a coach), optionally TLS, optionally behind a real
nginx running deploy/nginx/werkcheck.conf; and the measurements (server CPU seconds, peak RSS,
a legitimate client's latency) that the attacks in frontdoor_attacks.py report."""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "server"))
from sessions_fixture import make_session  # noqa: E402  (a real session, as kiosks upload it)

PASSWORD = "a long coach password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, deadline_s=10):
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def make_cert(workdir):
    cert, key = os.path.join(workdir, "cert.pem"), os.path.join(workdir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True, timeout=60)
    return cert, key


def site_for_test(site, server_ports, listen, cert, key):
    """The shipped site file on loopback: its upstream's instance line once per port (with its
    health-check parameters), the redirect from port 80 gone, one `listen` (e.g. "127.0.0.1:PORT
    ssl") and a test certificate."""
    line = re.search(r"^( *)server 127\.0\.0\.1:8080( [^;]*)?;\n", site, flags=re.M)
    site = site.replace(line.group(0), "".join(f"{line.group(1)}server 127.0.0.1:{p}{line.group(2) or ''};\n"
                                               for p in server_ports))
    site = re.sub(r"server \{\s*listen 80;.*?\n\}\n", "", site, flags=re.S)
    site = site.replace("listen 443 ssl;", f"listen {listen};").replace("listen [::]:443 ssl;", "")
    site = site.replace("/etc/letsencrypt/live/werkcheck.example.nl/fullchain.pem", cert)
    return site.replace("/etc/letsencrypt/live/werkcheck.example.nl/privkey.pem", key)


class Nginx:
    """Debian's nginx running `site` under a main config of its own (no daemon, its own pid,
    temp and log paths in workdir/nginx). The access log line is `log_format` (default: nginx's
    combined); wait for the site's port before use."""

    def __init__(self, workdir, site, nginx_bin="nginx",
                 log_format='$remote_addr "$request" $status $upstream_addr $upstream_status'):
        ngx = os.path.join(workdir, "nginx")
        for sub in ("temp/client", "temp/proxy", "temp/fastcgi", "temp/uwsgi", "temp/scgi", "logs"):
            os.makedirs(os.path.join(ngx, sub), exist_ok=True)
        # Started as root, nginx's workers run as nobody: they must reach the temp dirs (request
        # buffering writes large bodies there).
        for d in (workdir, ngx, os.path.join(ngx, "temp")):
            os.chmod(d, 0o755)
        for sub in ("client", "proxy", "fastcgi", "uwsgi", "scgi"):
            os.chmod(os.path.join(ngx, "temp", sub), 0o777)
        open(os.path.join(ngx, "werkcheck.conf"), "w").write(site)
        self.error_log = os.path.join(ngx, "logs", "error.log")
        self.access_log = os.path.join(ngx, "logs", "access.log")
        main = f"""daemon off;
master_process on;
worker_processes 1;
pid {ngx}/nginx.pid;
error_log {self.error_log} info;
events {{ worker_connections 2048; }}
http {{
    log_format werkcheck_test '{log_format}';
    access_log {self.access_log} werkcheck_test;
    client_body_temp_path {ngx}/temp/client;
    proxy_temp_path {ngx}/temp/proxy;
    fastcgi_temp_path {ngx}/temp/fastcgi;
    uwsgi_temp_path {ngx}/temp/uwsgi;
    scgi_temp_path {ngx}/temp/scgi;
    include {ngx}/werkcheck.conf;
}}
"""
        conf = os.path.join(ngx, "nginx.conf")
        open(conf, "w").write(main)
        # -e: the error log from the very start (before the config is read), not /var/log/nginx.
        t = subprocess.run([nginx_bin, "-t", "-p", ngx, "-e", self.error_log, "-c", conf], capture_output=True,
                           text=True, timeout=30)
        if t.returncode != 0:
            raise RuntimeError("nginx -t: " + t.stderr)
        self.proc = subprocess.Popen([nginx_bin, "-p", ngx, "-e", self.error_log, "-c", conf],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self):
        stop_process(self.proc)


def stop_process(proc):
    """SIGTERM, and SIGKILL if it has not ended within 10 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class ProcessMeter:
    """CPU seconds (user + system) and a sampled peak RSS of one process."""

    def __init__(self, pid):
        self.pid = pid

    def cpu_seconds(self):
        fields = open(f"/proc/{self.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self):
        for line in open(f"/proc/{self.pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def start(self):
        self.cpu0, self.peak, self.stop_flag = self.cpu_seconds(), self.rss_mb(), False
        self.rss0 = self.peak

        def sample():
            while not self.stop_flag:
                try:
                    self.peak = max(self.peak, self.rss_mb())
                except OSError:
                    return
                time.sleep(0.02)

        self.thread = threading.Thread(target=sample, daemon=True)
        self.thread.start()
        return self

    def finish(self):
        self.stop_flag = True
        self.thread.join()
        return {"cpu_s": round(self.cpu_seconds() - self.cpu0, 2), "rss_before_mb": round(self.rss0),
                "rss_peak_mb": round(self.peak), "rss_after_mb": round(self.rss_mb())}


class Lab:
    """front: "bare" (plain HTTP), "tls" (the server's own TLS) or "nginx" (TLS at nginx, plain to
    the server on loopback). new_flags: pass the deadlines this branch added (False to try an
    older binary)."""

    def __init__(self, server_bin, front, head_deadline=3, request_deadline=6, new_flags=True,
                 nginx_bin="nginx", site_file=None):
        self.front, self.server_bin = front, server_bin
        self.dir = tempfile.mkdtemp(prefix=f"frontdoor-{front}-")
        self.db = os.path.join(self.dir, "server.db")
        self.head_deadline, self.request_deadline = head_deadline, request_deadline
        self.procs = []
        org = self.admin("create-org", "Gemeente Proef")
        code = self.admin("enroll-code", "--org", org)
        self.admin("create-coach", "--org", org, "--user", "coach-a", stdin=PASSWORD + "\n")
        self.server_port = free_port()
        extra = []
        if new_flags:
            extra += ["--head-deadline", str(head_deadline), "--request-deadline", str(request_deadline)]
        self.tls = front in ("tls", "nginx")
        if front == "tls":
            cert, key = make_cert(self.dir)
            extra += ["--cert", cert, "--key", key]
        if front == "nginx":
            extra += ["--trust-forwarded-for", "--secure-cookies"]
        self.server_log = os.path.join(self.dir, "server.log")
        self.server = subprocess.Popen(
            [server_bin, "--db", self.db, "--listen", f"127.0.0.1:{self.server_port}", *extra],
            stdout=subprocess.DEVNULL, stderr=open(self.server_log, "wb"))
        self.procs.append(self.server)
        if not wait_for_port(self.server_port):
            raise RuntimeError("server did not start: " + open(self.server_log).read()[-2000:])
        self.port = self.server_port
        if front == "nginx":
            self.port = self.start_nginx(nginx_bin, site_file or os.path.join(ROOT, "deploy", "nginx", "werkcheck.conf"))
        self.ctx = ssl.create_default_context()
        self.ctx.check_hostname = False
        self.ctx.verify_mode = ssl.CERT_NONE
        status, body = self.request("POST", "/api/v1/enroll", {"enrollment_code": code})
        if status != 200:
            raise RuntimeError(f"enroll failed: {status} {body}")
        self.token = body["device_token"]
        self.meter = ProcessMeter(self.server.pid)

    def admin(self, *args, stdin=None):
        r = subprocess.run([self.server_bin, "admin", "--db", self.db, *args], input=stdin, capture_output=True,
                           text=True, timeout=60)
        if r.returncode != 0:
            raise RuntimeError(f"admin {args}: {r.stderr}")
        return r.stdout.strip()

    def start_nginx(self, nginx_bin, site_file):
        cert, key = make_cert(self.dir)
        port = free_port()
        site = site_for_test(open(site_file).read(), [self.server_port], f"127.0.0.1:{port} ssl", cert, key)
        self.nginx = Nginx(self.dir, site, nginx_bin)
        self.nginx_error_log, self.nginx_access_log = self.nginx.error_log, self.nginx.access_log
        self.procs.append(self.nginx.proc)
        if not wait_for_port(port):
            raise RuntimeError("nginx did not start: " + open(self.nginx_error_log).read()[-2000:])
        return port

    # --- clients ---
    def connect(self, timeout=10):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        if self.tls:
            s = self.ctx.wrap_socket(s, server_hostname="127.0.0.1")
        return s

    def request(self, method, path, body=None, headers=None, timeout=10, token=None):
        if self.tls:
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout, context=self.ctx)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        h = dict(headers or {})
        if token:
            h["Authorization"] = f"Bearer {token}"
        if body is not None and not isinstance(body, (bytes, bytearray)):
            body = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        try:
            conn.request(method, path, body=body, headers=h)
            resp = conn.getresponse()
            data = resp.read()
            try:
                return resp.status, json.loads(data)
            except ValueError:
                return resp.status, data
        finally:
            conn.close()

    def legit_once(self, timeout=5):
        """In turn: a kiosk's heartbeat, a kiosk's upload of a real session (stored, then a
        duplicate), a coach's login page. Each authenticated one is parsed and stored."""
        self._turn = (getattr(self, "_turn", -1) + 1) % 3
        if not hasattr(self, "_session"):
            self._session = {"sessions": [make_session()]}
        t = time.monotonic()
        try:
            if self._turn == 0:
                status, _ = self.request("POST", "/api/v1/heartbeat",
                                         {"app_version": "1", "content_version": "1", "last_sync": None,
                                          "pending": 0, "free_disk_bytes": 1}, token=self.token, timeout=timeout)
            elif self._turn == 1:
                status, _ = self.request("POST", "/api/v1/sessions", self._session, token=self.token, timeout=timeout)
            else:
                status, _ = self.request("GET", "/coach/login", timeout=timeout)
        except (OSError, http.client.HTTPException) as e:
            status = type(e).__name__
        return status, time.monotonic() - t

    def legit_during(self, seconds, every=0.25):
        """Legitimate requests one after another for `seconds`; their statuses and latencies."""
        out, end = [], time.monotonic() + seconds
        while time.monotonic() < end:
            out.append(self.legit_once())
            time.sleep(every)
        return out

    def server_log_text(self):
        return open(self.server_log, encoding="utf-8", errors="replace").read()

    def close(self):
        for p in reversed(self.procs):
            stop_process(p)
        shutil.rmtree(self.dir, ignore_errors=True)


def latency_summary(results):
    lat = sorted(r[1] for r in results)
    ok = [r for r in results if r[0] == 200]
    return {"requests": len(results), "ok": len(ok), "max_s": round(lat[-1], 3) if lat else None,
            "median_s": round(lat[len(lat) // 2], 3) if lat else None}
