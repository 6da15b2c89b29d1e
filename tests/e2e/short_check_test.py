#!/usr/bin/env python3
"""End-to-end: how long the standard check is for the person who does it, on the shipped content.

The real kiosk under Xvfb, walked from the language choice to the closing screen as a person who
listens to everything: every page of every question is opened (the "Andere keuzes" card), and
the speech the kiosk plays when a screen or page opens (the UI dump's "speech": the keys of the
clips it was given) is measured in the content pack's clips (their length, by soxi). What
the kiosk says only once (the buttons' explanations, an answer set per part: "speech_once") counts
the first time only, as for a person who listened to it then (the walk itself moves on sooner).

  1. 24" (1920x1080, 527 mm): the screens from the language choice to the closing screen, every
     page a screen; the question screens (after the language choice, before the first result
     page) are at most QUESTION_BUDGET, each with at most 8 answer cards, every one pictured;
     the speech heard on the way is at most SPEECH_BUDGET_S.
  2. 10" tablet (1280x800, 217 mm): the same walk, its figures printed (more pages there).

Prints per part the screens and seconds of speech, and the totals; exits non-zero on a failure.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_driver as kd  # noqa: E402
from full_check_test import choose, load_content  # noqa: E402

QUESTION_BUDGET = 21  # issue 11: <= 30 screens in all, of which language, 5 result pages, consent, closing
SCREEN_BUDGET = 30  # issue 11: language choice to closing screen, inclusive
SPEECH_BUDGET_S = 8 * 60
MAX_CARDS = 8
GAP_S = 0.35  # the pause between two clips (app/sound/clip_player.cpp)


def clip_seconds(content, key, lang="nl", cache={}):
    if (lang, key) not in cache:
        path = kd.clip_path(content, lang, key)
        cache[lang, key] = kd.clip_seconds(path) if os.path.exists(path) else None
    return cache[lang, key]


def pack_languages(content):
    return sorted(os.listdir(os.path.join(content, "audio")))


def grid(item):
    """A pictured grid: tap all the activities, skills or statements that apply."""
    return any(t in o.get("tags", {}) for o in item["options"] for t in ("riasec", "skill", "behaviour"))


class Walk:
    def __init__(self, k, content, res, label):
        self.k, self.content, self.res, self.label = k, content, res, label
        self.screens = []  # (part, name, seconds of clips, clips)
        self.missing = set()
        self.heard_once = set()  # the "once" tags already heard
        self.said = []  # (key, locale, part) of every clip counted, in order
        self.part = ""

    def heard(self, d):
        """The speech of the screen or page that just opened, once the kiosk has been given it."""
        d = self.k.wait_for(pred=lambda x: x.get("opening") == d.get("opening") and x.get("speech"))
        keys = []
        locales = d.get("speech_locales") or ["nl"] * len(d["speech"])
        for key, once, loc in zip(d["speech"], d.get("speech_once") or [""] * len(d["speech"]), locales):
            if not key or (once and once in self.heard_once):
                continue
            self.heard_once.add(once)
            keys.append(key)
            self.said.append((key, loc, self.part))
        return d, keys

    def record(self, part, name, d):
        self.part = part
        d, keys = self.heard(d)
        seconds = 0.0
        for key in keys:
            s = clip_seconds(self.content, key)
            if s is None:
                self.missing.add(key)
            else:
                seconds += s
        self.screens.append((part, name, seconds, len(keys)))
        if os.environ.get("WERKCHECK_E2E_VERBOSE"):
            print("  %-28s %5.1f s: %s" % (name, seconds, " ".join("%s(%.1f)" % (k, clip_seconds(self.content, k) or 0) for k in keys)))
        return d

    def question_pages(self, d, item, key):
        picks = choose(item, key)
        for page in range(max(1, d.get("pages", 1))):
            if page > 0:
                d = self.k.tap("page:more")
            d = self.record(item["module"], "%s p%d" % (key, page + 1), d)
            cards = [t for t in d["targets"] if t["id"].startswith("answer:")]
            if grid(item):
                self.res.check(len(cards) <= MAX_CARDS, "%s %s page %d: a grid has at most %d cards" % (self.label, key, page + 1, MAX_CARDS),
                               len(cards))
            self.res.check(all(t["has_picture"] for t in cards), "%s %s: every answer card has a picture" % (self.label, key))
            for p in picks:
                t = next((t for t in d["targets"] if t["id"] == "answer:" + p), None)
                if t and not t["selected"]:
                    d = self.k.tap("answer:" + p)
        return self.k.tap("nav:next")

    def run(self):
        _, items, _ = load_content(self.content)
        k = self.k
        k.tap("start")
        d = k.wait_for(screen="language")
        d = self.record("language", "language", d)
        d = k.tap("lang:nl")
        d = k.wait_for(pred=lambda x: x["screen"] != "language")
        while d["screen"] == "question":
            key = d["item"]
            base = key if key in items else key.rsplit(".", 1)[0]  # a per-choice answer key
            if not self.res.check(base in items, "%s question %s is in the content" % (self.label, key)):
                return
            d = self.question_pages(d, items[base], key)
        n = 0
        while d["screen"] == "result":
            n += 1
            d = self.record("result", "result %d" % n, d)
            d = k.tap("nav:next")
        self.res.check(d["screen"] == "consent", "%s: after the result, consent" % self.label, kd.describe(d))
        d = self.record("consent", "consent", d)
        k.tap("consent:yes")
        d = k.tap("nav:next")
        self.res.check(d["screen"] == "closing", "%s: then the closing screen" % self.label, kd.describe(d))
        self.record("closing", "closing", d)

    def report(self):
        parts = {}
        for part, _, seconds, _ in self.screens:
            n, s = parts.get(part, (0, 0.0))
            parts[part] = (n + 1, s + seconds)
        print("%s:" % self.label)
        for part, (n, s) in parts.items():
            print("  %-11s %3d screens  %6.1f s of speech" % (part, n, s))
        clips = sum(c for *_, c in self.screens)
        total = sum(s for _, _, s, _ in self.screens)
        print("  %-11s %3d screens  %6.1f s of speech (%.1f min; %.1f min with the %.2f s pauses between %d clips)"
              % ("total", len(self.screens), total, total / 60, (total + GAP_S * clips) / 60, GAP_S, clips), flush=True)
        return parts

    def question_screens(self):
        return [s for s in self.screens if s[0] not in ("language", "result", "consent", "closing")]


def walk(args, res, width, height, mm, label):
    data = kd.temp_dir("werkcheck-short-")
    try:
        with kd.Xvfb(width, height) as x, kd.Kiosk(args.bin, args.content, data, x, screen_width_mm=mm) as k:
            w = Walk(k, args.content, res, label)
            started = time.monotonic()
            w.run()
            print("%s: walked in %.1f s" % (label, time.monotonic() - started))
            w.report()
            res.check(not w.missing, "%s: every clip the kiosk plays is in the pack" % label, sorted(w.missing))
            return w
    finally:
        kd.remove_dir(data)


def speech_per_language(args, res, w):
    """The same walk's speech in each language of the pack: the clips of the screens the Dutch
    walk heard, in that language (the language screen says every language's prompt and name in
    its own voice, whatever is chosen). At 24" every question is one page in every language
    (`werkcheck lint` lays them out), so the screens and clips are the same ones."""
    totals = {}
    for lang in pack_languages(args.content):
        seconds, missing = 0.0, []
        for key, loc, part in w.said:
            s = clip_seconds(args.content, key, loc if part == "language" else lang)
            if s is None:
                missing.append(key)
            else:
                seconds += s
        totals[lang] = seconds
        res.check(not missing, "24 inch, %s: every clip of the walk is in the pack" % lang, missing[:5])
        if seconds > SPEECH_BUDGET_S:  # for the translator: where the time goes
            longest = sorted({(clip_seconds(args.content, k, lang) or 0, k) for k, _, part in w.said if part != "language"},
                             reverse=True)[:12]
            print("  %s over budget, its longest clips: %s" % (lang, ", ".join("%s %.1f" % (k, s) for s, k in longest)))
    base = totals.get("nl", 0) or 1
    print("speech on 24 inch per language (budget %d s): %s" % (SPEECH_BUDGET_S, ", ".join(
        "%s %.0f s (%.1f min, %+.0f%%)" % (lang, s, s / 60, (s / base - 1) * 100) for lang, s in sorted(totals.items()))),
        flush=True)
    return totals


def run(args, res):
    w = walk(args, res, 1920, 1080, 527, "24 inch 1920x1080")
    q = w.question_screens()
    res.check(len(q) <= QUESTION_BUDGET, "24 inch: at most %d question screens from the language choice to the result"
              % QUESTION_BUDGET, "%d: %s" % (len(q), [name for _, name, _, _ in q]))
    res.check(sum(1 for s in w.screens if s[0] == "language") == 1 and w.screens[-1][0] == "closing",
              "24 inch: the walk went from the language choice to the closing screen")
    res.check(len(w.screens) <= SCREEN_BUDGET, "24 inch: at most %d screens from the language choice to the closing screen"
              % SCREEN_BUDGET, "%d: %s" % (len(w.screens), [name for _, name, _, _ in w.screens]))
    # Issue 11: at most 8 minutes of speech for a person who hears every option (the clips' own
    # lengths; the pauses between them are printed by report()).
    total = sum(s for _, _, s, _ in w.screens)
    print("speech on 24 inch: %.1f s (%.1f min), budget %d s" % (total, total / 60, SPEECH_BUDGET_S), flush=True)
    res.check(total <= SPEECH_BUDGET_S, "24 inch: at most %d s of speech from the language choice to the closing screen"
              % SPEECH_BUDGET_S, "%.1f s" % total)
    speech_per_language(args, res, w)
    t = walk(args, res, 1280, 800, 217, "10 inch tablet 1280x800")
    print("question screens: %d on 24 inch (budget %d), %d on the 10 inch tablet"
          % (len(q), QUESTION_BUDGET, len(t.question_screens())), flush=True)


if __name__ == "__main__":
    kd.run_scenario("short_check_test", __doc__, run)
