#!/usr/bin/env python3
"""HTTP-level test of the coach pages against docs/coach-pages.md: a real werkcheck-server with
two organisations, accounts of every role and realistic checks sent by real kiosks
(coach_fixture.py). Python standard library only; cookies are kept by hand.

    coach_http_test.py --server build/werkcheck-server --kiosk build/werkcheck \\
        --content build/content --web build/coach-web

Prints one line per check ("ok ..." / "FAIL ..."), "N passed, M failed" last; exits non-zero on
any failure.
"""
import argparse
import html as html_text
import http.client
import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from coach_fixture import (Client, CoachFixture, FixtureError, ServerProcess, add_arguments,  # noqa: E402
                           csrf_of, login, logged_in, parse_set_cookie, quarter_before, today_utc)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally  # noqa: E402

TALLY = Tally()
check = TALLY.check
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
SECTIONS = ["intake", "interests", "strengths", "values", "behaviours", "barriers", "network", "occupations", "plan"]


def short(resp):
    return f"[got {resp.status}, Location {resp.header('location')!r}, body {resp.text[:300]!r}]"


def location_path(resp):
    loc = resp.header("location") or ""
    return urllib.parse.urlsplit(loc)._replace(scheme="", netloc="").geturl()


def redirects_to_login(resp, expired=None):
    loc = location_path(resp)
    if resp.status != 303 or not loc.startswith("/coach/login"):
        return False
    if expired is True:
        return "expired=1" in loc
    if expired is False:
        return "expired=1" not in loc
    return True


def has_id(html, ident):
    return re.search(r'\bid\s*=\s*"%s"' % re.escape(ident), html) is not None


def element_html(html, ident):
    """Roughly the markup from the element with this id to the end of its section (next id'd section)."""
    m = re.search(r'<(\w+)[^>]*\bid\s*=\s*"%s"' % re.escape(ident), html)
    if not m:
        return ""
    tag = m.group(1)
    end = html.find(f"</{tag}>", m.end())
    # nested tags of the same name make this approximate; good enough for "is there an img"
    return html[m.start(): end if end > 0 else len(html)]


def display(code):
    """As the pages show a code (ids::display_code): "350 612 4083"; an earlier code "K7M-R2X"."""
    if len(code) == 10:
        return code[:3] + " " + code[3:6] + " " + code[6:]
    return code[:3] + "-" + code[3:] if len(code) == 6 else code


def code_forms(code):
    return {code, display(code), code.lower(), display(code).lower()}


def without_codes(text, codes):
    for code in codes:
        for form in sorted(code_forms(code), key=len, reverse=True):
            text = text.replace(form, "<CODE>")
    return text


def made_up_code(taken):
    for a in ALPHABET:
        for b in ALPHABET:
            c = "ZZ" + a + b + "QQ"
            if c not in taken:
                return c
    raise RuntimeError("no free code")


def security_headers(resp, where):
    check(bool(resp.header("content-security-policy")), f"{where}: Content-Security-Policy header",
          str(resp.headers))
    check((resp.header("x-content-type-options") or "").lower() == "nosniff",
          f"{where}: X-Content-Type-Options nosniff", str(resp.header("x-content-type-options")))


def audit_rows(html, who, code):
    """Rows (tr or li) of the audit page that name both the account and the code."""
    best = 0
    for splitter in (r"<tr\b", r"<li\b"):
        parts = re.split(splitter, html)[1:]
        n = sum(1 for p in parts if who in p and any(f in p for f in code_forms(code)))
        best = max(best, n)
    return best


def main():
    ap = argparse.ArgumentParser()
    add_arguments(ap)
    args = ap.parse_args()
    t0 = time.monotonic()
    try:
        fx = CoachFixture(args.server, args.kiosk, args.content, args.web, keep=args.keep)
    except FixtureError as e:
        print(f"FAIL fixture: {e}")
        return 1
    try:
        fx.setup()
        run(fx)
    except FixtureError as e:
        check(False, "fixture", str(e))
    except Exception as e:  # a crash of the test is a failure with its traceback
        import traceback
        traceback.print_exc()
        check(False, "test ran to the end", repr(e))
    finally:
        for s in fx.servers:
            if s.proc.poll() is not None and s.proc.returncode not in (0, -15):
                check(False, f"server {s.url} exited with {s.proc.returncode}", s.log_text()[-1500:])
        fx.close()
    return TALLY.finish(f" ({time.monotonic() - t0:.1f} s)")


def run(fx):
    port = fx.port
    P1, P2, U, N, Q1 = (fx.codes[k] for k in ("P1", "P2", "U", "N", "Q1"))
    all_a_codes = [c for k, c in fx.codes.items() if k not in ("Q1", "B-unshared")]
    made_up = made_up_code(set(fx.codes.values()))
    quarter = fx.quarter

    # ------------------------------------------------------------ login page, headers, static
    anon = Client(port)
    r = anon.get("/coach/login")
    check(r.status == 200 and has_id(r.text, "login"), "GET /coach/login: 200 with form#login", short(r))
    check(csrf_of(r.text, "login") is not None, "form#login has a hidden csrf field")
    check(re.search(r'name="username"', r.text) and re.search(r'name="password"', r.text) and
          re.search(r'type="password"', r.text), "form#login has username and password (type=password) fields")
    check("text/html" in (r.header("content-type") or ""), "login page is text/html",
          str(r.header("content-type")))
    security_headers(r, "login page")
    csp = r.header("content-security-policy") or ""
    check("script-src" in csp or "default-src" in csp, "CSP restricts scripts (default-src or script-src)", csp)
    check("frame-ancestors" in csp or (r.header("x-frame-options") or ""), "framing is forbidden", csp)
    check(bool(r.header("referrer-policy")), "Referrer-Policy header on the login page")
    r = anon.get("/coach/static/coach.css")
    check(r.status == 200 and "text/css" in (r.header("content-type") or ""), "GET /coach/static/coach.css: text/css",
          short(r))
    r = anon.get("/coach/")
    check(redirects_to_login(r, expired=False), "GET /coach/ without login: 303 to /coach/login", short(r))

    # ------------------------------------------------------------ login: CSRF, wrong password, success
    c = Client(port)
    page = c.get("/coach/login")
    r = c.post("/coach/login", {"username": "coach-a", "password": fx.passwords["coach-a"]})
    check(r.status == 403 and "wk_coach" not in c.cookies, "login POST without csrf: 403, no login cookie", short(r))
    r = c.post("/coach/login", {"username": "coach-a", "password": fx.passwords["coach-a"], "csrf": "x" * 43})
    check(r.status == 403 and "wk_coach" not in c.cookies, "login POST with a wrong csrf: 403, no login cookie",
          short(r))
    c = Client(port)
    r = login(c, "coach-a", "not the password at all")
    check(r.status == 401, "login with a wrong password: 401", short(r))
    check(not any(parse_set_cookie(v)[0] == "wk_coach" and parse_set_cookie(v)[1] for v in r.all("set-cookie")),
          "wrong password: no wk_coach cookie", str(r.all("set-cookie")))
    check(has_id(r.text, "login"), "wrong password: the login form is shown again", short(r))
    r = login(c, "nobody-here", "some long password")
    check(r.status == 401, "login with an unknown user: 401", short(r))

    c = Client(port)
    r = login(c, "coach-a", fx.passwords["coach-a"])
    check(r.status == 303 and location_path(r) in ("/coach/", "/coach"), "login coach-a: 303 to /coach/", short(r))
    cookie = [parse_set_cookie(v) for v in r.all("set-cookie") if parse_set_cookie(v)[0] == "wk_coach"]
    check(len(cookie) == 1 and cookie[0][1], "login: Set-Cookie wk_coach", str(r.all("set-cookie")))
    if cookie:
        _, value, attrs = cookie[0]
        check(attrs.get("httponly") is True, "wk_coach is HttpOnly", str(attrs))
        check(str(attrs.get("samesite", "")).lower() == "strict", "wk_coach is SameSite=Strict", str(attrs))
        check(attrs.get("path") == "/coach", "wk_coach has Path=/coach", str(attrs))
        check("secure" not in attrs, "wk_coach is not Secure over plain HTTP (docs: Secure under TLS)", str(attrs))
        check(len(value) >= 32, "wk_coach value is long and random (>= 32 chars)", value)
    coach_a = c
    home = coach_a.get("/coach/")
    check(home.status == 200 and has_id(home.text, "find"), "coach home: 200 with form#find", short(home))
    security_headers(home, "coach home")
    check("no-store" in (home.header("cache-control") or ""), "coach home: Cache-Control no-store",
         str(home.header("cache-control")))
    c2 = logged_in(port, "coach-a")
    check(c2.cookies.get("wk_coach") != coach_a.cookies.get("wk_coach"), "a second login gets a different cookie")

    # ------------------------------------------------------------ every protected page without a login
    protected = ["/coach/", f"/coach/find?code={P1}", f"/coach/participant/{P1}", f"/coach/participant/{P1}/print",
                 f"/coach/totals?group=Utrecht&quarter={quarter}", "/coach/admin", "/coach/admin/audit"]
    for path in protected:
        r = Client(port).get(path)
        check(redirects_to_login(r, expired=False), f"GET {path} without login: 303 to /coach/login", short(r))
        check(P1 not in r.text and display(P1) not in r.text, f"GET {path} without login shows no code")
    forged = Client(port)
    forged.cookies["wk_coach"] = "A" * 43
    r = forged.get("/coach/")
    check(redirects_to_login(r, expired=True), "a made-up wk_coach cookie: 303 to /coach/login?expired=1", short(r))
    r = Client(port).post(f"/coach/participant/{P1}/notes", {"text": "anonymous note", "csrf": "x"})
    check(r.status in (303, 403) and (r.status != 303 or redirects_to_login(r)),
          "POST a note without login: 303 to login or 403", short(r))
    for path, form in (("/coach/admin/coaches", {"username": "evil", "password": "evil password 123", "role": "admin"}),
                       ("/coach/admin/enroll-code", {}), ("/coach/logout", {})):
        r = Client(port).post(path, {**form, "csrf": "x"})
        check(r.status in (303, 403) and (r.status != 303 or redirects_to_login(r)),
              f"POST {path} without login: 303 to login or 403", short(r))

    # ------------------------------------------------------------ find, normalised codes
    for typed in (display(P1).lower(), " ".join(P1.lower()), f"{P1[:2].lower()} - {P1[2:4]}-{P1[4:].lower()} "):
        r = coach_a.get("/coach/find?" + urllib.parse.urlencode({"code": typed}))
        loc = location_path(r)
        check(r.status == 303 and loc in (f"/coach/participant/{P1}", f"/coach/participant/{display(P1)}"),
              f"find {typed!r}: 303 to /coach/participant/{P1}", short(r))
    # ------------------------------------------------------------ not found: other org, anonymous, made up
    bodies = {}
    for name, code in (("org B's code (Q1)", Q1), ("an unshared check's code", U), ("a not-asked check's code", N),
                       ("a made-up code", made_up)):
        r = coach_a.get("/coach/find?code=" + code.lower())
        check(r.status == 404 and has_id(r.text, "not-found"), f"coach-a finds {name}: 404 with #not-found", short(r))
        bodies[name] = without_codes(r.text, [code])
        r = coach_a.get(f"/coach/participant/{code}")
        check(r.status == 404, f"coach-a opens /coach/participant/ of {name}: 404", short(r))
        bodies[name + " (direct)"] = without_codes(r.text, [code])
        r = coach_a.get(f"/coach/participant/{code}/print")
        check(r.status == 404, f"coach-a opens the print view of {name}: 404", short(r))
    finds = [v for k, v in bodies.items() if "direct" not in k]
    directs = [v for k, v in bodies.items() if "direct" in k]
    check(all(b == finds[0] for b in finds), "the three kinds of unknown code give identical find pages",
          "" if all(b == finds[0] for b in finds) else first_difference(finds))
    check(all(b == directs[0] for b in directs), "... and identical participant 404 pages",
          "" if all(b == directs[0] for b in directs) else first_difference(directs))
    r = coach_a.get("/coach/find?code=" + urllib.parse.quote("<script>x</script>"))
    check(r.status in (400, 404) and "<script>x" not in r.text, "find with markup in the code: no raw markup back",
          short(r))
    r = coach_a.get("/coach/find?code=")
    check(r.status in (200, 303, 400, 404) and "<script" not in r.text.lower(), "find with an empty code answers",
          short(r))

    # ------------------------------------------------------------ P1's result page
    p1 = coach_a.get(f"/coach/participant/{P1}")
    check(p1.status == 200, "coach-a opens P1: 200", short(p1))
    security_headers(p1, "participant page")
    check("no-store" in (p1.header("cache-control") or ""), "participant page: Cache-Control no-store",
         str(p1.header("cache-control")))
    missing = [s for s in SECTIONS if not has_id(p1.text, s)]
    check(not missing, "P1's page has every section (" + " ".join("#" + s for s in SECTIONS) + ")", f"missing {missing}")
    check(has_id(p1.text, "history"), "P1 (two checks) has #history")
    check(has_id(p1.text, "notes") and has_id(p1.text, "add-note"), "P1's page has #notes with form#add-note")
    check(P1 in p1.text or display(P1) in p1.text, "P1's page shows the code")
    imgs = re.findall(r'<img[^>]*src="([^"]+)"', element_html(p1.text, "interests"))
    check(len(imgs) > 0, "#interests shows pictures (img)", f"{len(imgs)} img")
    pics = [s for s in re.findall(r'<img[^>]*src="([^"]+)"', p1.text) if "/coach/pictures/" in s]
    check(len(pics) > 0, "pictures come from /coach/pictures/")
    if pics:
        r = coach_a.get(urllib.parse.urlsplit(pics[0]).path)
        check(r.status == 200 and r.body[:8] == b"\x89PNG\r\n\x1a\n" and "image/png" in (r.header("content-type") or ""),
              f"GET {pics[0]}: a PNG", short(r))
    for bad in ("/coach/pictures/..%2F..%2Fcheck.json", "/coach/pictures/../../etc/passwd",
                "/coach/pictures/ZZZZ.png", "/coach/static/..%2F..%2Fserver.db"):
        r = coach_a.get(bad)
        check(r.status in (400, 404) and b"root:" not in r.body and b"SQLite" not in r.body,
              f"GET {bad}: 400/404", short(r))
    p2 = coach_a.get(f"/coach/participant/{P2}")
    check(p2.status == 200 and not has_id(p2.text, "history"), "P2 (one check) has no #history", short(p2))

    # ------------------------------------------------------------ views and print are audited
    admin_a = logged_in(port, "beheer-a")
    before = admin_a.get("/coach/admin/audit")
    check(before.status == 200, "beheer-a opens /coach/admin/audit: 200", short(before))
    n_before = audit_rows(before.text, "coach-a", P1)
    for _ in range(2):
        r = coach_a.get(f"/coach/participant/{P1}")
    pr = coach_a.get(f"/coach/participant/{P1}/print")
    check(pr.status == 200 and (P1 in pr.text or display(P1) in pr.text), "coach-a opens P1's print view: 200",
          short(pr))
    missing = [s for s in SECTIONS if not has_id(pr.text, s)]
    check(not missing, "the print view has every section", f"missing {missing}")
    check(not has_id(pr.text, "add-note"), "the print view has no note form")
    after = admin_a.get("/coach/admin/audit")
    n_after = audit_rows(after.text, "coach-a", P1)
    check(n_after - n_before >= 3, "audit log lists coach-a's 2 views and 1 print of P1 (rows naming coach-a and P1)",
          f"{n_before} rows before, {n_after} after")
    check(re.search(r"print|afdruk", after.text, re.I) is not None, "audit log names a print action")
    first = re.search(r"<tr\b(?:(?!<tr\b).)*?coach-a(?:(?!<tr\b).)*", after.text, re.S)
    check(first is not None and re.search(r"print|afdruk", first.group(0), re.I) is not None,
         "audit log is newest first (the print is the first coach-a row)")

    # ------------------------------------------------------------ notes
    token = csrf_of(p1.text, "add-note")
    check(token is not None, "form#add-note has a csrf field")
    marker = "NOCSRF-" + str(time.monotonic_ns())
    r = coach_a.post(f"/coach/participant/{P1}/notes", {"text": marker})
    check(r.status == 403, "note without csrf: 403", short(r))
    r = coach_a.post(f"/coach/participant/{P1}/notes", {"text": marker, "csrf": "0" * len(token or "x" * 43)})
    check(r.status == 403, "note with a wrong csrf: 403", short(r))
    coach_b = logged_in(port, "coach-b")
    r = coach_a.post(f"/coach/participant/{P1}/notes", {"text": marker,
                                                        "csrf": csrf_of(coach_b.get("/coach/").text) or ""})
    check(r.status == 403, "note with another login's csrf: 403", short(r))
    page = coach_a.get(f"/coach/participant/{P1}").text
    check(marker not in page, "no note was stored by the refused posts")
    evil = "<script>alert(1)</script><b>x</b>"
    r = coach_a.post(f"/coach/participant/{P1}/notes", {"text": evil, "csrf": token or ""})
    check(r.status == 303 and location_path(r).startswith(f"/coach/participant/"),
          "note with markup: 303 back to the participant", short(r))
    page = coach_a.get(f"/coach/participant/{P1}").text
    check("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in page, "the note shows escaped (&lt;script&gt;)")
    check("<script>alert" not in page and "<b>x</b>" not in page, "no raw <script>alert or <b>x</b> in the page")
    ok4000 = "4000:" + "n" * 3995
    r = coach_a.post(f"/coach/participant/{P1}/notes", {"text": ok4000, "csrf": token or ""})
    check(r.status == 303, "a note of exactly 4000 characters is stored (303)", short(r))
    big = "Lang verhaal. " * 7143  # 100 002 characters
    r = coach_a.post(f"/coach/participant/{P1}/notes", {"text": big[:100000], "csrf": token or ""})
    check(r.status == 413, "a 100 000-character note: 413", short(r))
    check("Lang verhaal. Lang verhaal." in r.text and has_id(r.text, "add-note"),
          "413: the text is kept in the note form", r.text[:300])
    r = Client(port).get("/coach/login")
    check(r.status == 200, "the server still answers after the long note", short(r))
    page = coach_a.get(f"/coach/participant/{P1}").text
    check(page.count("Lang verhaal.") < 100, "the long note was not stored")
    check(ok4000 in page, "the 4000-character note is shown")
    r = coach_b.post(f"/coach/participant/{P1}/notes",
                     {"text": "note from org B", "csrf": csrf_of(coach_b.get("/coach/").text) or ""})
    check(r.status == 404, "coach-b posts a note on P1 (org A): 404", short(r))
    check("note from org B" not in coach_a.get(f"/coach/participant/{P1}").text, "... and it is not stored")
    after2 = admin_a.get("/coach/admin/audit").text
    check(re.search(r"note|notitie", after2, re.I) is not None, "the note is in the audit log")
    check("alert(1)" not in after2 or "<script>alert" not in after2, "the audit log does not show the note raw")

    # ------------------------------------------------------------ org isolation
    r = coach_b.get("/coach/find?code=" + P1)
    check(r.status == 404 and has_id(r.text, "not-found"), "coach-b finds P1 (org A): 404", short(r))
    r = coach_b.get(f"/coach/participant/{P1}")
    check(r.status == 404, "coach-b opens P1's page: 404", short(r))
    r = coach_b.get(f"/coach/participant/{P1}/print")
    check(r.status == 404, "coach-b opens P1's print view: 404", short(r))
    r = coach_b.get("/coach/find?code=" + Q1.lower())
    check(r.status == 303, "coach-b finds Q1 (own org): 303", short(r))
    r = coach_b.get(f"/coach/participant/{Q1}")
    check(r.status == 200 and not has_id(r.text, "history"), "coach-b opens Q1: 200, no #history", short(r))
    home_b = coach_b.get("/coach/").text
    check(all(c not in home_b and display(c) not in home_b for c in all_a_codes),
          "coach-b's home lists no code of org A")
    home_a = coach_a.get("/coach/").text
    check(P1 in home_a or display(P1) in home_a, "coach-a's home lists recently shared P1")
    check(Q1 not in home_a and display(Q1) not in home_a and U not in home_a and display(U) not in home_a,
          "coach-a's home lists neither org B's code nor an unshared code")

    # ------------------------------------------------------------ employer
    boss = logged_in(port, "werkgever-a")
    r = boss.get(f"/coach/participant/{P1}")
    check(r.status == 403, "employer opens a participant page: 403", short(r))
    r = boss.get(f"/coach/participant/{P1}/print")
    check(r.status == 403, "employer opens a print view: 403", short(r))
    r = boss.get("/coach/find?code=" + P1)
    check(r.status == 403, "employer uses find: 403", short(r))
    r = boss.post(f"/coach/participant/{P1}/notes", {"text": "boss note", "csrf": csrf_of(boss.get("/coach/totals").text) or ""})
    check(r.status == 403, "employer posts a note: 403", short(r))
    r = boss.get("/coach/totals")
    check(r.status == 200, "employer opens /coach/totals: 200", short(r))
    r = boss.get(f"/coach/totals?group=Utrecht&quarter={quarter}")
    check(r.status == 200 and has_id(r.text, "totals"), "employer sees totals of group Utrecht", short(r))
    check(all(c not in r.text and display(c) not in r.text for c in all_a_codes), "employer's totals show no code")
    r = boss.get("/coach/")
    check(r.status in (200, 303) and all(c not in r.text and display(c) not in r.text for c in all_a_codes),
          "employer's home shows no participant code", short(r))
    for path in ("/coach/admin", "/coach/admin/audit"):
        r = boss.get(path)
        check(r.status == 403, f"employer GET {path}: 403", short(r))

    # ------------------------------------------------------------ totals
    r = coach_a.get("/coach/totals")
    check(r.status == 200 and f'value="{quarter}" selected' in r.text,
          f"totals open on the last ended quarter ({quarter})", short(r))
    r = coach_a.get(f"/coach/totals?group=Utrecht&quarter={quarter}")
    check(r.status == 200 and has_id(r.text, "totals") and not has_id(r.text, "too-few"),
          f"totals for Utrecht in {quarter} ({fx.counts['A']} checks): #totals", short(r))
    leaked = [c for c in fx.codes.values() if c in r.text or display(c) in r.text]
    check(not leaked, "no participant code in the totals page", str(leaked))
    check(re.search(r'id="total-count">\s*%d\s*<' % fx.counts["A"], r.text) is not None,
          f"totals show the number of checks ({fx.counts['A']}, the Turkish and Arabic ones among them)", short(r))
    r = coach_a.get(f"/coach/totals?group={fx.info()['small_group']}&quarter={quarter}")
    check(r.status == 200 and has_id(r.text, "too-few") and not has_id(r.text, "totals"),
          f"totals for Amersfoort ({fx.counts['A2']} checks): #too-few", short(r))
    r = coach_a.get(f"/coach/totals?quarter={quarter}")
    check(r.status == 200 and has_id(r.text, "too-few") and has_id(r.text, "small-group") and not has_id(r.text, "totals"),
          "all groups (Utrecht 14 + Amersfoort 2): not shown, or Amersfoort = all - Utrecht", short(r))
    r = coach_a.get(f"/coach/totals?group=Utrecht&quarter={fx.info()['empty_quarter']}")
    check(r.status == 200 and has_id(r.text, "too-few") and not has_id(r.text, "totals"),
          "totals for a quarter without checks: #too-few", short(r))
    current = quarter_before(today_utc(), 0)[0]
    r = coach_a.get(f"/coach/totals?group=Utrecht&quarter={current}")
    check(r.status == 400 and has_id(r.text, "totals-error") and not has_id(r.text, "totals"),
          f"the running quarter ({current}) is refused: its figures still change", short(r))
    r = coach_b.get(f"/coach/totals?quarter={quarter}")
    check(r.status == 200 and has_id(r.text, "too-few"), f"coach-b's totals (org B: {fx.counts['B']} checks): #too-few",
          short(r))
    r = coach_b.get(f"/coach/totals?group=Utrecht&quarter={quarter}")
    check(r.status in (200, 400, 404) and not has_id(r.text, "totals"),
          "coach-b asking for org A's group Utrecht gets no totals", short(r))
    for q in ("quarter=2020-13", "quarter=yesterday", "from=2020-01-01&to=2030-01-01",
              "group=" + urllib.parse.quote("<script>"), "quarter=9999-Q4"):
        r = coach_a.get("/coach/totals?" + q)
        check(r.status in (200, 400) and "<script>" not in r.text and not has_id(r.text, "total-count"),
              f"totals?{q}: answered without error and without figures", short(r))

    # ------------------------------------------------------------ admin pages
    for path in ("/coach/admin", "/coach/admin/audit"):
        r = coach_a.get(path)
        check(r.status == 403, f"coach-a GET {path}: 403", short(r))
    r = coach_a.post("/coach/admin/coaches", {"username": "sneaky", "password": "sneaky password 1",
                                              "role": "admin", "csrf": token or ""})
    check(r.status == 403, "coach-a POST /coach/admin/coaches: 403", short(r))
    adm = admin_a.get("/coach/admin")
    check(adm.status == 200 and has_id(adm.text, "add-coach"), "beheer-a opens /coach/admin: form#add-coach", short(adm))
    check(fx.kiosks["A"] in adm.text, "admin page lists org A's kiosk")
    check(fx.kiosks["B"] not in adm.text, "admin page does not list org B's kiosk")
    check("coach-b" not in adm.text, "admin page does not list org B's accounts")
    check("Utrecht" in adm.text, "admin page shows the kiosk group Utrecht")
    r = admin_a.post("/coach/admin/coaches", {"username": "nieuw-a", "password": "nieuw-a wachtwoord 1", "role": "coach"})
    check(r.status == 403, "admin action without csrf: 403", short(r))
    atoken = csrf_of(adm.text, "add-coach") or csrf_of(adm.text)
    r = admin_a.post("/coach/admin/coaches", {"username": "nieuw-a", "password": "nieuw-a wachtwoord 1",
                                              "role": "coach", "csrf": atoken or ""})
    check(r.status == 303 and location_path(r).startswith("/coach/admin"),
          "beheer-a adds coach nieuw-a: 303 back to the admin page (a reload does not repeat it)", short(r))
    # The name gets org A's tag (coach/account_names.h): the admin page lists the whole name.
    adm = admin_a.get("/coach/admin").text
    tag = re.search(r'id="name-tag-hint"[^<]*<strong>\.([a-z2-9]{5})</strong>', adm)
    check(tag is not None, "the admin page shows org A's name tag", adm[:200])
    tag_a = tag.group(1) if tag else "?????"
    nieuw_a = f"nieuw-a.{tag_a}"
    check(nieuw_a in adm, f"{nieuw_a} is listed on the admin page")
    r = login(Client(port), nieuw_a, "nieuw-a wachtwoord 1")
    check(r.status == 303, f"{nieuw_a} can log in", short(r))
    r = admin_a.post("/coach/admin/coaches", {"username": "kort-a", "password": "kort", "role": "coach",
                                              "csrf": atoken or ""})
    check(r.status in (400, 422) or (r.status == 200 and "kort-a" not in admin_a.get("/coach/admin").text),
          "a password under 10 characters is refused", short(r))
    r = admin_a.post("/coach/admin/kiosks/group", {"kiosk": fx.kiosks["B"], "group": "Gestolen", "csrf": atoken or ""})
    check(r.status in (400, 403, 404), "beheer-a cannot set the group of org B's kiosk (4xx)", short(r))
    kb = [k for k in fx.list_kiosks() if k["id"] == fx.kiosks["B"]]
    check(kb and kb[0].get("group", "") in ("", None), "... and org B's kiosk has no group", str(kb))
    r = admin_a.post("/coach/admin/coaches/disable", {"username": "coach-b", "csrf": atoken or ""})
    check(r.status in (400, 403, 404), "beheer-a cannot disable org B's coach-b (4xx)", short(r))
    r = admin_a.post("/coach/admin/kiosks/revoke", {"kiosk": fx.kiosks["B"], "csrf": atoken or ""})
    check(r.status in (400, 403, 404), "beheer-a cannot revoke org B's kiosk (4xx)", short(r))
    kb = [k for k in fx.list_kiosks() if k["id"] == fx.kiosks["B"]]
    check(kb and kb[0].get("revoked") is False, "... and org B's kiosk is not revoked", str(kb))
    r = admin_a.post("/coach/admin/coaches/disable", {"username": "beheer-a", "csrf": atoken or ""})
    check(r.status == 400 and admin_a.get("/coach/").status == 200, "beheer-a cannot disable itself", short(r))
    # Asking for org B's name gets the same answer as any free name (no hint that coach-b exists
    # elsewhere): the account made is coach-b.<tag of A>, and org B's coach-b is untouched.
    r = admin_a.post("/coach/admin/coaches", {"username": "coach-b", "password": "overname wachtwoord 1",
                                              "role": "admin", "csrf": atoken or ""})
    check(r.status == 303 and login(Client(port), "coach-b", "overname wachtwoord 1").status == 401,
          "beheer-a asking for org B's name coach-b: made as its own account, org B's coach-b untouched", short(r))
    check(login(Client(port), f"coach-b.{tag_a}", "overname wachtwoord 1").status == 303,
          f"... which is coach-b.{tag_a}")
    r = admin_a.post("/coach/admin/coaches", {"username": "coach-b", "password": "overname wachtwoord 2",
                                              "role": "admin", "csrf": atoken or ""})
    check(r.status == 400, "asking for the same name again in org A: taken (400)", short(r))
    check(coach_b.get("/coach/").status == 200, "coach-b is still logged in")
    r = admin_a.post("/coach/admin/enroll-code", {"csrf": atoken or ""})
    check(r.status in (200, 303), "beheer-a makes an enrollment code", short(r))
    if r.status == 303:
        r = admin_a.get(location_path(r) or "/coach/admin")
    check(re.search(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b", r.text) is not None,
          "the new enrollment code is shown", r.text[:200])
    nieuw = logged_in(port, nieuw_a, "nieuw-a wachtwoord 1")
    r = admin_a.post("/coach/admin/coaches/disable", {"username": nieuw_a, "csrf": atoken or ""})
    check(r.status == 303, "beheer-a disables nieuw-a: 303", short(r))
    r = nieuw.get("/coach/")
    check(redirects_to_login(r), "nieuw-a's login ends when the account is disabled", short(r))
    r = login(Client(port), nieuw_a, "nieuw-a wachtwoord 1")
    check(r.status == 401, "a disabled account cannot log in: 401", short(r))
    r = admin_a.post("/coach/admin/coaches/enable", {"username": nieuw_a, "csrf": atoken or ""})
    check(r.status == 303 and login(Client(port), nieuw_a, "nieuw-a wachtwoord 1").status == 303,
          "enabled again, nieuw-a can log in", short(r))
    # A forgotten password: the administrator sets a new one; the old one and its logins end.
    nieuw = logged_in(port, nieuw_a, "nieuw-a wachtwoord 1")
    r = admin_a.post("/coach/admin/coaches/password", {"username": nieuw_a, "password": "kort", "csrf": atoken or ""})
    check(r.status == 400, "a new password under 10 characters is refused", short(r))
    r = admin_a.post("/coach/admin/coaches/password", {"username": "coach-b", "password": "overgenomen wachtwoord",
                                                       "csrf": atoken or ""})
    check(r.status == 400 and login(Client(port), "coach-b", "overgenomen wachtwoord").status == 401,
          "beheer-a cannot set the password of org B's coach-b", short(r))
    r = admin_a.post("/coach/admin/coaches/password", {"username": nieuw_a, "password": "nieuw-a wachtwoord 2",
                                                       "csrf": atoken or ""})
    check(r.status == 303, "beheer-a sets a new password for nieuw-a: 303", short(r))
    check(redirects_to_login(nieuw.get("/coach/")), "nieuw-a's open login ended with the new password")
    check(login(Client(port), nieuw_a, "nieuw-a wachtwoord 1").status == 401, "the old password no longer works")
    check(login(Client(port), nieuw_a, "nieuw-a wachtwoord 2").status == 303, "the new password works")
    audit = admin_a.get("/coach/admin/audit").text
    check("nieuw-a" in audit and re.search(r"(wachtwoord gezet voor|set the password of) nieuw-a", audit) is not None,
          "the audit log records who set nieuw-a's password", audit[:300])

    # ------------------------------------------------------------ language
    # The participant's language, named in the coach's, whichever it was (issue 12 item 4).
    def language_named(page):
        return re.sub(r"<[^>]+>", "", html_text.unescape(element_html(page, "participant-language"))).strip()

    for lang, names in (("nl", {"P1": "Taal van de deelnemer: Nederlands", "P2": "Taal van de deelnemer: Engels",
                                "F3": "Taal van de deelnemer: Turks", "F6": "Taal van de deelnemer: Arabisch"}),
                        ("en", {"P1": "Participant's language: Dutch", "P2": "Participant's language: English",
                                "F3": "Participant's language: Turkish", "F6": "Participant's language: Arabic"})):
        coach_a.get(f"/coach/lang?to={lang}")
        for who, want in names.items():
            for view in ("", "/print"):
                got = language_named(coach_a.get(f"/coach/participant/{fx.codes[who]}{view}").text)
                check(got == want, f"coach in {lang}: {who}'s {'print view' if view else 'page'} says {want!r}", got)
    coach_a.get("/coach/lang?to=nl")

    r = coach_a.get(f"/coach/lang?to=en", headers={"Referer": f"http://127.0.0.1:{port}/coach/participant/{P1}"})
    check(r.status == 303 and "wk_lang" in coach_a.cookies, "/coach/lang?to=en: 303 and cookie wk_lang", short(r))
    en = coach_a.get(f"/coach/participant/{P1}")
    check(re.search(r'<html[^>]*lang="en"', en.text) is not None, "after ?to=en the page is <html lang=\"en\">")
    r = coach_a.get(f"/coach/lang?to=nl")
    nl = coach_a.get(f"/coach/participant/{P1}")
    links = re.findall(r'<a[^>]*href="(/coach/lang\?[^"]*)"', nl.text)
    check(bool(links), "P1's page links to the language switch")
    if links:
        r = coach_a.get(links[0].replace("&amp;", "&"))
        check(r.status == 303 and location_path(r) == f"/coach/participant/{P1}",
              "following P1's language link comes back to P1's page", f"link {links[0]!r}: " + short(r))
        coach_a.get("/coach/lang?to=nl")
    check(re.search(r'<html[^>]*lang="nl"', nl.text) is not None, "after ?to=nl the page is <html lang=\"nl\">")
    check(en.text != nl.text, "the English page differs from the Dutch one")
    r = coach_a.get("/coach/lang?to=" + urllib.parse.quote("xx\r\nSet-Cookie: evil=1"))
    check(r.status in (303, 400) and not any("evil" in v for v in r.all("set-cookie")),
          "/coach/lang with a header injection: no injected cookie", short(r))
    for q in ("to=en", "to=en&back=" + urllib.parse.quote("https://evil.example/phish"),
              "to=en&back=" + urllib.parse.quote("//evil.example/phish"),
              "to=en&back=" + urllib.parse.quote("/\\evil.example/phish")):
        r = coach_a.get("/coach/lang?" + q, headers={"Referer": "https://evil.example/phish"})
        loc = r.header("location") or ""
        check(r.status == 303 and "evil.example" not in loc and location_path(r).startswith("/coach/"),
              f"/coach/lang?{q} stays on the site", short(r))
    r = coach_a.get("/coach/lang?to=en&back=" + urllib.parse.quote(f"/coach/participant/{P1}"))
    check(r.status == 303 and location_path(r) == f"/coach/participant/{P1}", "/coach/lang returns to back=", short(r))
    coach_a.get("/coach/lang?to=nl")

    # ------------------------------------------------------------ the participant stops sharing (P2)

    def db_rows(sql, *params):
        con = sqlite3.connect(fx.db)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    page = coach_a.get(f"/coach/participant/{P2}")
    ftoken = csrf_of(page.text, "forget-form") or ""
    r = coach_a.post(f"/coach/participant/{P2}/notes", {"csrf": ftoken, "text": "P2 wil een cursus"})
    check(r.status == 303 and db_rows("SELECT count(*) FROM coach_notes WHERE code = ?", P2)[0][0] == 1,
          "a note on P2 is stored", short(r))
    totals_before = coach_a.get(f"/coach/totals?group=Utrecht&quarter={quarter}").text
    r = coach_a.post(f"/coach/participant/{P2}/forget", {"csrf": ftoken})
    check(r.status == 400 and has_id(r.text, "forget-error"), "stop sharing without the confirmation box: 400",
          short(r))
    r = coach_a.post(f"/coach/participant/{P2}/forget", {"confirm": "yes"})
    check(r.status == 403, "stop sharing without csrf: 403", short(r))
    r = coach_b.post(f"/coach/participant/{P2}/forget",
                     {"csrf": csrf_of(coach_b.get("/coach/").text) or "", "confirm": "yes"})
    check(r.status == 404 and db_rows("SELECT count(*) FROM sessions WHERE code = ?", P2)[0][0] == 1,
          "coach-b cannot make org A's P2 stop sharing (looks unknown)", short(r))
    r = coach_a.post(f"/coach/participant/{P2}/forget", {"csrf": ftoken, "confirm": "yes"})
    check(r.status == 303 and location_path(r).startswith("/coach/"), "P2 stops sharing: 303", short(r))
    check(coach_a.get(f"/coach/find?code={P2}").status == 404, "P2's code is no longer found")
    check(db_rows("SELECT count(*) FROM sessions WHERE code = ?", P2)[0][0] == 0
          and db_rows("SELECT count(*) FROM sessions WHERE session_json LIKE ?", f'%"{P2}"%')[0][0] == 0,
          "the code is gone from the rows and from the stored JSON")
    check(db_rows("SELECT count(*) FROM sessions WHERE uuid = ? AND anonymous = 1", fx.uuids["P2"])[0][0] == 1,
          "P2's check itself stays, anonymous")
    check(db_rows("SELECT count(*) FROM coach_notes WHERE code = ?", P2)[0][0] == 0, "the notes on P2 are deleted")
    totals_after = coach_a.get(f"/coach/totals?group=Utrecht&quarter={quarter}").text
    figures = lambda html: re.findall(r'class="num">([^<]*)<', html)  # noqa: E731
    check(figures(totals_before) == figures(totals_after) and figures(totals_after),
          "the totals of the ended quarter do not change")
    audit = admin_a.get("/coach/admin/audit").text
    check(display(P2) in audit and re.search(r"niet meer delen|stopped sharing", audit) is not None,
          "the audit log records who made P2 stop sharing")

    # ------------------------------------------------------------ logout
    home = coach_a.get("/coach/").text
    ltoken = csrf_of(home, "logout") or csrf_of(home)
    old = dict(coach_a.cookies)
    r = coach_a.post("/coach/logout", {})
    check(r.status == 403, "logout without csrf: 403", short(r))
    check(coach_a.get("/coach/").status == 200, "... and the login still works")
    r = coach_a.post("/coach/logout", {"csrf": ltoken or ""})
    check(r.status == 303 and location_path(r).startswith("/coach/login"), "logout: 303 to /coach/login", short(r))
    replay = Client(port)
    replay.cookies = old
    r = replay.get("/coach/")
    check(redirects_to_login(r), "the old cookie after logout: 303 to /coach/login", short(r))
    r = replay.get(f"/coach/participant/{P1}")
    check(redirects_to_login(r) and "&lt;script" not in r.text, "the old cookie cannot open P1", short(r))

    # ------------------------------------------------------------ idle expiry and rate limit: a second server
    check(fx.server.alive(), "the server is still running")
    srv2 = fx.start_server(idle_seconds=2)
    c = logged_in(srv2.port, "coach-a")
    time.sleep(1.2)
    r = c.get("/coach/")
    check(r.status == 200, "--coach-idle-seconds 2: a request after 1.2 s is still logged in", short(r))
    time.sleep(1.2)
    r = c.get("/coach/")
    check(r.status == 200, "... and again 1.2 s later (idle time, not login age)", short(r))
    time.sleep(3)
    r = c.get("/coach/")
    check(redirects_to_login(r, expired=True), "after 3 s idle: 303 to /coach/login?expired=1", short(r))
    r = c.get(location_path(r) or "/coach/login?expired=1")
    check(r.status == 200 and has_id(r.text, "login"), "the expired page shows the login form", short(r))

    statuses = []
    victim = Client(srv2.port)
    for i in range(6):
        statuses.append(login(victim, "coach-b", f"wrong password {i}").status)
    print(f"# 6 wrong passwords for coach-b gave {statuses}")
    check(429 in statuses and all(s == 401 for s in statuses[:statuses.index(429)]) if 429 in statuses else False,
          "6 wrong passwords in a row: 401s, then 429", str(statuses))
    r = login(victim, "coach-b", fx.passwords["coach-b"])
    check(r.status == 429 and "wk_coach" not in victim.cookies,
          "then the right password is refused too (429) while the window lasts", short(r))
    check(re.search(r"te vaak|te veel|too many|minu", r.text, re.I) is not None,
          "429 page says why (te vaak / te veel / minuten)", r.text[:400])
    check(has_id(r.text, "login") or "login" in r.text, "429 page still offers the login form")
    r = login(Client(srv2.port), "coach-a", fx.passwords["coach-a"])
    check(r.status == 303, "another account can still log in (the limit is per account, not per address)", short(r))
    check(srv2.alive() and fx.server.alive(), "both servers are still running")

    # ------------------------------------------------------------ Secure cookies: under TLS, and behind a TLS proxy
    def secure_login_cookie(port, tls_context=None):
        """Logs coach-a in over a fresh connection; returns the wk_coach Set-Cookie attributes."""
        def conn():
            if tls_context:
                return http.client.HTTPSConnection("127.0.0.1", port, context=tls_context, timeout=15)
            return http.client.HTTPConnection("127.0.0.1", port, timeout=15)
        c1 = conn()
        c1.request("GET", "/coach/login")
        page = c1.getresponse()
        html = page.read().decode()
        pre = [parse_set_cookie(v) for k, v in page.getheaders() if k.lower() == "set-cookie"]
        c1.close()
        form = urllib.parse.urlencode({"username": "coach-a", "password": fx.passwords["coach-a"],
                                       "csrf": csrf_of(html, "login") or ""})
        c2 = conn()
        c2.request("POST", "/coach/login", body=form, headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{n}={v}" for n, v, _ in pre)})
        r = c2.getresponse()
        r.read()
        cookies = [parse_set_cookie(v) for k, v in r.getheaders() if k.lower() == "set-cookie"]
        c2.close()
        login_cookie = [a for n, v, a in cookies if n == "wk_coach" and v]
        return r.status, (login_cookie[0] if login_cookie else None), [a for n, v, a in pre]

    work = os.path.dirname(fx.db)
    cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    tls = fx.start_server(extra=["--cert", cert, "--key", key])
    status, attrs, pre = secure_login_cookie(tls.port, ssl.create_default_context(cafile=cert))
    check(status == 303 and attrs is not None and attrs.get("secure") is True,
          "under TLS the login cookie is Secure", f"{status} {attrs}")
    check(all(a.get("secure") is True for a in pre), "under TLS the login form's cookie is Secure too", str(pre))
    proxied = fx.start_server(extra=["--secure-cookies"])
    status, attrs, _ = secure_login_cookie(proxied.port)
    check(status == 303 and attrs is not None and attrs.get("secure") is True,
          "--secure-cookies (TLS ended by a proxy): the login cookie is Secure", f"{status} {attrs}")

    # ------------------------------------------------------------ the disk fills up while a coach works
    # A copy of the database behind its own server; its file-size limit (RLIMIT_FSIZE, with
    # SIGXFSZ ignored) is set to 1 byte while it runs, so every write fails as on a full disk.
    full_db = os.path.join(work, "full.db")
    src, dst = sqlite3.connect(fx.db), sqlite3.connect(full_db)
    src.backup(dst)
    src.close()
    dst.close()
    srv_full = ServerProcess(fx.server_bin, full_db, work, ["--content", fx.content_dir, "--web", fx.web_dir],
                             preexec_fn=lambda: signal.signal(signal.SIGXFSZ, signal.SIG_IGN))
    try:
        c = logged_in(srv_full.port, "coach-a")
        page = c.get(f"/coach/participant/{P1}")
        token = csrf_of(page.text, "add-note")
        notes_before = page.text.count('class="note"')
        unlimited = resource.RLIM_INFINITY
        resource.prlimit(srv_full.proc.pid, resource.RLIMIT_FSIZE, (1, unlimited))
        r = c.get(f"/coach/participant/{P1}")
        check(r.status == 500 and "text/html" in (r.header("content-type") or "") and P1 not in r.text
              and re.search(r"niets verloren|nothing was lost", r.text, re.I) is not None,
              "disk full: opening a result gives a page saying nothing was lost (the view cannot be audited, "
              "so it is not shown)", short(r))
        r = c.post(f"/coach/participant/{P1}/notes", {"csrf": token or "", "text": "geschreven bij een volle schijf"})
        check(r.status == 500, "disk full: a note is refused with 500", short(r))
        check(srv_full.alive(), "disk full: the server keeps running")
        resource.prlimit(srv_full.proc.pid, resource.RLIMIT_FSIZE, (unlimited, unlimited))
        page = c.get(f"/coach/participant/{P1}")
        check(page.status == 200 and "geschreven bij een volle schijf" not in page.text
              and page.text.count('class="note"') == notes_before,
              "space again: the same login works, and the refused note was not half-stored", short(page))
        r = c.post(f"/coach/participant/{P1}/notes", {"csrf": token or "", "text": "na de volle schijf"})
        check(r.status == 303 and "na de volle schijf" in c.get(f"/coach/participant/{P1}").text,
              "space again: a note is stored", short(r))
    finally:
        srv_full.stop()
    con = sqlite3.connect(full_db)
    check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "the database is intact after the full disk")
    con.close()

    # ------------------------------------------------------------ the server is killed while coaches write notes
    # Five times: notes are posted one after another, the server gets SIGKILL at a random moment,
    # and after a restart every note that was answered with 303 must be there.
    acknowledged = []
    rng = random.Random(5)
    for round_no in range(5):
        srv_k = ServerProcess(fx.server_bin, full_db, work, ["--content", fx.content_dir, "--web", fx.web_dir])
        c = logged_in(srv_k.port, "coach-a")
        token = csrf_of(c.get(f"/coach/participant/{P1}").text, "add-note") or ""
        stop = threading.Event()

        def writer():
            i = 0
            while not stop.is_set():
                text = f"kill-{round_no}-{i}"
                try:
                    r = c.post(f"/coach/participant/{P1}/notes", {"csrf": token, "text": text}, timeout=5)
                    if r.status == 303:
                        acknowledged.append(text)
                except OSError:
                    return  # the server is gone
                i += 1

        t = threading.Thread(target=writer)
        t.start()
        time.sleep(0.2 + rng.random() * 0.5)
        srv_k.proc.send_signal(signal.SIGKILL)
        srv_k.proc.wait()
        stop.set()
        t.join(10)
        srv_k.stop()
    con = sqlite3.connect(full_db)
    stored = {row[0] for row in con.execute("SELECT text FROM coach_notes")}
    integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    missing = [a for a in acknowledged if a not in stored]
    check(len(acknowledged) >= 10 and not missing and integrity == "ok",
          f"SIGKILL x5 during {len(acknowledged)} acknowledged notes: all of them stored, integrity ok",
          f"missing {missing[:5]}, integrity {integrity}")


def first_difference(bodies):
    a = bodies[0]
    for b in bodies[1:]:
        if b != a:
            i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
            return f"differ at {i}: {a[max(0, i - 60):i + 60]!r} vs {b[max(0, i - 60):i + 60]!r}"
    return ""


if __name__ == "__main__":
    sys.exit(main())
