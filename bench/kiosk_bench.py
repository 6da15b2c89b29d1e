#!/usr/bin/env python3
"""Kiosk benchmark (prints figures; not a pass/fail test).

  cold start to first frame   process start until the UI dump of the first frame exists
  idle CPU                    CPU seconds the kiosk uses in 10 s on the attract screen
  peak RSS                    VmHWM after a tap-through of the demo check
  answer commit latency       p50/p99 from bench_kiosk (SessionStore on a real SQLite file)
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, time

def free_display():
    for n in range(150, 190):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
            return n
    raise SystemExit("no free X display number")

def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")

def read_dump(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--content", required=True)
    ap.add_argument("--bench-bin", required=True)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="werkcheck-bench-")
    n = free_display()
    xvfb = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = dict(os.environ, DISPLAY=f":{n}", WERKCHECK_UI_DUMP=os.path.join(work, "dump.json"),
               SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=os.path.join(work, "audio.raw"))
    kiosk = None
    try:
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                break
            time.sleep(0.05)
        # Warm the page cache once, as a kiosk that has run before would have it.
        starts = []
        for run in range(4):
            dump = env["WERKCHECK_UI_DUMP"]
            if os.path.exists(dump):
                os.unlink(dump)
            t0 = time.monotonic()
            kiosk = subprocess.Popen([args.bin, "--data", os.path.join(work, "data"), "--content", args.content,
                                      "--screen-width-mm", "527"], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while read_dump(dump) is None:
                if time.monotonic() - t0 > 30:
                    raise SystemExit("kiosk showed no first frame in 30 s")
                time.sleep(0.005)
            starts.append(time.monotonic() - t0)
            if run < 3:
                kiosk.kill()
                kiosk.wait()
        print(f"cold start to first frame: {starts[0]*1000:.0f} ms first run, "
              f"{sorted(starts[1:])[1]*1000:.0f} ms median of warm runs")
        time.sleep(1.0)
        c0 = cpu_seconds(kiosk.pid)
        time.sleep(10.0)
        c1 = cpu_seconds(kiosk.pid)
        print(f"idle CPU on the attract screen: {c1 - c0:.3f} CPU seconds in 10 s")
        # A tap-through, so peak RSS includes every picture, clip and font in use.
        def tap(target):
            d = read_dump(env["WERKCHECK_UI_DUMP"])
            t = next(t for t in d["targets"] if t["id"] == target)
            subprocess.run(["xdotool", "mousemove", str(int(t["x"] + t["w"] / 2)), str(int(t["y"] + t["h"] / 2)),
                            "click", "1"], env=env, check=True)
            time.sleep(0.3)
        tap("start"); tap("lang:nl")
        while read_dump(env["WERKCHECK_UI_DUMP"])["screen"] == "question":
            d = read_dump(env["WERKCHECK_UI_DUMP"])
            answers = [t["id"] for t in d["targets"] if t["id"].startswith("answer:")]
            tap(answers[0]); tap("nav:next")
        print(f"peak RSS after a full check: {peak_rss_mb(kiosk.pid):.1f} MB")
    finally:
        if kiosk:
            kiosk.kill()
            kiosk.wait()
        xvfb.kill()
        xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)
    subprocess.run([args.bench_bin, "1000"], check=True)

if __name__ == "__main__":
    main()
