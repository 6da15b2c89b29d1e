#!/usr/bin/env python3
"""Keeps the questions of the current content version before they change.

Copies, for the version in CONTENT/check.json, its questions and their words into
CONTENT/history/<version>/: check.json (modules, answer sets, interest-type pictures),
modules/*.json as they are, and locales/<code>.po with the entries those questions use
(module titles, items, options, shared answers, and the words named after their tags).
The coach pages and `werkcheck result` then read sessions made with that version in its own
words, after the items are replaced. Run it once, before a content change retires items:

    python3 scripts/snapshot-content-version.py assets/content locales
"""
import json
import os
import re
import shutil
import sys

if len(sys.argv) != 3:
    sys.exit(__doc__)
content, locales = sys.argv[1], sys.argv[2]
with open(os.path.join(content, "check.json"), encoding="utf-8") as f:
    check = json.load(f)
version = check["version"]
out = os.path.join(content, "history", version)
if os.path.exists(out):
    sys.exit(f"{out} exists already: version {version} was kept before")
os.makedirs(os.path.join(out, "modules"))
os.makedirs(os.path.join(out, "locales"))

kept = {k: check[k] for k in ("format", "id", "version", "source_locale", "modules", "answer_sets", "riasec_pictures")
        if k in check}
kept["ui_pictures"] = {}  # the screens' pictures are the current pack's
with open(os.path.join(out, "check.json"), "w", encoding="utf-8") as f:
    json.dump(kept, f, ensure_ascii=False, indent=2)
    f.write("\n")
for module in check["modules"]:
    shutil.copy(os.path.join(content, "modules", module + ".json"), os.path.join(out, "modules"))

# Words: the PO entries (blocks between blank lines) whose key belongs to the questions.
prefixes = tuple(m + "." for m in check["modules"]) + ("answers.", "riasec.", "reason.riasec.", "reason.skill.",
                                                      "reason.value.", "sector.")
by_language = {}
for name in sorted(os.listdir(locales)):
    if not name.endswith(".po"):
        continue
    with open(os.path.join(locales, name), encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    header = blocks[0]
    language = re.search(r'"Language: *([A-Za-z_]+)', header).group(1)
    entries = by_language.setdefault(language, [header])
    for block in blocks[1:]:
        key = re.search(r'^msgctxt "([^"]*)"', block, re.M)
        if key and key.group(1).startswith(prefixes):
            entries.append(block.strip("\n"))
for language, blocks in by_language.items():
    with open(os.path.join(out, "locales", language + ".po"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(blocks) + "\n")
    print(f"{out}/locales/{language}.po: {len(blocks) - 1} entries")
print(f"kept version {version} in {out}")
