#!/usr/bin/env python3
"""End-to-end: input that forgives, on the real kiosk under Xvfb (fixture pack, 1280x800).

  1. A double tap on Next (two clicks 120 ms apart) after an answer moves exactly one question:
     the second click lands on a question that just opened and is ignored (no skip stored).
  2. Next with nothing chosen: the screen stays, shows the nudge and says it (sound after a
     quiet kiosk); a double tap there only nudges; a second Next skips (stored as a skip).
  3. On hulp.wie (up to 3): a fourth pick is refused, the reason is shown and said, the three
     earlier picks stay.
  4. The consent question cannot be passed unanswered: Next there says "choose yes or no"
     and stays; after "no" it goes on to the closing screen.
  5. `werkcheck export` shows each outcome: one answer and no skip for the double-tapped
     question, one skip for the nudged one, hulp.wie with the three picks and never the
     refused one, consent false (answered). A second person who stops on the consent question
     is stored finished with consent null (not asked).

Prints "N passed, M failed" last; exits non-zero on any failure.
Screenshots go to $WERKCHECK_ARTIFACTS (default <repo>/test-artifacts)/forgiving_input/.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_driver as kd  # noqa: E402

SILENCE_RMS = 30.0  # raw S16; speech at the default volume is in the hundreds to thousands


def wait_quiet(k, timeout=15):
    """Until the kiosk has written half a second of silence (what it said on opening is over)."""
    deadline = time.monotonic() + timeout
    while kd.tail_rms(k.audio_path, 0.5) > SILENCE_RMS and time.monotonic() < deadline:
        time.sleep(0.1)
    return kd.tail_rms(k.audio_path, 0.5) <= SILENCE_RMS


def selected(d):
    return sorted(t["id"][7:] for t in d["targets"] if t["id"].startswith("answer:") and t["selected"])


def double_click(k, target_id, gap_s=0.12):
    """Two clicks on a target gap_s apart, as a quick finger does (no wait between them)."""
    d = k.dump()
    t = k.target(target_id, d)
    k.settle()
    kd.xdotool(k.xvfb, "mousemove", int(t["x"] + t["w"] / 2) + k.offset[0], int(t["y"] + t["h"] / 2) + k.offset[1],
               "click", "--repeat", "2", "--delay", str(int(gap_s * 1000)), "1")


def run(args, res):
    content = args.content
    nothing = kd.po_text(content, "screens-nl", "ui.question.nothing_chosen")
    limit3 = kd.po_text(content, "screens-nl", "ui.question.limit.3")
    first = kd.po_text(content, "screens-nl", "ui.closing.share_first")
    res.check(nothing and limit3 and first, "the pack has the new words", (nothing, limit3, first))
    art = kd.artifacts_dir("forgiving_input")
    kd.remove_dir(art)
    art = kd.artifacts_dir("forgiving_input")
    data = kd.temp_dir("werkcheck-forgive-")
    shots = [0]
    try:
        with kd.Xvfb(1280, 800) as x, kd.Kiosk(args.bin, content, data, x, screen_width_mm=338) as k:

            def shot(name):
                shots[0] += 1
                kd.screenshot(x, os.path.join(art, "%02d-%s.png" % (shots[0], name)))

            k.tap("start")
            d = k.tap("lang:nl")
            res.check(d.get("item") == "werk_plezier.handen", "the first question", kd.describe(d))

            # 1. A double tap on Next after an answer.
            d = k.tap("answer:leuk")
            opening = d["opening"]
            double_click(k, "nav:next")
            d = k.wait_for(item="werk_plezier.zorgen", timeout=5)
            time.sleep(0.8)  # the second click has long been handled by now
            d = k.dump()
            res.check(d.get("item") == "werk_plezier.zorgen", "double tap on Next moves one question, not two",
                      kd.describe(d))
            res.check(d["opening"] == opening + 1, "the double tap opened one screen", (opening, d["opening"]))
            res.check(selected(d) == [], "the second tap chose nothing on the new question", selected(d))
            res.check(nothing not in d["texts"], "the second tap did not act as Next there (no nudge)", d["texts"])
            res.check("ignored" in k.log_text(), "the log says a tap was ignored")

            # 2. Next with nothing chosen: a nudge, spoken and shown; a second Next skips.
            res.check(wait_quiet(k), "the kiosk falls silent after the question")
            before = kd.audio_size(k.audio_path)
            before -= before % 2
            d = k.tap("nav:next")
            res.check(d.get("item") == "werk_plezier.zorgen", "an empty Next stays on the question", kd.describe(d))
            res.check(nothing in d["texts"], "an empty Next shows the nudge %r" % nothing, d["texts"])
            rms = kd.sound_after(k.audio_path, before, threshold=SILENCE_RMS * 3)
            res.check(rms > SILENCE_RMS, "the nudge is spoken (RMS %.0f after the tap)" % rms, rms)
            shot("nudge")
            d = k.tap("nav:next")
            res.check(d.get("item") == "werk_plezier.computer", "a second empty Next moves on", kd.describe(d))

            # A double tap on an empty Next only nudges.
            double_click(k, "nav:next")
            d = k.wait_for(pred=lambda dd: nothing in dd["texts"], timeout=5)
            time.sleep(0.8)
            d = k.dump()
            res.check(d.get("item") == "werk_plezier.computer" and nothing in d["texts"],
                      "a double tap on an empty Next nudges and stays", kd.describe(d))
            k.tap("answer:niet_leuk")
            d = k.tap("nav:next")

            # On to hulp.wie, answering each question.
            while d["screen"] == "question" and d.get("item") != "hulp.wie":
                k.tap("answer:weet_niet")
                d = k.tap("nav:next")
            res.check(d.get("item") == "hulp.wie", "reached hulp.wie", kd.describe(d))

            # 3. A fourth pick on "up to 3" is refused, with the reason.
            for o in ("familie", "vrienden", "collegas"):
                d = k.tap("answer:" + o)
            res.check(selected(d) == ["collegas", "familie", "vrienden"], "three picks", selected(d))
            wait_quiet(k)
            before = kd.audio_size(k.audio_path)
            before -= before % 2
            d = k.tap("answer:coach")
            res.check(selected(d) == ["collegas", "familie", "vrienden"], "the fourth pick is refused, the three stay",
                      selected(d))
            res.check(limit3 in d["texts"], "the reason %r is shown" % limit3, d["texts"])
            rms = kd.sound_after(k.audio_path, before, threshold=SILENCE_RMS * 3)
            res.check(rms > SILENCE_RMS, "the reason is spoken (RMS %.0f)" % rms, rms)
            shot("limit")
            d = k.tap("nav:next")
            res.check(d["screen"] == "result", "then the result", kd.describe(d))
            while d["screen"] == "result":  # the code, then the answers
                d = k.tap("nav:next")
            res.check(d["screen"] == "consent", "then the consent question", kd.describe(d))

            # 4. Consent cannot be passed unanswered.
            wait_quiet(k)
            before = kd.audio_size(k.audio_path)
            before -= before % 2
            d = k.tap("nav:next")
            res.check(d["screen"] == "consent" and first in d["texts"],
                      "Next without yes or no stays and shows %r" % first, kd.describe(d))
            rms = kd.sound_after(k.audio_path, before, threshold=SILENCE_RMS * 3)
            res.check(rms > SILENCE_RMS, "'choose yes or no' is spoken (RMS %.0f)" % rms, rms)
            shot("consent-first")
            d = k.tap("nav:next", expect_change=False)
            res.check(d["screen"] == "consent", "asking again does not pass it either", kd.describe(d))
            k.tap("consent:no")
            d = k.tap("nav:next")
            res.check(d["screen"] == "closing", "after 'no' the closing screen", kd.describe(d))
            d = k.tap("done")
            res.check(d["screen"] == "attract", "done -> attract", kd.describe(d))

            # A second person stops on the consent question: consent not asked.
            k.tap("start")
            k.tap("lang:nl")
            d = k.dump()
            while d["screen"] == "question":
                k.tap("answer:" + next(t["id"][7:] for t in d["targets"] if t["id"].startswith("answer:")))
                d = k.tap("nav:next")
            while d["screen"] == "result":
                d = k.tap("nav:next")
            res.check(d["screen"] == "consent", "second person: the consent question", kd.describe(d))
            k.tap("nav:stop")
            d = k.tap("stop:yes")
            res.check(d["screen"] == "attract", "stop on the consent question ends the check", kd.describe(d))

        # 5. What was stored.
        sessions = kd.export(args.bin, data)
        res.check(len(sessions) == 2, "export: two sessions", len(sessions))
        if len(sessions) == 2:
            s, s2 = sessions
            events = s["events"]
            kinds = lambda item: [e["kind"] for e in events if e["item"] == item]  # noqa: E731
            res.check(kinds("werk_plezier.handen") == ["answer"], "export: the double-tapped question has its one answer",
                      kinds("werk_plezier.handen"))
            res.check(kinds("werk_plezier.zorgen") == ["skip"], "export: the nudged question is one skip",
                      kinds("werk_plezier.zorgen"))
            res.check(kinds("werk_plezier.computer") == ["answer"],
                      "export: the double-tapped empty Next stored no skip", kinds("werk_plezier.computer"))
            wie = [e["values"] for e in events if e["item"] == "hulp.wie"]
            res.check(wie and sorted(wie[-1]) == ["collegas", "familie", "vrienden"] and
                      not any("coach" in v for v in wie), "export: hulp.wie holds the three, never the refused one", wie)
            res.check(s["consent"] is False and s["status"] == "finished", "export: consent answered (no), finished",
                      (s["consent"], s["status"]))
            res.check(s2["consent"] is None and s2["status"] == "finished",
                      "export: stopped on the consent question: finished, consent not asked (null)",
                      (s2["consent"], s2["status"]))
    finally:
        kd.remove_dir(data)


def main():
    kd.run_scenario("forgiving_input_test", __doc__, run)


if __name__ == "__main__":
    main()
