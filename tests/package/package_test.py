#!/usr/bin/env python3
"""Issue 14: install from packages, as a deployer would.

Builds the Debian packages of this source tree and of the newest earlier commit that has
packaging (git worktree), checks them with lintian and every unit with `systemd-analyze verify`,
installs the older ones with apt and puts data in them through the installed programs (a server
started from its unit's ExecStart line, admin commands through the installed wrapper, kiosk
sessions, a PIN, enrollment and a sync to that server), upgrades to the new packages, checks
that sessions, enrollment, PIN and the server's data are all still there, runs the installed
kiosk under cage headless (the unit's ExecStart, as the kiosk user with its own XDG_RUNTIME_DIR)
with SDL's Wayland driver and with X11 through Xwayland, takes a screenshot with grim and
compares it with the UI dump's attract screen, then removes (data kept) and purges (data gone).

Needs root (it installs packages: CI runs it as root on a throw-away machine); as another user
it exits 77 (skipped, said so). Leaves nothing installed or running; ports are picked free.
"""
import argparse
import fcntl
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import kiosk_driver as kd  # noqa: E402  (Results, process helpers)

PACKAGES = ["werkcheck-kiosk", "werkcheck-server", "werkcheck-content"]
KIOSK_USER, SERVER_USER = "werkcheck-kiosk", "werkcheck-server"
KIOSK_DATA, SERVER_DATA = "/var/lib/werkcheck-kiosk", "/var/lib/werkcheck-server"
CONTENT = "/usr/share/werkcheck/content"
UNIT_DIR = "/lib/systemd/system"
UNITS = ["werkcheck-kiosk.service", "werkcheck-kiosk-retry.service", "werkcheck-kiosk-retry.timer",
         "werkcheck-server.service"]
CLEAR_RGB = (247, 245, 240)  # the kiosk's background (glClearColor 0.97, 0.96, 0.94)


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


def run(cmd, timeout, check=True, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    if check and r.returncode != 0:
        raise RuntimeError("%s failed (%d):\n%s\n%s" % (" ".join(cmd), r.returncode, r.stdout[-3000:], r.stderr[-3000:]))
    return r


def as_user(user, cmd):
    """cmd as a system user (as the units run it): setpriv, its own groups, no new privileges."""
    return ["setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--no-new-privs", "--"] + cmd


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unit_service(unit):
    """Environment= and ExecStart= of an installed unit: what systemd would run."""
    env, exec_start = {}, None
    with open(os.path.join(UNIT_DIR, unit)) as f:
        for line in f:
            line = line.strip()
            if line.startswith("Environment="):
                for item in shlex.split(line[len("Environment="):]):
                    k, _, v = item.partition("=")
                    env[k] = v
            elif line.startswith("ExecStart="):
                exec_start = line[len("ExecStart="):]
    if exec_start is None:
        raise RuntimeError(unit + " has no ExecStart")
    return env, exec_start


def expand_exec(exec_start, env):
    """systemd's expansion: ${VAR} is one word, $VAR splits into words."""
    words = []
    for w in shlex.split(exec_start):
        m = re.fullmatch(r"\$(\w+)", w)
        if m:
            words += env.get(m.group(1), "").split()
        else:
            words.append(re.sub(r"\$\{(\w+)\}", lambda m: env.get(m.group(1), ""), w))
    return words


# ---------------------------------------------------------------------------------------
# Building

def copy_tree(src, dst):
    """The source tree as it is now (tracked and new files, not ignored ones), so that a package
    build does not write into the checkout other tests run from."""
    files = run(["git", "-C", src, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], 60).stdout
    os.makedirs(dst)
    tar = subprocess.Popen(["tar", "-C", src, "--null", "-T", "-", "-cf", "-"], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE)
    untar = subprocess.Popen(["tar", "-C", dst, "-xf", "-"], stdin=tar.stdout)
    tar.stdin.write(files.encode())
    tar.stdin.close()
    tar.stdout.close()
    if untar.wait(timeout=300) != 0 or tar.wait(timeout=300) != 0:
        raise RuntimeError("copying the source tree failed")
    os.symlink(os.path.join(src, "node_modules"), os.path.join(dst, "node_modules"))  # OpenMoji (npm)


def previous_packaged_commit(src):
    """The newest commit before HEAD whose tree has debian/rules: the package to upgrade from."""
    for commit in run(["git", "-C", src, "rev-list", "--skip=1", "-n", "200", "HEAD"], 60).stdout.split():
        if subprocess.run(["git", "-C", src, "cat-file", "-e", commit + ":debian/rules"]).returncode == 0:
            return commit
    return None


def build_packages(src, out, timeout):
    started = time.monotonic()
    r = run(["bash", os.path.join(src, "scripts", "build-packages.sh"), src, out], timeout, check=False)
    if r.returncode != 0:
        raise RuntimeError("building packages in %s failed:\n%s\n%s" % (src, r.stdout[-4000:], r.stderr[-4000:]))
    debs = {p: None for p in PACKAGES}
    for name in os.listdir(out):
        for p in PACKAGES:
            if name.startswith(p + "_") and name.endswith(".deb"):
                debs[p] = os.path.join(out, name)
    if None in debs.values():
        raise RuntimeError("missing packages in %s: %s" % (out, debs))
    return debs, time.monotonic() - started


def package_version(deb):
    return run(["dpkg-deb", "-f", deb, "Version"], 30).stdout.strip()


# ---------------------------------------------------------------------------------------
# Installing

def installed(pkg):
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
    return r.returncode == 0 and "install ok installed" in r.stdout


def apt_install(debs):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    # apt resolves the dependencies the packages declare (cage, xwayland, fonts, ...).
    return run(["apt-get", "install", "-y", "--no-install-recommends", "--allow-downgrades"] +
               [os.path.abspath(d) for d in debs], 900, env=env)


def apt_remove(purge):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    present = [p for p in PACKAGES if subprocess.run(["dpkg-query", "-W", p], capture_output=True).returncode == 0]
    if present:
        run(["apt-get", "purge" if purge else "remove", "-y"] + present, 300, env=env)


class Server:
    """The installed server, started from its unit's ExecStart line as its user, on a free port."""

    def __init__(self):
        env, exec_start = unit_service("werkcheck-server.service")
        self.port = free_port()
        env["WERKCHECK_SERVER_LISTEN"] = "127.0.0.1:%d" % self.port
        # Plain HTTP on loopback in the test: no Secure cookies (nginx with TLS is not in front).
        env["WERKCHECK_SERVER_OPTIONS"] = ""
        self.cmd = expand_exec(exec_start, env)
        self.log_path = tempfile.mktemp(prefix="werkcheck-pkg-server-", suffix=".log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(as_user(SERVER_USER, self.cmd), stdout=self.log, stderr=subprocess.STDOUT,
                                     preexec_fn=kd._die_with_parent)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the installed server stopped: " + self.output())
            if '"listening"' in self.output():
                return
            time.sleep(0.1)
        raise RuntimeError("the installed server did not listen within 30 s: " + self.output())

    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def output(self):
        with open(self.log_path) as f:
            return f.read()

    def listening_line(self):
        for line in self.output().splitlines():
            if '"listening"' in line:
                return json.loads(line[line.index("{"):])
        return {}

    def stop(self):
        code = kd._stop_process(self.proc, timeout=10)
        self.log.close()
        os.unlink(self.log_path)
        return code


def server_admin(*args):
    """The installed wrapper: `werkcheck-server admin ...` on the service's database, as its user."""
    return run(["werkcheck-server", "admin"] + list(args), 60).stdout.strip()


def kiosk(*args, stdin=None):
    return run(as_user(KIOSK_USER, ["werkcheck"] + list(args)), 120, input=stdin)


def kiosk_export():
    return [json.loads(l) for l in kiosk("export", "--data", KIOSK_DATA).stdout.splitlines() if l.strip()]


def read_kiosk_file(name):
    path = os.path.join(KIOSK_DATA, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


# ---------------------------------------------------------------------------------------
# The kiosk under cage

def png_rgb(path):
    """(width, height, bytes) of a PNG, read with ImageMagick."""
    size = run(["identify", "-format", "%w %h", path], 30).stdout.split()
    w, h = int(size[0]), int(size[1])
    raw = subprocess.run(["convert", path, "-depth", "8", "rgb:-"], capture_output=True, timeout=60, check=True).stdout
    return w, h, raw


def region_colours(img, x, y, w, h):
    iw, _, raw = img
    seen = set()
    for yy in range(int(y), int(y + h), 2):
        row = yy * iw * 3
        for xx in range(int(x), int(x + w), 2):
            i = row + xx * 3
            seen.add(raw[i:i + 3])
    return seen


def run_kiosk_under_cage(res, video_driver, shot_path, timeout=90):
    """The kiosk unit's ExecStart (the session script) under cage's headless backend, as the kiosk
    user with its own XDG_RUNTIME_DIR; returns after the screenshot was compared with the dump."""
    env, exec_start = unit_service("werkcheck-kiosk.service")
    user = pwd.getpwnam(KIOSK_USER)
    runtime = tempfile.mkdtemp(prefix="werkcheck-pkg-xdg-")
    os.chown(runtime, user.pw_uid, user.pw_gid)
    os.chmod(runtime, 0o700)
    dump = os.path.join(runtime, "ui.json")
    env.update({"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": KIOSK_DATA, "XDG_RUNTIME_DIR": runtime,
                "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
                "SDL_VIDEODRIVER": video_driver, "SDL_AUDIODRIVER": "dummy", "WERKCHECK_UI_DUMP": dump,
                # wlroots 0.15's headless output shows a fullscreen client's buffer directly
                # (direct scan-out) and grim's screencopy then reads black; a rotated output is
                # composited, so the screenshot holds what the kiosk drew (upside down: 180 deg,
                # grim turns it back). On a real screen cage runs without -r.
                "WERKCHECK_CAGE_OPTIONS": "-r -r"})
    log_path = os.path.join(runtime, "session.log")
    with open(log_path, "w") as session_log:
        os.chown(log_path, user.pw_uid, user.pw_gid)
        proc = subprocess.Popen(as_user(KIOSK_USER, ["env", "-i"] + ["%s=%s" % kv for kv in env.items()] +
                                        shlex.split(exec_start)),
                                stdin=subprocess.DEVNULL, stdout=session_log, stderr=subprocess.STDOUT, preexec_fn=kd._die_with_parent,
                                start_new_session=True)
    try:
        screen, deadline = None, time.monotonic() + timeout
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with open(dump) as f:
                    screen = json.load(f)
                if screen.get("screen") == "attract":
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.2)
        with open(log_path) as f:
            session_out = f.read()
        if not res.check(screen is not None and screen.get("screen") == "attract",
                         "%s: the installed kiosk under cage shows the attract screen" % video_driver,
                         "dump %s; session log:\n%s" % (screen and screen.get("screen"), session_out[-3000:])):
            return
        sockets = [n for n in os.listdir(runtime) if n.startswith("wayland-") and not n.endswith(".lock")]
        shot_env = {"PATH": env["PATH"], "XDG_RUNTIME_DIR": runtime, "WAYLAND_DISPLAY": sockets[0]}
        tmp_shot = os.path.join(runtime, "shot.png")
        run(as_user(KIOSK_USER, ["env", "-i"] + ["%s=%s" % kv for kv in shot_env.items()] + ["grim", tmp_shot]), 30)
        shutil.copyfile(tmp_shot, shot_path)
        img = png_rgb(shot_path)
        win = screen["window"]
        res.check((img[0], img[1]) == (win["w"], win["h"]),
                  "%s: the screenshot is the kiosk's window, fullscreen (%dx%d)" % (video_driver, img[0], img[1]),
                  "dump window %s" % win)
        start = next((t for t in screen.get("targets", []) if t["id"] == "start"), None)
        res.check(start is not None, "%s: the dump has the start target" % video_driver)
        if start:
            colours = region_colours(img, start["x"], start["y"], start["w"], start["h"])
            res.check(len(colours) > 20, "%s: the start target is drawn where the dump says (%d colours)"
                      % (video_driver, len(colours)))
        # "Ik heb al een code" (bottom right): its picture and words are where the dump says, and
        # the same place turned over (top left) is plain background: the picture is upright.
        back = next((t for t in screen.get("targets", []) if t["id"] == "returning"), None)
        if res.check(back is not None, "%s: the dump has the 'returning' target" % video_driver):
            inside = region_colours(img, back["x"] + 4, back["y"] + 4, back["w"] - 8, back["h"] - 8)
            mirrored = region_colours(img, img[0] - back["x"] - back["w"] + 4, img[1] - back["y"] - back["h"] + 4,
                                      back["w"] - 8, back["h"] - 8)
            res.check(len(inside) > 10 and mirrored == {bytes(CLEAR_RGB)},
                      "%s: the 'returning' button is drawn where the dump says, upright" % video_driver,
                      "%d colours inside, %d in the turned-over place" % (len(inside), len(mirrored)))
        corner = region_colours(img, img[0] - 6, img[1] - 6, 4, 4)
        res.check(corner == {bytes(CLEAR_RGB)}, "%s: the kiosk's background fills the screen" % video_driver,
                  "corner colours %s" % corner)
        # Which SDL driver drew it: an X11 client has an X connection through Xwayland.
        with open(log_path) as f:
            session_out = f.read()
        res.check("werkcheck-kiosk-session: starting cage" in session_out,
                  "%s: the session script logs what it starts" % video_driver, session_out[-2000:])
        log_text = open(os.path.join(KIOSK_DATA, "werkcheck.log")).read() if os.path.exists(
            os.path.join(KIOSK_DATA, "werkcheck.log")) else ""
        res.check("first frame" in log_text, "%s: the kiosk logged its first frame" % video_driver)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        shutil.rmtree(runtime, ignore_errors=True)


# ---------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", required=True, help="the source tree (a git checkout)")
    ap.add_argument("--work", required=True, help="where packages are built (kept for reuse of the older build)")
    ap.add_argument("--artifacts", required=True, help="screenshots go here")
    ap.add_argument("--new-debs", help="test these packages of this tree (a make package output directory) "
                                       "instead of building them")
    ap.add_argument("--old-debs", help="upgrade from these packages instead of building the previous commit's")
    args = ap.parse_args()
    if os.geteuid() != 0:
        print("package_test: needs root (it installs packages with apt); skipped", flush=True)
        return 77
    kd.install_sigterm_cleanup()
    res = kd.Results(verbose=True)
    started = time.monotonic()
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(args.artifacts, exist_ok=True)
    # dpkg is one per machine: one package test at a time.
    lock = open("/run/werkcheck-package-test.lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    for p in PACKAGES:
        if installed(p):
            print("package_test: %s is installed on this machine; not touching it" % p, flush=True)
            return 1
    users_before = {u for u in (KIOSK_USER, SERVER_USER) if _user_exists(u)}
    server = None
    try:
        # -- build ---------------------------------------------------------------------------
        if args.new_debs:
            new_debs = {p: os.path.join(args.new_debs, n) for n in sorted(os.listdir(args.new_debs)) for p in PACKAGES
                        if n.startswith(p + "_") and n.endswith(".deb")}
        else:
            new_src = os.path.join(args.work, "src-new")
            shutil.rmtree(new_src, ignore_errors=True)
            copy_tree(args.source, new_src)
            new_out = os.path.join(args.work, "new")
            shutil.rmtree(new_out, ignore_errors=True)
            new_debs, secs = build_packages(new_src, new_out, 2400)
            log("built the packages of this tree in %.0f s: %s" % (secs, ", ".join(map(os.path.basename, new_debs.values()))))
            shutil.rmtree(new_src, ignore_errors=True)

        old_commit = None if args.old_debs else previous_packaged_commit(args.source)
        if not args.old_debs and not res.check(old_commit is not None, "an earlier commit with packaging to upgrade from"):
            return res.summary()
        old_out = args.old_debs or os.path.join(args.work, "old-" + old_commit[:12])
        if os.path.isdir(old_out) and len([n for n in os.listdir(old_out) if n.endswith(".deb")]) == 3:
            old_debs = {p: os.path.join(old_out, n) for n in os.listdir(old_out) for p in PACKAGES
                        if n.startswith(p + "_")}
            log("upgrading from the packages in %s" % old_out)
        else:
            old_src = os.path.join(args.work, "src-old")
            subprocess.run(["git", "-C", args.source, "worktree", "remove", "--force", old_src], capture_output=True)
            shutil.rmtree(old_src, ignore_errors=True)
            run(["git", "-C", args.source, "worktree", "add", "--detach", old_src, old_commit], 120)
            try:
                os.symlink(os.path.join(args.source, "node_modules"), os.path.join(old_src, "node_modules"))
                _make_older(old_src, package_version(new_debs["werkcheck-kiosk"]))
                old_debs, secs = build_packages(old_src, old_out, 2400)
            finally:
                run(["git", "-C", args.source, "worktree", "remove", "--force", old_src], 120, check=False)
            log("built the packages of %s in %.0f s (the upgrade's starting point)" % (old_commit[:12], secs))
        old_version, new_version = package_version(old_debs["werkcheck-kiosk"]), package_version(new_debs["werkcheck-kiosk"])
        res.check(run(["dpkg", "--compare-versions", new_version, "gt", old_version], 10, check=False).returncode == 0,
                  "the new version %s is newer than %s" % (new_version, old_version))

        # -- lintian -------------------------------------------------------------------------
        r = run(["lintian", "--fail-on", "error,warning", "--no-tag-display-limit"] + list(new_debs.values()), 600,
                check=False)
        res.check(r.returncode == 0, "lintian: no errors or warnings (overrides say why)", r.stdout + r.stderr)

        # -- install the older packages and put data in them --------------------------------
        apt_install(old_debs.values())
        log("installed %s" % old_version)
        server = Server()
        org = server_admin("create-org", "Vakbond Pakkettest")
        code = server_admin("enroll-code", "--org", org)
        res.check(bool(org) and bool(code), "admin works on the installed database (organisation, enrollment code)")
        uuids = kiosk("make-sessions", "--data", KIOSK_DATA, "--count", "4").stdout.split()
        kiosk("set-pin", "--data", KIOSK_DATA, stdin="91735\n")
        kiosk("enroll", "--data", KIOSK_DATA, "--server", server.url(), "--code", code)
        r = kiosk("sync-once", "--data", KIOSK_DATA)  # exit 0: nothing left to send
        res.check(r.returncode == 0, "the older kiosk sent its checks to the installed server")
        kiosks_before = server_admin("list-kiosks")
        settings_before, device_before = read_kiosk_file("kiosk.json"), read_kiosk_file("device.json")
        res.check(len(uuids) == 4 and settings_before and settings_before.get("operator_pin_hash")
                  and device_before is not None, "the older kiosk holds sessions, a PIN and an enrollment")
        server.stop()
        server = None

        # -- upgrade -------------------------------------------------------------------------
        r = apt_install(new_debs.values())
        res.check("migrating /var/lib/werkcheck-server/server.db" in r.stdout,
                  "the upgrade migrates the server's database", r.stdout[-2000:])
        log("upgraded to %s" % new_version)
        for p in PACKAGES:
            v = run(["dpkg-query", "-W", "-f=${Version}", p], 10).stdout
            res.check(v == new_version, "%s is %s after the upgrade" % (p, new_version), v)

        # -- units ---------------------------------------------------------------------------
        r = run(["systemd-analyze", "verify"] + [os.path.join(UNIT_DIR, u) for u in UNITS], 120, check=False)
        res.check(r.returncode == 0 and "werkcheck" not in r.stderr,
                  "systemd-analyze verify: every unit", r.stdout + r.stderr)

        # The server's sandbox, as systemd rates it (0 best, 10 worst; "OK" is under 2.5).
        r = run(["systemd-analyze", "security", "--offline=true", "--threshold=20",
                 os.path.join(UNIT_DIR, "werkcheck-server.service")], 60, check=False)
        m = re.search(r"Overall exposure level for werkcheck-server.service: ([0-9.]+)", r.stdout)
        res.check(m is not None and float(m.group(1)) <= 2.0,
                  "the server's unit is hardened (systemd-analyze security: %s)" % (m and m.group(1)), r.stdout[-1500:])

        # -- the upgraded server keeps its data ------------------------------------------------
        server = Server()
        res.check(_server_sessions(server) == len(uuids),
                  "the upgraded server has the %d checks the kiosk sent before" % len(uuids),
                  "it has %d" % _server_sessions(server))
        res.check(server_admin("list-kiosks") == kiosks_before, "the upgraded server still knows the kiosk")
        r = run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", server.url() + "/coach/login"], 30, check=False)
        res.check(r.stdout == "200", "the upgraded server serves the coach login page from the installed files",
                  r.stdout)

        # -- bad input: a port in use, an unreadable database: a clear last line, no crash ------
        # The port held by another program (a plain listening socket). (A second werkcheck-server
        # would share the port: cpp-httplib sets SO_REUSEPORT.)
        env, exec_start = unit_service("werkcheck-server.service")
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            env.update(WERKCHECK_SERVER_LISTEN="127.0.0.1:%d" % port, WERKCHECK_SERVER_OPTIONS="")
            r = run(as_user(SERVER_USER, expand_exec(exec_start, env)), 30, check=False)
        last = (r.stdout + r.stderr).strip().splitlines()[-1:]
        res.check(r.returncode == 1 and last and "cannot listen on 127.0.0.1:%d" % port in last[0],
                  "a server whose port is taken stops with a clear line", last)
        unreadable = os.path.join(SERVER_DATA, "unreadable.db")
        with open(unreadable, "wb") as f:
            f.write(b"this is not a database" * 100)
        shutil.chown(unreadable, SERVER_USER, SERVER_USER)
        cmd = [w.replace(os.path.join(SERVER_DATA, "server.db"), unreadable) for w in expand_exec(exec_start, env)]
        cmd = [w.replace("127.0.0.1:%d" % port, "127.0.0.1:%d" % free_port()) for w in cmd]
        r = run(as_user(SERVER_USER, cmd), 30, check=False)
        last = (r.stdout + r.stderr).strip().splitlines()[-1:]
        res.check(r.returncode == 1 and last and '"fatal"' in last[0] and "database" in last[0],
                  "a server on a damaged database stops with a clear line", last)
        os.unlink(unreadable)

        # -- the upgraded kiosk under cage (it migrates its database when it opens it) --------
        run_kiosk_under_cage(res, "wayland", os.path.join(args.artifacts, "kiosk-cage-wayland.png"))
        run_kiosk_under_cage(res, "x11", os.path.join(args.artifacts, "kiosk-cage-x11.png"))
        after = kiosk_export()
        res.check(set(uuids) <= {s["uuid"] for s in after}, "every session is still there after the upgrade",
                  "before %s, after %s" % (uuids, [s["uuid"] for s in after]))
        res.check(read_kiosk_file("device.json") == device_before, "the enrollment is still there")
        settings_after = read_kiosk_file("kiosk.json") or {}
        res.check(settings_after.get("operator_pin_hash") == settings_before.get("operator_pin_hash"),
                  "the PIN is still there")
        kiosk("make-sessions", "--data", KIOSK_DATA, "--count", "1")
        r = kiosk("sync-once", "--data", KIOSK_DATA, "--server", server.url())
        res.check(r.returncode == 0, "the upgraded kiosk sends a new check to the upgraded server")
        server.stop()
        server = None

        # -- remove keeps data, purge deletes it -------------------------------------------
        apt_remove(purge=False)
        res.check(os.path.exists(os.path.join(KIOSK_DATA, "werkcheck.db")) and
                  os.path.exists(os.path.join(SERVER_DATA, "server.db")), "removing keeps the data")
        apt_remove(purge=True)
        res.check(not os.path.exists(KIOSK_DATA) and not os.path.exists(SERVER_DATA), "purging deletes the data")
    except Exception as e:  # noqa: BLE001 - every error is a test failure here
        res.error("package test stopped", e)
    except (KeyboardInterrupt, SystemExit) as e:
        res.error("interrupted", e)
    finally:
        if server is not None:
            server.stop()
        try:
            apt_remove(purge=True)
        except Exception as e:  # noqa: BLE001
            res.error("cleaning up (purge)", e)
        for u in (KIOSK_USER, SERVER_USER):
            if u not in users_before and _user_exists(u):
                subprocess.run(["deluser", "--system", "--quiet", u], capture_output=True)
                subprocess.run(["delgroup", "--system", "--quiet", u], capture_output=True)
        for p in PACKAGES:
            res.check(not installed(p), "nothing left installed: %s" % p)
    log("package test: %.0f s" % (time.monotonic() - started))
    return res.summary()


def _user_exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def _make_older(src, new_version):
    """When the earlier commit has the same version as now, mark it older (X~prev) so that the
    new package is an upgrade for dpkg."""
    path = os.path.join(src, "debian", "changelog")
    with open(path) as f:
        text = f.read()
    m = re.match(r"werkcheck \(([^)]+)\)", text)
    if m and subprocess.run(["dpkg", "--compare-versions", m.group(1), "ge", new_version]).returncode == 0:
        text = text.replace("(%s)" % m.group(1), "(%s~prev)" % new_version, 1)
        with open(path, "w") as f:
            f.write(text)


def _server_sessions(server):
    """The sessions the server holds, from the line it logs when it starts listening."""
    return int(server.listening_line().get("fields", {}).get("sessions", -1))


if __name__ == "__main__":
    sys.exit(main())
