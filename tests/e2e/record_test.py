#!/usr/bin/env python3
"""`werkcheck record` end to end, the way a volunteer uses it: the real recorder window under
Xvfb, taps by xdotool on the targets of its UI dump, and the microphone replaced by SDL's disk
audio input driver (SDL_AUDIODRIVER=disk, SDL_DISKAUDIOFILEIN: raw S16 mono 22050 Hz, the
format the recorder opens the capture device with; at its end SDL gives silence).

  1. espeak-ng speech with 1 s of silence before and after: recorded, stored under
     <out>/nl/<key>.wav trimmed (shorter than the input by the silence, none left at the
     start), at the clips' loudness (RMS 0.085-0.095, measured with sox) and unclipped.
  2. make-audio (the content pack build) counts it as recorded and the pack's clip becomes it;
     lint and the operator status report 1 recorded clip for nl.
  3. A clipped input (the same speech 20 dB too loud) is refused with "Te hard"; the stored
     recording is left as it was. A silent input is refused with "Niets gehoord"; no file.
  4. A wrong language or key: exit 2 and the reason, no window.
  5. Recording Polish: the recorder's own words (what the text has, the buttons, why a silent
     take is refused) are the Polish of screens-pl.po, none of the Dutch ones.
"""
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_driver as kd  # noqa: E402

KEY = "ui.attract.title"
RATE = 22050


def sox_stats(path):
    """sox's stats of a file, as {name: value}."""
    r = subprocess.run(["sox", path, "-n", "stats"], capture_output=True, text=True, timeout=30)
    out = {}
    for line in r.stderr.splitlines():
        m = re.match(r"^(.*?)\s{2,}(\S+)$", line.strip())
        if m:
            try:
                out[m.group(1)] = float(m.group(2))
            except ValueError:
                pass
    return out


def make_inputs(work, text):
    """The raw microphone inputs: speech padded with silence, the same clipped, and silence."""
    wav = os.path.join(work, "speech.wav")
    subprocess.run(["espeak-ng", "-v", "nl", "-s", "140", "-w", wav, text], check=True, timeout=30)
    raw = ["-r", str(RATE), "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw"]
    speech = os.path.join(work, "speech.raw")
    subprocess.run(["sox", wav, *raw, speech, "pad", "1.0", "1.0"], check=True, timeout=30)
    clipped = os.path.join(work, "clipped.raw")
    subprocess.run(["sox", "-V1", wav, *raw, clipped, "vol", "20", "dB", "pad", "1.0", "1.0"], check=True, timeout=30)
    silent = os.path.join(work, "silent.raw")
    subprocess.run(["sox", "-n", *raw, silent, "trim", "0", "3"], check=True, timeout=30)
    return speech, clipped, silent


def raw_seconds(path):
    return os.path.getsize(path) / 2.0 / RATE


@contextlib.contextmanager
def recorder(args, x, data, out, mic, key=KEY, lang="nl", content=None):
    """`werkcheck record` for one text, with `mic` as the microphone, until its window shows."""
    k = kd.Kiosk(args.bin, content or args.content, data, x, screen_width_mm=None,
                 command=["record", "--lang", lang, "--key", key, "--out", out], env={"SDL_DISKAUDIOFILEIN": mic},
                 work_dir=tempfile.mkdtemp(prefix="run-", dir=os.path.dirname(out)))
    try:
        k.start(wait_screen="record")
        yield k
    finally:
        k.stop()


def pack_clip(pack, key):
    """The pack's clip of a Dutch text (whatever its format) and whether make-audio generated it."""
    d = os.path.join(pack, "audio", "nl")
    clips = [f for f in os.listdir(d) if f.startswith(key + ".") and not f.endswith((".source", ".tmp"))]
    return (os.path.join(d, clips[0]) if clips else None), os.path.exists(os.path.join(d, key + ".source"))


def take(k, seconds):
    """Record for `seconds` and stop; the screen after sox has judged the take."""
    d = k.tap("rec:record", expect_change=False)
    k.wait_for(pred=lambda d: any(t["id"] == "rec:stop" for t in d["targets"]), timeout=10)
    time.sleep(seconds)
    k.tap("rec:stop", expect_change=False)
    return k.wait_for(pred=lambda d: any(t["id"] == "rec:record" for t in d["targets"]), timeout=20)


def said(d, words):
    return any(words in t for t in d["texts"])


def run(args, res):
    check = res.check
    work = kd.temp_dir("werkcheck-record-")
    art = kd.artifacts_dir("record")
    try:
        text = kd.po_text(args.content, "nl", KEY)
        check(text, "the pack has the text " + KEY)
        speech, clipped, silent = make_inputs(work, text)
        out = os.path.join(work, "recorded")
        stored = os.path.join(out, "nl", KEY + ".wav")
        data = os.path.join(work, "data")

        # 4. Wrong language or key: the reason, exit 2.
        for extra, words in ((["--lang", "xx"], "no language \"xx\""), (["--lang", "nl", "--key", "nope"], "no spoken text")):
            r = subprocess.run([args.bin, "record", "--content", args.content, *extra], capture_output=True, text=True,
                               timeout=30)
            check(r.returncode == 2 and words in r.stderr, "record %s: exit 2 and says why" % " ".join(extra),
                  (r.returncode, r.stderr.strip()))

        with kd.Xvfb() as x:
            # 1. A good take.
            with recorder(args, x, data, out, speech) as k:
                d = k.dump()
                check(d["item"] == KEY and said(d, text), "the recorder shows the text", d["texts"])
                check(said(d, "computerstem"), "it says the text has the generated voice now", d["texts"])
                kd.screenshot(x, os.path.join(art, "record-start.png"))
                d = take(k, raw_seconds(speech) + 0.8)
                kd.screenshot(x, os.path.join(art, "record-stored.png"))
                check(said(d, "Opgeslagen"), "a good take is stored", d["texts"])
                check(k.target("rec:record", d)["label"] == "Opnieuw opnemen", "the button offers a redo")
                check(not any(t["cut"] for t in d.get("drawn_texts", [])), "no text on the recorder is cut",
                      [t for t in d.get("drawn_texts", []) if t["cut"]])
            check(os.path.exists(stored), "the take is stored as <out>/nl/<key>.wav", stored)
            if os.path.exists(stored):
                st = sox_stats(stored)
                info = subprocess.run(["sox", "--i", stored], capture_output=True, text=True).stdout
                print("stored take: %.2f s of %.2f s input, RMS %.4f, peak %.2f dB" %
                      (st.get("Length s", 0), raw_seconds(speech), 10 ** (st.get("RMS lev dB", -200) / 20),
                       st.get("Pk lev dB", 0)), flush=True)
                check("Channels       : 1" in info and "16-bit Signed Integer PCM" in info, "mono 16-bit WAV", info)
                check(st.get("Length s", 99) < raw_seconds(speech) - 1.8, "trimmed: the 2 s of silence are gone",
                      (st.get("Length s"), raw_seconds(speech)))
                first = sox_stats_of_start(stored, work)
                check(first > -45, "no silence at the start: the first 50 ms are sound (%.1f dB RMS)" % first, first)
                rms = 10 ** (st.get("RMS lev dB", -200) / 20)
                check(0.085 <= rms <= 0.095, "normalised: RMS %.4f in 0.085-0.095" % rms, rms)
                check(st.get("Pk lev dB", 0) < -0.1 and st.get("Flat factor", 1) == 0, "not clipped",
                      (st.get("Pk lev dB"), st.get("Flat factor")))
                before = open(stored, "rb").read()

                # 3. A clipped take after it: refused, the recording stays as it was.
                with recorder(args, x, data, out, clipped) as k:
                    d = take(k, raw_seconds(clipped) + 0.8)
                    kd.screenshot(x, os.path.join(art, "record-clipped.png"))
                    check(said(d, "Te hard"), "a clipped take is refused and says why", d["texts"])
                check(open(stored, "rb").read() == before, "nothing written: the stored take is unchanged")

                # 2. The build takes the recording: make-audio, lint and the operator status.
                pack = os.path.join(work, "pack")
                shutil.copytree(args.content, pack)
                clip, stamped = pack_clip(pack, KEY)
                check(clip and stamped, "before: the pack's clip is generated", clip)
                generated = open(clip, "rb").read() if clip else b""
                r = subprocess.run([args.bin, "make-audio", "--content", pack, "--recorded", out], capture_output=True,
                                   text=True, timeout=300)
                check(r.returncode == 0 and " 1 recorded" in r.stdout, "make-audio counts 1 recorded clip", r.stdout)
                clip, stamped = pack_clip(pack, KEY)
                check(clip and not stamped and open(clip, "rb").read() != generated,
                      "the pack's clip is now the recording, not the generated one", clip)
                r = subprocess.run([args.bin, "lint", "--content", pack], capture_output=True, text=True, timeout=300)
                check(re.search(r"spoken clips nl: 1 recorded, \d+ generated, 0 missing", r.stdout),
                      "lint reports the recorded clip", r.stdout[-600:])
                with kd.Kiosk(args.bin, pack, os.path.join(work, "kiosk-data"), x,
                              work_dir=tempfile.mkdtemp(prefix="run-", dir=work)) as k:
                    d = k.open_operator_menu()
                    kd.screenshot(x, os.path.join(art, "operator-status.png"))
                    check(any(re.search(r"Stemmen nl: 1 opgenomen, \d+ computerstem, 0 ontbreken", t) for t in d["texts"]),
                          "the operator status reports the recorded clip", d["texts"])

            # 3. A silent take of another text: refused, no file.
            other = "ui.stop"
            with recorder(args, x, data, out, silent, key=other) as k:
                d = take(k, 2.0)
                kd.screenshot(x, os.path.join(art, "record-silent.png"))
                check(said(d, "Niets gehoord"), "a silent take is refused and says why", d["texts"])
            check(not os.path.exists(os.path.join(out, "nl", other + ".wav")), "nothing written for the silent take")
            check(sorted(os.listdir(os.path.join(out, "nl"))) == [KEY + ".wav"], "only the good take is in the folder",
                  os.listdir(os.path.join(out, "nl")))

            # 5. Polish: the recorder speaks to a Polish speaker in Polish. The pack given (the
            # unit tests' pack in CI) with the shipped screens-pl.po beside its languages.
            pl_pack = os.path.join(work, "pack-pl")
            shutil.copytree(args.content, pl_pack)
            shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "locales", "screens-pl.po"),
                        os.path.join(pl_pack, "locales"))

            def words(lang, key):
                return kd.po_text(pl_pack, "screens-" + lang, "operator.record." + key)
            with recorder(args, x, data, out, silent, key="ui.closing.title", lang="pl", content=pl_pack) as k:
                d = k.dump()
                kd.screenshot(x, os.path.join(art, "record-pl-start.png"))
                check(said(d, words("pl", "source_missing")) and k.target("rec:play", d)["label"] == words("pl", "play")
                      and k.target("rec:record", d)["label"] == words("pl", "record"),
                      "recording Polish: what the text has and the buttons are in Polish (%r, %r)"
                      % (words("pl", "source_missing"), words("pl", "record")), (d["texts"], d["targets"]))
                d = take(k, 2.0)
                kd.screenshot(x, os.path.join(art, "record-pl-silent.png"))
                check(said(d, words("pl", "nothing_heard")), "a silent Polish take is refused in Polish", d["texts"])
                dutch = [words("nl", key) for key in ("source_missing", "nothing_heard", "play", "record", "done")]
                shown = d["texts"] + [t["label"] for t in d["targets"]]
                check(not any(w in t for w in dutch for t in shown), "none of the recorder's Dutch words is shown",
                      shown)
    finally:
        kd.remove_dir(work)


def sox_stats_of_start(path, work):
    """RMS (dB) of the first 50 ms of a file."""
    head = os.path.join(work, "head.wav")
    subprocess.run(["sox", path, head, "trim", "0", "0.05"], check=True, timeout=30)
    return sox_stats(head).get("RMS lev dB", -200)


if __name__ == "__main__":
    kd.run_scenario("e2e_record", __doc__, run)
