#!/usr/bin/env python3
"""Check the occupation data of the content pack against ESCO and OpenMoji (python3 stdlib only).

    python3 tools/validate_occupations.py [--esco DIR] [--openmoji DIR]

Checks: every esco_uri is in both ESCO exports (occupations_nl.csv and occupations_en.csv),
the isco field equals the ESCO iscoGroup, occupation.<id> in locales/occupations-nl.po and
-en.po is the ESCO Dutch / English preferred label, every picture file exists, the fields
have allowed values, every prospect_group has rows in assets/content/prospects.csv (with a
row for "Nederland"), and prints the number of occupations per sector.
Exit status 0 when everything is fine, 1 otherwise.
"""
import argparse
import csv
import json
import os
import re
import sys
from collections import Counter

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SECTORS = {"bouw", "techniek", "transport", "logistiek", "zorg", "schoonmaak", "horeca", "detailhandel",
           "productie", "groen", "kantoor", "beveiliging", "onderwijs_kinderopvang", "ict"}
SKILLS = {"tools", "driving", "machines", "cleaning", "cooking", "caring", "customers", "cash_register",
          "computer", "planning", "repairing", "lifting", "languages", "leading", "precise", "outdoor_green"}
VALUES = {"outdoors", "security", "money", "colleagues", "helping", "independence", "variety", "learning",
          "regular_hours", "close_to_home", "physical_light", "proud_work", "part_time"}
SCHOOLS = {"none", "mbo1", "mbo2", "mbo3"}
PHYSICAL = {"light", "medium", "heavy"}
HEADER = ["beroepsgroep", "regio", "spanningsindicator", "periode", "bron"]


def read_esco(path):
    with open(path, encoding="utf-8", newline="") as f:
        return {r["conceptUri"]: r for r in csv.DictReader(f)}


def unquote(s):
    """Contents of one PO string literal ("...")."""
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    out, i, body = [], 0, s[1:-1]
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_po(path):
    """Minimal PO reader: {msgctxt: (msgid, msgstr)} and the header fields."""
    entries, header = {}, {}
    cur, field = {}, None

    def flush():
        if "msgid" in cur:
            if cur.get("msgid") == "" and "msgctxt" not in cur:
                for line in cur.get("msgstr", "").split("\n"):
                    if ":" in line:
                        k, v = line.split(":", 1)
                        header[k.strip()] = v.strip()
            else:
                ctx = cur.get("msgctxt")
                if ctx in entries:
                    raise ValueError(f"{path}: duplicate msgctxt {ctx!r}")
                entries[ctx] = (cur["msgid"], cur.get("msgstr", ""))

    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                if not line.strip():
                    flush()
                    cur, field = {}, None
                continue
            m = re.match(r"^(msgctxt|msgid|msgstr)\s+(\".*\")\s*$", line)
            if m:
                field = m.group(1)
                cur[field] = unquote(m.group(2))
            elif line.startswith('"') and field:
                cur[field] += unquote(line)
            else:
                raise ValueError(f"{path}: cannot read line {line!r}")
    flush()
    return entries, header


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--esco", default=os.path.join(REPO, "..", "shared", "data", "esco"))
    ap.add_argument("--openmoji", default=os.path.join(REPO, "node_modules", "openmoji", "color", "svg"))
    args = ap.parse_args()

    errors = []
    nl = read_esco(os.path.join(args.esco, "occupations_nl.csv"))
    en = read_esco(os.path.join(args.esco, "occupations_en.csv"))
    with open(os.path.join(REPO, "assets", "content", "occupations.json"), encoding="utf-8") as f:
        occupations = json.load(f)["occupations"]
    po = {}
    for lang in ("nl", "en"):
        entries, header = read_po(os.path.join(REPO, "locales", f"occupations-{lang}.po"))
        _, main_header = read_po(os.path.join(REPO, "locales", f"{lang}.po"))
        for k in ("Language", "X-Werkcheck-Flag", "X-Werkcheck-Voice"):
            if header.get(k) != main_header.get(k):
                errors.append(f"occupations-{lang}.po: header {k} {header.get(k)!r} differs from {lang}.po "
                              f"({main_header.get(k)!r})")
        po[lang] = entries

    with open(os.path.join(REPO, "assets", "content", "prospects.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != HEADER:
        errors.append("prospects.csv: first line must be " + ",".join(HEADER))
    prospects = {}
    for n, r in enumerate(rows[1:], start=2):
        if len(r) != len(HEADER):
            errors.append(f"prospects.csv line {n}: needs {len(HEADER)} fields")
            continue
        try:
            ratio = float(r[2].replace(",", "."))
            if ratio < 0:
                raise ValueError
        except ValueError:
            errors.append(f"prospects.csv line {n}: spanningsindicator {r[2]!r} is not a number >= 0")
        if (r[0], r[1]) in prospects:
            errors.append(f"prospects.csv line {n}: second row for {r[0]!r} in {r[1]!r}")
        prospects[(r[0], r[1])] = r
        if "VOORBEELDDATA" not in r[4]:
            errors.append(f"prospects.csv line {n}: bron does not say it is example data")

    ids = set()
    keys = set()
    for o in occupations:
        i = o.get("id", "?")
        w = f"occupation {i!r}"
        if not re.fullmatch(r"[a-z0-9_]{1,40}", i):
            errors.append(f"{w}: bad id")
        if i in ids:
            errors.append(f"{w}: duplicate id")
        ids.add(i)
        uri = o.get("esco_uri", "")
        if uri not in nl or uri not in en:
            errors.append(f"{w}: {uri} missing from occupations_nl.csv ({uri in nl}) or occupations_en.csv ({uri in en})")
            continue
        if o.get("isco") != nl[uri]["iscoGroup"]:
            errors.append(f"{w}: isco {o.get('isco')!r} but ESCO iscoGroup is {nl[uri]['iscoGroup']!r}")
        key = f"occupation.{i}"
        keys.add(key)
        nl_label, en_label = nl[uri]["preferredLabel"], en[uri]["preferredLabel"]
        for lang, want in (("nl", nl_label), ("en", en_label)):
            got = po[lang].get(key)
            if got is None:
                errors.append(f"{w}: no {key} in occupations-{lang}.po")
            elif got != (nl_label, want):
                errors.append(f"{w}: occupations-{lang}.po has {got!r}, ESCO says ({nl_label!r}, {want!r})")
        pic = o.get("picture", "")
        if not os.path.isfile(os.path.join(args.openmoji, pic + ".svg")):
            errors.append(f"{w}: picture {pic}.svg does not exist")
        if o.get("sector") not in SECTORS:
            errors.append(f"{w}: unknown sector {o.get('sector')!r}")
        r = o.get("riasec", [])
        if not (1 <= len(r) <= 3) or len(set(r)) != len(r) or any(t not in "RIASEC" or len(t) != 1 for t in r):
            errors.append(f"{w}: riasec must be 1 to 3 different letters of RIASEC")
        s = o.get("skills", [])
        if not (2 <= len(s) <= 4) or len(set(s)) != len(s) or set(s) - SKILLS:
            errors.append(f"{w}: skills must be 2 to 4 of {sorted(SKILLS)}")
        v = o.get("values", [])
        if not (1 <= len(v) <= 3) or len(set(v)) != len(v) or set(v) - VALUES:
            errors.append(f"{w}: values must be 1 to 3 of {sorted(VALUES)}")
        if o.get("school") not in SCHOOLS:
            errors.append(f"{w}: school must be one of {sorted(SCHOOLS)}")
        c = o.get("conditions", {})
        if c.get("physical") not in PHYSICAL or not isinstance(c.get("outdoors"), bool) \
                or not isinstance(c.get("shifts"), bool):
            errors.append(f"{w}: conditions need physical light/medium/heavy and booleans outdoors, shifts")
        g = o.get("prospect_group", "")
        if (g, "Nederland") not in prospects:
            errors.append(f"{w}: prospect_group {g!r} has no row for Nederland in prospects.csv")
    for lang in ("nl", "en"):
        for key in sorted(set(po[lang]) - keys):
            errors.append(f"occupations-{lang}.po: {key} belongs to no occupation")
    groups = {o.get("prospect_group") for o in occupations}
    for g in sorted({g for g, _ in prospects} - groups):
        errors.append(f"prospects.csv: group {g!r} is used by no occupation")

    per_sector = Counter(o.get("sector") for o in occupations)
    print(f"{len(occupations)} occupations in {len(per_sector)} sectors:")
    for sec in sorted(per_sector, key=lambda s: (-per_sector[s], s)):
        print(f"  {sec:24} {per_sector[sec]}")
    regions = sorted({r for _, r in prospects})
    print(f"{len(groups)} prospect groups; prospects.csv regions: {', '.join(regions)}")
    if len(occupations) < 60:
        errors.append(f"only {len(occupations)} occupations (at least 60 wanted)")
    if len(per_sector) < 10:
        errors.append(f"only {len(per_sector)} sectors (at least 10 wanted)")
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
