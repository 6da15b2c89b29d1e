#!/usr/bin/env python3
"""Kiosk benchmark (prints figures; not a pass/fail test).

  cold start to first frame   process start until the UI dump of the first frame exists
  idle CPU                    CPU seconds the kiosk uses in 10 s on the attract screen
  memory after a full check   the whole shipped check tapped through at 1920x1080 (the walk of
                              tests/e2e/full_check_test.py), then the PSS, USS and RSS of the
                              kiosk process (/proc/PID/smaps_rollup), peak RSS, where the memory
                              is (smaps, by mapping), and the picture, clip and text caches (from
                              the UI dump: entries, bytes, budget)
  renderer                    which SDL render driver drew (from the kiosk's log)
  answer commit latency       p50/p99 from bench_kiosk (SessionStore on a real SQLite file)

The budgets (issue 10): first frame <= 0.5 s, PSS <= 100 MB after a full check. They are
printed next to the figures; a benchmark does not fail.
"""
import argparse, collections, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))
import kiosk_driver as kd  # noqa: E402
import full_check_test  # noqa: E402

FIRST_FRAME_BUDGET_S = 0.5
PSS_BUDGET_MB = 100.0


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status_mb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rollup_mb(pid):
    """smaps_rollup in MB: Pss, Rss, and Uss (private pages: what this process alone costs,
    whatever else maps the same libraries; PSS shares LLVM's pages with other GL processes)."""
    out = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[0].endswith(":") and parts[1].isdigit():
                out[parts[0][:-1]] = int(parts[1]) / 1024
    out["Uss"] = out.get("Private_Clean", 0) + out.get("Private_Dirty", 0)
    return out


def pss_by_mapping(pid):
    """PSS in MB per mapping name: a library's file name, [heap], [stack], or 'anonymous'."""
    totals = collections.Counter()
    name = None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            first = line.split(None, 1)[0]
            if "-" in first and not first.endswith(":"):  # a mapping's header line
                parts = line.split(None, 5)
                path = parts[5].strip() if len(parts) > 5 else ""
                name = os.path.basename(path) if path.startswith("/") else (path or "anonymous")
            elif first == "Pss:" and name is not None:
                totals[name] += int(line.split()[1]) / 1024
    return totals


def print_breakdown(pid, top=10):
    by_map = pss_by_mapping(pid)
    print("  where the PSS is (smaps, by mapping):")
    for name, mb in by_map.most_common(top):
        print(f"    {mb:7.1f} MB  {name}")
    rest = sum(by_map.values()) - sum(mb for _, mb in by_map.most_common(top))
    print(f"    {rest:7.1f} MB  everything else")


def fmt_bytes(n):
    return "%.1f MB" % (n / 1048576)


def verdict(value, budget):
    return "within budget" if value <= budget else "OVER budget"


def cold_starts(args, xvfb, data, runs=10):
    """Start to first frame, runs times: the first run is cold (as far as the page cache allows)."""
    starts = []
    for _ in range(runs):
        k = kd.Kiosk(args.bin, args.content, data, xvfb, screen_width_mm=527)
        t0 = time.monotonic()
        k.start(wait_screen=None)
        try:
            while k.dump() is None:
                if not k.alive() or time.monotonic() - t0 > 30:
                    raise SystemExit("kiosk showed no first frame in 30 s")
                time.sleep(0.002)
            starts.append(time.monotonic() - t0)
        finally:
            k.stop()
            kd.remove_dir(k.work_dir)
    return starts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--content", required=True)
    ap.add_argument("--bench-bin", required=True)
    args = ap.parse_args()
    kd.install_sigterm_cleanup()
    data = kd.temp_dir("werkcheck-bench-")
    try:
        with kd.Xvfb(1920, 1080) as x:
            starts = cold_starts(args, x, data)
            warm = sorted(starts[1:])
            median = warm[len(warm) // 2]
            # On a machine shared with other work the slow runs are other processes' time: the
            # fastest run shows the kiosk's own, the median what a busy machine gives.
            print(f"cold start to first frame: {starts[0]*1000:.0f} ms first run; {len(warm)} warm runs "
                  f"{warm[0]*1000:.0f} ms fastest, {median*1000:.0f} ms median "
                  f"(budget {FIRST_FRAME_BUDGET_S*1000:.0f} ms: {verdict(median, FIRST_FRAME_BUDGET_S)}; "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")

            with kd.Kiosk(args.bin, args.content, data, x, screen_width_mm=527) as k:
                pid = k.proc.pid
                time.sleep(1.0)
                c0 = cpu_seconds(pid)
                time.sleep(10.0)
                print(f"idle CPU on the attract screen: {cpu_seconds(pid) - c0:.3f} CPU seconds in 10 s")
                r = rollup_mb(pid)
                print(f"PSS on the attract screen: {r['Pss']:.1f} MB (USS {r['Uss']:.1f} MB, RSS {r['Rss']:.1f} MB)")
                print_breakdown(pid)

                res = kd.Results()
                t0 = time.monotonic()
                full_check_test.first_check(k, res, args.content)
                walk = time.monotonic() - t0
                if res.failed:
                    print(f"(the walk had {res.failed} failed checks; figures below are still of the kiosk as it is)")
                time.sleep(0.5)
                r = rollup_mb(pid)
                pss = r["Pss"]
                print(f"full check tapped through in {walk:.0f} s at 1920x1080")
                print(f"PSS after a full check: {pss:.1f} MB (budget {PSS_BUDGET_MB:.0f} MB: {verdict(pss, PSS_BUDGET_MB)}); "
                      f"USS {r['Uss']:.1f} MB, RSS {r['Rss']:.1f} MB, peak RSS {status_mb(pid, 'VmHWM'):.1f} MB")
                caches = (k.dump() or {}).get("caches", {})
                for name in ("pictures", "clips", "text"):
                    c = caches.get(name)
                    if not c:
                        print(f"  {name} cache: not in the UI dump")
                        continue
                    line = (f"  {name} cache: {fmt_bytes(c['bytes'])} in {c['entries']} entries "
                            f"(budget {fmt_bytes(c['budget'])}: {verdict(c['bytes'], c['budget'])}")
                    if "peak_bytes" in c:
                        line += f"; peak {fmt_bytes(c['peak_bytes'])}, {c['loads']} loads, {c['evictions']} evicted"
                    print(line + ")")
                renderer = [l.split("kiosk: ", 1)[1] for l in k.log_text().splitlines() if "drawing with SDL" in l]
                print(f"  renderer: {renderer[-1] if renderer else 'not in the log'}")
                print_breakdown(pid)
    finally:
        kd.remove_dir(data)
    subprocess.run([args.bench_bin, "1000"], check=True)


if __name__ == "__main__":
    main()
