#!/usr/bin/env python3
"""End-to-end: the whole career check on the shipped content, then a follow-up with its code.

The real kiosk under Xvfb (1280x800, 338 mm wide), tapped like a finger with xdotool via the
UI dump. The participant is the one of the matching test: likes practical (R) work, drives
well, finds working outside and on their own important. The test reads the content pack's
JSON to know which answer means what (by tags), so it follows the content as it changes.

  1. attract -> language (nl) -> every question of every module, including the per-choice
     "when" screens of the plan -> the result pages -> consent -> closing (code) -> done.
     Every participant screen has a picture, speech and only targets of 20 x 20 mm or more.
     One of the suggested occupations needs driving; the work options say where the
     prospects come from (example figures); the plan page shows the chosen actions.
  2. A wrong code on the keypad: "code niet gevonden" (said and shown), no session made.
  3. The follow-up: the code from (1) -> which steps did you take -> the career behaviours
     again -> then/now comparison -> closing with the same code -> done.
  4. The export: two finished sessions with the same code, the second a follow-up of the
     first, consent stored, and the answers that were tapped.
  5. The coach (with --server): the kiosk enrolls with a real werkcheck-server and syncs; a
     coach of its organisation types the code from the closing screen (lower case, with a
     space) and sees the shared first check with the same occupations the kiosk showed, the
     practical type and the plan; the follow-up, not shared, stays invisible.

Prints "N passed, M failed" last; exits non-zero on any failure.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_driver as kd  # noqa: E402

MIN_TARGET_MM = 20.0


def load_content(pack):
    with open(os.path.join(pack, "check.json"), encoding="utf-8") as f:
        check = json.load(f)
    items = {}
    for module_id in check["modules"]:
        with open(os.path.join(pack, "modules", module_id + ".json"), encoding="utf-8") as f:
            module = json.load(f)
        for item in module["items"]:
            options = item.get("options") or check["answer_sets"][item["answers"]]
            items[module_id + "." + item["id"]] = dict(item, options=options, module=module_id)
    occupations = []
    if os.path.exists(os.path.join(pack, "occupations.json")):
        with open(os.path.join(pack, "occupations.json"), encoding="utf-8") as f:
            occupations = json.load(f)["occupations"]
    return check, items, occupations


def po_texts(pack, locale):
    """key -> text, from every PO file of a language (a simple reader for msgctxt/msgstr)."""
    texts = {}
    for path in glob.glob(os.path.join(pack, "locales", "*.po")):
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        if not any(l.startswith('"Language: %s\\n"' % locale) for l in lines):
            continue
        ctxt = None
        for line in lines:
            if line.startswith("msgctxt "):
                ctxt = json.loads(line[len("msgctxt "):])
            elif line.startswith("msgstr ") and ctxt:
                texts[ctxt] = json.loads(line[len("msgstr "):])
                ctxt = None
    return texts


def score(option):
    try:
        return float(option.get("tags", {}).get("score", "nan"))
    except ValueError:
        return float("nan")


def choose(item, key):
    """The option ids this participant picks for an item (by tags, never by wording)."""
    tags = item.get("tags", {})
    opts = item["options"]
    by_score = sorted((o for o in opts if score(o) == score(o)), key=score)
    if "riasec" in tags:  # likes practical work, is not sure about the rest
        return [by_score[-1]["id"] if tags["riasec"] == "R" else by_score[len(by_score) // 2]["id"]]
    if "skill" in tags:  # drives well, lifts well, a bit of everything else
        if tags["skill"] in ("driving", "lifting"):
            return [by_score[-1]["id"]]
        return [by_score[len(by_score) // 2]["id"]]
    if "behaviour" in tags:
        return [by_score[len(by_score) // 2]["id"]]  # the middle of the scale
    # A pictured grid ("tap all you like / do well / that is true"): every practical activity,
    # driving and lifting, and the first half of the career-behaviour statements.
    otags = [o.get("tags", {}) for o in opts]
    if any("riasec" in t for t in otags):
        return [o["id"] for o, t in zip(opts, otags) if t.get("riasec") == "R"]
    if any("skill" in t for t in otags):
        return [o["id"] for o, t in zip(opts, otags) if t.get("skill") in ("driving", "lifting")]
    if any("behaviour" in t for t in otags):
        return [o["id"] for o in opts[: len(opts) // 2]]
    picks = []
    for wanted_tag, wanted in (("value", ("outdoors", "independence")), ("sector", ("logistiek",)),
                               ("barrier", ("travel",)), ("network", ("family", "colleagues")),
                               ("action", ("snuffelstage", "vacancies")), ("when", ("week",))):
        picks += [o["id"] for o in opts if o.get("tags", {}).get(wanted_tag) in wanted]
    if picks:
        return picks[: item.get("max_choices", 1)]
    return [opts[0]["id"]]


def check_screen(res, d, seen):
    """Every participant screen: picture, speech, 20 mm targets (reported once per screen kind)."""
    kind = d["screen"] if d["screen"] != "question" else "question"
    ppm = d["window"]["px_per_mm"]
    small = [t["id"] for t in d["targets"] if t["participant"] and min(t["w"], t["h"]) / ppm < MIN_TARGET_MM - 0.01]
    # The kiosk's picture and clip caches stay within their budgets on every screen (measured
    # after the frame, when the textures it drew may go).
    caches = d.get("caches", {})
    over = {name: c for name, c in caches.items() if c["bytes"] > c["budget"]}
    ok = d["has_picture"] and d["has_audio"] and not small and caches and not over
    if kind not in seen or not ok:
        res.check(d["has_picture"], "%s %s has a picture" % (kind, d.get("item", "")))
        res.check(d["has_audio"], "%s %s has speech" % (kind, d.get("item", "")))
        res.check(not small, "%s %s: targets at least 20 mm" % (kind, d.get("item", "")), small)
        res.check(caches and not over, "%s %s: picture and clip caches within budget" % (kind, d.get("item", "")),
                  over or "no caches in the UI dump")
        seen.add(kind)


def same_pixels(a, b):
    """How many pixels differ between two screenshots (ImageMagick compare), or None."""
    r = subprocess.run(["compare", "-metric", "AE", a, b, "null:"], capture_output=True, text=True, timeout=60)
    try:
        return int(float(r.stderr.split()[0]))
    except (ValueError, IndexError):
        return None


def first_check(k, res, content, shot=lambda name: None, seen=None):
    """Step 1 on a started kiosk: attract -> language (nl) -> every question -> the result pages
    -> consent (yes) -> closing -> done. Returns the code, the tapped answers and the occupations
    shown. Also used by bench/kiosk_bench.py to measure the kiosk after a full check."""
    _, items, occupations = load_content(content)
    nl = po_texts(content, "nl")
    seen = set() if seen is None else seen
    expected = {}
    d = k.tap("start")
    d = k.wait_for(screen="language")
    check_screen(res, d, seen)
    d = k.tap("lang:nl")
    questions = 0
    shot_modules = set()
    while d["screen"] == "question":
        key = d["item"]
        check_screen(res, d, seen)
        base = key if key in items else key.rsplit(".", 1)[0]  # a per-choice answer key
        item = items.get(base)
        if not res.check(item is not None, "question %s is in the content" % key):
            break
        if item["module"] not in shot_modules:
            shot_modules.add(item["module"])
            shot("question-" + key)
        picks = choose(item, key)
        shown_selected = set()
        for page in range(max(1, d.get("pages", 1))):  # the picks on each page of the options
            if page > 0:
                d = k.tap("page:more")
            for p in picks:
                if any(t["id"] == "answer:" + p for t in d["targets"]):
                    d = k.tap("answer:" + p)
            shown_selected |= {t["id"][7:] for t in d["targets"] if t["selected"]}
        expected[key] = picks
        res.check(sorted(shown_selected) == sorted(picks), "%s shows the chosen answers" % key, (shown_selected, picks))
        questions += 1
        d = k.tap("nav:next")
        if questions > 200:
            break
    res.check(questions >= len(items) - 1, "the check asked every question (%d screens, %d items)" % (questions, len(items)))
    res.check(any(k_.startswith("plan.wanneer.") for k_ in expected), "the plan asked 'when' per chosen action",
              [k_ for k_ in expected if k_.startswith("plan.")])

    # The result pages.
    pages = []
    while d["screen"] == "result":
        check_screen(res, d, seen)
        pages.append(d["texts"])
        shot("result-%d" % len(pages))
        d = k.tap("nav:next")
    res.check(d["screen"] == "consent", "after the result pages: may a coach see it?", kd.describe(d))
    all_text = "\n".join(t for p in pages for t in p)
    # The pages show the everyday name (occupation_plain.<id>), not the ESCO label.
    plain = {nl.get("occupation_plain." + o["id"]) for o in occupations}
    driving = {nl.get("occupation_plain." + o["id"]) for o in occupations if "driving" in o.get("skills", [])}
    # The work options: one page (its parts on a small screen), each option's name on it.
    work_pages = [p for p in pages if p and p[0] == nl.get("ui.result.occupation_title", "?")]
    shown_occupations = [t for p in work_pages for t in p if t in plain]
    res.check(3 <= len(shown_occupations) <= 5, "3 to 5 occupations shown", shown_occupations)
    res.check(any(o in driving for o in shown_occupations), "an occupation that needs driving is suggested",
              shown_occupations)
    res.check(nl.get("reason.riasec.R", "?") in all_text, "the result says the person likes practical work")
    res.check(work_pages and all(any("VOORBEELD" in t.upper() for t in p) for p in work_pages),
              "every part of the work options says the prospects are example figures")
    res.check(nl.get("ui.result.esco_credit", "ESCO") in all_text, "ESCO is credited where occupations show")

    check_screen(res, d, seen)
    shot("consent")
    d = k.tap("consent:yes")
    d = k.tap("nav:next")
    res.check(d["screen"] == "closing", "then the closing screen", kd.describe(d))
    check_screen(res, d, seen)
    shot("closing")
    code = [t for t in d["texts"] if re.match(r"^[0-68]{3} [0-68]{3} [0-68]{4}$", t)]
    res.check(len(code) == 1, "closing shows the code (three groups of digits)", d["texts"])
    res.check(code and pages and code[0] in pages[0], "the first result page showed the same code", (code, pages[:1]))
    code = code[0].replace(" ", "") if code else ""
    d = k.tap("done")
    res.check(d["screen"] == "attract", "done -> attract")
    return code, expected, shown_occupations


def run(args, res):
    _, items, _ = load_content(args.content)
    nl = po_texts(args.content, "nl")
    art = kd.artifacts_dir("full_check")
    data = kd.temp_dir("werkcheck-full-")
    seen = set()
    expected = {}
    try:
        with kd.Xvfb(1280, 800) as x, kd.Kiosk(args.bin, args.content, data, x, screen_width_mm=338) as k:
            shots = [0]

            def shot(name):
                shots[0] += 1
                kd.screenshot(x, os.path.join(art, "%02d-%s.png" % (shots[0], name)))

            # 1. The whole check.
            shot("attract")
            code, expected, shown_occupations = first_check(k, res, args.content, shot, seen)
            # The caches stay within their budgets; the clips need far more than theirs, so they
            # were evicted and loaded again. (The short check's pictures, about 8.3 MB at this
            # size, may just fit the 8 MB picture budget: then none is evicted.) After the check
            # the start screen looks as before: the same pixels.
            caches = k.dump().get("caches", {})
            for name in ("pictures", "clips", "text"):
                c = caches.get(name, {})
                res.check(c and c.get("bytes", 0) <= c.get("budget", 0),
                          "the %s cache stays within its budget" % name, c)
            res.check(caches.get("clips", {}).get("evictions", 0) > 0,
                      "the check needed more clips than the cache holds (evicted and loaded again)", caches)
            shot("attract-again")
            diff = same_pixels(os.path.join(art, "%02d-attract.png" % 1),
                               os.path.join(art, "%02d-attract-again.png" % shots[0]))
            res.check(diff == 0, "after the check the start screen looks as at the start (pictures reloaded)",
                      "%s pixels differ" % diff)

            # 2. A wrong code.
            d = k.tap("returning")
            check_screen(res, d, seen)
            wrong = "222222" if code != "222222" else "333333"
            for c in wrong:
                d = k.tap("key:" + c)
            d = k.tap("key:ok")
            res.check(d["screen"] == "code_entry", "a wrong code stays on the keypad")
            res.check(nl.get("ui.code.not_found", "?") in d["texts"], "a wrong code is shown as not found", d["texts"])
            res.check(d["has_audio"], "'not found' is spoken")
            shot("code-not-found")

            # 3. The follow-up with the real code (typed in lower case would not be possible: the keypad is upper case).
            for c in code:
                d = k.tap("key:" + c)
            shot("code-typed")
            d = k.tap("key:ok")
            res.check(d["screen"] == "question" and d.get("item") == "followup.steps",
                      "the code is found: which steps did you take?", kd.describe(d))
            check_screen(res, d, seen)
            shot("followup-steps")
            plan_actions = [t["id"] for t in d["targets"] if t["id"].startswith("answer:") and t["id"] != "answer:none"]
            res.check(len(plan_actions) == len(expected.get("plan.acties", [])),
                      "the earlier plan's actions are offered", plan_actions)
            if plan_actions:
                d = k.tap(plan_actions[0])
            d = k.tap("nav:next")
            statements = []
            while d["screen"] == "question":
                item = items.get(d["item"])
                if not res.check(item is not None and any("behaviour" in o.get("tags", {}) for o in item["options"]),
                                 "a follow-up question is the career behaviours", d["item"]):
                    break
                for page in range(max(1, d.get("pages", 1))):  # now: every statement is true
                    if page > 0:
                        d = k.tap("page:more")
                    for t in [t for t in d["targets"] if t["id"].startswith("answer:")]:
                        if not t["selected"]:
                            d = k.tap(t["id"])
                        statements.append(t["id"])
                d = k.tap("nav:next")
            res.check(len(set(statements)) == 8, "the eight career behaviours are asked again", statements)
            res.check(d["screen"] == "result", "then the comparison")
            compared = []  # the words of every part of the comparison
            while d["screen"] == "result" and len(compared) < 200:
                check_screen(res, d, seen)
                if not compared:
                    shot("followup-compare")
                compared += d["texts"]
                d = k.tap("nav:next")
            res.check(any(nl.get("ui.followup.more", "?") in t for t in compared), "the comparison shows progress",
                      compared)
            res.check(d["screen"] == "consent", "then: may a coach see it?")
            d = k.tap("consent:no")
            d = k.tap("nav:next")
            res.check(d["screen"] == "closing", "then closing")
            res.check(any(t.replace(" ", "") == code for t in d["texts"]), "the follow-up keeps the same code")
            d = k.tap("done")

        # 4. What was stored.
        sessions = kd.export(args.bin, data)
        res.check(len(sessions) == 2, "two sessions (the wrong code made none)", len(sessions))
        if len(sessions) == 2:
            first, second = sessions
            res.check(first["status"] == "finished" and second["status"] == "finished", "both finished")
            res.check(first["code"] == code and second["code"] == code, "both carry the participant's code")
            res.check(second["follow_up_of"] == first["uuid"], "the second is a follow-up of the first")
            res.check(first["consent"] is True and second["consent"] is False, "consent stored per session")
            # Each session carries the content version it was answered with, so answers of an
            # older version can be read by that version's words later.
            version = load_content(args.content)[0]["version"]
            res.check(all(s.get("content", {}).get("version") == version for s in sessions),
                      "each session carries its content version (%s)" % version, [s.get("content") for s in sessions])
            got = {k_: v for k_, v in first["answers"].items() if v}
            res.check(all(got.get(k_) == v for k_, v in expected.items()), "the first session holds the tapped answers",
                      {k_: (got.get(k_), v) for k_, v in expected.items() if got.get(k_) != v})
            res.check(second["answers"].get("followup.steps") == [plan_actions[0][7:]] if plan_actions else True,
                      "the steps taken are stored", second["answers"].get("followup.steps"))

        # 5. The coach sees what the participant saw.
        if args.server:
            plan_texts = [nl.get("plan.acties." + a[7:], "?") for a in plan_actions]
            coach_leg(args, res, data, code, shown_occupations, nl.get("riasec.R", "?"), plan_texts)
    finally:
        kd.remove_dir(data)


def coach_leg(args, res, data, code, shown_occupations, practical, plan_texts):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "coach"))
    from coach_fixture import Client, ServerProcess, login  # noqa: E402
    work = kd.temp_dir("werkcheck-full-server-")
    db = os.path.join(work, "server.db")

    def admin(*a, stdin=None):
        return subprocess.run([args.server, "admin", "--db", db, *a], input=stdin, capture_output=True, text=True,
                              check=True).stdout.strip()

    srv = None
    try:
        org = admin("create-org", "Vakbond Test")
        admin("create-coach", "--org", org, "--user", "coach-e2e", stdin="e2e coach wachtwoord\n")
        srv = ServerProcess(args.server, db, work, ["--content", args.content, "--web", args.web])
        enroll = admin("enroll-code", "--org", org)
        for cmd in (["enroll", "--data", data, "--server", srv.url, "--code", enroll],
                    ["sync-once", "--data", data, "--content", args.content]):
            r = subprocess.run([args.bin, *cmd], capture_output=True, text=True, timeout=120)
            res.check(r.returncode == 0, "werkcheck " + cmd[0], r.stderr[-500:])
        c = Client(srv.port)
        res.check(login(c, "coach-e2e", "e2e coach wachtwoord").status == 303, "the coach logs in")
        typed = (code[:3] + " " + code[3:]).lower()
        r = c.get("/coach/find?code=" + urllib.parse.quote(typed))
        res.check(r.status == 303 and r.header("location").endswith("/coach/participant/" + code),
                  "the coach finds the code from the closing screen, typed as '%s'" % typed, r.status)
        page = c.get("/coach/participant/" + code)
        res.check(page.status == 200, "the result page opens", page.status)
        text = page.text
        for name in shown_occupations:
            res.check(name in text, "the coach sees the occupation the kiosk showed: %s" % name)
        res.check(practical in text, "the coach sees the practical interest type")
        for t in plan_texts:
            res.check(t in text, "the coach sees the planned step: %s" % t)
        res.check('id="history"' not in text and "Aantal checks: 1 " in text,
                  "only the shared check shows: the follow-up was not shared, so there is no history")
        pictures = set(re.findall(r'src="(/coach/pictures/[0-9A-F-]+\.png)"', text))
        bad = [p for p in pictures if c.get(p).status != 200]
        res.check(len(pictures) >= 20 and not bad, "the pictures on the page load (%d)" % len(pictures), bad[:5])
    finally:
        if srv:
            srv.stop()
        kd.remove_dir(work)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--content", required=True)
    ap.add_argument("--server", help="werkcheck-server: also check what a coach sees (step 5)")
    ap.add_argument("--web", help="the coach pages' templates (build/coach-web)")
    args = ap.parse_args()
    kd.install_sigterm_cleanup()
    res = kd.Results()
    t0 = time.monotonic()
    try:
        run(args, res)
    except Exception as e:  # a failure that stops the walk is one failed check, with what was seen
        res.error("full check", e)
    print("full_check_test: %.1f s" % (time.monotonic() - t0))
    return res.summary()


if __name__ == "__main__":
    sys.exit(main())
