#!/usr/bin/env python3
"""docs/pictures.md is what `werkcheck pictures-doc` makes from the pack's pictures.json, and
`werkcheck lint` fails, naming the picture, the place and the reason, on a pack whose
pictures do not carry one meaning.

Runs the real binary on the built content pack and on copies of it with one thing broken.
"""
import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--bin", required=True)
ap.add_argument("--content", required=True)
ap.add_argument("--doc", required=True)
args = ap.parse_args()

T = Tally()
check = T.check


def run(*argv):
    return subprocess.run([args.bin, *argv], capture_output=True, text=True, timeout=120)


# 1. The committed page is what the command makes now.
p = run("pictures-doc", "--content", args.content)
check(p.returncode == 0, "pictures-doc makes the page (exit 0)", p.stderr)
with open(args.doc, encoding="utf-8") as f:
    committed = f.read()
if p.returncode == 0 and p.stdout != committed:
    diff = "".join(list(difflib.unified_diff(committed.splitlines(True), p.stdout.splitlines(True),
                                             "docs/pictures.md", "pictures-doc"))[:60])
    check(False, "docs/pictures.md is what pictures-doc makes",
          "(run: build/werkcheck pictures-doc --content build/content > docs/pictures.md)\n" + diff)
# Every listed picture is on the page with its meaning.
with open(os.path.join(args.content, "pictures.json"), encoding="utf-8") as f:
    meanings = json.load(f)
missing = [h for h, e in meanings["pictures"].items() if f"`{h}` | {e['meaning']} |" not in p.stdout]
check(not missing, f"all {len(meanings['pictures'])} listed pictures are on the page with their meaning", missing[:5])

# 2. Bad input: a clear error, exit code 2, nothing on stdout.
with tempfile.TemporaryDirectory() as tmp:
    p = run("pictures-doc", "--content", os.path.join(tmp, "nowhere"))
    check(p.returncode == 2 and "check.json" in p.stderr and p.stdout == "",
          "pictures-doc on a wrong dir: exit 2, names check.json", f"exit {p.returncode}, {p.stderr!r}")

    # A copy of the pack without its pictures.json, then with a forbidden picture in use.
    pack = os.path.join(tmp, "content")
    shutil.copytree(args.content, pack, ignore=shutil.ignore_patterns("audio"))
    os.remove(os.path.join(pack, "pictures.json"))
    p = run("pictures-doc", "--content", pack)
    check(p.returncode == 2 and "pictures.json" in p.stderr, "pictures-doc without pictures.json: exit 2, names it", f"exit {p.returncode}, {p.stderr!r}")

    shutil.copy(os.path.join(args.content, "pictures.json"), pack)
    check_json = os.path.join(pack, "check.json")
    with open(check_json, encoding="utf-8") as f:
        check_doc = json.load(f)
    forbidden, reason = next(iter(meanings["forbidden"].items()))
    set_id, options = next(iter(check_doc["answer_sets"].items()))
    was = options[0]["picture"]
    options[0]["picture"] = forbidden
    with open(check_json, "w", encoding="utf-8") as f:
        json.dump(check_doc, f)
    p = run("lint", "--content", pack)
    expected = f"picture {forbidden} at answers.{set_id}.{options[0]['id']} is forbidden: {reason}"
    check(p.returncode == 1, "lint fails (exit 1) with a forbidden picture in use", p.returncode)
    check(expected in p.stdout, f"lint says '{expected}'", p.stdout[-2000:])
    # The picture it replaced now lists a place that shows something else.
    check(f"picture {was} lists use answers.{set_id}.{options[0]['id']}, which now shows {forbidden}" in p.stdout,
          "lint names the use that now shows another picture")

sys.exit(T.finish())
