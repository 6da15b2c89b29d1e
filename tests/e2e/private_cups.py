"""A private CUPS server for a test: its own cupsd (ServerRoot, spool, logs in a temp dir) on a
random loopback port, with Debian's virtual PDF printer (cups-pdf) as a queue whose PDFs land in
the temp dir. Clients reach it with CUPS_SERVER=127.0.0.1:PORT (libcups reads it).

cups-pdf takes its settings from /etc/cups/cups-pdf-<name>.conf for a device URI
cups-pdf:/<name> (the path is compiled in), so that one file is written there for the queue's
life and removed by stop(). cupsd runs the cups-pdf backend as root only when cupsd is root:
the test must run as root (CI does).
"""
import glob
import os
import random
import shutil
import socket
import subprocess
import tempfile
import time

import kiosk_driver

PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"


def free_port():
    for _ in range(50):
        port = random.randint(20000, 60000)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port")


class PrivateCups:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="werkcheck-cups-")
        os.chmod(self.dir, 0o755)  # filters run as lp and read the spool
        self.port = free_port()
        self.server = "127.0.0.1:%d" % self.port
        self.out = os.path.join(self.dir, "out")
        self.proc = None
        self.queues = []

    def _write(self, name, text):
        path = os.path.join(self.dir, "conf", name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def start(self):
        for sub in ("conf", "conf/ppd", "spool", "spool/tmp", "pdf-spool", "cache", "state", "log", "out"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
            os.chmod(os.path.join(self.dir, sub), 0o755)
        os.chmod(os.path.join(self.dir, "spool/tmp"), 0o1777)
        os.chmod(self.out, 0o1777)
        d = self.dir
        files = self._write("cups-files.conf", "\n".join([
            "ServerRoot %s/conf" % d, "RequestRoot %s/spool" % d, "TempDir %s/spool/tmp" % d,
            "CacheDir %s/cache" % d, "StateDir %s/state" % d,
            "AccessLog %s/log/access_log" % d, "ErrorLog %s/log/error_log" % d, "PageLog %s/log/page_log" % d,
            "ServerBin /usr/lib/cups", "DataDir /usr/share/cups", "DocumentRoot /usr/share/cups/doc-root",
            "Printcap %s/state/printcap" % d, "User lp", "Group lp", "SystemGroup root", "Sandboxing Relaxed", ""]))
        conf = self._write("cupsd.conf", "\n".join([
            "Listen 127.0.0.1:%d" % self.port, "LogLevel info", "Browsing No", "WebInterface No",
            "DefaultAuthType None", "MaxJobs 50", "PreserveJobHistory Yes", "PreserveJobFiles Yes",
            "<Location />", "  Order allow,deny", "  Allow from 127.0.0.1", "</Location>",
            "<Policy default>", "  <Limit All>", "    Order deny,allow", "  </Limit>", "</Policy>", ""]))
        self.proc = subprocess.Popen(["/usr/sbin/cupsd", "-f", "-c", conf, "-s", files],
                                     stdout=subprocess.DEVNULL, stderr=open(os.path.join(d, "log", "cupsd.out"), "wb"))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("cupsd exited (%s): %s" % (self.proc.returncode, self.log_tail()))
            if self.lp(["lpstat", "-r"], check=False).returncode == 0:
                return self
            time.sleep(0.1)
        raise RuntimeError("cupsd did not answer on %s: %s" % (self.server, self.log_tail()))

    def env(self):
        return dict(os.environ, CUPS_SERVER=self.server)

    def lp(self, args, check=True):
        r = subprocess.run(args, env=self.env(), capture_output=True, text=True, timeout=30)
        if check and r.returncode != 0:
            raise RuntimeError("%s failed (%d): %s" % (" ".join(args), r.returncode, r.stderr.strip()))
        return r

    def add_pdf_queue(self, name):
        """A cups-pdf queue whose PDFs go to self.out/<name>/."""
        out = os.path.join(self.out, name)
        os.makedirs(out, exist_ok=True)
        os.chmod(out, 0o1777)
        with open("/etc/cups/cups-pdf-%s.conf" % name, "w") as f:
            f.write("Out %s\nAnonDirName %s\nLabel 1\nLogType 3\nSpool %s\n" % (out, out, os.path.join(self.dir, "pdf-spool")))
        self.queues.append(name)
        self.lp(["lpadmin", "-p", name, "-v", "cups-pdf:/" + name, "-P", PPD])
        self.lp(["cupsenable", name])
        self.lp(["cupsaccept", name])
        return out

    def delete_queue(self, name):
        self.lp(["lpadmin", "-x", name])

    def pdfs(self, name):
        return sorted(glob.glob(os.path.join(self.out, name, "**", "*.pdf"), recursive=True))

    def submitted(self):
        """The documents clients sent, as cupsd keeps them (PreserveJobFiles), in job order."""
        return sorted(glob.glob(os.path.join(self.dir, "spool", "d*-001")))

    def log_tail(self, n=30):
        try:
            with open(os.path.join(self.dir, "log", "error_log"), errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return "(no error_log)"

    def stop_server(self):
        kiosk_driver._stop_process(self.proc, timeout=10)

    def stop(self):
        self.stop_server()
        for name in self.queues:
            try:
                os.unlink("/etc/cups/cups-pdf-%s.conf" % name)
            except OSError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
