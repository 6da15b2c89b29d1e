#!/usr/bin/env python3
"""What `werkcheck lint` does not check in a drafted translation, for its translator.

usage: tools/check_translation.py LANG [LOCALES_DIR] [--espeak]
For each of LANG.po, screens-LANG.po and occupations-LANG.po, compared with the Dutch file: the
keys in the Dutch order (so a diff against the Dutch file reads line by line), the header's
Language and no flag, no slash or Eastern Arabic digit in participant text. Prints each problem;
exits 1 if there is one. Every key present, the same placeholders, nothing left in Dutch or
empty, the header's voice, translator and review state and at most 15 words a sentence are the
linter's (core/content/locale_lint.h, `make lint`), which is the check that counts.
--espeak (Arabic only) also lists the participant words that espeak-ng's ar voice reads with three
consonants in a row or no vowel: the words that need vowel marks (a list to look at, not an error).
"""
import os
import re
import subprocess
import sys


def read_po(path):
    """[(key, msgid, msgstr)] and the header fields, from a PO file with one-line strings."""
    entries, header, cur = [], {}, {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r'^(msgctxt|msgid|msgstr) "(.*)"$', line.rstrip("\n"))
        if m:
            cur[m.group(1)] = m.group(2)
            if m.group(1) == "msgstr":
                if "msgctxt" in cur:
                    entries.append((cur["msgctxt"], cur["msgid"], cur["msgstr"]))
                cur = {}
        elif line.startswith('"') and not entries:
            k, _, v = line.strip().strip('"').replace("\\n", "").partition(":")
            header[k] = v.strip()
    return entries, header


def check(lang, locales):
    problems = []
    for base in ("", "screens-", "occupations-"):
        src_path = os.path.join(locales, f"{base}nl.po")
        path = os.path.join(locales, f"{base}{lang}.po")
        name = os.path.basename(path)
        if not os.path.exists(path):
            problems.append(f"{name}: missing")
            continue
        src, _ = read_po(src_path)
        got, header = read_po(path)
        # Order only: a missing or extra key is the linter's to name.
        keys = {k for k, _, _ in got}
        common = [k for k, _, _ in src if k in keys]
        if [k for k, _, _ in got if k in set(common)] != common:
            problems.append(f"{name}: keys are not in the order of {base}nl.po")
        if header.get("Language") != lang:
            problems.append(f"{name}: header Language is {header.get('Language')!r}, not {lang!r}")
        if "X-Werkcheck-Flag" in header:
            problems.append(f"{name}: header has X-Werkcheck-Flag (the language screen shows no flags)")
        for key, _, text in got:
            where = f"{name}: \"{key}\""
            if not key.startswith("operator.") and not key.startswith("occupation."):
                if "/" in text:
                    problems.append(f"{where}: a slash in participant text (read out oddly)")
                if re.search(r"[\u0660-\u0669\u06F0-\u06F9]", text):
                    problems.append(f"{where}: Eastern Arabic digits (keep 0-9)")
    return problems


def misread_words(lang, locales):
    """Participant words whose espeak-ng phonemes have 3+ consonants in a row or no vowel."""
    words, voice = set(), lang
    for base in ("", "screens-", "occupations-"):
        entries, header = read_po(os.path.join(locales, f"{base}{lang}.po"))
        voice = header.get("X-Werkcheck-Voice", voice)
        for key, _, text in entries:
            if not key.startswith(("operator.", "occupation.")):
                words.update(re.findall(r"[^\s\d.,!?;:()'\"{}%/\u061F\u060C-]+", text))
    out = []
    for w in sorted(words):
        ph = subprocess.run(["espeak-ng", "-q", "-x", "-v", voice, w], capture_output=True, text=True).stdout.strip()
        if "(" in ph:  # read by another voice (a Latin name inside Arabic)
            continue
        # espeak's vowels are lower case (A is the consonant ayn); a doubled consonant is one
        q = re.sub(r"(.)\1", r"\1", re.sub(r"[',:;_\-\[\]. ]|(?<=[dt])[ZSH\[]", "", ph))
        if re.search(r"[^aiueoy@]{3,}", q) or not re.search(r"[aiueo]", q):
            out.append(f"{w}\t{ph}")
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "--espeak"]
    if not args:
        sys.exit(__doc__)
    lang = args[0]
    locales = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "..", "locales")
    problems = check(lang, locales)
    for p in problems:
        print(p)
    if "--espeak" in sys.argv and lang != "ar":
        print("--espeak knows only the ar voice's phonemes (its vowels are lower case)")
    elif "--espeak" in sys.argv:
        misread = misread_words(lang, locales)
        print("\n".join(misread))
        print(f"{lang}: {len(misread)} word(s) espeak-ng reads with 3+ consonants in a row or no vowel")
    print(f"{lang}: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
