#!/usr/bin/env python3
"""Kill loop: the real kiosk is SIGKILLed again and again, at random moments, on one data
directory, and must never lose a committed answer nor damage its database.

Each round: start the kiosk (under Xvfb, on the same --data dir every time), tap start, a
language and a random number of answers as fast as the kiosk takes them (sometimes in a
burst of clicks that do not wait for the screen), and SIGKILL it after a random delay:
sometimes while it starts, mostly in the middle of the taps, sometimes when it is at rest.
After each kill:
  - PRAGMA integrity_check on the database (a copy of werkcheck.db + its WAL, so the next
    start still finds the files exactly as the kill left them) is "ok";
  - every "answer: committed <uuid> <item>" line in werkcheck.log has its answer event in
    the database (answer_events joined with sessions on uuid), as many times as logged;
  - on the next start, the session the kill cut off is closed as "interrupted" (export) and
    no session is left "in_progress"; a finished one stays "finished".
Prints the counts and "N passed, M failed" last; exits non-zero on any failure.
"""
import argparse
import collections
import os
import random
import re
import shutil
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_driver as kd  # noqa: E402

COMMITTED = re.compile(r" answer: committed (\S+) (\S+)\s*$")
STARTED = re.compile(r" session: started (\S+)\s*$")
FINISHED = re.compile(r" session: finished (\S+)\s*$")


def read_log(data_dir):
    try:
        with open(os.path.join(data_dir, "werkcheck.log"), encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()
    except OSError:
        return []


def db_snapshot(data_dir, scratch):
    """Copies werkcheck.db and its WAL (not the -shm: SQLite rebuilds it, as after a power
    cut) and returns an open connection to the copy."""
    for name in os.listdir(scratch):
        os.unlink(os.path.join(scratch, name))
    src = os.path.join(data_dir, "werkcheck.db")
    if not os.path.exists(src):
        return None
    shutil.copyfile(src, os.path.join(scratch, "werkcheck.db"))
    if os.path.exists(src + "-wal"):
        shutil.copyfile(src + "-wal", os.path.join(scratch, "werkcheck.db-wal"))
    return sqlite3.connect(os.path.join(scratch, "werkcheck.db"))


class KillLoop:
    def __init__(self, args, res, xvfb):
        self.args, self.res, self.x = args, res, xvfb
        self.rng = random.Random(args.seed)
        self.data = kd.temp_dir("werkcheck-crash-data-")
        self.scratch = kd.temp_dir("werkcheck-crash-db-")
        self.work = kd.temp_dir("werkcheck-crash-run-")
        self.kills = 0
        self.kills_mid_taps = 0
        self.kills_starting = 0
        self.verified = 0  # committed-answer log lines checked against the database (last check)
        self.checks_of_commits = 0  # (uuid, item) pairs checked, summed over all rounds
        self.pending_interrupted = set()  # sessions cut off, to be closed at the next start
        self.finished = set()
        self.interrupted_seen = 0  # cut-off sessions found closed as interrupted at the next start
        self.tap_s = 0.08  # running estimate of one tap's time, for choosing kill moments

    # -- one round
    def round(self, n):
        rng = self.rng
        k = kd.Kiosk(self.args.bin, self.args.content, self.data, self.x, screen_width_mm=527, work_dir=self.work)
        log_lines_before = len(read_log(self.data))
        mode = rng.choices(["starting", "taps", "burst", "rest"], weights=[1, 6, 2, 1])[0]
        n_items = rng.randint(0, 7)
        lang = rng.choice(["nl", "en"])
        killed_at = {}
        timer = None

        def kill():
            if k.alive():
                killed_at["t"] = time.monotonic()
                k.kill()

        try:
            k.start(wait_screen=None)
            if mode == "starting":
                timer = threading.Timer(rng.uniform(0.0, 1.2), kill)
                timer.start()
            try:
                k.ready("attract", timeout=20)
            except kd.KioskDied:
                pass
            if k.alive() and "t" not in killed_at:
                self.after_start(k, n)
                taps = 2 + 2 * n_items
                if mode == "taps":
                    delay = rng.uniform(0.0, taps * self.tap_s)
                elif mode == "burst":  # start + language take ~2 taps, then the clicks come at once
                    delay = rng.uniform(2 * self.tap_s, 0.3 + taps * 0.04)
                else:  # at rest, after the taps
                    delay = taps * self.tap_s + rng.uniform(0.3, 0.8)
                if timer is None:
                    timer = threading.Timer(delay, kill)
                    timer.start()
                done = self.tap_script(k, lang, n_items, burst=(mode == "burst"))
                t_end = time.monotonic()
                if killed_at.get("t", t_end + 1) <= t_end:
                    self.kills_mid_taps += 1  # else: finished its taps, killed at rest
        finally:
            if timer is not None:
                timer.join(5)
            if k.alive():
                kill()  # whatever happened above, this round ends with a SIGKILL
            code = k.wait_exit(10)
            k.stop()
        self.kills += 1
        if mode == "starting":
            self.kills_starting += 1
        self.res.check(code == -9, "round %d: the kiosk died of SIGKILL" % n, code)
        new_lines = read_log(self.data)[log_lines_before:]
        for line in new_lines:
            m = STARTED.search(line)
            if m:
                self.pending_interrupted.add(m.group(1))
            m = FINISHED.search(line)
            if m:
                self.pending_interrupted.discard(m.group(1))
                self.finished.add(m.group(1))
        self.after_kill(n, mode)
        return mode, n_items, sum(1 for line in new_lines if COMMITTED.search(line))

    def after_start(self, k, n):
        """At the attract screen: everything cut off before is closed as interrupted."""
        sessions = {s["uuid"]: s for s in kd.export(self.args.bin, self.data)}
        open_ = [u for u, s in sessions.items() if s["status"] == "in_progress"]
        self.res.check(not open_, "round %d: no session left in_progress after a restart" % n, open_)
        for u in sorted(self.pending_interrupted):
            st = sessions.get(u, {}).get("status")
            if self.res.check(st == "interrupted", "round %d: cut-off session %s closed as interrupted" % (n, u[:8]),
                              st):
                self.interrupted_seen += 1
        for u in self.finished:
            st = sessions.get(u, {}).get("status")
            self.res.check(st == "finished", "round %d: finished session %s stays finished" % (n, u[:8]), st)
        self.pending_interrupted.clear()
        self.finished.clear()  # checked once after their kill

    def tap_script(self, k, lang, n_items, burst):
        """Returns True when every tap went through, False when the kiosk died under it."""
        try:
            k.tap("start", timeout=5)
            d = k.tap("lang:" + lang, timeout=5)
            if burst:
                # All clicks at once, without waiting for the screen: the kiosk takes them from
                # its queue. Positions from the first question (all faces3 items look alike).
                clicks = []
                for _ in range(n_items):
                    opts = [t for t in d["targets"] if t["id"].startswith("answer:")]
                    t = self.rng.choice(opts)
                    clicks.append(t)
                    clicks.append(k.target("nav:next", d))
                args = []
                for t in clicks:
                    args += ["mousemove", int(t["x"] + t["w"] / 2), int(t["y"] + t["h"] / 2), "click", "1"]
                if args:
                    kd.xdotool(self.x, *args)
                time.sleep(0.5 + 0.04 * len(clicks))
                return True
            for _ in range(n_items):
                if d["screen"] != "question":
                    break
                opts = [t["id"] for t in d["targets"] if t["id"].startswith("answer:")]
                picks = self.rng.sample(opts, self.rng.randint(1, 2) if d.get("item") == "hulp.wie" else 1)
                for target in picks + ["nav:next"]:
                    t0 = time.monotonic()
                    d = k.tap(target, timeout=5)
                    self.tap_s = 0.9 * self.tap_s + 0.1 * (time.monotonic() - t0)
            return True
        except kd.KioskDied:
            return False
        except kd.KioskError as e:
            if not k.alive():
                return False
            raise

    def after_kill(self, n, mode):
        con = db_snapshot(self.data, self.scratch)
        if con is None:
            # Killed before the database was even created: nothing may have been committed.
            logged = [l for l in read_log(self.data) if COMMITTED.search(l)]
            self.res.check(not logged, "round %d: no database, and no answer was logged as committed" % n)
            return
        try:
            ok = con.execute("PRAGMA integrity_check").fetchall()
            self.res.check(ok == [("ok",)], "round %d (%s): PRAGMA integrity_check is ok" % (n, mode), ok)
            fk = con.execute("PRAGMA foreign_key_check").fetchall()
            self.res.check(not fk, "round %d: foreign keys hold" % n, fk)
            logged = collections.Counter()
            for line in read_log(self.data):
                m = COMMITTED.search(line)
                if m:
                    logged[(m.group(1), m.group(2))] += 1
            stored = collections.Counter()
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            # (Killed while the very first start created the schema: no tables, nothing stored.)
            for uuid, item, count in [] if "answer_events" not in tables else con.execute(
                    "SELECT s.uuid, e.item, count(*) FROM answer_events e JOIN sessions s ON s.id = e.session_id "
                    "WHERE e.kind = 'answer' GROUP BY s.uuid, e.item"):
                stored[(uuid, item)] = count
            missing = {key: (n_log, stored.get(key, 0)) for key, n_log in logged.items() if stored.get(key, 0) < n_log}
            self.res.check(not missing, "round %d: every committed answer in the log is in the database (%d)"
                           % (n, sum(logged.values())), missing)
            self.verified = sum(logged.values())
            self.checks_of_commits += len(logged)
        finally:
            con.close()

    def final_start(self):
        """One more start after the last kill: the last cut-off session is closed too."""
        k = kd.Kiosk(self.args.bin, self.args.content, self.data, self.x, screen_width_mm=527, work_dir=self.work)
        try:
            k.start(timeout=20)
            self.after_start(k, self.kills + 1)
            d = k.dump()
            self.res.check(d["screen"] == "attract", "after all the kills the kiosk still starts normally",
                           kd.describe(d))
        finally:
            k.stop()

    def cleanup(self):
        for d in (self.data, self.scratch, self.work):
            kd.remove_dir(d)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--content", required=True)
    ap.add_argument("--rounds", type=int, default=25)
    ap.add_argument("--budget-s", type=float, default=150, help="stop starting new rounds after this long")
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    args.bin, args.content = os.path.abspath(args.bin), os.path.abspath(args.content)
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1 << 30)
    kd.install_sigterm_cleanup()
    res = kd.Results()
    started = time.monotonic()
    print("crash_test: seed %d (rerun with --seed %d)" % (args.seed, args.seed), flush=True)
    loop = None
    kd.remove_dir(kd.artifacts_dir("crash_test"))  # only what this run keeps on failure
    try:
        with kd.Xvfb(1920, 1080) as x:
            loop = KillLoop(args, res, x)
            for n in range(1, args.rounds + 1):
                if time.monotonic() - started > args.budget_s:
                    print("time budget reached after %d rounds" % (n - 1), flush=True)
                    break
                try:
                    mode, items, commits = loop.round(n)
                    print("round %2d: %-8s %d items planned, %d answers committed, killed" % (n, mode, items, commits),
                          flush=True)
                except Exception as e:  # noqa: BLE001
                    res.error("round %d" % n, e)
            loop.final_start()
    except Exception as e:  # noqa: BLE001
        res.error("kill loop", e)
    except (KeyboardInterrupt, SystemExit) as e:  # SIGTERM / Ctrl-C: processes are already stopped
        res.error("interrupted", e)
    finally:
        if loop is not None:
            if res.failed:
                keep = kd.artifacts_dir("crash_test", "data")
                shutil.copytree(loop.data, keep, dirs_exist_ok=True)
                print("data directory kept in %s" % keep)
            loop.cleanup()
    if loop is not None:
        print("kills: %d (%d while starting, %d in the middle of taps); committed answers verified: %d "
              "(%d answer-per-item checks over all rounds); cut-off sessions closed as interrupted: %d; "
              "one tap took ~%.0f ms"
              % (loop.kills, loop.kills_starting, loop.kills_mid_taps, loop.verified, loop.checks_of_commits,
                 loop.interrupted_seen, loop.tap_s * 1000))
    print("crash_test: %.1f s" % (time.monotonic() - started), flush=True)
    sys.exit(res.summary())


if __name__ == "__main__":
    main()
