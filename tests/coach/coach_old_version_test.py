#!/usr/bin/env python3
"""The coach page on sessions made with an older content version (issue 11, "Bad input").

A real werkcheck-server on 127.0.0.1 serves a content pack that plays the next version: its
version is raised, one item of the shipped content is gone (interesses.metselen) and another
(kunnen.koken) has new words. Its history/ keeps the shipped version's questions. Sessions
written by the real kiosk pipeline (make-sessions, sync-once) with the shipped version must show:
the removed item with that version's question and answer words, the reworded item in the old
words, and an answer to an item no version has ("deze vraag bestaat niet meer"), never a
crash or a blank. A session from a version the pack does not keep shows its unknown answers
the same plain way.
"""
import argparse
import html
import json
import os
import re
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from coach_fixture import CoachFixture, FixtureError, logged_in  # noqa: E402
from tally import Tally  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--server", required=True)
ap.add_argument("--kiosk", required=True)
ap.add_argument("--content", required=True)
ap.add_argument("--web", required=True)
args = ap.parse_args()

T = Tally()
check = T.check


def po_text(path, key):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'msgctxt "%s"\nmsgid "([^"]*)"\nmsgstr "([^"]*)"' % re.escape(key), text)
    return m.group(2) if m else None


with open(os.path.join(args.content, "check.json"), encoding="utf-8") as f:
    shipped = json.load(f)
kept = sorted(os.listdir(os.path.join(args.content, "history"))) if os.path.isdir(
    os.path.join(args.content, "history")) else []
if not kept:
    sys.exit(f"{args.content}/history keeps no earlier content version")
OLD = kept[0]  # the version main's items were made with (2026.11.1)
history = os.path.join(args.content, "history", OLD)
old_nl = os.path.join(history, "locales", "nl.po")
OLD_METSELEN = po_text(old_nl, "interesses.metselen")
OLD_KOKEN = po_text(old_nl, "kunnen.koken")
OLD_LEUK = po_text(old_nl, "answers.faces3.leuk")
check(OLD_METSELEN and OLD_KOKEN and OLD_LEUK, "the history's nl.po has the words this test reads")

fx = CoachFixture(args.server, args.kiosk, args.content, args.web, say=print)
try:
    # The next version: raised, metselen gone, koken reworded. Pictures are links to the shipped ones.
    pack = os.path.join(fx.work, "content-next")
    shutil.copytree(args.content, pack, ignore=shutil.ignore_patterns("audio", "pictures"))
    os.symlink(os.path.join(os.path.abspath(args.content), "pictures"), os.path.join(pack, "pictures"))
    nxt = dict(shipped, version=shipped["version"] + "-next")
    with open(os.path.join(pack, "check.json"), "w", encoding="utf-8") as f:
        json.dump(nxt, f)
    path = os.path.join(pack, "modules", "interesses.json")
    with open(path, encoding="utf-8") as f:
        module = json.load(f)
    module["items"] = [i for i in module["items"] if i["id"] != "metselen"]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(module, f)
    # Where the next version still has koken, it gets new words (after lane changes it may be gone).
    NEW_KOKEN = "Eten klaarmaken in een keuken. Kun je dat?"
    nl_po = os.path.join(pack, "locales", "nl.po")
    current_koken = po_text(nl_po, "kunnen.koken")
    if current_koken:
        text = open(nl_po, encoding="utf-8").read().replace(f'msgstr "{current_koken}"', f'msgstr "{NEW_KOKEN}"')
        open(nl_po, "w", encoding="utf-8").write(text)
        check(po_text(nl_po, "kunnen.koken") == NEW_KOKEN, "kunnen.koken is reworded in the next version")
    fx.content_dir = pack

    # Server, an organisation with a coach, one kiosk; then the sessions.
    fx.orgs["A"] = fx.admin("create-org", "Gemeente A").stdout.strip().split()[-1]
    fx.admin("create-coach", "--org", fx.orgs["A"], "--user", "coach-a", stdin=fx.passwords["coach-a"] + "\n")
    fx.server = fx.start_server()
    fx._enroll("A")
    answers = {"interesses.metselen": ["leuk"], "kunnen.koken": ["goed"], "interesses.bestaat_niet": ["leuk"],
               "kunnen.tillen": ["kapot"]}
    for version, name in ((OLD, "old"), ("2025.1.0", "unkept")):
        script = {"content": {"id": shipped["id"], "version": version},
                  "sessions": [{"locale": "nl", "answers": answers, "consent": True, "status": "finished"}]}
        script_path = os.path.join(fx.work, f"script-{name}.json")
        with open(script_path, "w", encoding="utf-8") as f:
            json.dump(script, f)
        uuid, code = fx.kiosk("make-sessions", "--data", fx.kiosk_dirs["A"], "--script", script_path).stdout.split()
        fx.codes[name] = code
    fx._sync("A")

    coach = logged_in(fx.port, "coach-a")
    r = coach.get(f"/coach/participant/{fx.codes['old']}")
    check(r.status == 200, "the old-version session's page answers 200", r.status)
    page = html.unescape(r.text)
    # The removed item in that version's words, with the answer's words.
    check(OLD_METSELEN in page, "the removed item is shown by its old words", OLD_METSELEN)
    m = re.search(re.escape(OLD_METSELEN) + r".{0,600}?" + re.escape(OLD_LEUK), page, re.S)
    check(m is not None, "the removed item's answer is shown with its old words")
    # The reworded item in the words the participant saw, not the next version's.
    check(OLD_KOKEN in page, "the reworded item is in the words the participant saw")
    check(NEW_KOKEN not in page, "not in the new words the participant never saw")
    check("eerdere versie" in page and OLD in page, "the page says the check used an earlier version, and which")
    # An item no version has, and an option that never existed: said plainly, with what was stored.
    retired = re.search(r'<section id="retired".*?</section>', page, re.S)
    check(retired is not None, "a section lists answers that no longer exist")
    if retired:
        block = retired.group(0)
        check("interesses.bestaat_niet" in block and "Deze vraag bestaat niet meer" in block,
              "an unknown item: 'Deze vraag bestaat niet meer', with its key")
        check("kapot" in block and "Dit antwoord bestaat niet meer" in block,
              "an unknown option: 'Dit antwoord bestaat niet meer', with its id")
        check(OLD_METSELEN not in block, "a question the history keeps is not listed as gone")

    # The printed page says the same.
    r = coach.get(f"/coach/participant/{fx.codes['old']}/print")
    printed = html.unescape(r.text)
    check(r.status == 200 and "eerdere versie" in printed and OLD in printed,
          "the print page says the check used an earlier version", r.status)
    check("Deze vraag bestaat niet meer" in printed and "interesses.bestaat_niet" in printed,
          "the print page: the unknown item is said to no longer exist")

    # A version the pack does not keep: the removed item is gone, said so; the page still works.
    r = coach.get(f"/coach/participant/{fx.codes['unkept']}")
    check(r.status == 200, "the unkept-version session's page answers 200", r.status)
    page = html.unescape(r.text)
    retired = re.search(r'<section id="retired".*?</section>', page, re.S)
    check(retired is not None and "interesses.metselen" in retired.group(0),
          "an item of an unkept version is listed as no longer existing")
    check("2025.1.0" in page, "the page names the unkept version the check was made with")
    check(fx.server.alive(), "the server is still running")
except FixtureError as e:
    check(False, "the fixture is set up", str(e))
finally:
    fx.close()

sys.exit(T.finish())
