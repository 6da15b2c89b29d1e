#!/usr/bin/env python3
"""End-to-end: a result a person can follow, on the shipped content (issue 11, item 6).

The real kiosk under Xvfb, sound to a file (SDL's disk audio driver). A standard check is
answered by a participant with much to show: two liked kinds of work, several skills rated
goed, three values, three plan steps. Then the result pages are read as the person gets them:

  1. 24" 1920x1080 (527 mm), Dutch: at most 5 result screens (pages and their parts, so
     nothing is paged within them), in the order code, you, work options, story, plan. On
     each screen every text drawn is said: its letters and digits appear, in order, in the
     words of the clips the kiosk was given (the PO files), and the sound that played holds
     those clips (non-silent time within 15 % of the clips' own, measured with sox). The work
     page shows each option's picture and name, the chance of work as a scale of five marks,
     as many full as its words say (no percentage, no figure), and the source and the
     "example figures" notice; all said.
  2. The same check in English: the work page's source and example notice in English, said;
     nothing Dutch from the prospects file ("VOORBEELDDATA") on any result screen.
  3. The 10" tablet (1280x800, 217 mm): every part of every result page says what it shows;
     the number of result screens is printed.
  4. On every run, the plan page: each step's "when" is drawn beside the calendar picture its
     question showed (the when3 answer's picture), left of its words, clear of every text.
  5. Follow-up (24", Dutch): the code of the check again, every statement now true; then and
     now on every part of the comparison as pictures: per statement the pack's yes or no
     picture for then and for now, and a picture for the change (ui_pictures change_more,
     change_less, change_same) as many times as its word is said, beside its word; no picture
     over a drawn text. Screenshots in the artifacts (followup-compare-N.png).
  6. The same follow-up in Arabic: the arrows are drawn mirrored (the yes/no pictures not), each
     change picture before its word from the right.

Prints "N passed, M failed" last; exits non-zero on any failure.
"""
import argparse
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_driver as kd  # noqa: E402
from full_check_test import load_content, po_texts, score  # noqa: E402
from speech_sequence_test import nonsilent_seconds, recorded_seconds, audio_now  # noqa: E402

TOLERANCE = 0.15
MAX_RESULT_SCREENS = 5
PAGE_ORDER = ["code", "you", "work", "story", "plan"]
# Which page a screen belongs to, by the first thing it says (a part of "you" may begin with
# any of its three groups).
PAGE_OF = {"ui.code.give": "code", "ui.result.interests_title": "you", "ui.result.strengths_title": "you",
           "ui.result.values_title": "you", "ui.result.occupation_title": "work", "ui.result.story_title": "story",
           "ui.result.plan_title": "plan"}
BANDS = ["zeer_ruim", "ruim", "evenwicht", "krap", "zeer_krap"]


def choose(item, key):
    """A participant with much to show, picked by tags (never by wording): likes practical and
    social work, is good at the first five skills, picks three values and three plan steps."""
    tags = item.get("tags", {})
    opts = item["options"]
    by_score = sorted((o for o in opts if score(o) == score(o)), key=score)
    if "riasec" in tags:
        return [by_score[-1]["id"] if tags["riasec"] in ("R", "S") else by_score[len(by_score) // 2]["id"]]
    if "skill" in tags:
        return [by_score[-1]["id"]]
    if "behaviour" in tags:
        return [by_score[len(by_score) // 2]["id"]]
    most = item.get("max_choices", 1)
    for wanted_tag, wanted in (("riasec", ("R", "S")), ("skill", None), ("value", None), ("action", None),
                               ("when", ("week",)), ("sector", ("logistiek",)), ("barrier", ("travel",)),
                               ("network", ("family",))):
        picks = [o["id"] for o in opts if wanted_tag in o.get("tags", {})
                 and (wanted is None or o["tags"][wanted_tag] in wanted)]
        if picks:
            return picks[:most]
    return [opts[0]["id"]]


def letters(text):
    """What is said of a text: its letters and digits, lower case (punctuation and spacing are not)."""
    return "".join(c for c in text.lower() if c.isalnum())


def answer_check(k, content, lang):
    """Start -> language -> every question answered -> the first result screen."""
    _, items, _ = load_content(content)
    k.tap("start")
    k.wait_for(screen="language")
    d = k.tap("lang:" + lang)
    n = 0
    while d["screen"] == "question" and n < 200:
        n += 1
        key = d["item"]
        item = items.get(key if key in items else key.rsplit(".", 1)[0])
        if item is not None:
            for p in choose(item, key):
                if any(t["id"] == "answer:" + p for t in d["targets"]):
                    d = k.tap("answer:" + p)
        d = k.tap("nav:next")
        if d["screen"] == "question" and d.get("item") == key:
            d = k.tap("nav:next")  # nothing chosen (not on this page): the nudge, then skip
    return d


def said_as_drawn(res, where, d, words):
    """Every text drawn is in the words of the clips the kiosk was given, in order."""
    keys = [key for key in d.get("speech", []) if key]
    missing = [key for key in keys if key not in words]
    res.check(not missing, "%s: every clip has words in the language" % where, missing)
    spoken = "".join(letters(words.get(key, "")) for key in keys)
    unsaid = [t for t in d["texts"] if letters(t) and letters(t) not in spoken]
    res.check(keys and not unsaid, "%s: every line drawn is said (%d texts, %d clips)" % (where, len(d["texts"]), len(keys)),
              unsaid)
    return keys


def wait_said(k, d, timeout):
    """Polls until the clips of this screen have all played; returns the dump."""
    n = len(d.get("speech", []))
    return k.wait_for(pred=lambda x: x.get("opening") == d.get("opening") and x.get("speech_at", -1) >= n,
                      timeout=timeout)


# The kiosk plays at the operator's level, 80 % by default (settings/kiosk_settings.h), 0.3 dB
# a percent under full (sound/volume.cpp): the clips are measured at that gain, as they sound.
PLAYED_GAIN = 10 ** ((80 - 100) * 0.3 / 20)


def clip_seconds(content, lang, key):
    path = kd.clip_path(content, lang, key)
    return nonsilent_seconds([path], PLAYED_GAIN) if os.path.exists(path) else 0.0


def check_work_page(res, where, d, content):
    """The work options: pictures, names, a scale of five marks that says what its words say."""
    check, _, occupations = load_content(content)
    full_mark, empty_mark = check["ui_pictures"]["scale_full"], check["ui_pictures"]["scale_empty"]
    texts = d["texts"]
    res.check(not any("%" in t or re.search(r"\d", t) for t in texts), "%s: no percentage or figure shown" % where,
              [t for t in texts if "%" in t or re.search(r"\d", t)])
    shown = [key for key in d["speech"] if key.startswith("occupation_plain.")]
    res.check(1 <= len(shown) <= 5, "%s: %d work options shown and said" % (where, len(shown)), shown)
    bands = [key.split(".", 1)[1] for key in d["speech"] if key.startswith("prospect.")]
    marks = [p for p in d["pictures"] if p["picture"] in (full_mark, empty_mark)]
    full = sum(1 for p in marks if p["picture"] == full_mark)
    res.check(len(marks) == 5 * len(bands) and full == sum(BANDS.index(b) + 1 for b in bands),
              "%s: the chance of work as a scale of 5 marks per option, as full as its words say" % where,
              (len(marks), full, bands))
    pictures = {p["picture"] for p in d["pictures"]}
    by_id = {o["id"]: o["picture"] for o in occupations}
    res.check(all(by_id.get(key.split(".", 1)[1]) in pictures for key in shown),
              "%s: each option has its picture" % where, [key for key in shown if by_id.get(key.split(".", 1)[1]) not in pictures])


def check_sources(res, where, work_screens, words, lang):
    """Somewhere on the work page (on every part at 24 inch; a part of its own on a small
    screen) where the figures come from is shown and said in the person's language."""
    found = [(key, d) for d in work_screens for key in d["speech"] if key.startswith("prospect_source.")]
    res.check(found and all(any(words.get(key, "?") in t for t in d["texts"]) for key, d in found),
              "%s: where the figures come from is shown and said in the person's language" % where,
              [key for key, _ in found])
    example = [key for key, _ in found if "voorbeeld" in key]
    res.check(not example or all(("example" if lang == "en" else "voorbeeld") in words.get(key, "").lower()
                                 for key in example),
              "%s: example figures say so, in the person's language" % where, [words.get(key) for key in example])


def box(p):
    return (p["x"], p["y"], p["w"], p["h"])


def overlaps(a, b, slack=1.0):
    return (a[0] + slack < b[0] + b[2] and b[0] + slack < a[0] + a[2] and
            a[1] + slack < b[1] + b[3] and b[1] + slack < a[1] + a[3])


def beside(res, where, d, picture, words, rtl=False):
    """The picture is drawn before the words (as drawn: left of them, right in a right-to-left
    language), at their height."""
    pics = [box(p) for p in d["pictures"] if p["picture"] == picture]
    drawn = [x["drawn"] for x in d.get("drawn_texts", []) if x["text"] == words]

    def before(p, t):
        if rtl:
            return p[0] >= t[0] + t[2] - 1 and p[0] - (t[0] + t[2]) < 60
        return p[0] + p[2] <= t[0] + 1 and t[0] - (p[0] + p[2]) < 60
    ok = any(before(p, t) and p[1] < t[1] + t[3] and t[1] < p[1] + p[3] for p in pics for t in drawn)
    res.check(ok, "%s: picture %s beside %r" % (where, picture, words), (pics, drawn))


def pictures_clear_of_texts(res, where, d, codes):
    hits = [(p["picture"], x["text"]) for p in d["pictures"] if p["picture"] in codes
            for x in d.get("drawn_texts", []) if overlaps(box(p), x["drawn"])]
    res.check(not hits, "%s: the pictures lie over no text" % where, hits)


def check_plan_page(res, where, d, content, words):
    """Each plan step's "when" with the calendar picture its question showed."""
    check, _, _ = load_content(content)
    when = {"answers.when3." + o["id"]: o["picture"] for o in check["answer_sets"]["when3"]}
    said = [key for key in d["speech"] if key in when]
    res.check(said, "%s: the steps' when is said" % where, d["speech"])
    for key in said:
        beside(res, where, d, when[key], words.get(key, "?"))
    pictures_clear_of_texts(res, where, d, set(when.values()))


def walk_result(res, k, d, content, lang, name, shot, listen):
    """Reads every result screen up to consent; returns the list of (first clip, keys) per screen."""
    words = po_texts(content, lang)
    screens, work_screens = [], []
    while d["screen"] == "result" and len(screens) < 40:
        where = "%s, result screen %d" % (name, len(screens) + 1)
        keys = said_as_drawn(res, where, d, words)
        screens.append((keys[0] if keys else "", keys))
        shot("result-%d" % len(screens))
        if any(key.startswith("occupation_plain.") for key in keys):
            check_work_page(res, where, d, content)
        if keys and keys[0] == "ui.result.occupation_title":
            work_screens.append(d)
        if "ui.result.plan_title" in keys:
            check_plan_page(res, where, d, content, words)
        res.check(not any("VOORBEELDDATA" in t for t in d["texts"]) or lang == "nl",
                  "%s: nothing untranslated from the prospects file" % where)
        if listen:
            start = listen["start"]
            expected = sum(clip_seconds(content, lang, key) for key in keys)
            d = wait_said(k, d, timeout=expected * 2 + 30)
            heard = recorded_seconds(k, start, audio_now(k), listen["work"])
            res.check(abs(heard - expected) <= TOLERANCE * expected,
                      "%s: the sound holds its clips (%.1f s heard, %.1f s in the clips)" % (where, heard, expected))
            listen["start"] = audio_now(k)
        d = k.tap("nav:next")
    res.check(d["screen"] == "consent", "%s: after the result, consent" % name, kd.describe(d))
    check_sources(res, "%s, the work options" % name, work_screens, words, lang)
    return screens


def run_size(args, res, art, name, w, h, mm, lang, listen):
    data = kd.temp_dir("werkcheck-result-")
    work = kd.temp_dir("werkcheck-result-audio-")
    try:
        with kd.Xvfb(w, h) as x, kd.Kiosk(args.bin, args.content, data, x, screen_width_mm=mm) as k:
            def shot(tag):
                kd.screenshot(x, os.path.join(art, "%s-%s.png" % (name, tag)))

            d = answer_check(k, args.content, lang)
            res.check(d["screen"] == "result", "%s: the questions lead to the result" % name, kd.describe(d))
            state = {"start": audio_now(k), "work": work} if listen else None
            screens = walk_result(res, k, d, args.content, lang, name, shot, state)
            firsts = []
            for first, _ in screens:
                page = PAGE_OF.get(first, first)
                if not firsts or firsts[-1] != page:
                    firsts.append(page)
            print("%s: %d result screens: %s" % (name, len(screens), ", ".join(f for f, _ in screens)), flush=True)
            return screens, firsts
    except kd.KioskError as e:
        res.error(name, e)
        return [], []
    finally:
        kd.remove_dir(data)
        kd.remove_dir(work)


def check_compare(res, where, d, content, words, rtl=False):
    """Then and now in pictures (see 5. above)."""
    check, items, _ = load_content(content)
    ui = check["ui_pictures"]
    change = {"ui.followup.more": ui["change_more"], "ui.followup.less": ui["change_less"],
              "ui.followup.same": ui["change_same"]}
    behaviour = {key for key in words if any(key == "%s.%s" % (i, o["id"]) for i, it in items.items()
                                             for o in it["options"] if "behaviour" in o.get("tags", {}))}
    shown = [t for t in d["texts"] if any(words.get(key) == t for key in behaviour)]
    yes_no = [p for p in d["pictures"] if p["picture"] in (ui["yes"], ui["no"])]
    changes = [p for p in d["pictures"] if p["picture"] in change.values()]
    res.check(shown and len(yes_no) == 2 * len(shown) and len(changes) == len(shown),
              "%s: %d statements, each with then and now as yes/no pictures and its change as a picture" %
              (where, len(shown)), (len(shown), len(yes_no), len(changes)))
    for key, picture in change.items():
        n_words = sum(1 for t in d["texts"] if t == words.get(key))
        n_pics = sum(1 for p in changes if p["picture"] == picture)
        res.check(n_words == n_pics, "%s: %r shown %d times, its picture %d times" % (where, words.get(key), n_words, n_pics))
        if n_words:
            beside(res, where, d, picture, words.get(key), rtl)
    arrows = [p for p in changes if p["picture"] in (ui["change_more"], ui["change_less"])]
    res.check(all(p["mirror_picture"] == rtl for p in arrows) and not any(p["mirror_picture"] for p in yes_no),
              "%s: the arrows %s mirrored, the yes/no pictures not" % (where, "are" if rtl else "are not"),
              [(p["picture"], p["mirror_picture"]) for p in arrows + yes_no])
    pictures_clear_of_texts(res, where, d, {ui["yes"], ui["no"]} | set(change.values()))
    return [p["picture"] for p in changes]


def run_followup(args, res, art, lang):
    """A check, then its follow-up with every statement true: the comparison's pictures."""
    name = "followup-24in-" + lang
    data = kd.temp_dir("werkcheck-result-followup-")
    try:
        with kd.Xvfb(1920, 1080) as x, kd.Kiosk(args.bin, args.content, data, x, screen_width_mm=527) as k:
            words = po_texts(args.content, lang)
            d = answer_check(k, args.content, lang)
            n = 0
            while d["screen"] == "result" and n < 40:
                n += 1
                d = k.tap("nav:next")
            d = k.tap("consent:yes")
            if d["screen"] == "consent":
                d = k.tap("nav:next")
            code = next((t.replace(" ", "") for t in d["texts"] if len(t.replace(" ", "")) == 10
                         and t.replace(" ", "").isdigit()), "")
            res.check(code, "%s: the closing screen shows the code" % name, d["texts"])
            k.tap("done")
            d = k.tap("returning")
            for c in code:
                d = k.tap("key:" + c)
            d = k.tap("key:ok")
            res.check(d.get("item") == "followup.steps", "%s: the code opens the follow-up" % name, kd.describe(d))
            d = k.tap("nav:next")
            if d.get("item") == "followup.steps":
                d = k.tap("nav:next")  # nothing chosen: the nudge, then skip
            while d["screen"] == "question":
                for page in range(max(1, d.get("pages", 1))):  # now: every statement is true
                    if page > 0:
                        d = k.tap("page:more")
                    for t in [t for t in d["targets"] if t["id"].startswith("answer:") and not t["selected"]]:
                        d = k.tap(t["id"])
                d = k.tap("nav:next")
            part, seen = 0, []
            while d["screen"] == "result" and part < 10:
                part += 1
                kd.screenshot(x, os.path.join(art, "%s-compare-%d.png" % (name, part)))
                seen += check_compare(res, "%s, then and now part %d" % (name, part), d, args.content, words, lang == "ar")
                d = k.tap("nav:next")
            res.check(d["screen"] == "consent", "%s: after then and now, consent" % name, kd.describe(d))
            print("%s: %d parts, change pictures %s" % (name, part, seen), flush=True)
    except kd.KioskError as e:
        res.error(name, e)
    finally:
        kd.remove_dir(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--content", required=True)
    ap.add_argument("--only", help="one run by name: 24in-527mm-nl, 24in-527mm-en, 10in-217mm-nl, followup-24in-nl or followup-24in-ar")
    args = ap.parse_args()
    kd.install_sigterm_cleanup()
    res = kd.Results(verbose=True)  # the figures are in the checks' names
    art = kd.artifacts_dir("result_pages")
    started = time.monotonic()
    if args.only in (None, "24in-527mm-nl"):
        screens, order = run_size(args, res, art, "24in-527mm-nl", 1920, 1080, 527, "nl", listen=True)
        res.check(0 < len(screens) <= MAX_RESULT_SCREENS,
                  "24 inch: at most %d result screens (%d)" % (MAX_RESULT_SCREENS, len(screens)))
        res.check(order == PAGE_ORDER, "24 inch: code, you, work options, story, plan", order)
    if args.only in (None, "24in-527mm-en"):
        screens, order = run_size(args, res, art, "24in-527mm-en", 1920, 1080, 527, "en", listen=False)
        res.check(0 < len(screens) <= MAX_RESULT_SCREENS,
                  "24 inch in English: at most %d result screens (%d)" % (MAX_RESULT_SCREENS, len(screens)))
        res.check(order == PAGE_ORDER, "24 inch in English: the same pages", order)
    if args.only in (None, "10in-217mm-nl"):
        screens, order = run_size(args, res, art, "10in-217mm-nl", 1280, 800, 217, "nl", listen=False)
        res.check(order == PAGE_ORDER, "10 inch: the same pages, some in parts", order)
    for lang in ("nl", "ar"):  # Arabic: right to left, the arrows mirrored
        if args.only in (None, "followup-24in-" + lang):
            run_followup(args, res, art, lang)
    print("result_pages: %.0f s" % (time.monotonic() - started), flush=True)
    return res.summary()


if __name__ == "__main__":
    sys.exit(main())
