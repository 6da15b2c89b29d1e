"""A throw-away PostgreSQL 15 cluster for tests (the Python twin of pg_cluster.h): initdb and
pg_ctl in a temp dir, a unix socket there only (no TCP port), run as `nobody` when the test
runs as root (PostgreSQL refuses root). Use as a context manager: stopped and removed on exit."""
import os
import pwd
import shutil
import subprocess
import tempfile

BIN = "/usr/lib/postgresql/15/bin"


class PgCluster:
    def __init__(self, fsync=False):
        """fsync=False for tests (faster, nothing to keep); True for benchmarks (PostgreSQL's default)."""
        self.fsync = fsync
        self.dir = tempfile.mkdtemp(prefix="werkcheck-pg-")
        self.data = os.path.join(self.dir, "data")
        os.chmod(self.dir, 0o755)
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(self.dir, nobody.pw_uid, nobody.pw_gid)
        # If this process dies without __exit__ (killed at ctest's timeout), a watchdog shell sees
        # its stdin close and stops and removes the cluster.
        stop = f"{BIN}/pg_ctl -D {self.data} -m immediate -w stop"
        if os.geteuid() == 0:
            stop = f"runuser -u nobody -- {stop}"
        self.watchdog = subprocess.Popen(["sh", "-c", f"cat; {stop}; rm -rf {self.dir}"], stdin=subprocess.PIPE,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._run([f"{BIN}/initdb", "-D", self.data, "-U", "werkcheck", "-A", "trust", "-E", "UTF8", "--no-sync",
                   "--locale=C.UTF-8"])
        self.start()

    def _run(self, argv, check=True):
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "nobody", "--"] + argv
        return subprocess.run(argv, capture_output=True, text=True, timeout=60, check=check)

    def start(self):
        self._run([f"{BIN}/pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "server.log"), "-w", "-t", "30",
                   "-o", f"-k {self.dir} -c listen_addresses= -c fsync={'on' if self.fsync else 'off'}", "start"])

    def stop(self):
        self._run([f"{BIN}/pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop"], check=False)

    def url(self, db, password=None):
        auth = "werkcheck" + (f":{password}" if password else "")
        return f"postgresql://{auth}@/{db}?host={self.dir}&port=5432"

    def sql(self, db, query):
        """Runs one query with psql; returns its output, unaligned, without headers."""
        r = subprocess.run([f"{BIN}/psql", "-X", "-A", "-t", "-h", self.dir, "-U", "werkcheck", "-d", db, "-c", query],
                           capture_output=True, text=True, timeout=30, check=True)
        return r.stdout.strip()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
        self.watchdog.stdin.close()
        self.watchdog.wait(timeout=30)
