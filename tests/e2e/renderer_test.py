#!/usr/bin/env python3
"""How the kiosk draws, checked on the running process (issue 10, memory and start).

By default the window draws with SDL's software renderer, so a machine without a GPU never
loads an OpenGL driver (Mesa's llvmpipe brings libLLVM: about 37 MB of the 100 MB budget):
  - the log names the software renderer on x11, and no GL, EGL, DRI or LLVM library is
    mapped into the process (/proc/PID/maps) on the start screen or after a tap;
  - what it drew is on the X screen: the start screen's background colour in a corner, the
    dark ink of its words inside the box the UI dump gives for them.
SDL_RENDER_DRIVER=opengl in the environment still chooses OpenGL (an installation with a GPU):
the log names it and the GL libraries are mapped, which also shows the check above can fail.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_driver as kd  # noqa: E402

GL_LIBRARY = re.compile(r"/(libGL[A-Za-z]*|libEGL[^/]*|libLLVM[^/]*|[a-z0-9_]+_dri)\.so[^/]*$")
BACKGROUND = (247, 245, 240)  # app/ui/draw_screen.cpp kBackground


def gl_libraries(pid):
    found = set()
    with open(f"/proc/{pid}/maps") as f:
        for line in f:
            m = GL_LIBRARY.search(line.strip())
            if m:
                found.add(m.group(1))
    return sorted(found)


def pixels(png, x, y, w, h):
    """RGB tuples of a rectangle of a screenshot (imagemagick)."""
    out = subprocess.run(["convert", png, "-crop", f"{w}x{h}+{x}+{y}", "+repage", "-depth", "8", "rgb:-"],
                         capture_output=True, check=True).stdout
    return [tuple(out[i:i + 3]) for i in range(0, len(out), 3)]


def renderer_line(k):
    lines = [l for l in k.log_text().splitlines() if "drawing with SDL's" in l]
    return lines[-1] if lines else ""


def software_by_default(args, res, x, art):
    data = kd.temp_dir("werkcheck-renderer-")
    try:
        with kd.Kiosk(args.bin, args.content, data, x, screen_width_mm=344) as k:
            line = renderer_line(k)
            res.check("software renderer on x11" in line, "default: SDL's software renderer on x11", line)
            libs = gl_libraries(k.proc.pid)
            res.check(not libs, "default: no GL, EGL, DRI or LLVM library mapped on the start screen", libs)
            d = k.dump()
            shot = kd.screenshot(x, os.path.join(art, "software-attract.png"))
            corner = pixels(shot, k.offset[0] + 2, k.offset[1] + 2, 4, 4)
            res.check(all(max(abs(a - b) for a, b in zip(p, BACKGROUND)) <= 2 for p in corner),
                      "default: the background colour is on the screen", corner[:2])
            drawn = [t for t in d.get("drawn_texts", []) if t["drawn"][2] > 10 and t["drawn"][3] > 10]
            res.check(bool(drawn), "default: the start screen drew words", d.get("drawn_texts"))
            if drawn:
                bx, by, bw, bh = (int(v) for v in drawn[0]["drawn"])
                ink = [p for p in pixels(shot, k.offset[0] + bx, k.offset[1] + by, bw, bh) if max(p) < 90]
                res.check(len(ink) > bw * bh * 0.02, "default: dark ink inside the box of '%s'" % drawn[0]["text"],
                          "%d dark pixels in %dx%d" % (len(ink), bw, bh))
            d = k.tap("start")
            res.check(d["screen"] != "attract", "default: a tap moves on", kd.describe(d))
            libs = gl_libraries(k.proc.pid)
            res.check(not libs, "default: still no GL library after a tap", libs)
    finally:
        kd.remove_dir(data)


def opengl_when_asked(args, res, x):
    data = kd.temp_dir("werkcheck-renderer-gl-")
    os.environ["SDL_RENDER_DRIVER"] = "opengl"
    try:
        with kd.Kiosk(args.bin, args.content, data, x, screen_width_mm=344) as k:
            line = renderer_line(k)
            res.check("opengl renderer" in line, "SDL_RENDER_DRIVER=opengl: the OpenGL renderer", line)
            libs = gl_libraries(k.proc.pid)
            res.check(any(l.startswith("libGL") for l in libs), "SDL_RENDER_DRIVER=opengl: libGL is mapped", libs)
    finally:
        del os.environ["SDL_RENDER_DRIVER"]
        kd.remove_dir(data)


def run(args, res):
    os.environ.pop("SDL_RENDER_DRIVER", None)
    os.environ.pop("SDL_FRAMEBUFFER_ACCELERATION", None)
    art = kd.artifacts_dir("renderer")
    with kd.Xvfb(1280, 800) as x:
        software_by_default(args, res, x, art)
        opengl_when_asked(args, res, x)


if __name__ == "__main__":
    kd.run_scenario("renderer", __doc__, run)
