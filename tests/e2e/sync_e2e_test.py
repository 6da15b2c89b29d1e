#!/usr/bin/env python3
"""End to end: the kiosk's sync client against the real werkcheck-server, through a
fault-injection proxy. Python standard library only.

  sync_e2e_test.py --bin build/werkcheck --server build/werkcheck-server [--content PACK_DIR]

Scenario: a kiosk is enrolled; the server goes down; checks are done (written with the real
SessionStore by the hidden `werkcheck make-sessions` subcommand); `werkcheck sync-once` finds
no server; the server comes back behind a proxy that drops connections mid-body, stalls,
answers 500, answers garbage, answers a 200 HTML page, and loses the server's reply after
forwarding the request (the server stored the batch, the kiosk does not know); each time the
kiosk must keep everything pending. Then the proxy heals, and the server must hold every
session exactly once, without the code of anyone who did not consent. With --content, a
published pack is fetched, and a corrupted file download is refused.

A missing --server or --bin binary is a FAILURE, not a skip.
"""
import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "coach"))
from coach_fixture import sync_once  # noqa: E402  (one sync round of a real kiosk, shared with the coach tests)

STALL_S = 2  # the kiosk's sync_stall_timeout_s in this test


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=15.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


# ---------------------------------------------------------------- fault-injection proxy

async def read_http_message(reader):
    """Reads one HTTP/1.1 message (headers + Content-Length or chunked body). Returns (head, body)."""
    head = await reader.readuntil(b"\r\n\r\n")
    length, chunked = 0, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        body = b""
        while True:
            size_line = await reader.readuntil(b"\r\n")
            body += size_line
            size = int(size_line.split(b";")[0].strip(), 16)
            chunk = await reader.readexactly(size + 2)
            body += chunk
            if size == 0:
                break
        return head, body
    return head, await reader.readexactly(length)


class FaultProxy:
    """Modes: pass, drop_mid_body, stall, http500, garbage, html200, lose_reply, corrupt_files."""

    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.port = free_port()
        self.mode = "pass"
        self.log = []
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        if not self.ready.wait(10):
            fail("proxy did not start")

    def _run(self):
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", self.port))
        self.ready.set()
        self.loop.run_forever()

    def set_mode(self, mode):
        self.mode = mode

    def shutdown(self):
        async def stop_all():
            self.server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        try:
            asyncio.run_coroutine_threadsafe(stop_all(), self.loop).result(10)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)

    async def _handle(self, creader, cwriter):
        mode = self.mode
        try:
            if mode == "pass":
                await self._pipe(creader, cwriter)
                return
            head, body = await read_http_message(creader)
            request_line = head.split(b"\r\n")[0].decode("latin-1")
            self.log.append((mode, request_line))
            if mode == "drop_mid_body":
                cwriter.transport.abort()  # the request body was cut: nothing reaches the server
                return
            if mode == "stall":
                await asyncio.sleep(120)  # far longer than the kiosk waits
                cwriter.transport.abort()
                return
            if mode == "http500":
                cwriter.write(b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n"
                              b"Content-Length: 5\r\nConnection: close\r\n\r\noops\n")
            elif mode == "garbage":
                cwriter.write(bytes(random.getrandbits(8) for _ in range(300)))
            elif mode == "html200":
                page = b"<html><body><h1>Welcome to Hotel Wi-Fi</h1><form>log in</form></body></html>"
                cwriter.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                              str(len(page)).encode() + b"\r\nConnection: close\r\n\r\n" + page)
            elif mode in ("lose_reply", "corrupt_files"):
                ureader, uwriter = await asyncio.open_connection("127.0.0.1", self.upstream_port)
                uwriter.write(head + body)
                await uwriter.drain()
                rhead, rbody = await read_http_message(ureader)
                uwriter.close()
                if mode == "lose_reply" and request_line.startswith("POST /api/v1/sessions"):
                    cwriter.transport.abort()  # the server stored the batch; the kiosk never hears it
                    return
                if mode == "corrupt_files" and "/api/v1/content/files/" in request_line and rbody:
                    rbody = rbody[:-1] + bytes([rbody[-1] ^ 0x01])
                cwriter.write(rhead + rbody)
            await cwriter.drain()
            cwriter.close()
        except (asyncio.IncompleteReadError, ConnectionError, OSError, ValueError, asyncio.CancelledError):
            cwriter.transport.abort()

    async def _pipe(self, creader, cwriter):
        try:
            ureader, uwriter = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            cwriter.transport.abort()  # the server is down
            return

        async def copy(r, w):
            try:
                while True:
                    data = await r.read(65536)
                    if not data:
                        break
                    w.write(data)
                    await w.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                try:
                    w.close()
                except Exception:
                    pass

        await asyncio.gather(copy(creader, uwriter), copy(ureader, cwriter))


# ---------------------------------------------------------------- processes

class Server:
    def __init__(self, binary, db, port, logdir):
        self.binary, self.db, self.port, self.logdir = binary, db, port, logdir
        self.proc = None

    def admin(self, *args, stdin=None):
        r = subprocess.run([self.binary, "admin", "--db", self.db, *args], capture_output=True, text=True,
                           input=stdin, timeout=60)
        if r.returncode != 0:
            fail(f"werkcheck-server admin {' '.join(args)}: exit {r.returncode}: {r.stderr.strip()}")
        return r.stdout.strip()

    def start(self):
        log = open(os.path.join(self.logdir, "server.log"), "a")
        self.proc = subprocess.Popen([self.binary, "--db", self.db, "--listen", f"127.0.0.1:{self.port}"],
                                     stdout=log, stderr=log)
        if not wait_port(self.port):
            self.stop()
            fail("werkcheck-server did not start listening (see server.log)")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


def kiosk(binary, *args, timeout=120):
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=timeout)


def server_sessions(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT uuid, code, anonymous, session_json FROM sessions").fetchall()
    finally:
        con.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True, help="the werkcheck binary")
    ap.add_argument("--server", required=True, help="the werkcheck-server binary")
    ap.add_argument("--content", help="a built content pack to publish (optional part)")
    ap.add_argument("--sessions", type=int, default=120)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    a = ap.parse_args()
    for name, path in (("--bin", a.bin), ("--server", a.server)):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            fail(f"{name} {path} is not an executable (is the target built?)")

    tmp = tempfile.mkdtemp(prefix="wk-sync-e2e-")
    data = os.path.join(tmp, "kiosk")
    os.makedirs(data)
    server = Server(os.path.abspath(a.server), os.path.join(tmp, "server.db"), free_port(), tmp)
    proxy = None
    try:
        # Organisation, enrollment code, server up, kiosk enrolled through the proxy (healthy).
        org = server.admin("create-org", "E2E Gemeente").split()[-1]
        code = server.admin("enroll-code", "--org", org).split()[-1]
        if a.content:
            server.admin("publish-content", "--dir", a.content)
        server.start()
        proxy = FaultProxy(server.port)
        url = f"http://127.0.0.1:{proxy.port}"
        with open(os.path.join(data, "kiosk.json"), "w") as f:
            json.dump({"sync_stall_timeout_s": STALL_S, "retention_days": 30}, f)
        r = kiosk(a.bin, "enroll", "--data", data, "--server", url, "--code", code)
        if r.returncode != 0:
            fail(f"enroll: exit {r.returncode}: {r.stderr.strip()}")
        mode = os.stat(os.path.join(data, "device.json")).st_mode & 0o777
        if mode != 0o600:
            fail(f"device.json has mode {oct(mode)}, not 0600")
        r = kiosk(a.bin, "enroll", "--data", os.path.join(tmp, "other"), "--server", url, "--code", code)
        if r.returncode == 0:
            fail("an enrollment code worked twice")

        # The server goes down; checks are done offline.
        server.stop()
        r = kiosk(a.bin, "make-sessions", "--data", data, "--count", str(a.sessions))
        if r.returncode != 0:
            fail(f"make-sessions: {r.stderr.strip()}")
        uuids = r.stdout.split()
        if len(uuids) != a.sessions:
            fail(f"make-sessions wrote {len(uuids)} sessions, not {a.sessions}")
        consented = {u for i, u in enumerate(uuids) if i % 3 == 0}

        rc, summary, err = sync_once(a.bin, data)
        if rc != 3 or summary.get("pending") != a.sessions or summary.get("sent") != 0:
            fail(f"with the server down sync-once gave exit {rc}, {summary}; {err[-500:]}")

        # The server is back, behind a faulty network.
        server.start()
        for fault in ("drop_mid_body", "stall", "http500", "garbage", "html200", "lose_reply"):
            proxy.set_mode(fault)
            t0 = time.time()
            rc, summary, err = sync_once(a.bin, data)
            took = time.time() - t0
            if rc != 3 or summary.get("sent") != 0 or summary.get("pending") != a.sessions:
                fail(f"fault {fault}: sync-once exit {rc}, {summary}: a session was marked sent without a "
                     f"confirmed answer; {err[-500:]}")
            if took > STALL_S * 3 + 15:
                fail(f"fault {fault}: sync-once took {took:.1f} s (timeouts not applied?)")
            print(f"fault {fault}: kept {summary.get('pending')} pending ({took:.1f} s)")
        stored_early = len(server_sessions(server.db))
        if stored_early == 0:
            fail("lose_reply: the server stored nothing, so the lost-reply case was not exercised")

        if a.content:
            proxy.set_mode("corrupt_files")
            # Uploads pass in this mode; the content download must be refused.
            for _ in range(10):
                rc, summary, err = sync_once(a.bin, data)
                if rc != 3:
                    break
            if os.path.exists(os.path.join(data, "content", "ready.json")):
                fail("a corrupted content file was accepted")

        # The network heals: everything arrives, exactly once.
        proxy.set_mode("pass")
        for _ in range(20):
            rc, summary, err = sync_once(a.bin, data)
            if rc != 3:
                break
        if rc != 0 or summary.get("pending") != 0:
            fail(f"after healing sync-once gave exit {rc}, {summary}; {err[-500:]}")
        rows = server_sessions(server.db)
        got = [row[0] for row in rows]
        if len(got) != len(set(got)):
            fail("the server holds a session twice")
        if set(got) != set(uuids):
            fail(f"the server holds {len(set(got))} of {len(uuids)} sessions "
                 f"(missing {sorted(set(uuids) - set(got))[:3]}, extra {sorted(set(got) - set(uuids))[:3]})")
        for uuid, code_, anonymous, _ in rows:
            if uuid in consented and (code_ is None or anonymous):
                fail(f"session {uuid} with consent arrived without its code")
            if uuid not in consented and (code_ is not None or not anonymous):
                fail(f"session {uuid} without consent arrived with a code")
        con = sqlite3.connect(server.db)
        beats = con.execute("SELECT count(*) FROM kiosks WHERE last_heartbeat_at IS NOT NULL").fetchone()[0]
        con.close()
        if beats != 1:
            fail("the server has no heartbeat of the kiosk")
        if a.content:
            ready = os.path.join(data, "content", "ready.json")
            if not os.path.exists(ready):
                fail("the published content pack was not fetched and marked ready")

        # A conflict: the server already holds one of three new sessions' uuids with other
        # content. That one is kept on the kiosk and never re-sent; the other two arrive;
        # the server's copy stays as it was.
        r = kiosk(a.bin, "make-sessions", "--data", data, "--count", "3")
        fresh = r.stdout.split()
        if r.returncode != 0 or len(fresh) != 3:
            fail(f"make-sessions for the conflict: {r.stdout} {r.stderr}")
        exported = {}
        for line in kiosk(a.bin, "export", "--data", data).stdout.splitlines():
            row = json.loads(line)
            exported[row["uuid"]] = row
        clash = dict(exported[fresh[1]], code=None, anonymous=True, consent=False)
        clash["answers"] = dict(clash["answers"], **{"intake.reden": ["iets_heel_anders"]})
        with open(os.path.join(data, "device.json")) as f:
            token = json.load(f)["device_token"]
        req = urllib.request.Request(f"http://127.0.0.1:{server.port}/api/v1/sessions",
                                     json.dumps({"sessions": [clash]}).encode(),
                                     {"Content-Type": "application/json", "Authorization": "Bearer " + token})
        with urllib.request.urlopen(req, timeout=10) as resp:
            if resp.status != 200:
                fail(f"planting the clashing session: HTTP {resp.status}")
        planted = {u: j for u, _, _, j in server_sessions(server.db)}[fresh[1]]
        rc, summary, err = sync_once(a.bin, data)
        if rc != 4 or summary.get("conflicts") != 1 or summary.get("pending") != 0:
            fail(f"conflict: sync-once gave exit {rc}, {summary} (expected exit 4, 1 conflict, 0 pending); {err[-400:]}")
        rows = {u: j for u, _, _, j in server_sessions(server.db)}
        if fresh[0] not in rows or fresh[2] not in rows:
            fail("conflict: the two sessions without a clash did not arrive")
        if rows[fresh[1]] != planted:
            fail("conflict: the server's copy of the clashing session was changed")
        rc, summary, err = sync_once(a.bin, data)
        if rc != 4 or summary.get("conflicts") != 1 or rows != {u: j for u, _, _, j in server_sessions(server.db)}:
            fail(f"conflict: a second sync changed something or re-sent the conflict: exit {rc}, {summary}")
        print("conflict: kept on the kiosk, not re-sent; the other sessions arrived; the server's copy unchanged")

        print(f"OK: {len(got)} sessions on the server, each exactly once ({stored_early} had arrived while the "
              f"replies were lost), and a conflict handled")
    finally:
        server.stop()
        if proxy:
            proxy.shutdown()
        if a.keep:
            print("kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
