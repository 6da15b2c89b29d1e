#!/usr/bin/env python3
"""Issue 13: the server's front door holds. Each attack an attacker tried, against a real
werkcheck-server on 127.0.0.1: bare (plain HTTP), with its own TLS, or behind a real nginx
running deploy/nginx/werkcheck.conf. Each attack is bounded in count and time; loopback only.

    front_door_test.py --server build/werkcheck-server --front bare|tls|nginx [--old-binary]

--old-binary leaves out the flags this branch added (deadlines), to show which checks fail on
an older server. Prints the measured figures (latency of legitimate requests during each
attack, server CPU seconds, peak RSS) and "N passed, M failed" last; exits non-zero on failure."""
import argparse
import json
import os
import re
import socket
import ssl
import sys
import threading
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from frontdoor_lab import Lab, latency_summary  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally  # noqa: E402

TALLY = Tally()
check = TALLY.check
FIGURES = {}


def read_all(sock, limit_s):
    """What the server sends until it closes, or until limit_s: (bytes, closed, seconds)."""
    data, t0 = b"", time.monotonic()
    sock.settimeout(0.2)
    while time.monotonic() - t0 < limit_s:
        try:
            chunk = sock.recv(65536)
        except (socket.timeout, ssl.SSLWantReadError):
            continue
        except (ConnectionResetError, ssl.SSLError, OSError):
            return data, True, time.monotonic() - t0
        if not chunk:
            return data, True, time.monotonic() - t0
        data += chunk
    return data, False, time.monotonic() - t0


def first_answer(sock, limit_s):
    """The first bytes of the answer and how long they took: (bytes, seconds)."""
    t0 = time.monotonic()
    sock.settimeout(limit_s)
    try:
        return sock.recv(65536), time.monotonic() - t0
    except (OSError, ssl.SSLError):
        return b"", time.monotonic() - t0


def status_of(data):
    try:
        return int(data.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None


# ---------------------------------------------------------------- framing ----
SMUGGLED = b"GET /smuggled-%d HTTP/1.1\r\nHost: x\r\n\r\n"


def framing_cases():
    body = b"0\r\n\r\n"
    te = lambda v: b"Transfer-Encoding: " + v  # noqa: E731
    return [
        ("Content-Length and Transfer-Encoding", [b"Content-Length: 5", te(b"chunked")], body),
        ("Transfer-Encoding: CHUNKED", [te(b"CHUNKED")], body),
        ("Transfer-Encoding with an extra leading space", [te(b" chunked")], body),
        ("Transfer-Encoding with a trailing space", [te(b"chunked ")], body),
        ("Transfer-Encoding: gzip, chunked", [te(b"gzip, chunked")], body),
        ("Transfer-Encoding: identity", [te(b"identity")], b""),
        ("Transfer-Encoding twice", [te(b"chunked"), te(b"chunked")], body),
        ("space before the colon", [b"Transfer-Encoding : chunked"], body),
        ("folded Transfer-Encoding line", [b"X-A: 1", b" Transfer-Encoding: chunked"], body),
        ("Content-Length: +2", [b"Content-Length: +2"], b"{}"),
        ("Content-Length with an extra leading space", [b"Content-Length:  2"], b"{}"),
        ("Content-Length: 2,2", [b"Content-Length: 2,2"], b"{}"),
        ("Content-Length: 2;x", [b"Content-Length: 2;x"], b"{}"),
        ("Content-Length: -1", [b"Content-Length: -1"], b"{}"),
        ("two different Content-Length headers", [b"Content-Length: 2", b"Content-Length: 45"], b"{}"),
    ]


def raw_request(headers, body, n, bare_lf=False):
    head = [b"POST /api/v1/heartbeat HTTP/1.1", b"Host: 127.0.0.1", b"Content-Type: application/json", *headers]
    sep = b"\n" if bare_lf else b"\r\n"
    return sep.join(head) + sep + sep + body + SMUGGLED % n


def test_framing(lab):
    print("--- framing: ambiguous requests are refused with 400 and the connection closed ---", flush=True)
    cases = framing_cases() + [("bare LF line ends with Transfer-Encoding", [b"Transfer-Encoding: chunked"], b"0\n\n")]
    for n, (name, headers, body) in enumerate(cases):
        s = lab.connect()
        s.sendall(raw_request(headers, body, n, bare_lf=name.startswith("bare LF")))
        # nginx keeps a client's connection open after an answer (keep-alive): 1 s is enough there.
        data, closed, took = read_all(s, 1 if lab.front == "nginx" else 3)
        s.close()
        answers = data.count(b"HTTP/1.1 ")
        if lab.front == "nginx":
            # nginx frames the request itself and sends the server a plain Content-Length: what
            # counts is that nothing is smuggled past it (checked below) and one answer comes back.
            check(answers <= 1 and closed or (status_of(data) or 0) >= 400,
                  f"nginx: {name}: one answer ({status_of(data)}) and no second", repr(data[:200]))
        elif lab.front == "tls" and ("space" in name or "folded" in name):
            # httplib trims values before the server sees them (request_head.h): under TLS there is
            # no proxy to desynchronise, and one request per connection: one answer, then closed.
            check(answers == 1 and closed and took < 2.5,
                  f"tls: {name}: one answer ({status_of(data)}), connection closed", repr(data[:300]))
        else:
            check(status_of(data) == 400 and answers == 1 and closed and took < 2.5,
                  f"{name}: 400, one answer, connection closed ({took:.2f} s)", repr(data[:300]))
    time.sleep(0.3)
    log = lab.server_log_text()
    seen = set(re.findall(r"/smuggled-\d+", log))
    if lab.front == "nginx":
        # Bytes after a well-framed body are the client's next request on its connection: nginx
        # may pass them on as a request of their own. Smuggling would be the server seeing a
        # request that nginx never saw as one.
        forwarded = set(re.findall(r"/smuggled-\d+", open(lab.nginx_access_log).read()))
        check(seen <= forwarded, f"every request the server saw was one nginx saw ({sorted(seen)})",
              sorted(seen - forwarded))
    else:
        check(not seen, "no smuggled request reached the server", sorted(seen))


def test_huge_length(lab):
    print("--- a Content-Length over the limit: 413 at once, body not read, connection closed ---", flush=True)
    for value in (b"99999999999", b"4194305", b"99999999999999999999999"):
        s = lab.connect()
        t = time.monotonic()
        s.sendall(b"POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: " + value + b"\r\n\r\n" + b"x" * 100)
        if lab.front == "nginx":
            # nginx answers at once and then lingers (lingering_timeout) before it closes.
            data, took = first_answer(s, 5)
            s.close()
            want = (413, 400) if len(value) > 19 else (413,)
            check(status_of(data) in want and took < 1.0,
                  f"nginx: Content-Length {value.decode()}: {status_of(data)} in {took:.2f} s (< 1 s)", repr(data[:200]))
            continue
        data, closed, took = read_all(s, 5)
        s.close()
        check(status_of(data) == 413 and closed and took < 1.0,
              f"Content-Length {value.decode()} with 100 bytes sent: 413 and closed in {took:.2f} s (< 1 s)",
              repr(data[:200]))
    # A body streamed under such a header is not read: the server answers and closes at once.
    s = lab.connect()
    s.sendall(b"POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 4194305\r\n\r\n")
    sent, stop, t0 = [0], [False], time.monotonic()

    def stream():
        chunk = b"x" * 65536
        try:
            while not stop[0] and sent[0] < 64 * 1024 * 1024:
                s.sendall(chunk)
                sent[0] += len(chunk)
        except OSError:
            pass

    th = threading.Thread(target=stream, daemon=True)
    th.start()
    data, took = first_answer(s, 5)
    stop[0] = True
    th.join(5)
    s.close()
    check(status_of(data) == 413 and took < 1.0,
          f"a 4 MiB + 1 body streamed: 413 in {took:.2f} s after {sent[0] // 1024} KiB were sent (not 64 MiB)",
          repr(data[:200]))


# ------------------------------------------------------------ expensive bodies ----
def quadratic(n):
    return b'{"sessions":[' + b",".join([b"{}"] * n) + b"]}"


def test_quadratic_flood(lab):
    print("--- 8 clients post quadratic JSON without a token; legitimate requests go on ---", flush=True)
    enroll_body, sessions_body = quadratic(120_000), quadratic(160_000)  # 351 KiB and 468 KiB
    stop = [False]
    sent = [0]

    def flood(i):
        while not stop[0]:
            try:
                path, body = ("/api/v1/enroll", enroll_body) if i % 2 else ("/api/v1/sessions", sessions_body)
                lab.request("POST", path, body, {"Content-Type": "application/json"}, timeout=20)
                sent[0] += 1
            except Exception:  # noqa: BLE001 - the flood only pushes
                sent[0] += 1

    meter = lab.meter.start()
    threads = [threading.Thread(target=flood, args=(i,), daemon=True) for i in range(8)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    results = lab.legit_during(6)
    stop[0] = True
    for t in threads:
        t.join(25)
    fig = {**latency_summary(results), **meter.finish(), "flood_requests": sent[0]}
    FIGURES["quadratic flood, no token"] = fig
    print("     ", fig, flush=True)
    check(fig["ok"] == fig["requests"] and fig["max_s"] < 1.0,
          f"every legitimate request answered within 1 s during the flood (max {fig['max_s']} s)", results)
    # Per flood request, so that the check holds on a slow or loaded machine too: the callback
    # parser took seconds per body; refusing one without parsing takes well under a millisecond
    # (a TLS handshake about one).
    per_request = fig["cpu_s"] / max(1, fig["flood_requests"])
    check(per_request < 0.01,
          f"the flood cost the server {per_request * 1000:.2f} ms of CPU per request ({fig['cpu_s']} CPU s in all)")

    print("--- 4 kiosks with a token post 4 MiB of nested or tiny values at once ---", flush=True)
    big = quadratic(1_398_000)  # 4 MiB - a little
    deep = b'{"sessions":' + b"[" * 2_000_000 + b"]" * 2_000_000 + b"}"
    meter = lab.meter.start()
    answers = []

    def post(body):
        t = time.monotonic()
        try:
            st, b = lab.request("POST", "/api/v1/sessions", body, {"Content-Type": "application/json"},
                                timeout=60, token=lab.token)
        except Exception as e:  # noqa: BLE001
            st, b = type(e).__name__, None
        answers.append((st, time.monotonic() - t, b))

    threads = [threading.Thread(target=post, args=(b,)) for b in (big, big, deep, deep)]
    for t in threads:
        t.start()
    results = lab.legit_during(3)
    for t in threads:
        t.join(60)
    time.sleep(0.5)
    fig = {**latency_summary(results), **meter.finish(),
           "answers": [(a[0], round(a[1], 2), (a[2] or {}).get("error", {}).get("code") if isinstance(a[2], dict)
                        else None) for a in answers]}
    FIGURES["4 MiB bodies with a token"] = fig
    print("     ", fig, flush=True)
    check(all(a[0] in (400, 413) and a[1] < 5 for a in answers),
          "each is refused (400/413) within 5 s", fig["answers"])
    check(fig["max_s"] is not None and fig["max_s"] < 1.0 and fig["ok"] == fig["requests"],
          f"legitimate requests answered within 1 s meanwhile (max {fig['max_s']} s)")
    check(fig["rss_peak_mb"] - fig["rss_before_mb"] < 200,
          f"peak RSS rose by less than 200 MB ({fig['rss_before_mb']} -> {fig['rss_peak_mb']} MB)")
    check(fig["rss_after_mb"] - fig["rss_before_mb"] < 60,
          f"memory is given back after ({fig['rss_before_mb']} -> {fig['rss_after_mb']} MB)")


# ------------------------------------------------------------- slow clients ----
def test_slow_clients(lab, count=200):
    print(f"--- {count} slow connections from one address; a legitimate one from the same address ---", flush=True)
    socks = []
    for _ in range(count):
        try:
            s = socket.create_connection(("127.0.0.1", lab.port), timeout=5)
            if lab.tls:
                # A TLS client that never finishes its handshake: only the first bytes of a hello.
                s.sendall(b"\x16\x03\x01\x00\xc8\x01")
            else:
                s.sendall(b"GET /coach/login HTTP/1.1\r\nHost: x\r\n")
            socks.append(s)
        except OSError:
            break
    check(len(socks) == count, f"{count} slow connections opened", len(socks))
    stop = [False]

    def trickle():  # one more header byte on each, round and round
        while not stop[0]:
            for s in socks:
                try:
                    s.send(b"X" if not lab.tls else b"\x00")
                except OSError:
                    pass
            time.sleep(0.5)

    th = threading.Thread(target=trickle, daemon=True)
    th.start()
    meter = lab.meter.start()
    results = lab.legit_during(5)
    stop[0] = True
    th.join(5)
    fig = {**latency_summary(results), **meter.finish()}
    FIGURES[f"{count} slow connections"] = fig
    print("     ", fig, flush=True)
    check(fig["ok"] == fig["requests"] and fig["max_s"] < 1.0,
          f"legitimate requests answered within 1 s (max {fig['max_s']} s)", results)
    for s in socks:
        s.close()


def test_deadlines(lab):
    print("--- a client trickling its head, or its body, is cut off at the deadline ---", flush=True)
    # One header byte every second: never a read timeout, but the head deadline ends it.
    s = socket.create_connection(("127.0.0.1", lab.port), timeout=5)
    if lab.tls:
        s = lab.ctx.wrap_socket(s, server_hostname="127.0.0.1")
    s.sendall(b"GET /coach/login HTTP/1.1\r\nHost: x\r\n")
    t0, closed_at = time.monotonic(), None
    s.settimeout(0.05)
    limit = lab.request_deadline + 4
    while time.monotonic() - t0 < max(limit, 12):
        try:
            s.send(b"X")
        except OSError:
            closed_at = time.monotonic() - t0
            break
        end = time.monotonic() + 1
        while time.monotonic() < end:
            try:
                if s.recv(4096) == b"":
                    closed_at = time.monotonic() - t0
                    break
            except (socket.timeout, ssl.SSLWantReadError):
                pass
            except OSError:
                closed_at = time.monotonic() - t0
                break
        if closed_at is not None:
            break
    s.close()
    # The server's own TLS cannot see the head before the handshake: there the request deadline
    # holds; nginx holds its client_header_timeout (10 s in deploy/nginx/werkcheck.conf).
    deadline = {"bare": lab.head_deadline, "tls": lab.request_deadline, "nginx": 10}[lab.front]
    check(closed_at is not None and closed_at < deadline + 1.5,
          f"a head trickled a byte a second is cut off after {closed_at} s (deadline {deadline} s)")
    if lab.front == "nginx":
        # nginx has no deadline for a whole body, only per read (client_body_timeout): a body
        # trickled a byte a second costs nginx a connection and never reaches the server, which
        # the slow-client test shows does not delay anyone.
        return
    # A complete head, then the body one byte a second.
    s = lab.connect()
    s.sendall(b"POST /coach/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              b"Content-Length: 1000\r\n\r\n")
    t0, closed_at = time.monotonic(), None
    s.settimeout(0.05)
    while time.monotonic() - t0 < lab.request_deadline + 4:
        try:
            s.send(b"a")
        except OSError:
            closed_at = time.monotonic() - t0
            break
        end = time.monotonic() + 1
        while time.monotonic() < end and closed_at is None:
            try:
                d = s.recv(4096)
                if d == b"" or d.startswith(b"HTTP/1.1 "):
                    closed_at = time.monotonic() - t0
            except (socket.timeout, ssl.SSLWantReadError):
                pass
            except OSError:
                closed_at = time.monotonic() - t0
        if closed_at is not None:
            break
    s.close()
    check(closed_at is not None and closed_at < lab.request_deadline + 1.5,
          f"a body trickled a byte a second is cut off after {closed_at} s (deadline {lab.request_deadline} s)")


# ---------------------------------------------------------------- throttle ----
def test_parallel_logins(lab):
    print("--- 30 wrong passwords for one name at once: at most 5 are checked ---", flush=True)
    import http.client
    import re
    conn = (http.client.HTTPSConnection("127.0.0.1", lab.port, timeout=10, context=lab.ctx) if lab.tls
            else http.client.HTTPConnection("127.0.0.1", lab.port, timeout=10))
    conn.request("GET", "/coach/login")
    r = conn.getresponse()
    page = r.read().decode()
    cookie = next((v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie" and "wk_login=" in v), "")
    conn.close()
    m = re.search(r'name="csrf"\s+value="([^"]+)"', page) or re.search(r'value="([^"]+)"\s+name="csrf"', page)
    check(bool(cookie and m), "the login form gives a csrf token and cookie")
    form = f"username=coach-a&password=wrong-{'x' * 12}&csrf={m.group(1) if m else ''}".encode()
    statuses, barrier = [], threading.Barrier(30)

    def attempt():
        barrier.wait()
        try:
            st, _ = lab.request("POST", "/coach/login", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                                 "Cookie": cookie}, timeout=30)
        except Exception as e:  # noqa: BLE001
            st = type(e).__name__
        statuses.append(st)

    threads = [threading.Thread(target=attempt) for _ in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    checked = statuses.count(401)
    FIGURES["30 parallel wrong passwords"] = {"401 (checked)": checked, "429": statuses.count(429),
                                              "other": [s for s in statuses if s not in (401, 429)]}
    print("     ", FIGURES["30 parallel wrong passwords"], flush=True)
    # Through nginx some get 429 from nginx's own limit (burst 20) before the server sees them.
    check(1 <= checked <= 5 and statuses.count(429) + checked == 30,
          f"the password was checked {checked} times (limit 5); the rest got 429", statuses)


def test_operator_routes(lab):
    """/healthz and /readyz answer through every front; /metrics only on the bare loopback
    server: nginx denies it (deploy/nginx/werkcheck.conf), and it would carry X-Forwarded-For."""
    for path in ("/healthz", "/readyz"):
        status, _ = lab.request("GET", path)
        check(status == 200, f"{lab.front}: {path} 200", status)
    status, body = lab.request("GET", "/metrics")
    want = 403 if lab.front == "nginx" else 200
    # nginx's own refusal is its HTML page; the server's (X-Forwarded-For) would be JSON.
    mark = b"werkcheck_http_request_duration_seconds" if want == 200 else b"nginx"
    check(status == want and isinstance(body, bytes) and mark in body,
          f"{lab.front}: /metrics {want}" + (" from nginx itself" if want == 403 else ""), f"{status} {body!r:.120}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--front", choices=["bare", "tls", "nginx"], default="bare")
    ap.add_argument("--old-binary", action="store_true")
    ap.add_argument("--only", default="", help="comma-separated test names")
    args = ap.parse_args()
    lab = Lab(args.server, args.front, new_flags=not args.old_binary,
              head_deadline=10 if args.old_binary else 3, request_deadline=30 if args.old_binary else 6)
    tests = {"framing": test_framing, "huge_length": test_huge_length, "slow_clients": test_slow_clients,
             "deadlines": test_deadlines, "quadratic": test_quadratic_flood, "logins": test_parallel_logins,
             "operator_routes": test_operator_routes}
    try:
        for name, fn in tests.items():
            if args.only and name not in args.only.split(","):
                continue
            t = time.monotonic()
            try:
                fn(lab)
            except Exception as e:  # noqa: BLE001 - a crash of one test is a failure, the others still run
                check(False, f"{name} ran to the end", repr(e))
            print(f"      ({name}: {time.monotonic() - t:.1f} s)", flush=True)
    finally:
        lab.close()
    print("figures:", json.dumps(FIGURES))
    return TALLY.finish()


if __name__ == "__main__":
    sys.exit(main())
