#!/usr/bin/env python3
"""End-to-end: the whole check in every language the content pack has, to the closing screen.

The languages are found in the pack (the Language header of each locales/*.po), not listed here:
a language added to locales/ is walked too. The real kiosk under Xvfb, one kiosk per screen size;
for each language, from the start screen: the language choice offers every language by its own
name; then every question (each page of its options), the result pages, consent and closing, then
"done" for the next person. The walk does not wait for speech (a tap moves on at once).

Checked on each screen, for each language:
  - it fits (tests/e2e/text_fit_test.py's checks: no drawn text cut, no overlap, targets >= 20 mm);
  - the first question shows that language's words for it (not the Dutch, for a translation);
  - every clip the kiosk is given to play is in the pack for that language (audio/<lang>/<key>.ogg or .wav).
At the end `werkcheck export` has one finished session per language, each carrying its locale.
At 24" the operator then switches the last language off in the menu: kiosk.json keeps it, the
next person is not offered it, and its session is still exported.

Sizes: 24" 1920x1080 (527 mm) for every language; 10" 1280x800 (217 mm) for every language but
the source (text_fit_test walks the Dutch there), where longer words must still fit.
Screenshots of each language's first question and first result page go to
$WERKCHECK_ARTIFACTS (default <repo>/test-artifacts)/every_language/.
"""
import glob
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_driver as kd  # noqa: E402
from text_fit_test import Walk, every_page, first_answer_and_next  # noqa: E402

SIZES = [("24in", 1920, 1080, 527, True), ("10in", 1280, 800, 217, False)]  # name, w, h, mm, with the source
MAX_QUESTIONS = 200  # a bound on the walk, far above the check's length


def pack_languages(content):
    """The pack's language codes, the source language first, then by code."""
    with open(os.path.join(content, "check.json"), encoding="utf-8") as f:
        source = json.load(f).get("source_locale", "nl")
    codes = set()
    for path in glob.glob(os.path.join(content, "locales", "*.po")):
        with open(path, encoding="utf-8") as f:
            m = re.search(r'^"Language: ([^\\"]+)\\n"', f.read(), re.M)
        if m:
            codes.add(m.group(1).strip())
    return sorted(codes, key=lambda c: (c != source, c)), source


def texts_of(content, code):
    """key -> msgstr of every PO file of one language."""
    out = {}
    for path in glob.glob(os.path.join(content, "locales", "*.po")):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if not re.search(r'^"Language: %s\\n"' % re.escape(code), text, re.M):
            continue
        for m in re.finditer(r'msgctxt "(.*)"\nmsgid "(?:.*)"\nmsgstr "(.*)"', text):
            out[m.group(1)] = m.group(2).replace('\\"', '"').replace("\\n", "\n")
    return out


def language_choice(k, d, want=None):
    """The languages offered on every page of the language choice (a small screen pages them behind
    "Andere keuzes"), as {code: name}; with want, turns the pages until that language is shown."""
    offered = {}
    for _ in range(12):
        page = {t["id"][5:]: t["label"] for t in d["targets"] if t["id"].startswith("lang:")}
        if want and want in page:
            return offered | page, d
        if page and set(page) <= set(offered) and not want:
            break  # back at a page already seen
        offered.update(page)
        if not any(t["id"] == "page:more" for t in d["targets"]):
            break
        d = k.tap("page:more")
    return offered, d


class LanguageWalk:
    def __init__(self, args, res, k, walk, size, code, words, source_words):
        self.args, self.res, self.k, self.walk = args, res, k, walk
        self.size, self.code, self.words, self.source_words = size, code, words, source_words
        self.missing_clips = set()
        self.clips_seen = 0
        self.label = "%s %s" % (size, code)

    def clips(self, d):
        for key in d.get("speech") or []:
            self.clips_seen += 1
            base = os.path.join(self.args.content, "audio", self.code, key)
            if key and not key.startswith("operator.") and \
                    not any(os.path.exists(base + ext) for ext in (".ogg", ".wav")):  # Ogg once the audio lane is merged
                self.missing_clips.add(key)

    def run(self, languages, names):
        k, res, label = self.k, self.res, self.label
        d = k.wait_for(screen="attract")
        d = k.tap("start")
        self.walk.check(d, "the language choice (%s next)" % self.code, "language" if self.code == languages[0] else None)
        offered, d = language_choice(k, d)
        res.check(offered == names, "%s: the language choice offers every language by its own name" % label,
                  "%s != %s" % (offered, names))
        _, d = language_choice(k, d, self.code)
        d = k.tap("lang:" + self.code)
        question = d.get("item", "")
        want = self.words.get(question)
        res.check(d["screen"] == "question" and want and want in d["texts"],
                  "%s: the first question is in %s" % (label, self.code), "%s: %s not in %s" % (question, want, d["texts"]))
        if self.code != languages[0]:
            res.check(want != self.source_words.get(question), "%s: ... and not in the Dutch" % label, want)
        n = 0
        while d["screen"] == "question" and n < MAX_QUESTIONS:
            n += 1
            item = d.get("item", "?")
            self.clips(d)
            d = every_page(k, self.walk, d, "%s question %s" % (self.code, item), "%s-question" % self.code if n == 1 else None)
            d = first_answer_and_next(k, d, item)
        res.check(d["screen"] == "result", "%s: the questions lead to the result" % label, kd.describe(d))
        p = 0
        while d["screen"] == "result" and p < 80:
            p += 1
            self.clips(d)
            self.walk.check(d, "%s result page %d" % (self.code, p), "%s-result-%d" % (self.code, p) if p <= 2 else None)
            d = k.tap("nav:next")
        res.check(d["screen"] == "consent", "%s: then consent" % label, kd.describe(d))
        self.walk.check(d, "%s consent" % self.code)
        d = k.tap("consent:yes")
        if d["screen"] == "consent":
            d = k.tap("nav:next")
        res.check(d["screen"] == "closing", "%s: reaches the closing screen" % label, kd.describe(d))
        self.clips(d)
        self.walk.check(d, "%s closing" % self.code, "%s-closing" % self.code)
        res.check(self.clips_seen > 0, "%s: the kiosk was given clips to play" % label)
        res.check(not self.missing_clips, "%s: every clip played is in audio/%s/" % (label, self.code), sorted(self.missing_clips))
        k.tap("done")


def switch_off_by_operator(args, res, k, data, code, names, art):
    """The operator switches a language off in the menu's languages screen: the next person is
    not offered it, and kiosk.json keeps it. Its session made earlier is still exported."""
    d = k.open_operator_menu()
    not_reviewed = [t for t in d["texts"] if "(%s)" % code in t]
    res.check(d["screen"] == "operator_menu" and not_reviewed, "operator status has a line for %s" % code, d["texts"])
    d = k.tap("op:languages")
    res.check(d["screen"] == "operator_languages", "the menu opens the languages screen", kd.describe(d))
    d = k.tap("language_switch:" + code)
    kd.screenshot(k.xvfb, os.path.join(art, "operator-languages-%s-off.png" % code))
    with open(os.path.join(data, "kiosk.json"), encoding="utf-8") as f:
        off = json.load(f).get("languages_off")
    res.check(off == [code], "kiosk.json keeps %s switched off" % code, off)
    k.tap("op:back")
    d = k.tap("op:back")
    d = k.tap("start")
    offered = sorted(language_choice(k, d)[0])
    res.check(offered == sorted(c for c in names if c != code), "%s switched off is not offered" % code, offered)
    k.tap("nav:back", expect_change=False)  # before a language is chosen the first tap says what Back does
    k.tap("nav:back")


def run(args, res):
    languages, source = pack_languages(args.content)
    print("languages in the pack: %s" % " ".join(languages), flush=True)
    res.check(len(languages) >= 2, "the pack has more than one language", languages)
    words = {code: texts_of(args.content, code) for code in languages}
    names = {code: words[code].get("language.name") for code in languages}
    art = kd.artifacts_dir("every_language")
    for size, w, h, mm, with_source in SIZES:
        walked = [c for c in languages if with_source or c != source]
        data = kd.temp_dir("werkcheck-languages-")
        try:
            with kd.Xvfb(w, h) as x, kd.Kiosk(args.bin, args.content, data, x, screen_width_mm=mm) as k:
                walk = Walk(res, size, art, x)
                for code in walked:
                    started = time.monotonic()
                    LanguageWalk(args, res, k, walk, size, code, words[code], words[source]).run(languages, names)
                    print("%s %s: walked to the closing screen in %.1f s" % (size, code, time.monotonic() - started), flush=True)
                if with_source:
                    switch_off_by_operator(args, res, k, data, walked[-1], names, art)
            sessions = kd.export(args.bin, data)
            got = sorted((s["locale"], s["status"]) for s in sessions)
            res.check(got == sorted((c, "finished") for c in walked),
                      "%s: the export has one finished session per language, with its locale" % size, got)
        except kd.KioskError as e:
            res.error(size, e)
        finally:
            kd.remove_dir(data)


if __name__ == "__main__":
    kd.run_scenario("every_language_test", __doc__, run)
