#!/usr/bin/env python3
"""End-to-end: the real kiosk under Xvfb, tapped through like a participant would.

  1. At 1920x1080 (527 mm wide) and again at 1280x800 (338 mm): attract -> language -> nl ->
     every question (different answers, one skipped after the nudge, two choices on hulp.wie, one answer
     changed after going back) -> result -> consent -> closing -> done -> attract. Every participant screen must
     have pictures and speech and only targets of at least 20 x 20 mm. The export must hold
     exactly that one finished session with those answers and the changed answer's history;
     the sound written must not be silence, and "speak" must speak again.
  2. Escape, Alt+F4 and a window manager's close request leave the kiosk running (and, as
     a control, do close it with --windowed).
  3. Idle: no touch for --idle-timeout -> "Ben je er nog?" -> continue returns to the same
     question; no touch again -> the prompt, then after idle_prompt_s back to the attract
     screen, the session "abandoned", nothing of it left on the screen.
  4. The operator corner (5 taps) + PIN 2580 -> menu -> credits -> back -> exit: exit code 0.

Prints "N passed, M failed" last; exits non-zero on any failure.
Screenshots go to $WERKCHECK_ARTIFACTS (default <repo>/test-artifacts)/tap_through/.
"""
import argparse
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_driver as kd  # noqa: E402

SILENCE_RMS = 30.0  # raw S16; speech at the default volume is in the hundreds to thousands
MIN_TARGET_MM = 20.0


class Run:
    """One kiosk run with its checks, screenshots and screen bookkeeping."""

    def __init__(self, res, args, xvfb, name, **kiosk_kw):
        self.r, self.args, self.x, self.name = res, args, xvfb, name
        self.art = os.path.join(kd.artifacts_dir("tap_through"), name)
        self.data = kd.temp_dir("werkcheck-e2e-data-")
        self.kw = kiosk_kw
        self.k = kd.Kiosk(args.bin, args.content, self.data, xvfb, **kiosk_kw)
        self.seen = set()
        self.shots = 0

    def check(self, cond, what, detail=""):
        return self.r.check(cond, "%s: %s" % (self.name, what), detail)

    def shot(self, label):
        self.shots += 1
        return kd.screenshot(self.x, os.path.join(self.art, "%02d-%s.png" % (self.shots, label)))

    def visit(self, d, label=None):
        """Checks a participant screen once per (screen, item) and screenshots every new one."""
        key = (d["screen"], d.get("item"))
        if key in self.seen:
            return d
        self.seen.add(key)
        self.shot(label or "-".join(p for p in key if p))
        if d["screen"] in kd.PARTICIPANT_SCREENS:
            where = "%s %s" % (d["screen"], d.get("item") or "")
            self.check(d["has_picture"], "%s has a picture" % where)
            self.check(d["has_audio"], "%s has speech" % where)
            ppm = d["window"]["px_per_mm"]
            small = ["%s %.1fx%.1f mm" % (t["id"], t["w"] / ppm, t["h"] / ppm) for t in d["targets"]
                     if t["participant"] and (t["w"] / ppm < MIN_TARGET_MM - 1e-3 or t["h"] / ppm < MIN_TARGET_MM - 1e-3)]
            self.check(not small, "%s: every participant target >= %g mm" % (where, MIN_TARGET_MM), small)
            unlabelled = [t["id"] for t in d["targets"] if t["participant"] and not t["label"]]
            self.check(not unlabelled, "%s: every participant target has words" % where, unlabelled)
        return d

    def fail_artifacts(self, what):
        try:
            self.shot("FAIL-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", what)[:60])
        except Exception:
            pass
        os.makedirs(self.art, exist_ok=True)
        d = self.k.last
        with open(os.path.join(self.art, "FAIL-last-dump.json"), "w") as f:
            json.dump(d, f, indent=1)
        with open(os.path.join(self.art, "FAIL-werkcheck.log"), "w") as f:
            f.write(self.k.log_text() + "\n--- output ---\n" + self.k.output_tail(200))

    def close(self):
        self.k.stop()
        kd.remove_dir(self.data)
        kd.remove_dir(self.k.work_dir)


def scenario(res, run, fn):
    """Runs one scenario; an exception is a failure of that scenario, never of the others."""
    try:
        fn(run)
    except Exception as e:  # noqa: BLE001 - every error is a test failure here
        res.error("%s: scenario stopped" % run.name, e)
        run.fail_artifacts(str(e))
    finally:
        run.close()


# ---------------------------------------------------------------------------------------
# 1. The whole check, at one screen size

def tap_through(run, w, h, mm, keys_test):
    k, check = run.k, run.check
    k.start()
    d = k.dump()
    check(d["screen"] == "attract", "starts on the attract screen", d["screen"])
    check((round(d["window"]["w"]), round(d["window"]["h"])) == (w, h), "fullscreen %dx%d" % (w, h), d["window"])
    check(abs(d["window"]["px_per_mm"] - w / mm) < 0.01, "px/mm from --screen-width-mm", d["window"])
    run.visit(d)

    audio_start = kd.audio_size(k.audio_path)
    d = k.tap("start")
    check(d["screen"] == "language", "start -> language", kd.describe(d))
    run.visit(d)
    check({"lang:nl", "lang:en"} <= {t["id"] for t in d["targets"]}, "language offers nl and en")

    d = k.tap("lang:nl")
    check(d["screen"] == "question" and d["locale"] == "nl", "lang:nl -> first question in nl", kd.describe(d))

    expected = {}  # item -> option ids, as tapped
    skipped = set()
    labels = {}  # item -> {option id: label}

    def on_question(item):
        dd = k.wait_for(screen="question", item=item, timeout=5)
        labels[item] = {t["id"][7:]: t["label"] for t in dd["targets"] if t["id"].startswith("answer:")}
        run.visit(dd)
        return dd

    def choose(item, option, now_selected):
        dd = k.tap("answer:" + option)
        sel = sorted(t["id"][7:] for t in dd["targets"] if t["id"].startswith("answer:") and t["selected"])
        check(sel == sorted(now_selected), "%s: after tapping %s the selection is %s" % (item, option, now_selected), sel)
        expected[item] = list(now_selected)
        return dd

    def next_from(item):
        dd = k.tap("nav:next")
        check(dd.get("item") != item, "%s: nav:next moves on" % item, kd.describe(dd))
        return dd

    # werk_plezier.handen
    on_question("werk_plezier.handen")
    choose("werk_plezier.handen", "leuk", ["leuk"])
    if keys_test:
        keys_leave_kiosk_running(run, "werk_plezier.handen")
    next_from("werk_plezier.handen")

    # werk_plezier.zorgen, and the speaker button
    on_question("werk_plezier.zorgen")
    choose("werk_plezier.zorgen", "weet_niet", ["weet_niet"])
    speak_speaks_again(run)
    next_from("werk_plezier.zorgen")

    on_question("werk_plezier.computer")
    choose("werk_plezier.computer", "niet_leuk", ["niet_leuk"])
    next_from("werk_plezier.computer")

    # skipped: "next" with nothing chosen first says so and stays; a second "next" skips
    on_question("werk_plezier.buiten")
    skipped.add("werk_plezier.buiten")
    nudge = kd.po_text(run.args.content, "screens-nl", "ui.question.nothing_chosen")
    d = k.tap("nav:next")
    check(d.get("item") == "werk_plezier.buiten" and nudge in d["texts"],
          "werk_plezier.buiten: an empty nav:next says %r and stays" % nudge, kd.describe(d))
    next_from("werk_plezier.buiten")

    on_question("werk_plezier.klanten")
    choose("werk_plezier.klanten", "leuk", ["leuk"])
    next_from("werk_plezier.klanten")

    # maken, then back once to klanten to change that answer
    on_question("werk_plezier.maken")
    choose("werk_plezier.maken", "weet_niet", ["weet_niet"])
    d = k.tap("nav:back")
    check(d.get("item") == "werk_plezier.klanten", "nav:back returns to the previous question", kd.describe(d))
    sel = [t["id"] for t in d["targets"] if t["selected"]]
    check(sel == ["answer:leuk"], "going back shows the earlier answer", sel)
    choose("werk_plezier.klanten", "niet_leuk", ["niet_leuk"])
    next_from("werk_plezier.klanten")
    d = on_question("werk_plezier.maken")
    sel = [t["id"] for t in d["targets"] if t["selected"]]
    check(sel == ["answer:weet_niet"], "maken keeps its answer after going back and forth", sel)
    next_from("werk_plezier.maken")

    # hulp.wie: several choices
    d = on_question("hulp.wie")
    check(any("answer:" + o == t["id"] for t in d["targets"] for o in ("familie", "coach")), "hulp.wie offers familie/coach")
    choose("hulp.wie", "familie", ["familie"])
    choose("hulp.wie", "coach", ["familie", "coach"])
    d = k.tap("nav:next")
    check(d["screen"] == "result", "after the last question: result", kd.describe(d))
    d = k.wait_for(screen="result", timeout=5)
    run.visit(d)
    # The result begins with the code, then the answers.
    page_code = [t for t in d["texts"] if re.match(r"^[0-68]{3} [0-68]{3} [0-68]{4}$", t)]
    check(len(page_code) == 1, "the first result page shows the participant code", d["texts"])
    d = k.tap("nav:next")
    check(d["screen"] == "result", "code page -> the answers", kd.describe(d))
    run.visit(d)

    texts = d["texts"]
    for item, opts in expected.items():
        words = ", ".join(labels[item][o] for o in opts)
        check(any(words == t or words in t for t in texts), "result shows %s: %r" % (item, words), texts)
    skipped_text = kd.po_text(run.args.content, "nl", "ui.result.skipped")
    if skipped_text:
        check(texts.count(skipped_text) == len(skipped), "result shows the skipped item as %r" % skipped_text, texts)

    all_labels = {labels[i][o] for i, opts in expected.items() for o in opts}
    # May a coach see the result? Then the closing screen: the code, large.
    d = k.tap("nav:next")
    check(d["screen"] == "consent", "result -> consent", kd.describe(d))
    d = k.wait_for(screen="consent", timeout=5)
    run.visit(d)
    d = k.tap("consent:yes")
    check(any(t["id"] == "consent:yes" and t["selected"] for t in d["targets"]), "consent:yes shown as chosen")
    d = k.tap("nav:next")
    check(d["screen"] == "closing", "consent -> closing", kd.describe(d))
    d = k.wait_for(screen="closing", timeout=5)
    run.visit(d)
    shown_code = [t for t in d["texts"] if re.match(r"^[0-68]{3} [0-68]{3} [0-68]{4}$", t)]
    check(len(shown_code) == 1, "closing shows one participant code like 350 612 4083", d["texts"])
    check(shown_code == page_code, "the same code as on the first result page", (shown_code, page_code))
    d = k.tap("done")
    check(d["screen"] == "attract", "done -> attract", kd.describe(d))
    d = k.wait_for(screen="attract", timeout=5)
    shown = " ".join(d["texts"] + [t["label"] for t in d["targets"]])
    check(not [l for l in all_labels if l in shown], "attract shows nothing of the answers", shown)
    run.shot("attract-after")

    # What was stored
    sessions = kd.export(run.args.bin, run.data)
    check(len(sessions) == 1, "export: exactly one session", len(sessions))
    if sessions:
        s = sessions[0]
        check(s["status"] == "finished", "export: status finished", s["status"])
        check(s.get("consent") is True, "export: consent to share stored", s.get("consent"))
        if shown_code:
            check(shown_code[0].replace(" ", "") == s["code"], "the code on screen is the stored code",
                  (shown_code, s["code"]))
        check(s["locale"] == "nl", "export: locale nl", s["locale"])
        check(bool(s["ended_at"]), "export: ended_at set")
        got = {i: v for i, v in s["answers"].items() if v}
        check(got == expected, "export: answers equal the taps", "got %s, want %s" % (got, expected))
        for i in skipped:
            check(s["answers"].get(i, []) == [] and
                  any(e["item"] == i and e["kind"] == "skip" for e in s["events"]), "export: %s stored as skipped" % i,
                  s["answers"].get(i))
        hist = [e["values"] for e in s["events"] if e["item"] == "werk_plezier.klanten" and e["kind"] == "answer"]
        check(len(hist) > 1 and hist[0] == ["leuk"] and hist[-1] == ["niet_leuk"],
              "export: the changed answer keeps its history, latest last", hist)
        seqs = [e["seq"] for e in s["events"]]
        check(seqs == sorted(seqs) and len(set(seqs)) == len(seqs), "export: events in order", seqs)
        wie = [e["values"] for e in s["events"] if e["item"] == "hulp.wie"]
        check(wie and wie[-1] == ["familie", "coach"], "export: hulp.wie holds both choices", wie)

    # Stopping: a second person starts, asks to stop, says no, then yes.
    k.tap("start")
    d = k.tap("lang:nl")
    d = k.tap("nav:stop")
    check(d["screen"] == "stop_confirm", "nav:stop -> stop_confirm", kd.describe(d))
    run.visit(d)
    check({"stop:yes", "stop:no"} <= {t["id"] for t in d["targets"]}, "stop_confirm offers yes and no")
    d = k.tap("stop:no")
    check(d["screen"] == "question" and d.get("item") == "werk_plezier.handen", "stop:no returns to the question",
          kd.describe(d))
    k.tap("nav:stop")
    d = k.tap("stop:yes")
    check(d["screen"] == "attract", "stop:yes -> attract", kd.describe(d))
    sessions = kd.export(run.args.bin, run.data)
    check([s["status"] for s in sessions] == ["finished", "stopped"], "export: the second session is stopped",
          [s["status"] for s in sessions])

    # Sound
    end = kd.audio_size(k.audio_path)
    check(end > audio_start, "the audio file grew after the taps", "%d -> %d bytes" % (audio_start, end))
    rms = kd.audio_rms(k.audio_path, audio_start)
    check(rms > SILENCE_RMS, "the sound after the taps is not silent (RMS %.0f)" % rms, rms)


def speak_speaks_again(run):
    """Wait until the kiosk is quiet, tap the speaker, and expect speech to follow."""
    k = run.k
    deadline = time.monotonic() + 10
    while kd.tail_rms(k.audio_path, 0.5) > SILENCE_RMS and time.monotonic() < deadline:
        time.sleep(0.1)
    quiet = kd.tail_rms(k.audio_path, 0.5) <= SILENCE_RMS
    run.check(quiet, "the kiosk falls silent after speaking")
    before = kd.audio_size(k.audio_path)
    before -= before % 2
    k.tap("speak", expect_change=False)
    rms = kd.sound_after(k.audio_path, before, seconds=4, threshold=SILENCE_RMS * 3)
    run.check(kd.audio_size(k.audio_path) > before and rms > SILENCE_RMS,
              "speak: new sound is written after the tap (RMS %.0f)" % rms, rms)


def keys_leave_kiosk_running(run, item):
    k = run.k
    d0 = k.dump()
    # The pointer over the window, as a finger left it: keys go to the window under it.
    t = k.target("nav:next")
    kd.xdotool(run.x, "mousemove", int(t["x"] + t["w"] / 2), int(t["y"] - 5))
    for keys in ("Escape", "alt+F4"):
        k.key(keys)
        time.sleep(0.8)
        run.check(k.alive(), "%s leaves the kiosk running" % keys, k.proc.returncode)
    if k.window_id:
        kd.send_wm_delete(run.x.display, k.window_id)
        time.sleep(0.8)
        run.check(k.alive(), "a window manager's close request (what Alt+F4 sends) leaves the kiosk running",
                  k.proc.returncode)
    else:
        run.check(False, "found the kiosk window for the close request")
    d = k.dump()
    run.check(d["screen"] == "question" and d.get("item") == item and
              [x["id"] for x in d["targets"] if x["selected"]] == [x["id"] for x in d0["targets"] if x["selected"]],
              "after the keys the same question and answer are shown", kd.describe(d))


def windowed_control(run):
    """Control for the key test: in a development window Escape and a close request DO end
    the app, so the keys really reach it and the kiosk-mode test above means something."""
    for how in ("Escape", "close request"):
        k = kd.Kiosk(run.args.bin, run.args.content, run.data, run.x, extra_args=["--windowed"], audio=False)
        try:
            k.start()
            t = k.target("start")
            kd.xdotool(run.x, "mousemove", int(k.offset[0] + t["w"] / 2), int(k.offset[1] + t["h"] / 2))
            time.sleep(0.2)
            if how == "Escape":
                k.key("Escape")
            else:
                kd.send_wm_delete(run.x.display, k.window_id)
            code = k.wait_exit(5)
            run.check(code == 0, "control: --windowed exits on %s (so the key test reaches the app)" % how, code)
        finally:
            k.stop()
            kd.remove_dir(k.work_dir)


# ---------------------------------------------------------------------------------------
# 3 + 4. Idle, then the operator menu

def idle_then_operator(run, idle_prompt_s):
    k, check = run.k, run.check
    with open(os.path.join(run.data, "kiosk.json"), "w") as f:
        json.dump({"idle_prompt_s": idle_prompt_s}, f)
    k.start()
    k.tap("start")
    d = k.tap("lang:nl")
    item = d.get("item")
    answer_labels = {t["label"] for t in d["targets"] if t["id"].startswith("answer:")}
    d = k.tap("answer:leuk")
    chosen_label = k.target("answer:leuk", d)["label"]
    touched = time.monotonic()

    d = k.wait_for(screen="idle_prompt", timeout=k.idle_timeout + 8)
    waited = time.monotonic() - touched
    check(k.idle_timeout - 0.5 <= waited <= k.idle_timeout + 3,
          "idle prompt after about %s s without a touch (%.1f s)" % (k.idle_timeout, waited), waited)
    run.visit(d, "idle_prompt")
    shown = " ".join(d["texts"] + [t["label"] for t in d["targets"]])
    check(chosen_label not in shown and not any(t["id"].startswith("answer:") for t in d["targets"]),
          "the idle prompt hides the answers", shown)
    check(k.target("idle:continue", d)["participant"], "idle:continue is a participant target")

    d = k.tap("idle:continue")
    check(d["screen"] == "question" and d.get("item") == item, "continue returns to the same question", kd.describe(d))
    sel = [t["id"] for t in d["targets"] if t["selected"]]
    check(sel == ["answer:leuk"], "the answer is still there after continuing", sel)
    touched = time.monotonic()

    # The question is said again, its answers and the buttons too (they were cut off by the tap
    # on an answer): the idle time counts from when that ends, up to about 25 s later.
    k.wait_for(screen="idle_prompt", timeout=k.idle_timeout + 40)
    prompt_at = time.monotonic()
    check(prompt_at - touched >= k.idle_timeout - 0.5, "the idle prompt comes back after the idle time again")
    d = k.wait_for(screen="attract", timeout=idle_prompt_s + 10)
    waited = time.monotonic() - prompt_at
    check(idle_prompt_s - 0.5 <= waited <= idle_prompt_s + 3,
          "no answer to the prompt: attract after idle_prompt_s=%s (%.1f s)" % (idle_prompt_s, waited), waited)
    shown = " ".join(d["texts"] + [t["label"] for t in d["targets"]])
    check(not [l for l in answer_labels if l in shown], "attract shows nothing of the abandoned session", shown)
    check([t["id"] for t in d["targets"]] == ["operator-corner", "returning", "start"], "attract has only its own targets",
          [t["id"] for t in d["targets"]])
    run.shot("attract-after-abandon")

    sessions = kd.export(run.args.bin, run.data)
    check(len(sessions) == 1 and sessions[0]["status"] == "abandoned", "export: the session is abandoned",
          [s["status"] for s in sessions])
    if sessions:
        check(sessions[0]["answers"] == {item: ["leuk"]}, "export: the abandoned session kept its answer",
              sessions[0]["answers"])

    # Operator: five taps in the hidden corner, the PIN, the menu.
    for i in range(4):
        d = k.tap("operator-corner", expect_change=False)
        check(d["screen"] == "attract", "corner tap %d alone opens nothing" % (i + 1), d["screen"])
    d = k.tap("operator-corner")
    check(d["screen"] == "operator_pin", "5 corner taps -> PIN keypad", kd.describe(d))
    run.visit(d)
    for digit in "2580":
        k.tap("pin:" + digit)
    d = k.tap("pin:ok")
    check(d["screen"] == "operator_menu", "PIN 2580 -> operator menu", kd.describe(d))
    run.visit(d)
    stored = kd.po_text(run.args.content, "screens-nl", "operator.status.sessions")
    check(stored is not None and any(stored.replace("{count}", "1") in t for t in d["texts"]),
          "operator status counts the session", d["texts"])
    # The window's caches, in MB of their budgets: pictures were drawn, and nothing is over.
    caches = kd.po_text(run.args.content, "screens-nl", "operator.status.caches") or "?"
    pattern = re.escape(caches)
    for name in ("pictures", "pictures_budget", "clips", "clips_budget"):
        pattern = pattern.replace(re.escape("{%s}" % name), r"(?P<%s>[0-9.]+)" % name)
    found = [m for m in (re.search(pattern, t) for t in d["texts"]) if m]
    mb = {k_: float(v) for k_, v in found[0].groupdict().items()} if found else {}
    check(found and 0 < mb["pictures"] <= mb["pictures_budget"] and mb["clips"] <= mb["clips_budget"],
          "operator status shows the picture and clip caches within their budgets", mb or d["texts"])
    d = k.tap("op:credits")
    check(d["screen"] == "credits", "op:credits -> credits", kd.describe(d))
    run.visit(d)
    check(any("OpenMoji" in t for t in d["texts"]), "credits name OpenMoji", d["texts"])
    d = k.tap("op:back")
    check(d["screen"] == "operator_menu", "op:back from credits -> operator menu", kd.describe(d))
    t = k.target("op:exit", d)
    k.click_at(t["x"] + t["w"] / 2, t["y"] + t["h"] / 2)
    code = k.wait_exit(10)
    check(code == 0, "op:exit ends the kiosk with exit code 0", code)
    check("operator: exit" in k.log_text(), "the log records the operator's exit")


# ---------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--content", required=True)
    ap.add_argument("--idle-prompt-s", type=float, default=20, help="idle_prompt_s written to kiosk.json (>= 20)")
    args = ap.parse_args()
    args.bin, args.content = os.path.abspath(args.bin), os.path.abspath(args.content)
    kd.install_sigterm_cleanup()
    res = kd.Results()
    started = time.monotonic()
    art = kd.artifacts_dir("tap_through")
    kd.remove_dir(art)  # this test's own screenshots only: no stale ones from an earlier run
    print("artifacts: %s" % kd.artifacts_dir("tap_through"), flush=True)
    try:
        for (w, h, mm) in ((1920, 1080, 527), (1280, 800, 338)):
            t0 = time.monotonic()
            with kd.Xvfb(w, h) as x:
                name = "%dx%d" % (w, h)
                run = Run(res, args, x, name, screen_width_mm=mm)
                scenario(res, run, lambda r: tap_through(r, w, h, mm, keys_test=(w == 1920)))
                print("tap-through %s: %.1f s" % (name, time.monotonic() - t0), flush=True)
                if w == 1920:
                    t0 = time.monotonic()
                    run = Run(res, args, x, "windowed-control", screen_width_mm=mm)
                    scenario(res, run, windowed_control)
                    t0 = time.monotonic()
                    run = Run(res, args, x, "idle-operator", screen_width_mm=mm, idle_timeout=5)
                    scenario(res, run, lambda r: idle_then_operator(r, args.idle_prompt_s))
                    print("idle + operator: %.1f s" % (time.monotonic() - t0), flush=True)
    except Exception as e:  # noqa: BLE001 - e.g. no X server could be started
        res.error("setup", e)
    except (KeyboardInterrupt, SystemExit) as e:  # SIGTERM / Ctrl-C: processes are already stopped
        res.error("interrupted", e)
    print("tap_through_test: %.1f s" % (time.monotonic() - started), flush=True)
    sys.exit(res.summary())


if __name__ == "__main__":
    main()
