#!/usr/bin/env python3
"""`make coach-demo`: the coach pages on demo data, in your browser.

The first run creates .coach-demo/ with a server database, a demo organisation with three
accounts (coach, administrator, employer), one enrolled demo kiosk in group "Utrecht" and
fourteen career checks written by the real kiosk (`werkcheck make-sessions --script`) and
sent with the kiosk's own sync (`werkcheck sync-once`): one participant with a first check
and a follow-up, others shared or not, dated into the last quarter so the totals page has a
quarter to show. Later runs reuse it. Then werkcheck-server runs in
the foreground until Ctrl+C. Delete .coach-demo/ to start again.

The demo passwords are printed below and are for this demo database only.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, "..", "tests", "coach"))
from coach_fixture import date_into_last_quarter  # noqa: E402
from make_answers import content_ref, make_answers, make_follow_up_answers  # noqa: E402

ACCOUNTS = [("coach", "coach", "demo-coach-2026"), ("beheer", "admin", "demo-beheer-2026"),
            ("werkgever", "employer", "demo-werkgever-2026")]


def run(*args, stdin=None):
    r = subprocess.run(args, input=stdin, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"coach-demo: {' '.join(args)} failed: {r.stderr.strip()}")
    return r.stdout


def create(build, work, content):
    server, kiosk = os.path.join(build, "werkcheck-server"), os.path.join(build, "werkcheck")
    db = os.path.join(work, "server.db")
    admin = lambda *a, stdin=None: run(server, "admin", "--db", db, *a, stdin=stdin)  # noqa: E731
    org = admin("create-org", "Demo-organisatie").strip()
    for user, role, password in ACCOUNTS:
        admin("create-coach", "--org", org, "--user", user, "--role", role, stdin=password + "\n")
    # The kiosk enrolls against a server on a free port for a moment, then sends its checks.
    proc = subprocess.Popen([server, "--db", db, "--listen", "127.0.0.1:0", "--content", content,
                             "--web", os.path.join(build, "coach-web")], stderr=subprocess.PIPE, text=True)
    try:
        port = None
        for line in proc.stderr:
            event = json.loads(line)
            if event.get("event") == "listening":
                port = event["fields"]["port"]
                break
        url = f"http://127.0.0.1:{port}"
        data = os.path.join(work, "kiosk")
        os.makedirs(data, exist_ok=True)
        code = admin("enroll-code", "--org", org).strip()
        run(kiosk, "enroll", "--data", data, "--server", url, "--code", code)
        with open(os.path.join(data, "device.json")) as f:
            admin("set-kiosk-group", json.load(f)["kiosk_id"], "Utrecht")
        first = make_answers(content, "doener-zorger", 1)
        sessions = [{"locale": "nl", "answers": first, "consent": True, "status": "finished"},
                    {"locale": "nl", "answers": make_follow_up_answers(content, first, "doener-zorger", 2, boost=2),
                     "consent": True, "same_code_as": 0, "follow_up": True, "status": "finished"}]
        personas = ["regelaar", "maker", "doener-zorger"]
        for i in range(12):
            sessions.append({"locale": "nl" if i % 4 else "en", "answers": make_answers(content, personas[i % 3], 10 + i),
                             "consent": i % 3 != 1, "status": "finished"})
        script = os.path.join(work, "sessions.json")
        with open(script, "w", encoding="utf-8") as f:
            json.dump({"content": content_ref(content), "sessions": sessions}, f, ensure_ascii=False)
        made = run(kiosk, "make-sessions", "--data", data, "--script", script).split()
        run(kiosk, "sync-once", "--data", data, "--content", os.path.join(data, "no-pack"))
        with open(os.path.join(work, "codes.txt"), "w") as f:
            f.write(made[1] + "\n")
        date_into_last_quarter(db)  # totals are shown per quarter that has ended
    finally:
        proc.terminate()
        proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--dir", default=".coach-demo")
    ap.add_argument("--listen", default="127.0.0.1:8080")
    a = ap.parse_args()
    build, work = os.path.abspath(a.build), os.path.abspath(a.dir)
    content = os.path.join(build, "content")
    if not os.path.exists(os.path.join(work, "server.db")):
        os.makedirs(work, exist_ok=True)
        print("coach-demo: creating the demo database (a few seconds)...", flush=True)
        create(build, work, content)
    code = open(os.path.join(work, "codes.txt")).read().strip()
    print(f"""
werkcheck coach pages (demo data in {a.dir}/)
  open   http://{a.listen}/coach/
  log in as coach / demo-coach-2026       (results, notes, print view, totals)
         or beheer / demo-beheer-2026     (administrator: accounts, kiosks, audit log)
         or werkgever / demo-werkgever-2026 (employer: anonymous totals only)
  try the code {code[:3]}-{code[3:]}: a first check and a follow-up, side by side
  Ctrl+C stops the server.
""", flush=True)
    server = os.path.join(build, "werkcheck-server")
    os.execv(server, [server, "--db", os.path.join(work, "server.db"), "--listen", a.listen, "--content", content,
                      "--web", os.path.join(build, "coach-web")])


if __name__ == "__main__":
    main()
