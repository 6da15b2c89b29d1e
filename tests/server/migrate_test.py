#!/usr/bin/env python3
"""`werkcheck-server admin migrate --from FILE.db --to postgresql://…`, end to end (issue 15 item 3).

The SQLite database is made by the real programs: coach_fixture.py's server, admin CLI and real
kiosks (make-sessions, sync-once), plus a coach's note and logins, a published content pack with
binary files. It is migrated into a throw-away cluster (pg_cluster.py), checked by counts and
hashes; refusals (an unknown schema, a target with data, a second run), a difference the check
must catch (a trigger alters a note on its way in), and a run killed halfway (the test hook
WERKCHECK_MIGRATE_TEST_KILL_AFTER_ROWS) that leaves nothing behind and is then rerun. Then the
server runs on PostgreSQL: the coach pages read the same as on SQLite (also for the login made
before the move), the kiosk's token works, its earlier upload is a duplicate, content bytes are
the same, new notes and sessions get stored.

    migrate_test.py --server build/werkcheck-server --kiosk build/werkcheck --content build/content
                    --web build/coach-web

Prints "N passed, M failed" last; exits non-zero on any failure."""
import argparse
import html
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "coach"))
from coach_fixture import Client, CoachFixture, ServerProcess, add_arguments, csrf_of, logged_in, login  # noqa: E402
from pg_cluster import PgCluster  # noqa: E402
from server_api_test import TALLY, check, request  # noqa: E402
from sessions_fixture import make_session  # noqa: E402

TABLES = ["organisations", "kiosks", "enrollment_codes", "coaches", "sessions", "content_packs", "content_blobs",
          "content_files", "server_keys", "login_sessions", "coach_notes", "audit_log", "login_failures"]
KILL_HOOK = "WERKCHECK_MIGRATE_TEST_KILL_AFTER_ROWS"


def migrate(server_bin, src, url, *extra, env=None):
    t0 = time.monotonic()
    r = subprocess.run([server_bin, "admin", "migrate", "--from", src, "--to", url, *extra], capture_output=True,
                       text=True, timeout=60, env={**os.environ, **(env or {})})
    print(f"# migrate {' '.join(extra)} exit {r.returncode} in {time.monotonic() - t0:.2f} s\n"
          + "\n".join("#   " + ln for ln in (r.stdout + r.stderr).splitlines()), flush=True)
    return r


def sqlite_counts(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def pg_counts(pg, dbname):
    return {t: int(pg.sql(dbname, f"SELECT count(*) FROM {t}") or 0) for t in TABLES}


def pg_rows_total(pg, dbname):
    """Rows in every migrated table and the marker; 0 also when the tables were never made."""
    exists = pg.sql(dbname, "SELECT count(*) FROM pg_tables WHERE tablename = 'organisations'")
    total = sum(pg_counts(pg, dbname).values()) if exists == "1" else 0
    if pg.sql(dbname, "SELECT count(*) FROM pg_tables WHERE tablename = 'migrated_from'") == "1":
        total += int(pg.sql(dbname, "SELECT count(*) FROM migrated_from"))
    return total


def table_lines(out):
    """The per-table lines of migrate's table: name -> (sqlite rows, postgres rows, verdict)."""
    got = {}
    for ln in out.splitlines():
        parts = ln.split()
        if parts and parts[0] in TABLES and len(parts) >= 6:
            got[parts[0]] = (int(parts[1]), int(parts[2]), parts[-1])
    return got


def normalised(page):
    """A page without what differs per request (CSRF tokens)."""
    page = re.sub(r'(name="csrf"[^>]*value=")[^"]*', r"\1", page)
    return re.sub(r'(value=")[^"]*("[^>]*name="csrf")', r"\1\2", page)


# Who sees which page; Q1 is org B's, so coach-a gets 404 there (on both backends).
PAGES = {"coach-a": ["/coach/", "/coach/participant/{P1}", "/coach/participant/{P2}", "/coach/participant/{Q1}",
                     "/coach/totals?group=Utrecht&quarter={quarter}", "/coach/totals?quarter={quarter}"],
         "coach-b": ["/coach/", "/coach/participant/{Q1}"],
         "beheer-a": ["/coach/admin"]}


def pages(fx, clients):
    """(who, path) -> (status, normalised html), for coaches of both organisations and an admin."""
    out = {}
    fill = {"P1": fx.codes["P1"], "P2": fx.codes["P2"], "Q1": fx.codes["Q1"], "quarter": fx.quarter}
    for who, paths in PAGES.items():
        for p in paths:
            r = clients[who].get(p.format(**fill))
            out[(who, p)] = (r.status, normalised(r.text))
    return out


def first_difference(a, b):
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at {i}: {a[max(0, i - 80):i + 80]!r} vs {b[max(0, i - 80):i + 80]!r}"


def main():
    ap = argparse.ArgumentParser()
    add_arguments(ap)
    args = ap.parse_args()
    started = time.monotonic()
    fx = CoachFixture(args.server, args.kiosk, args.content, args.web, keep=args.keep)
    servers = []
    try:
        fx.setup()
        port = fx.port
        clients = {who: logged_in(port, who, fx.passwords[who]) for who in PAGES}
        p1 = clients["coach-a"].get(f"/coach/participant/{fx.codes['P1']}").text
        note = "Notitie voor de verhuizing: 'quotes', \\ en é"
        r = clients["coach-a"].post(f"/coach/participant/{fx.codes['P1']}/notes",
                                    {"text": note, "csrf": csrf_of(p1, "add-note") or ""})
        check(r.status == 303, "a note on P1 stored on the SQLite server", repr(r))

        r = login(Client(port), "coach-b", "not the password")  # counted by the login throttle
        check(r.status != 303, "a wrong password is refused on SQLite (a login_failures row)", repr(r))

        with open(os.path.join(fx.kiosk_dirs["A"], "device.json")) as f:
            token = json.load(f).get("device_token")
        check(bool(token), "kiosk A's device token is in its device.json")
        extra = make_session()
        st, _, body = request(port, "POST", "/api/v1/sessions", {"sessions": [extra]}, token)
        check(st == 200 and body["results"][0]["status"] == "stored", "a session uploaded with kiosk A's token",
              f"{st} {body}")

        pack = os.path.join(fx.work, "pack")
        os.makedirs(os.path.join(pack, "audio"))
        binary = bytes(range(256)) * 64 + b"\x00end"
        with open(os.path.join(pack, "audio", "clip.bin"), "wb") as f:
            f.write(binary)
        with open(os.path.join(pack, "check.json"), "w") as f:
            json.dump({"id": "migratie", "version": "2026.12.1"}, f)
        fx.admin("publish-content", "--dir", pack)
        st, _, manifest_before = request(port, "GET", "/api/v1/content/manifest", token=token)
        check(st == 200, "content published on SQLite", f"{st}")

        before = pages(fx, clients)
        check(all(st == (404 if k == ("coach-a", "/coach/participant/{Q1}") else 200) for k, (st, _) in before.items()),
              "the compared coach pages are 200 on SQLite (404 for another organisation's code)",
              str({k: v[0] for k, v in before.items()}))
        fx.server.stop()
        counts = sqlite_counts(fx.db)
        print(f"# SQLite source: {counts}", flush=True)
        check(all(counts[t] > 0 for t in TABLES), "the source has rows in every table", str(counts))

        with PgCluster() as pg:
            for name in ("werkcheck", "odd", "busy", "tamper"):
                pg.sql("postgres", f"CREATE DATABASE {name}")
            url = pg.url("werkcheck", password="not-shown")

            # Files the migration must refuse, each a copy of the source changed by one statement,
            # with what the refusal must say; nothing may be written into the target.
            refused = [
                ("CREATE TABLE extra_notes (id INTEGER PRIMARY KEY)", "has table extra_notes",
                 "a file with a table this program does not copy is refused, naming it"),
                ("ALTER TABLE kiosks DROP COLUMN group_name", "lacks column kiosks.group_name.*upgrades it",  # older
                 "a file lacking a column is refused, naming it and how to upgrade it"),
                ("UPDATE coach_notes SET text = 'a' || char(0) || 'b'", "cannot copy row 1 of coach_notes",
                 "a note holding a NUL byte (PostgreSQL's text cannot) is refused, naming the row"),
                ("UPDATE server_keys SET secret_key = NULL", "public-key` once",  # as before schema 3
                 "a file whose signing key is still only in its key file is refused, saying what to run"),
            ]
            for n, (statement, says, what) in enumerate(refused):
                bad = os.path.join(fx.work, f"refused-{n}.db")
                shutil.copy(fx.db, bad)
                con = sqlite3.connect(bad)
                con.execute(statement)
                con.commit()
                con.close()
                r = migrate(args.server, bad, pg.url("odd"))
                check(r.returncode != 0 and re.search(says, r.stderr, re.S) and pg_rows_total(pg, "odd") == 0,
                      what + "; nothing written", r.stderr)
            r = migrate(args.server, os.path.join(fx.work, "missing.db"), url)
            check(r.returncode != 0 and "no SQLite file" in r.stderr, "a missing --from file: the reason")
            r = migrate(args.server, fx.db, "/tmp/not-a-url")
            check(r.returncode != 0 and "postgresql://" in r.stderr, "a --to that is no URL: the reason")

            # A target that holds data (here an organisation made on it) is refused.
            subprocess.run([args.server, "admin", "--db", pg.url("busy"), "create-org", "Al bezig"], check=True,
                           capture_output=True, timeout=30)
            r = migrate(args.server, fx.db, pg.url("busy"))
            check(r.returncode != 0 and "already holds data (organisations 1" in r.stdout
                  and pg_counts(pg, "busy")["organisations"] == 1,
                  "a target with data is refused, saying what it holds; nothing written")

            # The hash check catches a copy that differs: a trigger changes a note on its way in.
            subprocess.run([args.server, "admin", "migrate", "--from", fx.db, "--to", pg.url("tamper"), "--dry-run"],
                           check=True, capture_output=True, timeout=30)  # makes the schema
            pg.sql("tamper", "CREATE FUNCTION alter_note() RETURNS trigger LANGUAGE plpgsql AS "
                             "$$ BEGIN NEW.text := NEW.text || '.'; RETURN NEW; END $$; "
                             "CREATE TRIGGER alter_note BEFORE INSERT ON coach_notes "
                             "FOR EACH ROW EXECUTE FUNCTION alter_note()")
            r = migrate(args.server, fx.db, pg.url("tamper"))
            lines = table_lines(r.stdout)
            check(r.returncode != 0 and lines.get("coach_notes", (0, 0, ""))[2] == "DIFFERENT"
                  and lines.get("sessions", (0, 0, ""))[2] == "ok" and pg_rows_total(pg, "tamper") == 0,
                  "a note altered in PostgreSQL: coach_notes DIFFERENT, exit non-zero, all rolled back", r.stdout)

            # The installed wrapper passes --db: it stands for --from.
            r = subprocess.run([args.server, "admin", "--db", fx.db, "migrate", "--to", url, "--dry-run"],
                               capture_output=True, text=True, timeout=60)
            check(r.returncode == 0 and "would copy" in r.stdout and pg_rows_total(pg, "werkcheck") == 0,
                  "--dry-run (with --db as --from) prints what it would copy and writes no row", r.stdout + r.stderr)
            check("not-shown" not in r.stdout + r.stderr, "the URL's password is not printed")

            # Killed halfway (SIGKILL by the test hook after 30 rows, amid the sessions): PostgreSQL keeps nothing.
            r = migrate(args.server, fx.db, url, env={KILL_HOOK: "30"})
            check(r.returncode == -9, "the migration killed after 30 rows (SIGKILL)", f"exit {r.returncode}")
            check(pg_rows_total(pg, "werkcheck") == 0, "after the kill the target holds no row and no marker")

            t0 = time.monotonic()
            r = migrate(args.server, fx.db, url)
            took = time.monotonic() - t0
            lines = table_lines(r.stdout)
            check(r.returncode == 0 and sorted(lines) == sorted(TABLES) and all(v[2] == "ok" for v in lines.values()),
                  f"the rerun completes: every table ok ({took:.2f} s)", r.stdout + r.stderr)
            check(all(lines.get(t, (None, None, ""))[:2] == (counts[t], counts[t]) for t in TABLES),
                  "its row counts are the SQLite file's on both sides")
            check(pg_counts(pg, "werkcheck") == counts, "PostgreSQL holds the same rows per table (psql)",
                  str(pg_counts(pg, "werkcheck")))
            got_blob = pg.sql("werkcheck", "SELECT encode(data, 'hex') FROM content_blobs WHERE length(data) > 16000")
            check(got_blob == binary.hex(), "the content file's bytes are the same in PostgreSQL (NUL included)")
            ids = pg.sql("werkcheck", "SELECT string_agg(id::text, ',' ORDER BY id) FROM coach_notes")
            con = sqlite3.connect(f"file:{fx.db}?mode=ro", uri=True)
            src_ids = ",".join(str(i) for (i,) in con.execute("SELECT id FROM coach_notes ORDER BY id"))
            order = [u for (u,) in con.execute("SELECT uuid FROM sessions ORDER BY rowid")]
            con.close()
            check(ids == src_ids, "note ids kept", f"{ids} vs {src_ids}")
            pg_order = pg.sql("werkcheck", "SELECT string_agg(uuid, ',' ORDER BY seq) FROM sessions").split(",")
            check(pg_order == order, "sessions keep their order of arrival (rowid -> seq)")

            r = migrate(args.server, fx.db, url)
            check(r.returncode != 0 and f"already migrated from {os.path.abspath(fx.db)} at " in r.stdout
                  and "(the same data" in r.stdout, "a second run: 'already migrated from FILE at TIME'", r.stdout)
            check(pg_counts(pg, "werkcheck") == counts and pg.sql("werkcheck", "SELECT count(*) FROM migrated_from")
                  == "1", "the second run wrote nothing")

            # The server on PostgreSQL, without the key file: the signing key came with the data.
            if os.path.exists(fx.db + ".signing-key"):
                os.rename(fx.db + ".signing-key", fx.db + ".signing-key.moved")
            srv = ServerProcess(args.server, url, fx.work, ["--content", fx.content_dir, "--web", fx.web_dir])
            servers.append(srv)
            for c in clients.values():
                c.port = srv.port
            after = pages(fx, clients)
            same = [k for k in before if before[k] == after[k]]
            for k in before:
                if before[k] != after[k]:
                    print(f"# {k}: {before[k][0]} vs {after[k][0]}: {first_difference(before[k][1], after[k][1])}")
            check(len(same) == len(before), f"the logins made on SQLite see the same {len(before)} coach pages on "
                  f"PostgreSQL (participants, notes, totals, kiosks and accounts)", f"{len(same)} the same")
            check(note in html.unescape(after[("coach-a", "/coach/participant/{P1}")][1]),
                  "the note is on P1's page on PostgreSQL")
            fresh = logged_in(srv.port, "coach-a", fx.passwords["coach-a"])
            r = fresh.get(f"/coach/participant/{fx.codes['P1']}")
            check(normalised(r.text) == before[("coach-a", "/coach/participant/{P1}")][1],
                  "coach-a logs in on PostgreSQL with the same password and sees the same P1 page")
            r = fresh.post(f"/coach/participant/{fx.codes['P1']}/notes",
                           {"text": "Na de verhuizing", "csrf": csrf_of(r.text, "add-note") or ""})
            new_id = pg.sql("werkcheck", "SELECT max(id) FROM coach_notes")
            check(r.status == 303 and int(new_id) > max(int(i) for i in src_ids.split(",")),
                  "a new note on PostgreSQL gets the next id", f"{r!r} id {new_id}")

            st, _, body = request(srv.port, "POST", "/api/v1/sessions", {"sessions": [extra]}, token)
            check(st == 200 and body["results"][0]["status"] == "duplicate",
                  "kiosk A's token works on PostgreSQL; its earlier upload is a duplicate", f"{st} {body}")
            st, _, manifest_after = request(srv.port, "GET", "/api/v1/content/manifest", token=token)
            check(st == 200 and manifest_after == manifest_before, "the signed manifest is the same")
            pub = subprocess.run([args.server, "admin", "--db", url, "public-key"], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
            check(pub and pub == fx.admin("public-key").stdout.strip(), "the same public key on both databases")
            st, _, data = request(srv.port, "GET", "/api/v1/content/files/audio/clip.bin", token=token, raw=True)
            check(st == 200 and data == binary, "the content file comes back byte for byte")

            # The real kiosk, pointed at the PostgreSQL server, sends a new check there.
            settings = os.path.join(fx.kiosk_dirs["A"], "kiosk.json")
            with open(settings) as f:
                conf = json.load(f)
            conf["server_url"] = srv.url
            with open(settings, "w") as f:
                json.dump(conf, f)
            fx._make("A", [{"locale": "nl", "answers": fx.answers["P2"], "consent": False, "status": "finished"}],
                     [None])
            fx._sync("A")
            check(int(pg.sql("werkcheck", "SELECT count(*) FROM sessions")) == counts["sessions"] + 1,
                  "kiosk A's sync-once to the PostgreSQL server stores its new check")
            for s in servers:
                s.stop()
    except Exception as e:  # a failing step is reported as a failed check, with the reason
        check(False, "the test ran to its end", f"{type(e).__name__}: {e}")
    finally:
        for s in servers:
            s.stop()
        fx.close()
    return TALLY.finish(f" in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
