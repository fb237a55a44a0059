#!/usr/bin/env python3
"""Latency of `status` on the control socket, as migstatctl sees it.

    status_latency.py SOCKET N

Each request is a new connection (as migstatctl and socat make one): connect,
send "status\\n", read the one response line.  Prints one line per request:
"<microseconds> <state>", state being what the daemon answered (idle,
rendering, stopping), so the caller can keep only the requests served while a
release rendered.  A request that fails is an error, not a sample.
"""
import json
import socket
import sys
import time


def status(path):
    t0 = time.perf_counter_ns()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(path)
        s.sendall(b"status\n")
        buf = b""
        while not buf.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            buf += chunk
    t1 = time.perf_counter_ns()
    reply = json.loads(buf)
    if not reply.get("ok"):
        raise RuntimeError(f"{path}: status answered {buf!r}")
    return (t1 - t0) // 1000, reply["state"]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: status_latency.py SOCKET N")
    path, n = sys.argv[1], int(sys.argv[2])
    out = sys.stdout
    for _ in range(n):
        us, state = status(path)
        out.write(f"{us} {state}\n")
        # About 200 requests a second: spread them over many renders.
        time.sleep(0.005)


if __name__ == "__main__":
    main()
