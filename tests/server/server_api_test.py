#!/usr/bin/env python3
"""End-to-end test of werkcheck-server against sync/API.md: a real server process on
127.0.0.1 (a free port), a temporary database, the admin CLI, and every kind of bad input.

    server_api_test.py --server build-server/werkcheck-server --verifier build-server/server_verify_manifest

Prints "N passed, M failed" last; exits non-zero on any failure."""
import argparse
import base64
import copy
import gzip
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sessions_fixture import make_session  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally  # noqa: E402

TALLY = Tally()
check = TALLY.check


class Server:
    def __init__(self, binary, db, workdir, extra=(), listen="127.0.0.1:0"):
        self.log_path = os.path.join(workdir, f"server-{os.getpid()}-{time.monotonic_ns()}.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([binary, "--db", db, "--listen", listen, *extra],
                                     stdout=subprocess.DEVNULL, stderr=self.log)
        self.port = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.port is None:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + open(self.log_path).read())
            for line in open(self.log_path, encoding="utf-8", errors="replace"):
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if entry.get("event") == "listening":
                    self.port = entry["fields"]["port"]
            time.sleep(0.05)
        if self.port is None:
            self.stop()
            raise RuntimeError("server did not start listening")

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode

    def log_lines(self):
        return open(self.log_path, encoding="utf-8", errors="replace").read().splitlines()


def request(port, method, path, body=None, token=None, headers=None, tls_context=None, raw=False):
    if tls_context:
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=tls_context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    h = dict(headers or {})
    if token:
        h["Authorization"] = f"Bearer {token}"
    if body is not None and not isinstance(body, (bytes, bytearray)):
        body = json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    try:
        try:
            conn.request(method, path, body=body, headers=h)
        except (BrokenPipeError, ConnectionResetError):
            # The server answered early (413 for a body over the limit) and closed while we were
            # still sending: read its answer, as curl does when a server answers during an upload.
            pass
        resp = conn.getresponse()
        data = resp.read()
        status, rh = resp.status, {k.lower(): v for k, v in resp.getheaders()}
    finally:
        conn.close()
    if raw:
        return status, rh, data
    try:
        parsed = json.loads(data)
    except ValueError:
        parsed = None
    return status, rh, parsed


def admin(binary, db, *args, stdin=None):
    r = subprocess.run([binary, "admin", "--db", db, *args], input=stdin, capture_output=True, text=True, timeout=30)
    return r.returncode, r.stdout.strip(), r.stderr.strip()


def is_json_error(status, headers, body, want_status, want_code=None, mention=None):
    ok = (status == want_status and headers.get("x-werkcheck-server") == "1" and isinstance(body, dict)
          and isinstance(body.get("error"), dict) and isinstance(body["error"].get("code"), str)
          and isinstance(body["error"].get("message"), str))
    if ok and want_code:
        ok = body["error"]["code"] == want_code
    if ok and mention:
        ok = mention in body["error"]["message"]
    return ok


def command_line():
    """--server and --verifier (also for server_api_postgres_test.py)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--verifier", required=True)
    return ap.parse_args()


def main():
    args = command_line()
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="werkcheck-server-test-")
    db = os.path.join(work, "server.db")
    srv = None
    try:
        rc, org, err = admin(args.server, db, "create-org", "Gemeente Test")
        check(rc == 0 and len(org) == 36, "admin create-org prints an id", err)
        rc, code, err = admin(args.server, db, "enroll-code", "--org", org, "--valid-days", "3")
        check(rc == 0 and len(code) == 14 and code[4] == "-" and not set(code) & set("01OIL"),
              "admin enroll-code prints ABCD-EFGH-JKLM from an unambiguous alphabet", code + err)
        rc, out, err = admin(args.server, db, "create-coach", "--org", org, "--user", "coach1",
                             stdin="correct horse battery\n")
        check(rc == 0, "admin create-coach reads the password from stdin", err)
        rc, out, err = admin(args.server, db, "create-coach", "--org", org, "--user", "boss", "--admin",
                             stdin="another long password\n")
        check(rc == 0, "admin create-coach --admin", err)
        rc, pubkey, err = admin(args.server, db, "public-key")
        check(rc == 0 and len(base64.b64decode(pubkey)) == 32, "admin public-key prints a base64 Ed25519 key", err)
        keyfile = db + ".signing-key"
        con = sqlite3.connect(db)
        kept_key = con.execute("SELECT public_key, secret_key FROM server_keys WHERE purpose = 'content'").fetchall()
        con.close()
        check(not os.path.exists(keyfile) and len(kept_key) == 1 and kept_key[0][0] == pubkey and len(kept_key[0][1] or "") == 128,
              "the signing key is kept in the database (no key file beside it)", str(kept_key))
        check((os.stat(db).st_mode & 0o777) == 0o600, "the database (which holds the key) is mode 0600")

        srv = Server(args.server, db, work)
        port = srv.port

        # --- enrollment ---
        st, h, b = request(port, "POST", "/api/v1/enroll", {"enrollment_code": code.lower().replace("-", " ")})
        check(st == 200 and h.get("x-werkcheck-server") == "1", "enroll: 200 with X-Werkcheck-Server: 1", f"{st} {b}")
        token = b["device_token"]
        kiosk_id = b["kiosk_id"]
        check(len(token) == 64 and all(c in "0123456789abcdef" for c in token), "enroll: 64-hex device token")
        check(b["organisation"] == {"id": org, "name": "Gemeente Test"}, "enroll: organisation id and name")
        check(b["content_public_key"] == pubkey, "enroll: content public key is the server's")
        st, h, b = request(port, "POST", "/api/v1/enroll", {"enrollment_code": code})
        check(is_json_error(st, h, b, 403, "enrollment_code_invalid"), "enroll: a code works once", f"{st} {b}")
        st, h, b = request(port, "POST", "/api/v1/enroll", {"enrollment_code": "AAAA-BBBB-CCCC"})
        check(is_json_error(st, h, b, 403, "enrollment_code_invalid"), "enroll: unknown code 403")
        _, code2, _ = admin(args.server, db, "enroll-code", "--org", org)
        with sqlite3.connect(db) as c:
            c.execute("UPDATE enrollment_codes SET expires_at = '2000-01-01T00:00:00.000Z' WHERE used_at IS NULL")
        st, h, b = request(port, "POST", "/api/v1/enroll", {"enrollment_code": code2})
        check(is_json_error(st, h, b, 403, "enrollment_code_invalid"), "enroll: expired code 403")
        with sqlite3.connect(db) as c:
            stored_hash = c.execute("SELECT token_hash FROM kiosks WHERE id = ?", (kiosk_id,)).fetchone()[0]
        raw_db = b"".join(open(p, "rb").read() for p in (db, db + "-wal") if os.path.exists(p))
        check(stored_hash != token and token.encode() not in raw_db, "the server stores only a hash of the token")

        # --- sessions ---
        s1, s2, s3 = make_session(), make_session(), make_session(anonymous=True)
        st, h, b = request(port, "POST", "/api/v1/sessions", {"sessions": [s1, s2, s3]}, token)
        check(st == 200 and [r["status"] for r in b["results"]] == ["stored"] * 3
              and [r["uuid"] for r in b["results"]] == [s1["uuid"], s2["uuid"], s3["uuid"]],
              "sessions: a batch of 3 is stored", f"{st} {b}")
        st, h, b = request(port, "POST", "/api/v1/sessions", {"sessions": [s1, s2, s3]}, token)
        check(st == 200 and [r["status"] for r in b["results"]] == ["duplicate"] * 3, "sessions: resend is duplicate")
        # Same content with keys in another order is still the same content.
        reordered = dict(reversed(list(s1.items())))
        st, h, b = request(port, "POST", "/api/v1/sessions", {"sessions": [reordered]}, token)
        check(st == 200 and b["results"][0]["status"] == "duplicate", "sessions: key order does not matter")
        changed = copy.deepcopy(s2)
        changed["answers"]["intake.situatie"] = ["anders"]
        fresh = make_session()
        st, h, b = request(port, "POST", "/api/v1/sessions", {"sessions": [fresh, changed]}, token)
        check(is_json_error(st, h, b, 409, "conflict") and b["error"].get("uuids") == [s2["uuid"]],
              "sessions: same uuid, other content: 409 naming the uuid", f"{st} {b}")
        with sqlite3.connect(db) as c:
            n_fresh = c.execute("SELECT COUNT(*) FROM sessions WHERE uuid = ?", (fresh["uuid"],)).fetchone()[0]
            total = c.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
            anon = c.execute("SELECT code, anonymous, organisation_id, kiosk_id FROM sessions WHERE uuid = ?",
                             (s3["uuid"],)).fetchone()
            kept = c.execute("SELECT session_json FROM sessions WHERE uuid = ?", (s2["uuid"],)).fetchone()[0]
        check(n_fresh == 0 and total == 3, "sessions: nothing of a conflicting batch is stored", f"{n_fresh} {total}")
        check(json.loads(kept) == s2, "sessions: the first content stays")
        check(anon == (None, 1, org, kiosk_id), "sessions: anonymous stored without code, with org and kiosk")
        # Inside one batch: the same uuid twice with the same content.
        s4 = make_session()
        st, h, b = request(port, "POST", "/api/v1/sessions", {"sessions": [s4, s4]}, token)
        check(st == 200 and [r["status"] for r in b["results"]] == ["stored", "duplicate"],
              "sessions: same uuid twice in a batch: stored then duplicate", f"{st} {b}")

        # gzip
        s5 = make_session()
        gz = gzip.compress(json.dumps({"sessions": [s5]}).encode())
        st, h, b = request(port, "POST", "/api/v1/sessions", gz, token,
                           {"Content-Encoding": "gzip", "Content-Type": "application/json"})
        check(st == 200 and b["results"] == [{"uuid": s5["uuid"], "status": "stored"}], "sessions: gzip body", f"{st} {b}")

        # injection-looking strings are data
        s6 = make_session()
        s6["content"]["id"] = "x'); DROP TABLE sessions; --"
        s6["answers"]["intake.situatie"] = ["<script>alert(1)</script>", "' OR 1=1 --"]
        st, h, b = request(port, "POST", "/api/v1/sessions", {"sessions": [s6]}, token)
        with sqlite3.connect(db) as c:
            got = json.loads(c.execute("SELECT session_json FROM sessions WHERE uuid = ?", (s6["uuid"],)).fetchone()[0])
        check(st == 200 and got == s6, "sessions: injection-looking strings stored as plain data")

        # --- bad input: each a 4xx JSON error naming the problem; the server keeps serving ---
        def good_request():
            st, h, b = request(port, "POST", "/api/v1/heartbeat",
                               {"app_version": "0.1.0", "content_version": "2026.11.1", "last_sync": None,
                                "pending": 0, "free_disk_bytes": 1}, token)
            return st == 200 and b == {"ok": True}

        def bad(name, body, want_status, want_code=None, mention=None, headers=None, tok=token, path="/api/v1/sessions"):
            st, h, b = request(port, "POST", path, body, tok, headers)
            check(is_json_error(st, h, b, want_status, want_code, mention), f"bad input: {name} -> {want_status}",
                  f"got {st} {b}")
            check(good_request(), f"bad input: {name}: server still answers")

        def with_change(fn):
            s = make_session()
            fn(s)
            return {"sessions": [s]}

        bad("malformed JSON", b'{"sessions": [', 400, "invalid_json")
        bad("not an object", b'[1,2,3]', 400, "invalid_json")
        bad("empty body", b"", 400)
        bad("unknown top-level field", {"sessions": [], "extra": 1}, 400, "unknown_field", "extra")
        bad("unknown session field", with_change(lambda s: s.update(name="Jan")), 400, "unknown_field", "name")
        bad("unknown event field", with_change(lambda s: s["events"][0].update(x=1)), 400, "unknown_field",
            "events[0].x")
        bad("missing field", with_change(lambda s: s.pop("locale")), 400, "missing_field", "locale")
        bad("wrong type anonymous", with_change(lambda s: s.update(anonymous="no")), 400, "invalid_field", "anonymous")
        bad("wrong type seq", with_change(lambda s: s["events"][1].update(seq="2")), 400, "invalid_field",
            "events[1].seq")
        bad("float seq", with_change(lambda s: s["events"][1].update(seq=2.5)), 400, "invalid_field", "seq")
        bad("answers not a list", with_change(lambda s: s["answers"].update({"intake.sector": "zorg"})), 400,
            "invalid_field", "intake.sector")
        bad("bad status", with_change(lambda s: s.update(status="done")), 400, "invalid_field", "status")
        bad("bad uuid", with_change(lambda s: s.update(uuid="not-a-uuid")), 400, "invalid_field", "uuid")
        bad("bad time", with_change(lambda s: s.update(started_at="yesterday")), 400, "invalid_field", "started_at")
        bad("code null but anonymous false", with_change(lambda s: s.update(code=None, anonymous=False)), 400,
            "invalid_field", "anonymous")
        bad("code but anonymous true", with_change(lambda s: s.update(anonymous=True)), 400, "invalid_field",
            "anonymous")
        bad("invalid UTF-8", json.dumps({"sessions": [make_session()]}).encode().replace(b'"nl"', b'"n\xff"'), 400,
            "invalid_utf8")
        bad("overlong UTF-8", b'{"sessions": [], "\xc0\xaf": 1}', 400, "invalid_utf8")
        bad("duplicate key", b'{"sessions": [], "sessions": []}', 400, "duplicate_field", "sessions")
        bad("101 sessions", {"sessions": [make_session() for _ in range(101)]}, 413, "too_many_sessions", "100")
        big = json.dumps({"sessions": [make_session()]}).encode()
        big = big[:-2] + b', "pad": "' + b"x" * (4 * 1024 * 1024) + b'"}'
        bad("body over 4 MiB", big, 413, "body_too_large")
        bomb = gzip.compress(b'{"sessions": [], "pad": "' + b"0" * (6 * 1024 * 1024) + b'"}')
        bad("gzip over 4 MiB once unpacked", bomb, 413, "body_too_large",
            headers={"Content-Encoding": "gzip"})
        bad("broken gzip", b"\x1f\x8b\x08\x00garbage-garbage-garbage", 400, headers={"Content-Encoding": "gzip"})
        bad("heartbeat wrong type", {"app_version": "1", "content_version": "1", "last_sync": None,
                                     "pending": "3", "free_disk_bytes": 1}, 400, "invalid_field", "pending",
            path="/api/v1/heartbeat")
        bad("heartbeat negative", {"app_version": "1", "content_version": "1", "last_sync": None,
                                   "pending": -1, "free_disk_bytes": 1}, 400, "invalid_field", "pending",
            path="/api/v1/heartbeat")
        bad("no token", {"sessions": []}, 401, "unauthorized", tok=None)
        bad("wrong token", {"sessions": []}, 401, "unauthorized", tok="0" * 64)
        bad("garbage token", {"sessions": []}, 401, "unauthorized", tok="'; DROP TABLE kiosks; --")
        with sqlite3.connect(db) as c:
            total = c.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        check(total == 6, "bad input stored nothing", str(total))

        # garbage on the socket
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sk:
            sk.sendall(b"\x16\x03\x01garbage\r\n\r\n")
            try:
                sk.recv(1000)
            except OSError:
                pass
        check(good_request(), "garbage on a raw socket: server still answers")

        st, h, b = request(port, "GET", "/no/such/route")
        check(is_json_error(st, h, b, 404, "not_found"), "unknown route: 404 JSON with the header")
        st, h, b = request(port, "GET", "/api/v1/sessions", token=token)
        check(st in (404, 405) and is_json_error(st, h, b, st), "wrong method: 4xx JSON")

        # heartbeat is recorded
        st, h, b = request(port, "POST", "/api/v1/heartbeat",
                           {"app_version": "0.1.0", "content_version": "2026.11.1",
                            "last_sync": "2026-11-23T10:00:00.000Z", "pending": 7, "free_disk_bytes": 123456789},
                           token)
        rc, out, err = admin(args.server, db, "list-kiosks")
        rows = [json.loads(line) for line in out.splitlines()]
        me = [r for r in rows if r["id"] == kiosk_id]
        check(st == 200 and me and me[0]["pending"] == 7 and me[0]["free_disk_bytes"] == 123456789
              and me[0]["last_sync"] == "2026-11-23T10:00:00.000Z", "heartbeat recorded; list-kiosks shows it",
              f"{st} {out}")

        # --- content ---
        st, h, b = request(port, "GET", "/api/v1/content/manifest", token=token)
        check(is_json_error(st, h, b, 404, "no_content"), "manifest before publishing: 404 no_content")
        pack = os.path.join(work, "pack")
        os.makedirs(os.path.join(pack, "modules"))
        os.makedirs(os.path.join(pack, "audio", "nl"))
        files = {
            "check.json": json.dumps({"id": "werkcheck-test", "version": "2026.11.9"}).encode(),
            "modules/intake.json": b'{"id": "intake", "tekst": "W\xc3\xa0t doe je?"}',
            "audio/nl/clip.ogg": bytes(range(256)) * 40 + b"\x00\x00",
        }
        for rel, data in files.items():
            with open(os.path.join(pack, rel), "wb") as f:
                f.write(data)
        rc, out, err = admin(args.server, db, "publish-content", "--dir", pack)
        check(rc == 0, "admin publish-content", err)
        st, h, b = request(port, "GET", "/api/v1/content/manifest", token=token)
        check(st == 200 and set(b) == {"manifest", "signature"}, "manifest: 200 with manifest and signature")
        manifest_bytes = base64.b64decode(b["manifest"])
        manifest = json.loads(manifest_bytes)
        check(manifest["pack_id"] == "werkcheck-test" and manifest["version"] == "2026.11.9" and "created_at" in manifest,
              "manifest: pack_id, version, created_at")
        listed = {f["path"]: f for f in manifest["files"]}
        check(set(listed) == set(files) and all(listed[p]["sha256"] == hashlib.sha256(d).hexdigest()
                                                 and listed[p]["size"] == len(d) for p, d in files.items()),
              "manifest: every file with its sha256 and size")
        v = subprocess.run([args.verifier, pubkey, b["manifest"], b["signature"]], capture_output=True, timeout=10)
        check(v.returncode == 0, "manifest signature verifies with the enrollment public key (libsodium)", v.stdout)
        tampered = base64.b64encode(manifest_bytes.replace(b"2026.11.9", b"2026.11.8")).decode()
        v = subprocess.run([args.verifier, pubkey, tampered, b["signature"]], capture_output=True, timeout=10)
        check(v.returncode == 1, "a tampered manifest does not verify")
        for rel, data in files.items():
            st, h, body = request(port, "GET", "/api/v1/content/files/" + rel, token=token, raw=True)
            check(st == 200 and body == data and h.get("content-type") == "application/octet-stream"
                  and h.get("x-werkcheck-server") == "1", f"content file {rel}: exact bytes")
        st, h, b = request(port, "GET", "/api/v1/content/files/not/there.json", token=token)
        check(is_json_error(st, h, b, 404), "content file not in the manifest: 404 JSON")
        st, h, b = request(port, "GET", "/api/v1/content/files/../server.db", token=token)
        check(st == 404 and h.get("x-werkcheck-server") == "1", "content path traversal: 404")
        st, h, b = request(port, "GET", "/api/v1/content/manifest")
        check(is_json_error(st, h, b, 401, "unauthorized"), "manifest without token: 401")

        # --- concurrency: several kiosks at once ---
        errors = []

        def upload_many(n):
            try:
                for _ in range(n):
                    batch = [make_session(anonymous=(i % 3 == 0)) for i in range(5)]
                    st, h, b = request(port, "POST", "/api/v1/sessions", {"sessions": batch}, token)
                    if st != 200:
                        errors.append((st, b))
            except Exception as e:  # noqa: BLE001
                errors.append(repr(e))
        threads = [threading.Thread(target=upload_many, args=(6,)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        with sqlite3.connect(db) as c:
            total = c.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        check(not errors and total == 6 + 8 * 6 * 5, "8 concurrent uploaders: every session stored once",
              f"{errors[:2]} {total}")

        # --- revocation ---
        _, code3, _ = admin(args.server, db, "enroll-code", "--org", org)
        st, h, b = request(port, "POST", "/api/v1/enroll", {"enrollment_code": code3})
        token2, kiosk2 = b["device_token"], b["kiosk_id"]
        rc, out, err = admin(args.server, db, "revoke-kiosk", kiosk2)
        check(rc == 0, "admin revoke-kiosk", err)
        st, h, b = request(port, "POST", "/api/v1/sessions", {"sessions": [make_session()]}, token2)
        check(is_json_error(st, h, b, 403, "kiosk_revoked"), "revoked kiosk: 403 kiosk_revoked", f"{st} {b}")
        st, h, b = request(port, "GET", "/api/v1/content/manifest", token=token2)
        check(is_json_error(st, h, b, 403, "kiosk_revoked"), "revoked kiosk: manifest 403")
        check(good_request(), "the other kiosk still works")
        rc, out, err = admin(args.server, db, "revoke-kiosk", "00000000-0000-4000-8000-000000000000")
        check(rc != 0, "revoke-kiosk of an unknown kiosk fails")

        # Guessing codes: after 20 wrong ones from an address, every attempt gets 429 for a while,
        # a valid code too. (Three wrong codes were sent above.)
        statuses = [request(port, "POST", "/api/v1/enroll", {"enrollment_code": "ZZZZ-ZZZZ-Z" + "ABCDEFGHJKMNPQRSTWXYZ"[i]})[0]
                    for i in range(18)]
        check(statuses[:17] == [403] * 17 and statuses[17] == 429,
              "enroll: wrong codes are limited per address (403 x 17, then 429)", str(statuses))
        _, fresh, _ = admin(args.server, db, "enroll-code", "--org", org)
        st, h, b = request(port, "POST", "/api/v1/enroll", {"enrollment_code": fresh})
        check(is_json_error(st, h, b, 429, "too_many_attempts") and h.get("retry-after", "").isdigit(),
              "enroll: while limited, even a valid code gets 429 with Retry-After", f"{st} {h.get('retry-after')} {b}")

        # --- logs and graceful stop ---
        rc = srv.stop()
        lines = srv.log_lines()
        parsed = []
        for line in lines:
            try:
                parsed.append(json.loads(line))
            except ValueError:
                parsed.append(None)
        check(all(p and {"time", "level", "event", "fields"} <= set(p) for p in parsed),
              "every log line is a JSON object with time, level, event, fields")
        check(rc == 0 and parsed and parsed[-1]["event"] == "stopped", "SIGTERM: graceful stop, exit 0", str(rc))
        srv = None

        # --- restart keeps everything; key file must not go missing ---
        srv = Server(args.server, db, work)
        st, h, b = request(srv.port, "POST", "/api/v1/sessions", {"sessions": [s1]}, token)
        check(st == 200 and b["results"][0]["status"] == "duplicate", "after restart: resend is still duplicate")
        st, h, b = request(srv.port, "GET", "/api/v1/content/manifest", token=token)
        v = subprocess.run([args.verifier, pubkey, b["manifest"], b["signature"]], capture_output=True, timeout=10)
        check(v.returncode == 0, "after restart: same key, manifest verifies")
        srv.stop(signal.SIGINT)
        srv = None
        # A database from before the key moved in: its secret in DB.signing-key, the public half
        # recorded. The server imports the file once; without the file it stops with a reason.
        old_db = os.path.join(work, "old.db")
        src, dst = sqlite3.connect(db), sqlite3.connect(old_db)
        src.backup(dst)
        src.close()
        dst.close()
        con = sqlite3.connect(old_db)
        with con:
            con.execute("UPDATE server_keys SET secret_key = NULL")
        con.close()
        r = subprocess.run([args.server, "--db", old_db, "--listen", "127.0.0.1:0"], capture_output=True, text=True,
                           timeout=10)
        check(r.returncode != 0 and "signing key" in r.stderr, "an old database without its key file stops the server with a reason")
        with open(old_db + ".signing-key", "w") as f:
            f.write(kept_key[0][1] + "\n")
        os.chmod(old_db + ".signing-key", 0o600)
        rc, imported, err = admin(args.server, old_db, "public-key")
        con = sqlite3.connect(old_db)
        secret = con.execute("SELECT secret_key FROM server_keys").fetchone()[0]
        con.close()
        check(rc == 0 and imported == pubkey and secret == kept_key[0][1], "an old database's key file is imported once", err)
        with open(old_db + ".signing-key", "w") as f:
            f.write("ab" * 64 + "\n")
        r = subprocess.run([args.server, "--db", old_db, "--listen", "127.0.0.1:0"], capture_output=True, text=True,
                           timeout=10)
        check(r.returncode != 0 and "is not the key kept" in r.stderr, "a swapped key file stops the server with a reason")

        # --- TLS ---
        if shutil.which("openssl"):
            cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                            "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                           capture_output=True, check=True, timeout=30)
            srv = Server(args.server, db, work, ["--cert", cert, "--key", key])
            ctx = ssl.create_default_context(cafile=cert)
            st, h, b = request(srv.port, "POST", "/api/v1/heartbeat",
                               {"app_version": "0.1.0", "content_version": "x", "last_sync": None, "pending": 0,
                                "free_disk_bytes": 0}, token, tls_context=ctx)
            check(st == 200 and h.get("x-werkcheck-server") == "1", "TLS: the server serves HTTPS itself")
            srv.stop()
            srv = None
        else:
            print("skip TLS: no openssl command")
    except Exception as e:  # noqa: BLE001
        import traceback
        traceback.print_exc()
        check(False, "test ran to the end", repr(e))
    finally:
        if srv:
            srv.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"time {time.monotonic() - started:.1f} s")
    return TALLY.finish()


if __name__ == "__main__":
    sys.exit(main())
