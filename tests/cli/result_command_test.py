#!/usr/bin/env python3
"""`werkcheck result` on the real content pack: what the result pages show for a set of answers.

Runs the real binary on answers in the export's "answers" form and checks, against those
answers and the pack's occupations.json, that the advice respects what was said (a health
barrier and "lighter work": no heavy work, no "you lift well"; a language barrier and a
foreign diploma: no mbo-3 work without a training route), that every reason names answers
that are really in the file, that other work repeats nothing, that names are plain; and that
bad input gets a clear error and exit code 2.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--bin", required=True)
ap.add_argument("--content", required=True)
args = ap.parse_args()

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(answers_text, content=None, extra=()):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(answers_text)
        path = f.name
    try:
        p = subprocess.run([args.bin, "result", "--content", content or args.content, "--answers", path, *extra],
                           capture_output=True, text=True, timeout=60)
    finally:
        os.unlink(path)
    return p, path


with open(os.path.join(args.content, "occupations.json"), encoding="utf-8") as f:
    OCC = {o["id"]: o for o in json.load(f)["occupations"]}

# The practical activities of the interest grids (chosen: "tap all you like").
R_ANSWERS = {"interesses.doen1": ["metselen", "auto_repareren"], "interesses.doen2": ["tuin"],
             "interesses.doen3": ["fabriek"]}


def person(**extra):
    a = dict(R_ANSWERS)
    a.update({"kunnen.kan2": ["tillen"], "kunnen.kan1": ["gereedschap", "schoonmaken"],
              "intake.sector": ["bouw"], "belangrijk.top3": ["buiten", "collegas"]})
    a.update(extra)
    return a


def result_for(answers, label):
    p, _ = run(json.dumps(answers))
    check(p.returncode == 0, f"{label}: exit {p.returncode}: {p.stderr}")
    if p.returncode != 0:
        return None
    r = json.loads(p.stdout)
    for key in ("occupations", "other_work", "excluded", "profile"):
        check(key in r, f"{label}: no '{key}' in the result")
    check(len(r["occupations"]) >= 1, f"{label}: no occupation offered")
    shown = [o["id"] for o in r["occupations"]]
    other = [o["id"] for o in r["other_work"]]
    check(not set(shown) & set(other), f"{label}: other work repeats {set(shown) & set(other)}")
    for o in r["occupations"] + r["other_work"]:
        check(o["esco_uri"] == OCC[o["id"]]["esco_uri"], f"{label}: {o['id']} has another ESCO URI than the pack")
        check(o["name"] and "/" not in o["name"], f"{label}: {o['id']} plain name '{o['name']}' is empty or has a slash")
        check(o["esco_label"], f"{label}: {o['id']} has no ESCO label")
        check(o["fit"]["text"] and "%" not in o["fit"]["text"], f"{label}: {o['id']} fit not in words")
        check(o["prospect"] is not None and o["prospect"]["source"], f"{label}: {o['id']} without a prospect source")
        for reason in o["reasons"]:
            check(reason["answers"], f"{label}: {o['id']} reason {reason['key']} names no answer")
            for a in reason["answers"]:
                check(a["option"] in answers.get(a["key"], []),
                      f"{label}: {o['id']} reason {reason['key']} cites {a['key']}={a['option']}, not an answer given")
    return r


# 1. Health barrier and "lighter work", though practical and rating lifting "goed".
answers = person(**{"drempels.welke": ["gezondheid"], "intake.reden": ["lichter_werk"]})
r = result_for(answers, "health")
if r:
    for o in r["occupations"] + r["other_work"]:
        check(OCC[o["id"]]["conditions"]["physical"] != "heavy", f"health: heavy work {o['id']} offered")
        check(all(x["key"] != "reason.skill.lifting" for x in o["reasons"]), f"health: 'you lift well' for {o['id']}")
    heavy = {i for i, o in OCC.items() if o["conditions"]["physical"] == "heavy"}
    ex = {e["id"]: e for e in r["excluded"]}
    check(heavy <= set(ex), f"health: heavy work not listed as excluded: {heavy - set(ex)}")
    for i in heavy & set(ex):
        check(ex[i]["rule"] == "heavy_work", f"health: {i} excluded for {ex[i]['rule']}")
        keys = {(a["key"], a["option"]) for a in ex[i]["answers"]}
        check(("drempels.welke", "gezondheid") in keys and ("intake.reden", "lichter_werk") in keys,
              f"health: {i} excluded without the answers behind it: {keys}")
    # The same person without the barrier gets heavy work: the rule, not the data, removed it.
    free = result_for(person(), "no barrier")
    if free:
        check(any(OCC[o["id"]]["conditions"]["physical"] == "heavy" for o in free["occupations"]),
              "no barrier: no heavy work at all, so the health case proves nothing")

# 2. Language barrier and a foreign diploma, likes caring and children.
answers = {"interesses.doen1": ["ouderen"], "interesses.doen2": ["kinderen", "uitleggen"],
           "interesses.doen3": ["handicap"], "kunnen.kan1": ["zorgen"],
           "drempels.welke": ["taal"], "intake.school": ["buitenland"], "intake.sector": ["zorg"]}
r = result_for(answers, "language")
if r:
    for o in r["occupations"] + r["other_work"]:
        occ = OCC[o["id"]]
        check(occ["school"] in ("none", "mbo1", "mbo2") or occ.get("training_route"),
              f"language: {o['id']} needs {occ['school']} and names no training route")
        if occ["school"] not in ("none", "mbo1", "mbo2"):
            check(o.get("route", {}).get("text"), f"language: {o['id']} shown without its training route")
    ex = {e["id"]: e["rule"] for e in r["excluded"]}
    for i in ("onderwijsassistent", "kraamverzorgende"):
        check(ex.get(i) == "needs_diploma", f"language: {i} not excluded for the diploma ({ex.get(i)})")
    check(all("stuwadoor" not in o["name"] for o in r["occupations"]), "language: jargon name")

# 3. Plain names: the ESCO labels the issue named are not what the person reads or hears.
r = result_for({"interesses.doen3": ["fabriek"], "kunnen.kan2": ["tillen"], "intake.sector": ["horeca"],
                "interesses.doen1": ["metselen"]}, "plain")
if r:
    for o in r["occupations"] + r["other_work"]:
        for jargon in ("stuwadoor", "horecavestigingsreceptionist", "/"):
            check(jargon not in o["name"], f"plain: '{o['name']}' ({o['id']}) has '{jargon}'")

# 4. Bad input: a clear error naming the problem, exit code 2, nothing on stdout.
def bad(text, expect, label, content=None):
    p, path = run(text, content)
    check(p.returncode == 2, f"{label}: exit {p.returncode}, expected 2")
    check(expect in p.stderr, f"{label}: error does not name '{expect}': {p.stderr!r}")
    check(p.stdout == "", f"{label}: printed a result anyway")


bad('{"interesses.doen1": ["metselen"', "not valid JSON", "malformed JSON")
bad('["leuk"]', "must be one JSON object", "not an object")
bad('{"interesses.bestaat_niet": ["leuk"]}', "interesses.bestaat_niet", "unknown question")
bad('{"interesses.doen1": ["super"]}', '"super"', "unknown option")
bad('{"interesses.doen1": "metselen"}', "list of option ids", "not a list")
with tempfile.TemporaryDirectory() as empty:
    bad('{}', empty, "wrong content dir", content=empty)
    bad('{}', os.path.join(empty, "nowhere"), "content dir that does not exist", content=os.path.join(empty, "nowhere"))
    # A pack whose check.json is damaged: the error names the file.
    broken = os.path.join(empty, "broken")
    os.makedirs(broken)
    with open(os.path.join(broken, "check.json"), "w") as f:
        f.write('{"format": 1, "id": ')
    bad('{}', os.path.join(broken, "check.json"), "damaged check.json", content=broken)
# An answers file that is not there.
p = subprocess.run([args.bin, "result", "--content", args.content, "--answers", "/nonexistent/answers.json"],
                   capture_output=True, text=True, timeout=60)
check(p.returncode == 2 and "/nonexistent/answers.json" in p.stderr and "cannot read" in p.stderr,
      f"missing answers file: exit {p.returncode}, {p.stderr!r}")
# A session from a content version the pack does not keep, with a question it does not have.
bad(json.dumps({"content": {"id": "x", "version": "1999.1.0"}, "answers": {"interesses.bestaat_niet": ["leuk"]}}),
    "made with content version 1999.1.0, which is not kept", "unknown content version")

# An exported session line works as well as its answers object.
p, _ = run(json.dumps({"uuid": "x", "answers": {"drempels.welke": ["gezondheid"]}}))
check(p.returncode == 0 and json.loads(p.stdout)["profile"]["barriers"] == ["health"], "a whole exported session")

# A session made with a kept earlier version (history/<version>/) is read with its questions.
history = os.path.join(args.content, "history")
for version in sorted(os.listdir(history)) if os.path.isdir(history) else []:
    with open(os.path.join(history, version, "check.json"), encoding="utf-8") as f:
        kept = json.load(f)
    with open(os.path.join(history, version, "modules", kept["modules"][1] + ".json"), encoding="utf-8") as f:
        item = json.load(f)["items"][0]
    option = (item["options"] if "options" in item else kept["answer_sets"][item["answers"]])[0]["id"]
    key = f"{kept['modules'][1]}.{item['id']}"
    p, _ = run(json.dumps({"content": {"id": kept["id"], "version": version}, "answers": {key: [option]}}))
    check(p.returncode == 0, f"a session of kept version {version} ({key}={option}): exit {p.returncode}: {p.stderr}")
    if p.returncode == 0:
        check(json.loads(p.stdout)["content"]["version"] == version, f"the result of a {version} session names its version")

# The region picks the prospects' rows, as the kiosk's "region" setting does.
p, _ = run(json.dumps(person()), extra=("--region", "Twente"))
check(p.returncode == 0, f"--region Twente: exit {p.returncode}: {p.stderr}")
if p.returncode == 0:
    regions = {o["prospect"]["region"] for o in json.loads(p.stdout)["occupations"] if o["prospect"]}
    check(regions == {"Twente"}, f"--region Twente: prospects from {regions}")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("result command: ok")
