#!/usr/bin/env python3
"""Checks a drafted translation against the Dutch source files, before the build's linter.

usage: tools/check_translation.py LANG [LOCALES_DIR] [--espeak]
For each of LANG.po, screens-LANG.po and occupations-LANG.po, compared with the Dutch file:
every key present, none extra, same order and same msgid (the Dutch it was made from),
placeholders ({name}, %s, %) and markup (<...>) identical, nothing empty, sentences at most
15 words, no slash or Eastern Arabic digit in participant text, the header says voice,
translator and review state and has no flag. Prints each problem; exits 1 if there is one.
--espeak (Arabic only) also lists the participant words that espeak-ng's ar voice reads with three
consonants in a row or no vowel: the words that need vowel marks (a list to look at, not an error).
"""
import os
import re
import subprocess
import sys

MAX_WORDS = 15
# Words that stay the same in any language: the spoken code characters, numbers, names.
SAME_OK = re.compile(r"^(char\..*|operator\.status\.screen|operator\.status\.content|occupation(_plain)?\.barista)$")


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


def placeholders(text):
    return sorted(re.findall(r"\{[^}]*\}|%[sd%]?|<[^>]*>", text))


def sentence_lengths(text):
    """Words per sentence; . ! ? and the Arabic ؟ end a sentence before a space or the end."""
    parts = re.split(r"[.!?\u061F](?=\s|$)|\n", text)
    return [len(re.findall(r"[\w'\-\u0600-\u06FF]+", p)) for p in parts if p.strip()]


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
        if [k for k, _, _ in src] != [k for k, _, _ in got]:
            missing = sorted({k for k, _, _ in src} - {k for k, _, _ in got})
            extra = sorted({k for k, _, _ in got} - {k for k, _, _ in src})
            problems.append(f"{name}: keys differ from {base}nl.po (missing {missing}, extra {extra}, or order)")
        if header.get("Language") != lang:
            problems.append(f"{name}: header Language is {header.get('Language')!r}, not {lang!r}")
        for field in ("X-Werkcheck-Voice", "X-Werkcheck-Translator", "X-Werkcheck-Reviewed"):
            if not header.get(field):
                problems.append(f"{name}: header lacks {field}")
        if "X-Werkcheck-Flag" in header:
            problems.append(f"{name}: header has X-Werkcheck-Flag (the language screen shows no flags)")
        dutch = {k: (mid, ms) for k, mid, ms in src}
        for key, msgid, text in got:
            if key not in dutch:
                continue
            where = f"{name}: \"{key}\""
            if msgid != dutch[key][0]:
                problems.append(f"{where}: msgid is not the Dutch of {base}nl.po")
            if not text.strip():
                problems.append(f"{where}: empty")
                continue
            if placeholders(text) != placeholders(dutch[key][1]):
                problems.append(f"{where}: placeholders {placeholders(text)} differ from Dutch {placeholders(dutch[key][1])}")
            if text == dutch[key][1] and not SAME_OK.match(key) and not re.fullmatch(r"[\d\s{}a-z_%]*", text):
                problems.append(f"{where}: same as the Dutch (untranslated?)")
            if not key.startswith("operator.") and not key.startswith("occupation."):
                if "/" in text:
                    problems.append(f"{where}: a slash in participant text (read out oddly)")
                if re.search(r"[\u0660-\u0669\u06F0-\u06F9]", text):
                    problems.append(f"{where}: Eastern Arabic digits (keep 0-9)")
                longest = max(sentence_lengths(text), default=0)
                if longest > MAX_WORDS:
                    problems.append(f"{where}: a sentence of {longest} words (at most {MAX_WORDS})")
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
