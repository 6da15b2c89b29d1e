#!/usr/bin/env python3
"""werkcheck-server on PostgreSQL, end to end: a throw-away cluster (pg_cluster.py), the admin
CLI with --db postgresql://… and --signing-key, two server processes on the one database
(enrollment, upload, duplicate, 409 conflict, the same batch raced to both, a coach's login
and CSRF token from one valid on the other), and PostgreSQL stopped and started under them. The SQLite paths are server_api_test.py's.

    server_api_postgres_test.py --server build/werkcheck-server --verifier build/server_verify_manifest

Prints "N passed, M failed" last; exits non-zero on any failure."""
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pg_cluster import PgCluster  # noqa: E402
from server_api_test import TALLY, Server, admin, check, command_line, is_json_error, request  # noqa: E402
from sessions_fixture import make_session  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "coach"))
from coach_fixture import Client, csrf_of, login  # noqa: E402


def main():
    args = command_line()
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="werkcheck-server-pg-test-")
    servers = []
    try:
        with PgCluster() as pg:
            pg.sql("postgres", "CREATE DATABASE werkcheck")
            # trust authentication ignores the password; it is here to be kept out of the logs.
            db = pg.url("werkcheck", password="not-in-the-log")
            key = ["--signing-key", os.path.join(work, "content.signing-key")]

            # The key lives in the database: no --signing-key is needed (a key file is imported once).
            rc, org, err = admin(args.server, db, "create-org", "Gemeente PG")
            check(rc == 0 and len(org) == 36, "admin create-org on PostgreSQL (migrations ran)", err)
            check(pg.sql("werkcheck", "SELECT string_agg(version::text, ',') FROM schema_version") == "1,2",
                  "schema_version records the migration once")
            rc, code, err = admin(args.server, db, *key, "enroll-code", "--org", org)
            check(rc == 0 and len(code) == 14, "admin enroll-code", err)
            rc, _, err = admin(args.server, db, *key, "create-coach", "--org", org, "--user", "coach1",
                               stdin="een-lang-wachtwoord\n")
            check(rc == 0, "admin create-coach", err)
            rc, pubkey, err = admin(args.server, db, *key, "public-key")
            check(rc == 0 and len(pubkey) == 44, "admin public-key", err)
            pack = os.path.join(work, "pack")
            os.makedirs(pack)
            with open(os.path.join(pack, "a.txt"), "w") as f:
                f.write("hallo")
            rc, _, err = admin(args.server, db, *key, "publish-content", "--dir", pack)
            check(rc == 0, "admin publish-content", err)

            a, b = Server(args.server, db, work, key), Server(args.server, db, work, key)
            servers += [a, b]
            check(not any("not-in-the-log" in line for line in a.log_lines()), "the URL's password is not logged")

            st, _, body = request(a.port, "POST", "/api/v1/enroll", {"enrollment_code": code})
            check(st == 200 and body["content_public_key"] == pubkey, "enroll on instance A", f"{st} {body}")
            token, kiosk_id = body["device_token"], body["kiosk_id"]
            st, h, body = request(b.port, "POST", "/api/v1/enroll", {"enrollment_code": code})
            check(is_json_error(st, h, body, 403, "enrollment_code_invalid"), "the same code on instance B: 403")

            s1, s2 = make_session(), make_session(anonymous=True)
            st, _, body = request(a.port, "POST", "/api/v1/sessions", {"sessions": [s1, s2]}, token)
            check(st == 200 and [r["status"] for r in body["results"]] == ["stored"] * 2, "upload to A: stored",
                  f"{st} {body}")
            st, _, body = request(b.port, "POST", "/api/v1/sessions", {"sessions": [s1, s2]}, token)
            check(st == 200 and [r["status"] for r in body["results"]] == ["duplicate"] * 2,
                  "the same upload to B: duplicate", f"{st} {body}")
            changed, fresh = copy.deepcopy(s1), make_session()
            changed["answers"]["intake.situatie"] = ["anders"]
            st, h, body = request(b.port, "POST", "/api/v1/sessions", {"sessions": [fresh, changed]}, token)
            check(is_json_error(st, h, body, 409, "conflict") and body["error"].get("uuids") == [s1["uuid"]],
                  "same uuid, other content, on B: 409", f"{st} {body}")
            check(pg.sql("werkcheck", "SELECT count(*) FROM sessions") == "2", "nothing of the 409 batch is stored")

            # Ten kiosks' retries of one batch, alternating between the instances at once.
            batch = [make_session() for _ in range(20)]
            statuses = []

            def send(port):
                st, _, body = request(port, "POST", "/api/v1/sessions", {"sessions": batch}, token)
                statuses.append((st, [r["status"] for r in body["results"]] if st == 200 else body))

            threads = [threading.Thread(target=send, args=((a, b)[i % 2].port,)) for i in range(10)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            stored = sum(s.count("stored") for st, s in statuses if st == 200)
            check(all(st == 200 for st, _ in statuses) and stored == 20,
                  "one batch raced to both instances 10 times: every answer 200, each session stored once",
                  str([st for st, _ in statuses]) + f" stored={stored}")
            check(pg.sql("werkcheck", "SELECT count(*) FROM sessions") == "22", "22 rows in the database")

            st, _, body = request(b.port, "GET", "/api/v1/content/manifest", token=token)
            v = subprocess.run([args.verifier, pubkey, body["manifest"], body["signature"]], capture_output=True,
                               timeout=10) if st == 200 else None
            check(v is not None and v.returncode == 0, "B serves the pack A's admin published, signed with the key")
            rc, out, err = admin(args.server, db, *key, "set-kiosk-group", kiosk_id, "Utrecht")
            rc2, listed, err2 = admin(args.server, db, *key, "list-kiosks")
            check(rc == 0 and rc2 == 0 and '"group":"Utrecht"' in listed, "admin set-kiosk-group and list-kiosks",
                  err + err2)

            # The coach pages on PostgreSQL: a login made on A is valid on B, and so is its CSRF token.
            coach = Client(a.port)
            r = login(coach, "coach1", "een-lang-wachtwoord")
            check(r.status == 303 and "wk_coach" in coach.cookies, "coach logs in on A", repr(r))
            coach.port = b.port
            page = coach.get(f"/coach/participant/{s1['code']}")
            check(page.status == 200 and s1["code"] in page.text, "B shows the participant to A's login",
                  repr(page))
            r = coach.post(f"/coach/participant/{s1['code']}/notes",
                           {"csrf": csrf_of(page.text) or "", "text": "gesprek op dinsdag"})
            check(r.status == 303 and pg.sql("werkcheck", "SELECT text FROM coach_notes") == "gesprek op dinsdag",
                  "a note posted on B with the login's CSRF token is stored", repr(r))
            coach.port = a.port
            page = coach.get(f"/coach/participant/{s1['code']}")
            check(page.status == 200 and "gesprek op dinsdag" in page.text, "A shows the note made on B")
            # A NUL character in an answer (PostgreSQL's JSON functions refuse it) is data like any other.
            nul = make_session()
            nul["answers"][next(iter(nul["answers"]))] = ["a\u0000b"]
            st, _, body = request(a.port, "POST", "/api/v1/sessions", {"sessions": [nul]}, token)
            page = coach.get(f"/coach/participant/{nul['code']}")
            totals = coach.get("/coach/totals")
            check(st == 200 and page.status == 200 and totals.status == 200,
                  "a session with \\u0000 in an answer: stored, its page and the totals page show",
                  f"{st} {page.status} {totals.status}")

            # PostgreSQL goes away under the running servers, and comes back.
            pg.stop()
            late = make_session()
            st, h, body = request(a.port, "POST", "/api/v1/sessions", {"sessions": [late]}, token)
            check(st in (500, 503) and isinstance(body, dict) and "error" in body,
                  "PostgreSQL down: the upload gets a JSON server error (the kiosk keeps it)", f"{st} {body}")
            check(a.proc.poll() is None, "PostgreSQL down: the server keeps running")
            pg.start()
            st, _, body = request(a.port, "POST", "/api/v1/sessions", {"sessions": [late]}, token)
            check(st == 200 and body["results"][0]["status"] == "stored",
                  "PostgreSQL back: the same server stores the retry, without a restart", f"{st} {body}")
            rc, _, err = admin(args.server, db, *key, "revoke-kiosk", kiosk_id)
            st, h, body = request(b.port, "POST", "/api/v1/sessions", {"sessions": [make_session()]}, token)
            check(rc == 0 and st in (401, 403), "a kiosk revoked by the admin CLI is refused by B", f"{st} {err}")
            for s in servers:
                s.stop()
            servers = []
    except Exception as e:  # noqa: BLE001
        import traceback
        traceback.print_exc()
        check(False, "test ran to the end", repr(e))
    finally:
        for s in servers:
            s.stop()
        if os.environ.get("KEEP"):
            print("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"time {time.monotonic() - started:.1f} s")
    return TALLY.finish()


if __name__ == "__main__":
    sys.exit(main())
