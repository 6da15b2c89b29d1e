#!/usr/bin/env python3
"""End-to-end: what a person hears on a question screen without touching it, and where the
"now speaking" highlight is meanwhile. The real kiosk under Xvfb, sound to a file (SDL's disk
audio driver), the highlight read from the UI dump and from the pixels of a screenshot.

  1. The first question, no tap: the audio holds the question, every answer and the rest of
     the sequence (non-silent time, measured with sox, within 15 % of the clips' own), and
     the highlight goes through the answer cards in order, then Listen, Back, Stop and Next.
     While an answer is said its card has the orange frame on the screen (pixels).
  2. A card's own speaker says that answer (its card highlighted) and chooses nothing.
  3. The next question has the same answers: only the question and how to go on are said.
  4. A pack whose answers' clips are missing, cut off and damaged: the highlight still reaches
     each card, silence stands in (nothing of a damaged clip is played), the log says which and
     why, and the operator status counts them.
  5. No sound device at all: the highlight still goes through the answers, each for about as
     long as its clip lasts, so a sound-off run looks the same.

Prints "N passed, M failed" last; exits non-zero on any failure.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_driver as kd  # noqa: E402

RATE = kd.AUDIO_RATE
TOLERANCE = 0.15
GAP_S = 0.35  # the pause between two clips (app/sound/clip_player.cpp)
SPEAKING_RGB = (176, 78, 0)  # the "now speaking" frame (app/ui/draw_screen.cpp)
ANSWERS = ["answer:leuk", "answer:weet_niet", "answer:niet_leuk"]
# The language button is explained last, once per check, where the pack has more than one language.
BUTTONS = ["speak", "nav:back", "nav:stop", "nav:next", "language"]
FIRST_SEQUENCE = ["werk_plezier.title", "werk_plezier.handen", "answers.faces3.leuk", "answers.faces3.weet_niet",
                  "answers.faces3.niet_leuk", "ui.explain.listen", "ui.explain.back", "ui.explain.stop",
                  "ui.explain.next", "ui.explain.language", "ui.question.pick_one"]


def nonsilent_seconds(args, gain=1.0):
    """Seconds of sound once every stretch of silence (>= 20 ms under 1 % of full scale) is
    taken out by sox. args: sox's input arguments (a wav file, or raw audio with its format);
    gain: the level it is measured at (a clip as the kiosk plays it at a volume)."""
    out = subprocess.run(["sox", *args, "-t", "raw", "-r", str(RATE), "-e", "signed-integer", "-b", "16", "-c", "1",
                          "-", "vol", str(gain), "silence", "1", "0.02", "1%", "-1", "0.02", "1%"],
                         capture_output=True, check=True).stdout
    return len(out) / 2 / RATE


def clip_seconds(content, key):
    return nonsilent_seconds([kd.clip_path(content, "nl", key)])


def recorded_seconds(k, start, end, work):
    raw = os.path.join(work, "part.raw")
    with open(k.audio_path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    with open(raw, "wb") as f:
        f.write(data[: len(data) - len(data) % 2])
    return nonsilent_seconds(["-t", "raw", "-r", str(RATE), "-e", "signed-integer", "-b", "16", "-c", "1", raw])


def audio_now(k):
    n = kd.audio_size(k.audio_path)
    return n - n % 2


def follow_highlight(k, timeout=60.0, quiet_s=1.0, on_new=None, until=None):
    """Polls the dump until the speech ends (nothing spoken and the audio quiet for quiet_s), or
    until the target `until` lights up; returns the targets highlighted, in order, each once per
    stretch. on_new(target, dump) is called as each one lights up."""
    seen = []
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        d = k.dump()
        now_speaking = [t["id"] for t in (d or {}).get("targets", []) if t.get("speaking")]
        for t in now_speaking:
            if not seen or seen[-1] != t:
                seen.append(t)
                if on_new:
                    on_new(t, d)
        if until and until in seen:
            break
        quiet = not now_speaking and kd.tail_rms(k.audio_path, 0.3) < 30
        if quiet:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= quiet_s:
                break
        else:
            quiet_since = None
        time.sleep(0.02)
    return seen


def frame_pixels(png, rect, outset_mm, px_per_mm):
    """Pixels of the speaking colour in rect and outset_mm around it. The frame is drawn from 1.1 to
    2.9 mm outside its target (app/ui/draw_screen.cpp); with 5 mm between cards, 1.6 mm catches
    the inner part of a card's own frame and nothing of its neighbour's."""
    g = outset_mm * px_per_mm
    x0, y0 = int(rect["x"] - g), int(rect["y"] - g)
    w, h = int(rect["w"] + 2 * g), int(rect["h"] + 2 * g)
    out = subprocess.run(["convert", png, "-crop", "%dx%d+%d+%d" % (w, h, x0, y0), "+repage", "-fill", "white",
                          "+opaque", "rgb(%d,%d,%d)" % SPEAKING_RGB, "-fill", "black", "-opaque",
                          "rgb(%d,%d,%d)" % SPEAKING_RGB, "-format", "%[fx:int(w*h*(1-mean))]", "info:"],
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip() or 0)


def start_kiosk(args, x, content, audio=True):
    data = kd.temp_dir("werkcheck-speech-")
    with open(os.path.join(data, "kiosk.json"), "w") as f:
        f.write('{"volume_percent": 100}\n')  # full scale: the recording is the clips as they are
    k = kd.Kiosk(args.bin, content, data, x, screen_width_mm=527, work_dir=kd.temp_dir("werkcheck-speech-run-"),
                 audio=audio)
    k.start()
    return k, data


def first_question_unattended(res, args, x, art):
    k, data = start_kiosk(args, x, args.content)
    try:
        k.tap("start")
        k.wait_for(screen="language")
        start = audio_now(k)
        k.tap("lang:nl")
        d = k.wait_for(screen="question")
        res.check(d.get("item") == "werk_plezier.handen", "the first question opens", d.get("item"))

        # While "weet ik niet" is said, the screenshot shows its card framed, and not the others.
        png = os.path.join(art, "speaking-weet_niet.png")
        framed = {}

        def shoot(target, dd):
            if target == "answer:weet_niet":
                kd.screenshot(x, png)
                ppm = dd["window"]["px_per_mm"]
                framed.update({a: frame_pixels(png, k.target(a, dd), 1.6, ppm) for a in ANSWERS})

        seen = follow_highlight(k, on_new=shoot)
        res.check(framed.get("answer:weet_niet", 0) > 500 and framed.get("answer:leuk", 1e9) < 50 and
                  framed.get("answer:niet_leuk", 1e9) < 50,
                  "the card being said is framed on the screen, the others not (orange pixels %s)" % framed, framed)
        end = audio_now(k)
        res.check(seen == ANSWERS + BUTTONS,
                  "the highlight goes through the answers in order, then Listen, Back, Stop, Next, Language", seen)
        heard = recorded_seconds(k, start, end, k.work_dir)
        clips = {key: clip_seconds(args.content, key) for key in FIRST_SEQUENCE}
        expected = sum(clips.values())
        question_and_answers = sum(clips[key] for key in FIRST_SEQUENCE[1:5])
        res.check(abs(heard - expected) <= TOLERANCE * expected,
                  "the audio holds the whole sequence: %.1f s of sound against %.1f s in its clips "
                  "(the question and its answers alone %.1f s)" % (heard, expected, question_and_answers),
                  (heard, expected))
        res.check(heard >= question_and_answers, "at least the question and every answer are heard")

        # A card's own speaker: that answer, its card highlighted, nothing chosen.
        start = audio_now(k)
        k.tap("listen:niet_leuk", expect_change=False)
        d = k.wait_for(pred=lambda dd: any(t.get("speaking") for t in dd["targets"]), timeout=10)
        speaking = [t["id"] for t in d["targets"] if t.get("speaking")]
        res.check(speaking == ["answer:niet_leuk"], "its own speaker highlights that card", speaking)
        follow_highlight(k)
        res.check(not any(t["selected"] for t in k.dump()["targets"]), "listening chooses nothing")
        heard = recorded_seconds(k, start, audio_now(k), k.work_dir)
        alone = clips["answers.faces3.niet_leuk"]
        res.check(abs(heard - alone) <= TOLERANCE * alone + 0.05,
                  "its own speaker says only that answer (%.2f s against %.2f s)" % (heard, alone), heard)

        # The next question has the same answers: they are not said again.
        k.tap("answer:leuk")
        follow_highlight(k)
        start = audio_now(k)
        k.tap("nav:next")
        k.wait_for(item="werk_plezier.zorgen")
        seen = follow_highlight(k)
        heard = recorded_seconds(k, start, audio_now(k), k.work_dir)
        expected = clip_seconds(args.content, "werk_plezier.zorgen")
        res.check(seen == [], "the same answers are not said again in this part", seen)
        res.check(abs(heard - expected) <= TOLERANCE * expected,
                  "the next question: only it; how to go on was said in this part (%.1f s against %.1f s)"
                  % (heard, expected), heard)
    finally:
        k.stop()
        kd.remove_dir(data)
        kd.remove_dir(k.work_dir)


def damaged_clips(res, args, x, art):
    """The three answers' clips: one missing, one cut off halfway, one with bytes overwritten."""
    work = kd.temp_dir("werkcheck-speech-pack-")
    content = os.path.join(work, "content")
    shutil.copytree(args.content, content)
    clip = {a: kd.clip_path(content, "nl", "answers.faces3." + a.split(":", 1)[1]) for a in ANSWERS}
    os.unlink(clip["answer:weet_niet"])
    with open(clip["answer:leuk"], "r+b") as f:
        f.truncate(os.path.getsize(clip["answer:leuk"]) // 2)
    with open(clip["answer:niet_leuk"], "r+b") as f:
        f.seek(os.path.getsize(clip["answer:niet_leuk"]) // 2)
        f.write(bytes(range(64)))
    k, data = start_kiosk(args, x, content)
    try:
        k.tap("start")
        k.wait_for(screen="language")
        k.tap("lang:nl")
        d = k.wait_for(screen="question")
        res.check(any("leuk" in t.lower() for t in d["texts"]), "damaged clips: the answers' words are shown",
                  d["texts"])
        lit = {}
        seen = follow_highlight(k, until=BUTTONS[0],  # the answers are past: no need to hear the rest
                                on_new=lambda t, dd: lit.setdefault(t, audio_now(k)))
        res.check(seen[:3] == ANSWERS, "damaged clips: the highlight still goes through every answer", seen)
        if seen[:4] == ANSWERS + BUTTONS[:1]:
            # Nothing of the damaged clips is played: from the first answer to Listen, pauses only
            # (0.1 s trimmed at either end for the device's buffer).
            margin = int(0.1 * RATE) * 2
            rms = kd.audio_rms(k.audio_path, lit[ANSWERS[0]] + margin, lit[BUTTONS[0]] - margin)
            res.check(rms < 30, "damaged clips: silence while their answers are highlighted (RMS %.1f)" % rms, rms)
        log = k.log_text()
        for a, why in (("answer:weet_niet", "missing"), ("answer:leuk", "cut off"), ("answer:niet_leuk", "damaged")):
            res.check("clip %s" % why in log and clip[a] in log and "a pause stands in for " + clip[a] in log,
                      "damaged clips: the log says %s is %s, and that a pause stands in" % (os.path.basename(clip[a]),
                                                                                           why))
        k.tap("nav:stop")
        d = k.tap("stop:yes")
        res.check(d["screen"] == "attract", "damaged clips: the kiosk goes on to the start screen", kd.describe(d))
        d = k.open_operator_menu()
        kd.screenshot(x, os.path.join(art, "damaged-clips-operator.png"))
        status = [line for t in d["texts"] for line in t.split("\n") if "spelen niet" in line]
        res.check(status and status[0].startswith("Geluid: 3 clips spelen niet"),
                  "damaged clips: the operator status counts them: %s" % (status[0] if status else "?"), d["texts"])
    finally:
        k.stop()
        kd.remove_dir(data)
        kd.remove_dir(k.work_dir)
        kd.remove_dir(work)


def no_sound(res, args, x):
    # A driver that does not exist: SDL opens no audio device, as on a kiosk without sound.
    saved = os.environ.get("SDL_AUDIODRIVER")
    os.environ["SDL_AUDIODRIVER"] = "no-such-driver"
    try:
        k, data = start_kiosk(args, x, args.content, audio=False)
    finally:
        if saved is None:
            os.environ.pop("SDL_AUDIODRIVER", None)
        else:
            os.environ["SDL_AUDIODRIVER"] = saved
    try:
        k.tap("start")
        k.wait_for(screen="language")
        k.tap("lang:nl")
        k.wait_for(screen="question")
        lit = {}
        # Without an audio file, "quiet" is only the dump's word: wait past the question (no card).
        seen = follow_highlight(k, until=BUTTONS[0], quiet_s=15,
                                on_new=lambda t, d: lit.setdefault(t, time.monotonic()))
        res.check("running silently" in k.log_text(), "no sound device: the log says the kiosk runs silently")
        res.check(seen[:3] == ANSWERS, "no sound: the highlight still goes through every answer", seen)
        if seen[:4] == ANSWERS + BUTTONS[:1]:
            # Each answer about as long as its clip and the pause after it (a loaded machine may
            # show a change a frame or two late: each within 0.5 s, all three within 0.3 s).
            total_held = total_clips = 0.0
            for a, b in zip(seen, seen[1:4]):
                held = lit[b] - lit[a]
                clip = kd.clip_seconds(kd.clip_path(args.content, "nl", "answers.faces3." + a.split(":", 1)[1])) + GAP_S
                total_held, total_clips = total_held + held, total_clips + clip
                res.check(abs(held - clip) < 0.5,
                          "no sound: %s is highlighted %.2f s, its clip and the pause after it last %.2f s"
                          % (a, held, clip), held)
            res.check(abs(total_held - total_clips) < 0.3,
                      "no sound: the three answers are highlighted %.2f s, their clips last %.2f s"
                      % (total_held, total_clips), total_held)
    finally:
        k.stop()
        kd.remove_dir(data)
        kd.remove_dir(k.work_dir)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--content", required=True)
    args = ap.parse_args()
    args.bin, args.content = os.path.abspath(args.bin), os.path.abspath(args.content)
    kd.install_sigterm_cleanup()
    res = kd.Results(verbose=True)  # the figures are in the checks' names
    started = time.monotonic()
    art = kd.artifacts_dir("speech_sequence")
    kd.remove_dir(art)
    art = kd.artifacts_dir("speech_sequence")
    print("artifacts: %s" % art, flush=True)
    try:
        with kd.Xvfb(1920, 1080) as x:
            for name, fn in (("unattended", lambda: first_question_unattended(res, args, x, art)),
                             ("damaged clips", lambda: damaged_clips(res, args, x, art)),
                             ("no sound", lambda: no_sound(res, args, x))):
                try:
                    fn()
                except Exception as e:  # noqa: BLE001 - report and go on with the next part
                    res.error(name, e)
    except Exception as e:  # noqa: BLE001 - e.g. no X server could be started
        res.error("setup", e)
    except (KeyboardInterrupt, SystemExit) as e:
        res.error("interrupted", e)
    print("speech_sequence_test: %.1f s" % (time.monotonic() - started), flush=True)
    sys.exit(res.summary())


if __name__ == "__main__":
    main()
