"""Drives the real werkcheck kiosk end to end, the way a person would: on an X server
(Xvfb), with taps by xdotool at the centre of the targets the kiosk itself reports in its
UI dump (WERKCHECK_UI_DUMP), and with sound going to a file (SDL's disk audio driver).

Standard library only. Every process this module starts is stopped again by stop() /
the context managers, on failure too; as a last resort the children are also told by the
kernel to die with this Python process (PR_SET_PDEATHSIG).
"""
import array
import ctypes
import ctypes.util
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Screens a participant sees (held to 20 mm targets, pictures and speech).
PARTICIPANT_SCREENS = {"attract", "language", "question", "result", "idle_prompt", "stop_confirm"}
AUDIO_RATE = 22050  # the kiosk's audio: raw S16 mono 22050 Hz (SDL_AUDIODRIVER=disk)
# The kiosk ignores taps for 0.4 s after a screen or page opens (the dump's "opening" counts
# them); a driver that taps like a person waits a little longer than that after each one.
TAP_HOLD_S = 0.45


class KioskError(AssertionError):
    """A step of the driven kiosk did not happen (timeout, kiosk gone, no such target)."""


class KioskDied(KioskError):
    pass


# ---------------------------------------------------------------------------------------
# Processes

_libc = None


def _die_with_parent():
    """preexec_fn: the child gets SIGKILL when this Python process goes away."""
    global _libc
    try:
        if _libc is None:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        _libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _stop_process(proc, timeout=3.0):
    """SIGTERM, then SIGKILL; returns the exit code. Only ever this one process."""
    if proc is None:
        return None
    if proc.poll() is None:
        try:
            proc.terminate()
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)
        except ProcessLookupError:
            pass
    return proc.returncode


def install_sigterm_cleanup():
    """Turn SIGTERM (ctest's timeout, a CI cancel) into SystemExit so finally: blocks run."""
    def handler(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, handler)


def artifacts_dir(*parts):
    base = os.environ.get("WERKCHECK_ARTIFACTS") or os.path.join(REPO, "test-artifacts")
    d = os.path.join(base, *parts)
    os.makedirs(d, exist_ok=True)
    return d


# ---------------------------------------------------------------------------------------
# X server

class Xvfb:
    """A private X server on the first free display of :90..:140."""

    def __init__(self, width=1920, height=1080, depth=24, first=90, last=140):
        self.width, self.height, self.depth = width, height, depth
        self.first, self.last = first, last
        self.proc = None
        self.display = None
        self._log = None

    def start(self):
        tried = []
        for n in range(self.first, self.last + 1):
            if os.path.exists("/tmp/.X11-unix/X%d" % n) or os.path.exists("/tmp/.X%d-lock" % n):
                continue
            tried.append(n)
            self._log = tempfile.TemporaryFile()
            proc = subprocess.Popen(
                ["Xvfb", ":%d" % n, "-screen", "0", "%dx%dx%d" % (self.width, self.height, self.depth),
                 "-nolisten", "tcp"],
                stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log, preexec_fn=_die_with_parent)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and proc.poll() is None:
                if os.path.exists("/tmp/.X11-unix/X%d" % n):
                    break
                time.sleep(0.05)
            # Our server must be the one that owns the socket: another may have raced us to it.
            if proc.poll() is None and os.path.exists("/tmp/.X11-unix/X%d" % n) and self._answers(n):
                time.sleep(0.2)  # a server that lost the race for :n exits right after its lock check
                if proc.poll() is None:
                    self.proc, self.display = proc, ":%d" % n
                    return self
            _stop_process(proc)
        raise KioskError("no free X display in :%d..:%d (tried %s)" % (self.first, self.last, tried))

    def _answers(self, n):
        env = dict(os.environ, DISPLAY=":%d" % n)
        for _ in range(40):
            r = subprocess.run(["xdotool", "getdisplaygeometry"], env=env, capture_output=True, text=True)
            if r.returncode == 0:
                return r.stdout.split() == [str(self.width), str(self.height)]
            time.sleep(0.05)
        return False

    def env(self):
        return dict(os.environ, DISPLAY=self.display)

    def stop(self):
        _stop_process(self.proc)
        self.proc = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def xdotool(xvfb, *args, check=True):
    r = subprocess.run(["xdotool", *[str(a) for a in args]], env=xvfb.env(), capture_output=True, text=True,
                       timeout=10)
    if check and r.returncode != 0:
        raise KioskError("xdotool %s failed: %s" % (" ".join(map(str, args)), r.stderr.strip()))
    return r.stdout


def screenshot(xvfb, path):
    """The whole X screen as PNG (imagemagick import). Returns the path."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    r = subprocess.run(["import", "-window", "root", path], env=xvfb.env(), capture_output=True, text=True,
                       timeout=30)
    if r.returncode != 0:
        raise KioskError("screenshot failed: " + r.stderr.strip())
    return path


def send_wm_delete(display, window_id):
    """What a window manager does on Alt+F4: a WM_PROTOCOLS/WM_DELETE_WINDOW client message.
    (There is no window manager on the bare kiosk X server, so xdotool's alt+F4 alone reaches
    the app only as a key press.) Uses libX11 through ctypes."""
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]

    class ClientMessage(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                    ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                    ("format", ctypes.c_int), ("l", ctypes.c_long * 5)]

    class XEvent(ctypes.Union):
        _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]

    dpy = x11.XOpenDisplay(display.encode())
    if not dpy:
        raise KioskError("cannot open X display " + display)
    try:
        ev = XEvent()
        ev.xclient.type = 33  # ClientMessage
        ev.xclient.send_event = 1
        ev.xclient.display = dpy
        ev.xclient.window = window_id
        ev.xclient.message_type = x11.XInternAtom(dpy, b"WM_PROTOCOLS", 0)
        ev.xclient.format = 32
        ev.xclient.l[0] = x11.XInternAtom(dpy, b"WM_DELETE_WINDOW", 0)
        ev.xclient.l[1] = 0  # CurrentTime
        if not x11.XSendEvent(dpy, window_id, 0, 0, ctypes.byref(ev)):
            raise KioskError("XSendEvent failed")
        x11.XFlush(dpy)
    finally:
        x11.XCloseDisplay(dpy)


# ---------------------------------------------------------------------------------------
# Audio written by SDL's disk driver

def audio_size(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def audio_rms(path, start=0, end=None):
    """RMS of the raw S16 samples in [start, end) bytes of the file (0.0 if none)."""
    try:
        with open(path, "rb") as f:
            f.seek(start)
            data = f.read() if end is None else f.read(max(0, end - start))
    except OSError:
        return 0.0
    data = data[: len(data) - len(data) % 2]
    if not data:
        return 0.0
    samples = array.array("h")
    samples.frombytes(data)
    if sys.byteorder == "big":
        samples.byteswap()
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def sound_after(audio_path, start, seconds=3.0, threshold=90.0):
    """RMS of what the kiosk writes from byte `start` on, waiting up to `seconds` until it is
    above `threshold` (raw S16; speech at the default volume is in the hundreds to thousands)."""
    deadline = time.monotonic() + seconds
    rms = 0.0
    while time.monotonic() < deadline:
        rms = audio_rms(audio_path, start)
        if rms > threshold:
            break
        time.sleep(0.1)
    return rms


def tail_rms(path, seconds=0.3):
    end = audio_size(path)
    end -= end % 2
    return audio_rms(path, max(0, end - int(seconds * AUDIO_RATE) * 2), end)


# ---------------------------------------------------------------------------------------
# The content pack's spoken clips: Ogg Vorbis, mono at AUDIO_RATE (audio/README.md), read with sox

def clip_path(content, lang, key):
    return os.path.join(content, "audio", lang, key + ".ogg")


def clip_seconds(path):
    """The clip's length from its stream (soxi), as the kiosk schedules it."""
    return float(subprocess.run(["soxi", "-D", path], capture_output=True, text=True, check=True).stdout)


def clip_pcm(path):
    """The clip decoded to raw S16 samples (bytes, this machine's order), as the kiosk plays them."""
    fmt = [subprocess.run(["soxi", opt, path], capture_output=True, text=True, check=True).stdout.strip()
           for opt in ("-c", "-r")]
    assert fmt == ["1", str(AUDIO_RATE)], (path, fmt)  # made so by make-audio: nothing to convert
    return subprocess.run(["sox", path, "-t", "raw", "-e", "signed-integer", "-b", "16", "-"],
                          capture_output=True, check=True).stdout


# ---------------------------------------------------------------------------------------
# The kiosk

def strip_frame(dump):
    if dump is None:
        return None
    d = dict(dump)
    d.pop("frame", None)
    d.pop("caches", None)  # the cache figures change as pictures load, not what is on the screen
    d.pop("speech_at", None)  # which clip plays moves on with the audio, not because of a tap
    # The "now speaking" highlight moves with the audio on its own, not because of a tap.
    d["targets"] = [{k: v for k, v in t.items() if k != "speaking"} for t in d.get("targets", [])]
    # Before a language is chosen, the language screen's title and button words follow the
    # language being said (language_screen.cpp): they too change with the audio.
    if d.get("screen") == "language":
        follow = {"speak", "nav:back", "nav:stop"}
        d["targets"] = [{k: v for k, v in t.items() if not (k == "label" and t.get("id") in follow)}
                        for t in d["targets"]]
        for key in ("drawn_texts", "texts"):
            d.pop(key, None)
    return json.dumps(d, sort_keys=True)


class Kiosk:
    """One run of the real kiosk binary on a given X server."""

    def __init__(self, binary, content, data_dir, xvfb, screen_width_mm=527, idle_timeout=None, extra_args=(),
                 work_dir=None, audio=True, command=(), env=None):
        self.binary, self.content, self.data_dir, self.xvfb = binary, content, data_dir, xvfb
        self.screen_width_mm, self.idle_timeout, self.extra_args = screen_width_mm, idle_timeout, list(extra_args)
        self.work_dir = work_dir or tempfile.mkdtemp(prefix="werkcheck-run-")
        self.dump_path = os.path.join(self.work_dir, "dump.json")
        self.audio_path = os.path.join(self.work_dir, "audio.raw")
        self.output_path = os.path.join(self.work_dir, "kiosk-output.txt")
        self.audio = audio
        self.command, self.extra_env = list(command), dict(env or {})  # e.g. ["record", ...]: another subcommand
        self.proc = None
        self.offset = (0, 0)
        self.last = None  # the last dump read
        self.window_id = None
        self.opening = None  # the dump's "opening" counter as last seen, and when it changed
        self.opened_at = 0.0

    # -- life cycle
    def start(self, wait_screen="attract", timeout=20):
        for p in (self.dump_path, self.dump_path + ".tmp"):
            if os.path.exists(p):
                os.unlink(p)
        args = [self.binary, *self.command, "--data", self.data_dir, "--content", self.content]
        if self.screen_width_mm:
            args += ["--screen-width-mm", str(self.screen_width_mm)]
        if self.idle_timeout is not None:
            args += ["--idle-timeout", str(self.idle_timeout)]
        args += self.extra_args
        env = self.xvfb.env()
        env["WERKCHECK_UI_DUMP"] = self.dump_path
        if self.audio:
            env["SDL_AUDIODRIVER"] = "disk"
            env["SDL_DISKAUDIOFILE"] = self.audio_path
        env.update(self.extra_env)
        self._out = open(self.output_path, "ab")
        self.proc = subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, stdout=self._out,
                                     stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        if wait_screen:
            self.ready(wait_screen, timeout)
        return self

    def ready(self, screen="attract", timeout=20):
        """Waits for the first screen after start(wait_screen=None)."""
        d = self.wait_for(screen=screen, timeout=timeout)
        self._find_window()
        return d

    def _find_window(self):
        """Where the window is on the X screen (taps are in root coordinates)."""
        out = xdotool(self.xvfb, "search", "--name", "^werkcheck$", check=False).split()
        if not out:
            return
        self.window_id = int(out[-1])
        geo = xdotool(self.xvfb, "getwindowgeometry", "--shell", self.window_id, check=False)
        vals = dict(line.split("=", 1) for line in geo.split() if "=" in line)
        try:
            self.offset = (int(vals.get("X", 0)), int(vals.get("Y", 0)))
        except ValueError:
            self.offset = (0, 0)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def kill(self, sig=signal.SIGKILL):
        if self.alive():
            try:
                self.proc.send_signal(sig)
            except ProcessLookupError:
                pass

    def wait_exit(self, timeout=10):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self):
        code = _stop_process(self.proc)
        if getattr(self, "_out", None):
            self._out.close()
            self._out = None
        return code

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- reading the screen
    def dump(self):
        """The current UI dump, or None before the first frame."""
        for _ in range(5):
            try:
                with open(self.dump_path, encoding="utf-8") as f:
                    self.last = json.load(f)
                if self.last.get("opening") != self.opening:
                    self.opening = self.last.get("opening")
                    self.opened_at = time.monotonic()
                return self.last
            except FileNotFoundError:
                return None
            except (json.JSONDecodeError, OSError):
                time.sleep(0.01)  # the file is replaced atomically; just retry
        return None

    def wait_for(self, screen=None, item=None, pred=None, after_frame=None, timeout=10, poll=0.02):
        deadline = time.monotonic() + timeout
        d = None
        while True:
            d = self.dump()
            if d is not None and (screen is None or d.get("screen") == screen) and \
                    (item is None or d.get("item") == item) and \
                    (after_frame is None or d.get("frame", 0) > after_frame) and (pred is None or pred(d)):
                return d
            if not self.alive():
                raise KioskDied("the kiosk exited (code %s) while waiting for screen=%s item=%s"
                                % (self.proc.returncode if self.proc else None, screen, item))
            if time.monotonic() > deadline:
                raise KioskError("timeout after %.0f s waiting for screen=%s item=%s; now %s"
                                 % (timeout, screen, item, describe(d)))
            time.sleep(poll)

    def target(self, target_id, dump=None):
        d = dump or self.dump()
        if d:
            for t in d.get("targets", []):
                if t["id"] == target_id:
                    return t
        raise KioskError("no target %r on %s" % (target_id, describe(d)))

    # -- touching it
    def settle(self):
        """Waits until the screen last seen opening takes taps (TAP_HOLD_S after it opened)."""
        self.dump()
        wait = self.opened_at + TAP_HOLD_S - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def click_at(self, x, y):
        self.settle()
        xdotool(self.xvfb, "mousemove", int(round(x)) + self.offset[0], int(round(y)) + self.offset[1],
                "click", "1")

    def tap(self, target_id, expect_change=True, timeout=10):
        """Tap the centre of a target. With expect_change, wait until the screen shows the
        result (the dump apart from its frame number differs); otherwise wait until the kiosk
        has drawn a frame for the press and a little longer."""
        before = self.dump()
        if before is None:
            raise KioskError("no UI dump yet")
        t = self.target(target_id, before)
        self.click_at(t["x"] + t["w"] / 2, t["y"] + t["h"] / 2)
        if expect_change:
            ref = strip_frame(before)
            return self.wait_for(pred=lambda d: strip_frame(d) != ref, timeout=timeout)
        d = self.wait_for(after_frame=before["frame"], timeout=timeout)
        time.sleep(0.15)
        return self.dump() or d

    def key(self, keys):
        xdotool(self.xvfb, "key", keys)

    def open_operator_menu(self, pin="2580"):
        """From the start screen: the hidden corner, the PIN, the menu; its dump (the status texts)."""
        for _ in range(4):
            self.tap("operator-corner", expect_change=False)
        self.tap("operator-corner")
        for digit in pin:
            self.tap("pin:" + digit)
        return self.tap("pin:ok")

    def log_text(self):
        try:
            with open(os.path.join(self.data_dir, "werkcheck.log"), encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def output_tail(self, n=20):
        try:
            with open(self.output_path, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return ""


def po_text(content, name, key):
    """A text from the content pack's locales/<name>.po (msgstr, else msgid), or None."""
    try:
        with open(os.path.join(content, "locales", name + ".po"), encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    m = re.search(r'msgctxt "%s"\s*\nmsgid "(.*)"\s*\nmsgstr "(.*)"' % re.escape(key), text)
    return (m.group(2) or m.group(1)) if m else None


def describe(d):
    if not d:
        return "(no dump)"
    return "screen=%s item=%s frame=%s targets=%s" % (d.get("screen"), d.get("item"), d.get("frame"),
                                                       [t["id"] for t in d.get("targets", [])])


def export(binary, data_dir):
    """`werkcheck export --data DIR` as a list of sessions."""
    r = subprocess.run([binary, "export", "--data", data_dir], capture_output=True, text=True, timeout=30)
    if r.returncode != 0:
        raise KioskError("werkcheck export failed (%d): %s" % (r.returncode, r.stderr.strip()))
    return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


# ---------------------------------------------------------------------------------------
# Counting checks

class Results:
    """Named checks; a failed check is reported and counted, the run goes on."""

    def __init__(self, verbose=None):
        self.verbose = bool(os.environ.get("WERKCHECK_E2E_VERBOSE")) if verbose is None else verbose
        self.passed = 0
        self.failed = 0
        self.failures = []

    def check(self, cond, name, detail=""):
        if cond:
            self.passed += 1
            if self.verbose:
                print("ok: %s" % name, flush=True)
        else:
            self.failed += 1
            self.failures.append(name)
            print("FAIL: %s%s" % (name, (": " + str(detail)) if detail else ""), flush=True)
        return bool(cond)

    def error(self, name, exc):
        self.failed += 1
        self.failures.append(name)
        print("FAIL: %s: %s: %s" % (name, type(exc).__name__, exc), flush=True)

    def summary(self):
        line = "%d passed, %d failed" % (self.passed, self.failed)
        print(line, flush=True)
        return 0 if self.failed == 0 else 1


def temp_dir(prefix):
    return tempfile.mkdtemp(prefix=prefix)


def remove_dir(path):
    shutil.rmtree(path, ignore_errors=True)


def run_scenario(name, description, run):
    """The command line of an e2e scenario: --bin and --content, run(args, res), every error a
    failure, the time it took; exits with the results' status."""
    import argparse
    ap = argparse.ArgumentParser(description=description.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--content", required=True)
    args = ap.parse_args()
    args.bin, args.content = os.path.abspath(args.bin), os.path.abspath(args.content)
    install_sigterm_cleanup()
    res = Results()
    started = time.monotonic()
    try:
        run(args, res)
    except Exception as e:  # noqa: BLE001 - every error is a test failure here
        res.error("scenario stopped", e)
    except (KeyboardInterrupt, SystemExit) as e:
        res.error("interrupted", e)
    print("%s: %.1f s" % (name, time.monotonic() - started), flush=True)
    sys.exit(res.summary())
