#!/usr/bin/env python3
"""Right to left and the language screen, on the real kiosk under Xvfb, at 24" (1920x1080,
527 mm) and on the 10" tablet (1280x800, 217 mm).

The pack: the unit tests' fixture pack with four more fixture languages beside nl and en
(tests/fixtures/locales-six: ar, marked X-Werkcheck-Direction: rtl, uk, pl, tr), their clips made
by `werkcheck make-audio` with each PO's espeak-ng voice.

Checked:
  - the language screen before a language is chosen: the globe by the title, and the title and
    the words of Listen, Back and Stop in the language whose name is being said;
  - the language screen: all six languages by their own names (pages turned where there are
    more), no flag, every target at least 20 x 20 mm, no drawn text cut or overlapping
    (text_fit_test's checks); the sequence says each name in its own language, and what plays
    on a name's own speaker is that language's clip (its sound envelope matches that clip best
    of the six) made with that language's voice (the clip's source stamp);
  - Arabic: the question screen is mirrored: in the UI dump Next is on the left, Back on the
    right, the cards run from the right, the arrows are marked mirrored; in the screenshot the
    green Next button's pixels lie in the left half, the question's ink ends at the right edge of
    its box, and the arrow on Next points left (its head, the widest column of arrow pixels, is
    left of its middle; in Dutch right of it);
  - the language button on the second question (at least 20 mm, beside the volume button; on
    the other side of it in Arabic): it opens the language screen, Back returns unchanged, Arabic
    returns to the same question mirrored with its answer kept; the answer given in Dutch on the
    first question is still chosen there; the export has one session, locale ar, both answers;
  - the closing screen in Arabic: the participant code reads left to right (its drawn digits'
    order in the dump's text, and its ink centred in its card).
Screenshots go to $WERKCHECK_ARTIFACTS (default <repo>/test-artifacts)/rtl/.
"""
import argparse
import math
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_driver as kd  # noqa: E402
import text_fit_test as fit  # noqa: E402
import text_size_test as size  # noqa: E402

SIZES = [("24in-527mm", 1920, 1080, 527), ("10in-217mm", 1280, 800, 217)]
LANGS = ["nl", "en", "ar", "pl", "tr", "uk"]
FRAME = 220  # samples: 10 ms at 22050 Hz


def make_pack(args, work):
    """The fixture pack with the six languages, and their clips."""
    pack = os.path.join(work, "content")
    shutil.copytree(args.content, pack)
    for f in os.listdir(args.six):
        shutil.copy(os.path.join(args.six, f), os.path.join(pack, "locales", f))
    subprocess.run([args.bin, "make-audio", "--content", pack, "--recorded", args.recorded], check=True,
                   capture_output=True, text=True, timeout=300)
    return pack


def envelope(samples):
    """RMS per 10 ms, leading and trailing quiet taken off."""
    env = []
    for i in range(0, len(samples) - FRAME + 1, FRAME):
        chunk = samples[i:i + FRAME]
        env.append(math.sqrt(sum(s * s for s in chunk) / FRAME))
    peak = max(env) if env else 0
    loud = [i for i, e in enumerate(env) if e > peak * 0.05]
    return env[loud[0]:loud[-1] + 1] if loud else []


def clip_samples(path):
    """A pack clip (Ogg Vorbis) decoded by sox: its samples and its rate."""
    import array
    rate = int(subprocess.run(["soxi", "-r", path], capture_output=True, text=True, check=True).stdout)
    data = subprocess.run(["sox", path, "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", "-"],
                          capture_output=True, check=True).stdout
    a = array.array("h")
    a.frombytes(data[: len(data) - len(data) % 2])
    return a, rate


def raw_samples(path, start, end):
    import array
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(max(0, end - start))
    a = array.array("h")
    a.frombytes(data[: len(data) - len(data) % 2])
    return a


def correlation(a, b):
    n = min(len(a), len(b))
    if n < 5:
        return -1.0
    a, b = a[:n], b[:n]
    ma, mb = sum(a) / n, sum(b) / n
    sa = math.sqrt(sum((x - ma) ** 2 for x in a))
    sb = math.sqrt(sum((y - mb) ** 2 for y in b))
    if sa == 0 or sb == 0:
        return -1.0
    # Shorter against longer: a clip that stops early is not the same clip.
    return sum((x - ma) * (y - mb) for x, y in zip(a, b)) / (sa * sb) * n / max(len(a), len(b), n)


def heard_after(k, start, seconds=4.0):
    """The audio the kiosk played from byte `start` until it has been quiet for 0.4 s."""
    import time
    deadline = time.monotonic() + seconds
    kd.sound_after(k.audio_path, start, seconds=2.0)
    while time.monotonic() < deadline:
        if kd.tail_rms(k.audio_path, 0.4) < 20 and kd.audio_size(k.audio_path) - start > 22050:
            break
        time.sleep(0.1)
    return raw_samples(k.audio_path, start, kd.audio_size(k.audio_path))


def wait_quiet(k, seconds=60):
    """Until the kiosk has said all it was given and the audio is quiet."""
    import time
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        d = k.dump()
        if d and d.get("speech_at", 0) >= len(d.get("speech", [])) and kd.tail_rms(k.audio_path, 0.5) < 20:
            return
        time.sleep(0.2)


def po_voice(pack, lang):
    for name in (lang, "screens-" + lang):
        path = os.path.join(pack, "locales", name + ".po")
        if os.path.exists(path):
            for line in open(path, encoding="utf-8"):
                if line.startswith('"X-Werkcheck-Voice: '):
                    return line.split(": ", 1)[1].split("\\n")[0]
    return None


def arrow_head_side(img, rect):
    """-1 when the arrow on the green Next button points left, +1 right: OpenMoji's arrow is a
    black outline on the button's white disc (the word is white on green, the green is lighter
    than the threshold); the column with the most arrow pixels is its head, against the middle of
    the arrow's extent."""
    w, h, data = img
    x0, y0, x1, y1 = [int(round(v)) for v in (rect["x"], rect["y"], rect["x"] + rect["w"], rect["y"] + rect["h"])]
    cols = {}
    for y in range(max(0, y0), min(h, y1)):
        for x in range(max(0, x0), min(w, x1)):
            i = (y * w + x) * 3
            if max(data[i], data[i + 1], data[i + 2]) < 70:
                cols[x] = cols.get(x, 0) + 1
    if not cols:
        return 0
    left, right = min(cols), max(cols)
    head = max(cols, key=lambda x: cols[x])
    return -1 if head < (left + right) / 2 else 1


def green_centre_x(img):
    w, h, data = img
    xs = []
    for y in range(0, h, 2):
        for x in range(0, w, 2):
            i = (y * w + x) * 3
            if abs(data[i] - 23) < 6 and abs(data[i + 1] - 89) < 6 and abs(data[i + 2] - 42) < 6:
                xs.append(x)
    return sum(xs) / len(xs) if xs else None


def shown_text(pack, lang, key):
    """The words the kiosk shows for key in lang: its PO files (<lang>.po, screens-<lang>.po),
    else Dutch's, as the kiosk falls back."""
    for code in (lang, "nl"):
        for name in (code, "screens-" + code):
            text = kd.po_text(pack, name, key)
            if text is not None:
                return text
    return None


def said_words(res, art, name, k, pack, x, d, more_w=None):
    """Before a language is chosen: the title, Listen, Back, Stop and (on a paged screen) "Andere
    keuzes" in the language whose card is being said, for each language on the page in turn, the
    page-turn card as large as on the other turns (more_w). Returns its width."""
    for lang in [t["id"][5:] for t in d["targets"] if t["id"].startswith("lang:") and t["id"] != "lang:nl"]:
        d = k.wait_for(pred=lambda dd: any(t.get("speaking") and t["id"] == "lang:" + lang for t in dd["targets"]),
                       timeout=30)
        kd.screenshot(x, os.path.join(art, "%s-language-said-%s.png" % (name, lang)))
        title = kd.po_text(pack, lang, "ui.language.choose")
        labels = {t["id"]: t["label"] for t in d["targets"]}
        res.check(any(t["text"] == title for t in d.get("drawn_texts", [])),
                  "%s: while %s is said, the title is its %r" % (name, lang, title), [t["text"] for t in d["drawn_texts"]][:3])
        keys = [("nav:back", "ui.back"), ("nav:stop", "ui.stop"), ("speak", "ui.speaker")]
        if d.get("pages", 1) > 1:
            keys.append(("page:more", "ui.question.more"))
            more = k.target("page:more", d)
            res.check(more["has_picture"], "%s: the page-turn card keeps its picture" % name)
            res.check(more_w is None or abs(more["w"] - more_w) < 1, "%s: the page-turn card keeps its size" % name,
                      (more["w"], more_w))
            more_w = more["w"]
        for target, key in keys:
            res.check(labels.get(target) == shown_text(pack, lang, key),
                      "%s: while %s is said, %s reads %r" % (name, lang, target, shown_text(pack, lang, key)),
                      labels.get(target))
        p = fit.problems(d)
        res.check(not p, "%s: while %s is said, nothing is cut" % (name, lang), "; ".join(p[:6]))
    return more_w


def words_follow_speech(res, art, name, k, pack, x, d):
    """Before a language is chosen: the globe by the title, the words in the language being said
    (said_words, first page); then a first tap on Back says what it does in the language shown and
    does not leave. Returns the dump with the screen's own sequence and the page-turn card's width."""
    res.check(any(p["picture"] == "1F310" for p in d.get("pictures", [])), "%s: the globe is by the title" % name,
              [p["picture"] for p in d.get("pictures", [])])
    first = d
    more_w = said_words(res, art, name, k, pack, x, d)
    # Back's first tap: its explanation, in the language its words are shown in; still here.
    k.tap("nav:back", expect_change=False)
    d = k.wait_for(pred=lambda dd: dd.get("speech") == ["ui.explain.back"], timeout=10)
    said_in = d["speech_locales"][0]
    back = k.target("nav:back", d)["label"]
    print("%s: the first tap on Back says ui.explain.back in %s, the button reads %r" % (name, said_in, back), flush=True)
    res.check(d["screen"] == "language", "%s: the first tap on Back stays on the language screen" % name, d["screen"])
    res.check(back == shown_text(pack, said_in, "ui.back"),
              "%s: Back is explained in the language it is shown in (%s)" % (name, said_in), back)
    kd.screenshot(x, os.path.join(art, "%s-language-back-explained-%s.png" % (name, said_in)))
    return first, more_w


def language_screen(res, art, name, k, pack, x, with_sound):
    d = k.tap("start")
    res.check(d["screen"] == "language", "%s: the language screen" % name, kd.describe(d))
    d, more_w = words_follow_speech(res, art, name, k, pack, x, d)
    seen = {}
    pages = 0
    while True:
        pages += 1
        p = fit.problems(d)
        res.check(not p, "%s: the language screen, page %d, fits (targets >= 20 mm, nothing cut)" % (name, pages),
                  "; ".join(p[:6]))
        kd.screenshot(x, os.path.join(art, "%s-language-%d.png" % (name, pages)))
        drawn = {t["text"]: t for t in d.get("drawn_texts", [])}
        for t in d["targets"]:
            if not t["id"].startswith("lang:"):
                continue
            lang = t["id"][5:]
            seen[lang] = t
            own = kd.po_text(pack, lang, "language.name")
            res.check(t["label"] == own, "%s: %s is shown by its own name" % (name, lang), (t["label"], own))
            res.check(not t["has_picture"], "%s: %s has no flag" % (name, lang))
            res.check(t["label"] in drawn and not drawn[t["label"]]["cut"], "%s: the name %s is drawn whole" % (name, lang))
            # Said in its own language, its card framed.
            said = [(key, loc) for key, loc in zip(d["speech"], d["speech_locales"])]
            res.check(("language.name", lang) in said, "%s: %s's name is said in %s" % (name, lang, lang), said)
        if d.get("pages", 1) <= 1 or pages >= d["pages"]:
            break
        d = k.tap("page:more")
        more_w = said_words(res, art, name, k, pack, x, d, more_w)
    print("%s: the language screen: %d page(s), %s" % (name, pages, ", ".join(
        "%s %.0fx%.0f mm" % (l, t["w"] / d["window"]["px_per_mm"], t["h"] / d["window"]["px_per_mm"])
        for l, t in sorted(seen.items()))), flush=True)
    res.check(sorted(seen) == sorted(LANGS), "%s: all six languages are offered" % name, sorted(seen))
    if pages > 1:
        d = k.tap("page:more")  # back to the first page
    if with_sound:
        clips = {}
        for lang in LANGS:
            path = kd.clip_path(pack, lang, "language.name")
            samples, rate = clip_samples(path)
            res.check(rate == kd.AUDIO_RATE, "%s: the %s clip is at the kiosk's rate" % (name, lang), rate)
            clips[lang] = envelope(samples)
            stamp = open(os.path.join(pack, "audio", lang, "language.name.source"), encoding="utf-8").read()
            res.check(stamp.split("\n")[0] == po_voice(pack, lang),
                      "%s: the %s name was made with its PO's voice %s" % (name, lang, po_voice(pack, lang)), stamp)
        wait_quiet(k)  # the screen's own sequence first: six prompts and names
        for lang in LANGS:
            d = k.dump()
            if not any(t["id"] == "listen:" + lang for t in d["targets"]):
                d = k.tap("page:more")
            start = kd.audio_size(k.audio_path)
            k.tap("listen:" + lang, expect_change=False)
            heard = envelope(heard_after(k, start))
            scores = {other: correlation(heard, env) for other, env in clips.items()}
            best = max(scores, key=lambda o: scores[o])
            res.check(best == lang and scores[lang] > 0.8,
                      "%s: tapping %s's speaker plays its name in its own voice (envelope match %.2f)"
                      % (name, lang, scores[lang]), scores)
            res.check(k.dump()["screen"] == "language", "%s: hearing %s chooses nothing" % (name, lang))
    return k.dump()


def language_button(res, art, name, k, x, d, item):
    """On a question in the middle of the check: the language button (at least 20 mm, beside
    the volume button) opens the language screen; Back returns unchanged; Arabic returns to the
    same question, its answer kept, the screen mirrored."""
    ppm = d["window"]["px_per_mm"]
    b, vol = k.target("language", d), k.target("volume", d)
    res.check(b["w"] / ppm >= 20 and b["h"] / ppm >= 20, "%s: the language button is %.1f x %.1f mm"
              % (name, b["w"] / ppm, b["h"] / ppm))
    res.check(b["x"] + b["w"] <= vol["x"] and abs(b["y"] - vol["y"]) < 1,
              "%s: the language button stands left of the volume button (Dutch)" % name, (b, vol))
    d = k.tap("language")
    res.check(d["screen"] == "language", "%s: the language button opens the language screen" % name, kd.describe(d))
    d = k.tap("nav:back")
    res.check(d["screen"] == "question" and d.get("item") == item and d["locale"] == "nl"
              and k.target("answer:niet_leuk", d)["selected"],
              "%s: Back from it returns to the same question unchanged" % name, kd.describe(d))
    d = k.tap("language")
    while not any(t["id"] == "lang:ar" for t in d["targets"]):
        d = k.tap("page:more")
    d = k.tap("lang:ar")
    d = k.wait_for(screen="question", pred=lambda dd: dd.get("locale") == "ar")
    kd.screenshot(x, os.path.join(art, "%s-question2-ar.png" % name))
    res.check(d.get("item") == item, "%s: Arabic returns to the same question (%s)" % (name, item), d.get("item"))
    res.check(d["rtl"], "%s: the next screen after the change is mirrored" % name)
    res.check(k.target("answer:niet_leuk", d)["selected"], "%s: the answer given there in Dutch is kept" % name)
    b, vol = k.target("language", d), k.target("volume", d)
    res.check(b["x"] >= vol["x"] + vol["w"], "%s: in Arabic the language button stands right of the volume button" % name,
              (b, vol))
    res.check(b["label"] == "اللغة", "%s: the button's word is Arabic" % name, b["label"])
    p = fit.problems(d)
    res.check(not p, "%s: the Arabic second question fits" % name, "; ".join(p[:6]))
    return d


def arabic_question(res, art, name, k, pack, x):
    d = k.dump()
    if not any(t["id"] == "lang:nl" for t in d["targets"]):
        d = k.tap("page:more")
    d = k.tap("lang:nl")
    res.check(d["screen"] == "question" and not d["rtl"], "%s: Dutch is left to right" % name, kd.describe(d))
    d = k.tap("answer:leuk")
    nl_shot = kd.screenshot(x, os.path.join(art, "%s-question-nl.png" % name))
    nl_img = size.load_rgb(nl_shot)
    nl_next = k.target("nav:next", d)
    res.check(arrow_head_side(nl_img, nl_next) == 1, "%s: in Dutch the arrow on Next points right" % name)
    # The second question, answered in Dutch; there the language button changes to Arabic.
    d = k.tap("nav:next")
    second = d.get("item")
    d = k.tap("answer:niet_leuk")
    kd.screenshot(x, os.path.join(art, "%s-question2-nl.png" % name))
    d = language_button(res, art, name, k, x, d, second)
    # Back to the first question, in Arabic now.
    d = k.tap("nav:back")
    d = k.wait_for(screen="question", pred=lambda dd: dd.get("item") == "werk_plezier.handen")
    shot = kd.screenshot(x, os.path.join(art, "%s-question-ar.png" % name))
    img = size.load_rgb(shot)
    W = d["window"]["w"]
    res.check(d["rtl"], "%s: the Arabic question screen is right to left" % name)
    nxt, back = k.target("nav:next", d), k.target("nav:back", d)
    res.check(nxt["x"] + nxt["w"] <= W / 2 and back["x"] >= W / 2,
              "%s: Next is on the left, Back on the right (dump)" % name, (nxt["x"], back["x"]))
    cards = [t for t in d["targets"] if t["id"].startswith("answer:")]
    res.check([t["id"] for t in sorted(cards, key=lambda t: -t["x"])] == ["answer:leuk", "answer:weet_niet", "answer:niet_leuk"],
              "%s: the cards run from the right" % name, [(t["id"], t["x"]) for t in cards])
    res.check(k.target("answer:leuk", d)["selected"], "%s: the answer given in Dutch is still chosen" % name)
    res.check(nxt["mirror_picture"] and back["mirror_picture"], "%s: the arrows are marked mirrored" % name)
    gx = green_centre_x(img)
    res.check(gx is not None and gx < W / 2, "%s: the green Next button is in the left half of the screenshot" % name, gx)
    res.check(arrow_head_side(img, nxt) == -1, "%s: in Arabic the arrow on Next points left (pixels)" % name)
    question = kd.po_text(pack, "ar", "werk_plezier.handen")
    q = next((t for t in d.get("drawn_texts", []) if t["text"] == question), None)
    res.check(q is not None, "%s: the Arabic question is drawn" % name, [t["text"] for t in d.get("drawn_texts", [])])
    if q:
        box, drawn = q["box"], q["drawn"]
        res.check(abs((drawn[0] + drawn[2]) - (box[0] + box[2])) < 2 and drawn[0] > box[0] + 10,
                  "%s: the question is aligned right in its box (dump)" % name, (box, drawn))
        mask = size.text_mask(img, (box[0], box[1], box[0] + box[2], box[1] + box[3]))
        if mask:
            right = max(px for px, _ in mask)
            left = min(px for px, _ in mask)
            res.check(box[0] + box[2] - right < 12 and left - box[0] > 10,
                      "%s: the question's ink ends at the right edge of its box (pixels: %.0f px from it, %.0f px "
                      "free on the left)" % (name, box[0] + box[2] - right, left - box[0]), (box, left, right))
        else:
            res.check(False, "%s: the question's ink is found in the screenshot" % name)
    p = fit.problems(d)
    res.check(not p, "%s: the Arabic question screen fits" % name, "; ".join(p[:6]))
    return d


def arabic_code(res, art, name, k, x):
    d = k.dump()
    n = 0
    while d["screen"] == "question" and n < 30:  # an unanswered question: a second Next skips it
        n += 1
        d = k.tap("nav:next")
    while d["screen"] == "result" and n < 60:
        n += 1
        d = k.tap("nav:next")
    if d["screen"] == "consent":
        d = k.tap("consent:yes")
        if d["screen"] == "consent":
            d = k.tap("nav:next")
    res.check(d["screen"] == "closing" and d["rtl"], "%s: the Arabic closing screen" % name, kd.describe(d))
    shot = kd.screenshot(x, os.path.join(art, "%s-closing-ar.png" % name))
    code = next((t for t in d["texts"] if len(t.replace(" ", "")) >= 8 and t.replace(" ", "").isalnum()
                 and any(c.isdigit() for c in t)), None)
    res.check(code is not None, "%s: the closing screen shows the code" % name, d["texts"])
    if not code:
        return
    # The code's groups in the export's order: the drawn text is the code as stored, left to right.
    sessions = kd.export(k.binary, k.data_dir)
    stored = [s["code"] for s in sessions if s.get("locale") == "ar"]
    res.check(len(sessions) == 1 and sessions[0].get("locale") == "ar",
              "%s: one session, its locale ar in the export" % name, [s.get("locale") for s in sessions])
    answers = sessions[0].get("answers", {}) if sessions else {}
    res.check(answers.get("werk_plezier.handen") == ["leuk"] and answers.get("werk_plezier.zorgen") == ["niet_leuk"],
              "%s: the answers given in Dutch before the change are in the export" % name, answers)
    res.check(code.replace(" ", "") in stored, "%s: the code shown is the stored code, in its order" % name,
              (code, stored))
    q = next((t for t in d.get("drawn_texts", []) if t["text"] == code), None)
    if q:
        img = size.load_rgb(shot)
        box = q["drawn"]  # the lines' box, inside the card (its frame is not ink of the code)
        mask = size.text_mask(img, (box[0] - 2, box[1], box[0] + box[2] + 2, box[1] + box[3]))
        groups = code.split(" ")
        # Reading the ink left to right: gaps between the groups split it into len(groups) blobs
        # whose widths follow the groups' lengths (3 3 4: the widest last). Right to left it
        # would be 4 3 3.
        # Reading the ink left to right, split at the widest gaps (one fewer than the groups):
        # the widths follow the groups' lengths (3 3 4: the widest last). Right to left it would
        # be 4 3 3.
        cols = sorted({px for px, _ in mask})
        gaps = sorted(((cols[i + 1] - cols[i], i) for i in range(len(cols) - 1)), reverse=True)[:len(groups) - 1]
        cuts = sorted(i for _, i in gaps)
        runs, first = [], 0
        for i in cuts + [len(cols) - 1]:
            runs.append((cols[first], cols[i]))
            first = i + 1
        widths = [b - a for a, b in runs]
        ok = len(runs) == len(groups) and all(
            (len(groups[i]) > len(groups[j])) == (widths[i] > widths[j] + 0.15 * widths[j])
            for i in range(len(groups)) for j in range(len(groups)) if len(groups[i]) != len(groups[j]))
        res.check(ok, "%s: the code's groups are drawn left to right (%s, ink groups %s px wide)" % (name, code, widths),
                  runs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--content", required=True, help="the unit tests' built fixture pack")
    ap.add_argument("--six", required=True, help="tests/fixtures/locales-six")
    ap.add_argument("--recorded", required=True, help="tests/fixtures/recorded")
    ap.add_argument("--only", help="one size by name")
    args = ap.parse_args()
    kd.install_sigterm_cleanup()
    res = kd.Results()
    art = kd.artifacts_dir("rtl")
    work = kd.temp_dir("werkcheck-rtl-")
    try:
        pack = make_pack(args, work)
        for i, (name, w, h, mm) in enumerate(SIZES):
            if args.only and args.only != name:
                continue
            data = kd.temp_dir("werkcheck-rtl-data-")
            try:
                with kd.Xvfb(w, h) as x, kd.Kiosk(args.bin, pack, data, x, screen_width_mm=mm) as k:
                    language_screen(res, art, name, k, pack, x, with_sound=(i == 0))
                    arabic_question(res, art, name, k, pack, x)
                    arabic_code(res, art, name, k, x)
            except kd.KioskError as e:
                res.error(name, e)
            finally:
                kd.remove_dir(data)
    finally:
        kd.remove_dir(work)
    return res.summary()


if __name__ == "__main__":
    sys.exit(main())
