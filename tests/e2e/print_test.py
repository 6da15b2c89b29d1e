#!/usr/bin/env python3
"""End-to-end: the take-home slip on a real printer queue (issue 11, item 7), under Xvfb.

A private cupsd (tests/e2e/private_cups.py: own config and spool in a temp dir, a random
loopback port) with Debian's virtual PDF printer (cups-pdf) as queue; the kiosk reaches it
through CUPS_SERVER and prints with libcups, as on a kiosk with a real printer.

  1. Without a printer in kiosk.json the code page has no print button.
  2. With the queue set, the whole check on the real content: the code page shows a printer
     button (picture 1F5A8, 20 x 20 mm or more) and says what it is for; a tap shows and says
     that it prints, then that the slip is in the printer. cups-pdf's PDF has one page with the
     code, the title, the plan and two occupations as text (pdftotext); it is rendered to PNG
     (pdftoppm, kept in the test artifacts to look at) and the code's digits are measured there.
     Each plan step's "when" has its calendar picture before it: the words stand right of the
     steps' words by the picture's width, and in the pixels between is the picture's colour.
  3. The queue deleted: the next person taps print and sees and hears that the slip could not
     be printed; the code stays on the screen; the operator status names the queue and why.
  4. cupsd stopped: the same, and the status says CUPS does not answer.

Prints "N passed, M failed" last; exits non-zero on any failure.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import code_volume_test as speech  # noqa: E402  (voiced seconds of what the kiosk played)
import kiosk_driver as kd  # noqa: E402
import private_cups  # noqa: E402

WIDTH, HEIGHT, SCREEN_MM = 1280, 800, 338.0
PX_PER_MM = WIDTH / SCREEN_MM
CODE_RE = re.compile(r"^[0-9A-Z]{3} [0-9A-Z]{3} [0-9A-Z]{4}$")
CODE_CAP_MM = 12.2  # print/slip_pdf.h: 0.7 degrees at 1 m


def walk_to_code_page(k, res, plan_actions=3, seen=None):
    """start -> nl -> every question (the first answer; up to plan_actions actions in the plan)
    -> the result pages until the one with the code (their texts go to seen)."""
    d = k.tap("start")
    d = k.tap("lang:nl")
    while d["screen"] == "question":
        answers = [t["id"] for t in d["targets"] if t["id"].startswith("answer:")]
        wanted = plan_actions if d.get("item") == "plan.acties" else 1
        for a in answers[:wanted]:
            d = k.tap(a)
        d = k.tap("nav:next")
    res.check(d["screen"] == "result", "after the questions: the result", kd.describe(d))
    for _ in range(12):
        if seen is not None:
            seen += d["texts"]
        if any(CODE_RE.match(t) for t in d["texts"]):
            return d
        d = k.tap("nav:next")
    raise kd.KioskError("no result page with the code: " + kd.describe(d))


def the_code(d):
    codes = [t for t in d["texts"] if CODE_RE.match(t)]
    return codes[0] if codes else None


def voiced_since(k, start):
    """Seconds of speech the kiosk played from byte `start` until it fell quiet (20 ms windows
    above the speech threshold at the default 80 % volume)."""
    said = speech.heard(k, start)
    return speech.voiced_seconds(said, speech.VOICED_FULL * speech.gain(80) / 2)


def clip_voiced(content, key):
    """Seconds of speech in a clip of the pack, measured the same way at full scale."""
    return speech.voiced_seconds(speech.clip_samples(content, "nl", key), speech.VOICED_FULL / 2)


def write_settings(data, settings):
    os.makedirs(data, exist_ok=True)
    with open(os.path.join(data, "kiosk.json"), "w", encoding="utf-8") as f:
        json.dump(settings, f)


def fail_and_check(args, res, x, art, data, why_pattern, name, before=None):
    """A person on the fixture content taps print where the slip cannot print."""
    failed = kd.po_text(args.fixture, "screens-nl", "ui.slip.failed")
    with kd.Kiosk(args.bin, args.fixture, data, x, screen_width_mm=SCREEN_MM) as k:
        if before:
            before()
        d = walk_to_code_page(k, res)
        code = the_code(d)
        d = k.tap("print:slip")
        d = k.wait_for(screen="result", pred=lambda d: failed in d["texts"], timeout=90)
        start = speech.position(k)
        res.check(failed in d["texts"], "%s: the screen says the slip could not be printed" % name, d["texts"])
        res.check(code and the_code(d) == code, "%s: the code stays on the screen" % name, d["texts"])
        res.check(all(t["id"] != "print:slip" for t in d["targets"]), "%s: no print button any more" % name,
                  [t["id"] for t in d["targets"]])
        kd.screenshot(x, os.path.join(art, "%s-failed.png" % name))
        said = voiced_since(k, start)
        need = clip_voiced(args.fixture, "ui.slip.failed") + sum(clip_voiced(args.fixture, "char." + c)
                                                                 for c in code.replace(" ", ""))
        res.check(said >= 0.85 * need, "%s: the failure and the code are heard (%.1f s of speech, "
                  "the words and digits %.1f s)" % (name, said, need), said)
        d = k.tap("nav:stop")
        d = k.tap("stop:yes")
        res.check(d["screen"] == "attract", "%s: stop -> attract" % name, kd.describe(d))
        d = k.open_operator_menu()
        res.check(d["screen"] == "operator_menu", "%s: the operator menu opens" % name, kd.describe(d))
        kd.screenshot(x, os.path.join(art, "%s-operator.png" % name))
        problem = [t for t in d["texts"] if re.search(why_pattern, t)]
        res.check(problem, "%s: the operator status says why: %s" % (name, problem[0] if problem else "?"),
                  d["texts"])


def run(args, res):
    art = kd.artifacts_dir("print")
    kd.remove_dir(art)
    art = kd.artifacts_dir("print")
    button = kd.po_text(args.content, "screens-nl", "ui.slip.button")
    printing = kd.po_text(args.content, "screens-nl", "ui.slip.printing")
    printed = kd.po_text(args.content, "screens-nl", "ui.slip.printed")
    res.check(button and printing and printed, "the pack has the slip's words", (button, printing, printed))
    with private_cups.PrivateCups() as cups, kd.Xvfb(WIDTH, HEIGHT) as x:
        queue = "werkcheck-slip-%d" % cups.port
        cups.add_pdf_queue(queue)
        os.environ["CUPS_SERVER"] = cups.server  # the kiosk's libcups reads it

        # 1. No printer set: no button.
        data = kd.temp_dir("werkcheck-print-none-")
        with kd.Kiosk(args.bin, args.fixture, data, x, screen_width_mm=SCREEN_MM) as k:
            d = walk_to_code_page(k, res)
            res.check(all(t["id"] != "print:slip" for t in d["targets"]) and the_code(d),
                      "without a printer the code page has the code and no print button",
                      [t["id"] for t in d["targets"]])
        kd.remove_dir(data)

        # 2. A whole check on the real content, and its slip on paper.
        data = kd.temp_dir("werkcheck-print-ok-")
        write_settings(data, {"printer": queue})
        occupations = []  # every text of the result pages: the occupations among them
        with kd.Kiosk(args.bin, args.content, data, x, screen_width_mm=SCREEN_MM) as k:
            d = walk_to_code_page(k, res, seen=occupations)
            code = the_code(d)
            b = k.target("print:slip", d)
            res.check(b["has_picture"] and b["label"] == button,
                      "the code page has the print button with a picture and '%s'" % b["label"], b)
            res.check(b["w"] >= 20 * PX_PER_MM and b["h"] >= 20 * PX_PER_MM,
                      "the button is %.0f x %.0f mm (20 mm or more)" % (b["w"] / PX_PER_MM, b["h"] / PX_PER_MM), b)
            kd.screenshot(x, os.path.join(art, "1-code-page.png"))
            d = k.tap("print:slip")
            res.check(printing in d["texts"] or printed in d["texts"], "after the tap it shows it prints", d["texts"])
            kd.screenshot(x, os.path.join(art, "2-printing.png"))
            d = k.wait_for(screen="result", pred=lambda d: printed in d["texts"], timeout=120)
            done = speech.position(k)
            res.check(the_code(d) == code, "the code stays on the screen", d["texts"])
            kd.screenshot(x, os.path.join(art, "3-printed.png"))
            said = voiced_since(k, done)
            need = clip_voiced(args.content, "ui.slip.printed")
            res.check(said >= need * 0.85, "that it is in the printer is heard (%.1f s of speech, the words %.1f s)"
                      % (said, need), said)
            for _ in range(10):  # the result pages after the code
                d = k.tap("nav:next")
                if d["screen"] != "result":
                    break
                occupations += d["texts"]
        pdfs = []
        deadline = time.monotonic() + 30
        while not pdfs and time.monotonic() < deadline:
            pdfs = cups.pdfs(queue)
            time.sleep(0.2)
        res.check(len(pdfs) == 1, "cups-pdf wrote one PDF", pdfs or cups.log_tail())
        sent = cups.submitted()
        res.check(len(sent) == 1, "cupsd kept the one document the kiosk sent", sent)
        if pdfs and sent:
            printed = os.path.join(art, "printed.pdf")
            shutil.copy(pdfs[0], printed)
            shutil.copy(sent[0], os.path.join(art, "sent.pdf"))
            check_slip(args, res, art, sent[0], printed, code, occupations)
        kd.remove_dir(data)

        # 3. The queue deleted.
        data = kd.temp_dir("werkcheck-print-gone-")
        write_settings(data, {"printer": queue})
        cups.delete_queue(queue)
        fail_and_check(args, res, x, art, data, re.escape(queue), "queue-deleted")
        kd.remove_dir(data)

        # 4. cupsd stopped.
        data = kd.temp_dir("werkcheck-print-down-")
        write_settings(data, {"printer": queue})
        cups.stop_server()
        fail_and_check(args, res, x, art, data, re.escape(cups.server), "cupsd-stopped")
        kd.remove_dir(data)


def check_slip(args, res, art, sent, printed, code, occupations):
    """What the kiosk sent says the right things (its words are text); what came out of the
    printer (cups-pdf turns it into PostScript and back, the letters become outlines) is that
    page: one page, the same pixels, the code as large as asked."""
    for name, pdf in (("sent", sent), ("printed", printed)):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        res.check(re.search(r"^Pages:\s+1$", info, re.M) and re.search(r"^Page size:.*\(A4\)", info, re.M),
                  "the %s slip is one A4 page" % name, info)
    text = " ".join(subprocess.run(["pdftotext", "-layout", sent, "-"], capture_output=True, text=True).stdout.split())
    title = kd.po_text(args.content, "screens-nl", "ui.slip.title")
    res.check(code and code in text, "the slip has the code %s" % code, text)
    res.check(title in text, "and its title", text)
    when = [kd.po_text(args.content, "nl", "answers.when3." + w) for w in ("week", "month", "later")]
    res.check(any(w and w in text for w in when), "and the plan with when", text)
    plain = plain_occupation_names(args.content)
    on_pages = list(dict.fromkeys(o for o in occupations if o in plain))
    on_slip = [o for o in on_pages if o in text]
    res.check(len(on_slip) == 2 and on_slip == on_pages[:2],
              "and the first two occupations of the result pages: %s" % on_slip, (on_pages, text))
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", printed, os.path.join(art, "printed")], check=True)
    a, b = grey(sent, 50), grey(printed, 50)
    lost, added = (unmatched_ink(a, b), unmatched_ink(b, a)) if a[:2] == b[:2] else (1, 1)
    res.check(lost < 0.01 and added < 0.01, "the printed page is the page sent: at 50 dpi %.2f %% of its ink "
              "is not within a pixel of ink on the other, %.2f %% the other way" % (lost * 100, added * 100),
              (a[:2], b[:2]))
    check_when_pictures(res, sent)
    cap = code_cap_mm(sent, printed, code)
    res.check(cap >= CODE_CAP_MM - 0.3, "the printed code's digits are %.1f mm tall (%.1f mm asked)"
              % (cap, CODE_CAP_MM), cap)


def check_when_pictures(res, sent):
    """Before each "when" (Deze week, ...) on the slip: its calendar picture, in colour."""
    boxes = subprocess.run(["pdftotext", "-bbox", sent, "-"], capture_output=True, text=True).stdout
    words = [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in
             re.findall(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>', boxes)]
    mm = 72 / 25.4
    when = [(x0, y0, y1) for i, (w, x0, y0, _, y1) in enumerate(words[:-1])
            if w == "Deze" and words[i + 1][0] in ("week", "maand")]
    res.check(when, "the slip has when words (Deze week / Deze maand)", boxes[:400])
    for x0, y0, y1 in when:
        # The step's words: the line just above (they start where "when" did before its picture).
        above = [(wy0, wx0) for _, wx0, wy0, _, wy1 in words if wy1 <= y0 + 1]
        top = max((wy0 for wy0, _ in above), default=0)
        column = min((wx0 for wy0, wx0 in above if abs(wy0 - top) < 1), default=x0)
        gap = (x0 - column) / mm
        dpi = 100
        s = dpi / 72.0
        box = (int(column * s), int(y0 * s), max(1, int((x0 - column) * s) - 1), max(1, int((y1 - y0) * s)))
        colour = coloured_share(sent, dpi, box) if gap > 1 else 0.0
        res.check(gap >= 8 and colour > 0.05,
                  "a when picture before the words at %.0f mm: they stand %.1f mm right of the steps' words, "
                  "%.0f %% of the pixels between are coloured" % (y0 / mm, gap, colour * 100), (gap, colour))


def coloured_share(pdf, dpi, box):
    """The share of pixels in a box of the page (pixels) that are coloured (not grey)."""
    args = ["pdftoppm", "-r", str(dpi), "-singlefile", "-x", str(box[0]), "-y", str(box[1]), "-W", str(box[2]),
            "-H", str(box[3])]
    out = subprocess.run(args + [pdf], capture_output=True, check=True).stdout  # P6: rgb
    header = out.split(b"\n", 3)
    w, h = (int(v) for v in header[1].split())
    rgb = header[3][:w * h * 3]
    coloured = sum(1 for i in range(0, len(rgb), 3) if max(rgb[i:i + 3]) - min(rgb[i:i + 3]) > 60)
    return coloured / float(w * h) if w * h else 0.0


def grey(pdf, dpi, box=None):
    """(width, height, pixels) of the page (or a box of it, in pixels) as grey, 0 black."""
    args = ["pdftoppm", "-r", str(dpi), "-gray", "-singlefile"]
    if box:
        args += ["-x", str(box[0]), "-y", str(box[1]), "-W", str(box[2]), "-H", str(box[3])]
    out = subprocess.run(args + [pdf], capture_output=True, check=True).stdout
    header = out.split(b"\n", 3)  # P5, "w h", max, pixels
    w, h = (int(v) for v in header[1].split())
    return w, h, header[3][:w * h]


def unmatched_ink(a, b):
    """The share of a's ink (dark pixels) with no ink of b within one pixel: the two renderings
    smooth edges differently (text is type in one and outlines in the other), content differs."""
    w, h, pa = a
    pb = b[2]
    ink = missing = 0
    for y in range(1, h - 1):
        for x in range(1, w - 1):
            if pa[y * w + x] < 128:
                ink += 1
                if not any(pb[(y + j) * w + x + i] < 160 for j in (-1, 0, 1) for i in (-1, 0, 1)):
                    missing += 1
    return missing / float(ink) if ink else 1.0


def plain_occupation_names(content):
    with open(os.path.join(content, "locales", "occupations-nl.po"), encoding="utf-8") as f:
        po = f.read()
    return set(m.group(2) or m.group(1) for m in
               re.finditer(r'msgctxt "occupation_plain\.[^"]*"\s*\nmsgid "(.*)"\s*\nmsgstr "(.*)"', po))


def code_cap_mm(sent, printed, code):
    """The height of the ink of the code's first group on the printed page, in mm (300 dpi),
    where the page sent has that word."""
    boxes = subprocess.run(["pdftotext", "-bbox", sent, "-"], capture_output=True, text=True).stdout
    first = code.split(" ")[0]
    m = re.search(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">%s</word>' % first, boxes)
    if not m:
        return 0.0
    s = 300 / 72.0
    x0, y0, x1, y1 = (int(float(v) * s) for v in m.groups())
    w, h, pixels = grey(printed, 300, (x0, y0, x1 - x0, y1 - y0))
    rows = [y for y in range(h) if min(pixels[y * w:(y + 1) * w]) < 128]
    return (rows[-1] - rows[0] + 1) / 300.0 * 25.4 if rows else 0.0


def main():
    ap = argparse.ArgumentParser(description="the take-home slip through a private cupsd with cups-pdf")
    ap.add_argument("--bin", required=True)
    ap.add_argument("--content", required=True, help="the real content pack (plan, occupations)")
    ap.add_argument("--fixture", required=True, help="the unit tests' small pack (a short check)")
    args = ap.parse_args()
    args.bin, args.content, args.fixture = (os.path.abspath(p) for p in (args.bin, args.content, args.fixture))
    kd.install_sigterm_cleanup()
    res = kd.Results()
    started = time.monotonic()
    if os.geteuid() != 0:
        res.check(False, "runs as root: cupsd runs the cups-pdf backend as root only when it is root itself")
    else:
        try:
            run(args, res)
        except Exception as e:  # noqa: BLE001 - every error is a test failure here
            res.error("scenario stopped", e)
    print("print: %.1f s" % (time.monotonic() - started), flush=True)
    sys.exit(res.summary())


if __name__ == "__main__":
    main()
