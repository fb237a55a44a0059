#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Abuse migstatd's control socket and measure `status` meanwhile.

    control_abuse.py SOCKET SECONDS [--no-abuse]

For SECONDS: 1,000 concurrent connections that send nothing (opened in
bursts and reopened when the daemon drops them), one client sending a
1 MiB line, one sending one byte a second, and clients with the wrong
peer credentials (uid/gid nobody:nogroup, forked).  Meanwhile a `status`
request every 50 ms on a fresh connection, retried (up to 5 times) when
the daemon says "too many clients" or drops it to make room.  Prints one JSON line:
{"status_ok", "status_failed", "latency_ms": {min, median, p95, max}, ...}.
Exits 1 if any status request was not answered ok.  --no-abuse: only the
status requests (the baseline for bench/control_abuse.sh).
"""
import json
import os
import socket
import statistics
import sys
import threading
import time

SOCK, SECONDS = sys.argv[1], float(sys.argv[2])
ABUSE = "--no-abuse" not in sys.argv
STOP = threading.Event()
RETRIES = [0]
COUNTS = {"idle_opened": 0, "idle_dropped": 0, "big_answer": "", "slow_answer": "", "wrong_creds": []}


def connect():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(SOCK)
    return s


def idle_clients(n=1000):
    """Keep n connections open that never send a byte."""
    conns = []
    while not STOP.is_set():
        while len(conns) < n and not STOP.is_set():
            try:
                s = connect()
                s.setblocking(False)
                conns.append(s)
                COUNTS["idle_opened"] += 1
            except OSError:
                time.sleep(0.01)
                break
        alive = []
        for s in conns:  # reap what the daemon dropped (EOF or its answer)
            try:
                if s.recv(4096) == b"":
                    raise OSError
                COUNTS["idle_dropped"] += 1
                s.close()
            except BlockingIOError:
                alive.append(s)
            except OSError:
                COUNTS["idle_dropped"] += 1
                s.close()
        conns = alive
        time.sleep(0.05)
    for s in conns:
        s.close()


def read_answer(s, timeout=10):
    s.settimeout(timeout)
    data = b""
    try:
        while not data.endswith(b"\n"):
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    except OSError as e:
        return "error: %s" % e
    return data.decode(errors="replace").strip()


def big_line():
    s = connect()
    try:
        s.sendall(b"status " + b"a" * (1 << 20) + b"\n")
    except OSError:
        pass  # the daemon answered and closed before we finished: fine
    COUNTS["big_answer"] = read_answer(s)[:120]
    s.close()


def slow_client():
    s = connect()
    for b in b"status\n":
        if STOP.is_set():
            break
        try:
            s.send(bytes([b]))
        except OSError:
            break
        time.sleep(1)
    COUNTS["slow_answer"] = read_answer(s, 2)[:120]
    s.close()


def wrong_creds():
    """A child as nobody:nogroup, without supplementary groups."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            s = connect()
            try:
                s.sendall(b"status\n")
            except OSError:
                pass  # refused before the request went out: the answer is there
            os.write(w, read_answer(s).encode()[:200])
        except OSError as e:
            os.write(w, ("error: %s" % e).encode())
        os._exit(0)
    os.close(w)
    out = os.read(r, 400).decode(errors="replace")
    os.close(r)
    os.waitpid(pid, 0)
    COUNTS["wrong_creds"].append(out)


def main():
    threads = []
    if ABUSE:
        big_line()  # first, alone: its answer must be the overlong refusal
        for f in (idle_clients, slow_client):
            t = threading.Thread(target=f, daemon=True)
            t.start()
            threads.append(t)
        time.sleep(0.5)  # let the idle clients fill every slot first
    lat, failed, answers = [], 0, []
    end = time.monotonic() + SECONDS
    while time.monotonic() < end:
        if ABUSE and len(COUNTS["wrong_creds"]) < 3:
            wrong_creds()
        t0 = time.monotonic()
        ok, a = False, ""
        # As a client should on "too many clients, try again" (or when its
        # connection was dropped to make room): retry, up to 5 times.
        for attempt in range(5):
            try:
                s = connect()
                s.sendall(b"status\n")
                a = read_answer(s)
                s.close()
            except OSError as e:
                a = "error: %s" % e
            try:
                ok = json.loads(a).get("ok") is True
            except ValueError:
                ok = False
            if ok:
                break
            RETRIES[0] += 1
            time.sleep(0.02 * (attempt + 1))
        ms = (time.monotonic() - t0) * 1000
        if ok:
            lat.append(ms)
        else:
            failed += 1
            answers.append(a[:120])
        time.sleep(0.05)
    STOP.set()
    for t in threads:
        t.join(timeout=10)
    lat.sort()
    pick = lambda q: round(lat[min(len(lat) - 1, int(q * len(lat)))], 2) if lat else None
    print(json.dumps({
        "abuse": ABUSE, "seconds": SECONDS, "status_ok": len(lat), "status_failed": failed, "status_retries": RETRIES[0],
        "failed_answers": answers[:3],
        "latency_ms": {"min": pick(0), "median": round(statistics.median(lat), 2) if lat else None,
                       "p95": pick(0.95), "max": pick(1)},
        **COUNTS}))
    sys.exit(0 if failed == 0 and lat else 1)


main()
