#!/usr/bin/env python3
"""End-to-end: the participant code early and hearable, and the participant's volume button, on
the real kiosk under Xvfb (fixture pack, 1280x800, 338 mm) with SDL's disk audio.

  1. The volume button: on the language screen the speaker's words are measured (RMS of what
     is heard), one tap on the volume button (80 % -> 100 %, +6 dB) plays the sample, and the same
     words again are measurably louder (1.6 to 2.6 times the RMS). The next person starts at the
     operator's level again (the same words as quiet as the first time).
  2. The code: the first result page's dump shows the code (three groups of digits from
     0123456 8, the stored code), and what it says is not silent and at least as long as the
     code's own clips (the ten digits, measured the same way in the pack's clips, decoded by sox).
  3. Stopping on a result page: the stop question shows the same code.
  4. Headphones in kiosk.json: the language screen shows and says "Zet de koptelefoon op." and
     plays no louder than the cap (70 %) even after the volume button.

Prints "N passed, M failed" last; exits non-zero on any failure.
Screenshots go to $WERKCHECK_ARTIFACTS (default <repo>/test-artifacts)/code_volume/.
"""
import array
import json
import math
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_driver as kd  # noqa: E402

SILENCE_RMS = 30.0     # raw S16: what the disk driver writes between clips is 0
WINDOW_S = 0.02        # speech is measured in 20 ms windows
VOICED_FULL = 300.0    # a window of a clip at full scale counts as speech above this RMS
CODE_RE = re.compile(r"^[0-68]{3} [0-68]{3} [0-68]{4}$")


def samples_of(raw):
    raw = raw[: len(raw) - len(raw) % 2]
    s = array.array("h")
    s.frombytes(raw)
    if sys.byteorder == "big":
        s.byteswap()
    return s


def windows(samples, rate=kd.AUDIO_RATE):
    n = int(rate * WINDOW_S)
    for i in range(0, len(samples) - n + 1, n):
        w = samples[i:i + n]
        yield math.sqrt(sum(x * x for x in w) / n)


def voiced_seconds(samples, threshold):
    return sum(WINDOW_S for r in windows(samples) if r > threshold)


def voiced_rms(samples, threshold):
    """RMS over the windows that hold speech: the loudness of the words, not of the pauses."""
    ws = [r for r in windows(samples) if r > threshold]
    return math.sqrt(sum(r * r for r in ws) / len(ws)) if ws else 0.0


def clip_samples(content, lang, key):
    return samples_of(kd.clip_pcm(kd.clip_path(content, lang, key)))


def gain(percent):  # sound/volume.cpp: 10..100 % spans -27 dB .. 0 dB
    return 10 ** ((min(max(percent, 10), 100) - 100) * 0.3 / 20)


def wait_quiet(k, timeout=40, quiet_s=1.5):
    """Until the kiosk has written quiet_s of silence: what it was saying is over (the longest
    silence inside speech is a pause between the code's groups, 0.5 s + the 0.35 s gap)."""
    deadline = time.monotonic() + timeout
    while kd.tail_rms(k.audio_path, quiet_s) > SILENCE_RMS and time.monotonic() < deadline:
        time.sleep(0.1)
    return kd.tail_rms(k.audio_path, quiet_s) <= SILENCE_RMS


def position(k):
    p = kd.audio_size(k.audio_path)
    return p - p % 2


def heard(k, start, timeout=40):
    """What the kiosk said from byte `start` until it fell quiet, as samples."""
    kd.sound_after(k.audio_path, start, seconds=5, threshold=SILENCE_RMS)
    wait_quiet(k, timeout)
    with open(k.audio_path, "rb") as f:
        f.seek(start)
        return samples_of(f.read(position(k) - start))


def say_again(k):
    """Taps the speaker and returns what it said."""
    wait_quiet(k)
    start = position(k)
    k.tap("speak", expect_change=False)
    return heard(k, start)


def write_settings(data, settings):
    os.makedirs(data, exist_ok=True)
    with open(os.path.join(data, "kiosk.json"), "w", encoding="utf-8") as f:
        json.dump(settings, f)


def run(args, res):
    content = args.content
    give = kd.po_text(content, "screens-nl", "ui.code.give")
    put_on = kd.po_text(content, "screens-nl", "ui.headphones.put_on")
    res.check(give and "Geef deze code aan je coach." in give and put_on, "the pack has the words", (give, put_on))
    art = kd.artifacts_dir("code_volume")
    kd.remove_dir(art)
    art = kd.artifacts_dir("code_volume")
    data = kd.temp_dir("werkcheck-codevol-")
    write_settings(data, {"volume_percent": 80})
    shots = [0]
    try:
        with kd.Xvfb(1280, 800) as x, kd.Kiosk(args.bin, content, data, x, screen_width_mm=338) as k:

            def shot(name):
                shots[0] += 1
                kd.screenshot(x, os.path.join(art, "%02d-%s.png" % (shots[0], name)))

            # 1. Louder is louder, at once; the next person starts at the operator's level.
            d = k.tap("start")
            res.check(d["screen"] == "language", "start -> language", kd.describe(d))
            vol = k.target("volume", d)
            mm = 1280 / 338.0
            res.check(vol["w"] >= 20 * mm and vol["h"] >= 20 * mm, "the volume button is 20 x 20 mm or more",
                      (vol["w"] / mm, vol["h"] / mm))
            shot("language")
            first = say_again(k)
            rms80 = voiced_rms(first, VOICED_FULL * gain(80) / 2)
            res.check(rms80 > SILENCE_RMS * 3, "the speaker's words are heard at 80 %% (RMS %.0f)" % rms80, rms80)
            wait_quiet(k)
            start = position(k)
            d = k.tap("volume")
            sample = heard(k, start)
            res.check(voiced_seconds(sample, VOICED_FULL * gain(100) / 2) > 0.5,
                      "a tap on the volume button is heard at once (a sample)", len(sample))
            res.check(k.target("volume", d)["label"] != vol["label"], "the button shows the new level",
                      (vol["label"], k.target("volume", d)["label"]))
            louder = say_again(k)
            rms100 = voiced_rms(louder, VOICED_FULL * gain(80) / 2)
            ratio = rms100 / rms80 if rms80 else 0
            res.check(1.6 <= ratio <= 2.6, "after one tap the same words are louder: RMS %.0f -> %.0f (x%.2f, 6 dB is x2)"
                      % (rms80, rms100, ratio), ratio)
            k.tap("nav:back", expect_change=False)  # no language chosen yet: says what Back does
            d = k.tap("nav:back")  # and now does it: back to the start, the next person
            res.check(d["screen"] == "attract", "back -> attract", kd.describe(d))
            k.tap("start")
            again = say_again(k)
            rms_next = voiced_rms(again, VOICED_FULL * gain(80) / 2)
            res.check(rms_next and abs(rms_next / rms80 - 1) < 0.15,
                      "the next person starts at the operator's level (RMS %.0f, first %.0f)" % (rms_next, rms80),
                      rms_next)

            # 2. The code on the first result page, shown and heard.
            d = k.tap("lang:nl")
            while d["screen"] == "question":
                chosen = [t for t in d["targets"] if t["id"].startswith("answer:")]
                d = k.tap(chosen[0]["id"])
                d = k.tap("nav:next")
            res.check(d["screen"] == "result", "after the questions: the result", kd.describe(d))
            d = k.wait_for(screen="result", timeout=5)
            codes = [t for t in d["texts"] if CODE_RE.match(t)]
            res.check(len(codes) == 1, "the first result page shows one code like 350 612 4083", d["texts"])
            res.check(give in d["texts"] or any(give in t for t in d["texts"]), "it says what the code is for", d["texts"])
            shot("result-code")
            said = say_again(k)
            code = codes[0].replace(" ", "") if codes else ""
            digits = [clip_samples(content, "nl", "char." + c) for c in code]
            digits_s = sum(voiced_seconds(s, VOICED_FULL) for s in digits)
            said_s = voiced_seconds(said, VOICED_FULL * gain(80))
            res.check(said_s > 0 and kd.audio_rms(k.audio_path) > SILENCE_RMS,
                      "the code page is not silent (%.1f s of speech)" % said_s, said_s)
            res.check(said_s >= digits_s, "what it says (%.1f s of speech) is at least the code's ten digits (%.1f s)"
                      % (said_s, digits_s), (said_s, digits_s))
            every = digits + [clip_samples(content, "nl", "ui.code.give")]
            every_s = sum(voiced_seconds(s, VOICED_FULL) for s in every)
            res.check(abs(said_s - every_s) <= 0.15 * every_s,
                      "the page says what the code is for and every digit "
                      "(%.1f s of speech, the clips %.1f s)" % (said_s, every_s), (said_s, every_s))

            # 3. Stopping on a result page: the code on the stop question too.
            d = k.tap("nav:next")
            d = k.tap("nav:stop")
            res.check(d["screen"] == "stop_confirm", "nav:stop -> stop_confirm", kd.describe(d))
            res.check(codes and codes[0] in d["texts"], "the stop question shows the code", d["texts"])
            shot("stop-with-code")
            d = k.tap("stop:yes")
            res.check(d["screen"] == "attract", "stop:yes -> attract", kd.describe(d))
        sessions = kd.export(args.bin, data)
        res.check(len(sessions) == 1 and codes and sessions[0]["code"] == code,
                  "the code shown is the stored code", [(s["code"], s["status"]) for s in sessions])

        # 4. Headphones: the notice at the start, and the cap.
        kd.remove_dir(data)
        data = kd.temp_dir("werkcheck-codevol-")
        write_settings(data, {"volume_percent": 100, "headphones": True})
        with kd.Xvfb(1280, 800) as x, kd.Kiosk(args.bin, content, data, x, screen_width_mm=338) as k:
            start = position(k)
            d = k.tap("start")
            res.check(put_on in d["texts"], "with headphones the start shows %r" % put_on, d["texts"])
            kd.screenshot(x, os.path.join(art, "%02d-headphones.png" % (shots[0] + 1)))
            opening = heard(k, start)
            notice = clip_samples(content, "nl", "ui.headphones.put_on")
            res.check(voiced_seconds(opening, VOICED_FULL * gain(70) / 2) >= voiced_seconds(notice, VOICED_FULL),
                      "and says it", (len(opening), len(notice)))
            loudest = 0.0
            for _ in range(3):
                wait_quiet(k)
                k.tap("volume")
                loudest = max(loudest, voiced_rms(say_again(k), VOICED_FULL * gain(30) / 2))
            res.check(loudest and loudest / rms80 <= gain(70) / gain(80) * 1.15,
                      "with headphones no level is louder than the cap (loudest RMS %.0f, 80 %% without: %.0f)"
                      % (loudest, rms80), loudest)
    finally:
        kd.remove_dir(data)


def main():
    kd.run_scenario("code_volume_test", __doc__, run)


if __name__ == "__main__":
    main()
