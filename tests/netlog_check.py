#!/usr/bin/env python3
"""Check a Chromium net log (--log-net-log) for the browser test.

usage: netlog_check.py NETLOG BASE

Fails (exit 1, reasons printed) when
  - any TCP or UDP connection went to an address other than 127.0.0.1, or
  - the page asked for a URL outside BASE (a request whose initiator is the
    page's origin, or a main-frame navigation).
Chromium's own service requests (component updater, account and autofill
look-ups: initiator "not an origin", not a navigation) are listed but do not
fail the check: they are the browser's, not the page's, and
--host-resolver-rules makes them fail before any socket is opened, which the
first rule verifies.
"""
import json
import re
import sys


def main():
    path, base = sys.argv[1], sys.argv[2].rstrip("/")
    origin = re.match(r"^[a-z]+://[^/]+", base).group(0)
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    problems, page, internal = [], set(), set()
    udp_remote = {}
    for e in log["events"]:
        kind, p = names.get(e["type"], ""), e.get("params", {})
        src = e.get("source", {}).get("id")
        for key in ("address", "remote_address"):
            if kind.startswith("TCP_CONNECT") and key in p and not p[key].startswith("127.0.0.1:"):
                problems.append(f"TCP connection to {p[key]}")
        # connect() on a UDP socket sends nothing (Chromium does it to learn
        # whether IPv6 is routable); a datagram sent to a foreign address is.
        if kind == "UDP_CONNECT" and "address" in p:
            udp_remote[src] = p["address"]
            if not p["address"].startswith("127.0.0.1:"):
                print(f"# UDP connect() without data (route probe): {p['address']}")
        if kind == "UDP_BYTES_SENT":
            addr = p.get("address") or udp_remote.get(src, "")
            if addr and not addr.startswith("127.0.0.1:"):
                problems.append(f"UDP datagram to {addr}")
        if kind != "URL_REQUEST_START_JOB" or "url" not in p:
            continue
        url, initiator = p["url"], p.get("initiator", "")
        if initiator == origin or p.get("request_type") == "main frame":
            page.add(url)
            if not (url.startswith(base + "/") or url == base or url.startswith("data:")):
                problems.append(f"the page requested {url}")
        else:
            internal.add(url.split("?")[0])
    print(f"# page requests: {len(page)}, all under {base}" if not problems else "# page requests: %d" % len(page))
    for u in sorted(internal):
        print(f"# browser's own request, blocked by the resolver rules: {u}")
    for p in problems:
        print(f"FAIL: {p}")
    return 1 if problems or not page else 0


if __name__ == "__main__":
    sys.exit(main())
