#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A misbehaving HTTP server for migstat's fetch tests (loopback only).

    fault_server.py DATA_FILE PORT_FILE LOG_FILE

Serves DATA_FILE at /data.json the way the current mode says, and three
pages in the UNHCR API's shape at /unhcr?page=N (mode unhcr-page-3-fails:
page 3 answers 500; mode unhcr-file:/ABS/PATH: that file is every page);
the tests switch modes with GET /_mode?m=NAME (which
also clears the request log); m=file:/ABS/PATH serves that file instead of
DATA_FILE.  GET /_max_inflight says how many requests to /data.json were
answered at the same time at most since the last mode switch (parallelism,
measured where it happens rather than by the clock).
Every request to /data.json is appended to LOG_FILE as it arrives, as
"<mode> <If-None-Match or ->", so tests count attempts; each answer's
status goes to LOG_FILE.status.
Listens on 127.0.0.1, an ephemeral port written to PORT_FILE.
Every wait is bounded (a few seconds at most).
"""
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

DATA = open(sys.argv[1], "rb").read()
ETAG = '"' + hashlib.sha256(DATA).hexdigest()[:16] + '"'
LAST_MODIFIED = email.utils.formatdate(1556668800, usegmt=True)  # 2019-05-01
STATE = {"mode": "good", "hits": 0, "inflight": 0, "max_inflight": 0}
LOCK = threading.Lock()
LOG = sys.argv[3]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: the tests read LOG
        pass

    def send(self, status, body=b"", ctype="application/json", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        if not any(k == "Content-Length" for k, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return status

    def good(self):
        if self.headers.get("If-None-Match") == ETAG:
            return self.send(304, headers=[("ETag", ETAG)])
        return self.send(200, DATA, headers=[("ETag", ETAG), ("Last-Modified", LAST_MODIFIED)])

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/_mode":
            with LOCK:
                STATE["mode"] = urllib.parse.parse_qs(url.query)["m"][0]
                STATE["hits"] = 0
                STATE["max_inflight"] = 0
                open(LOG, "w").close()
                open(LOG + ".status", "w").close()
            return self.send(200, b"ok\n", "text/plain")
        if url.path == "/_max_inflight":
            with LOCK:
                return self.send(200, b"%d\n" % STATE["max_inflight"], "text/plain")
        if url.path == "/loop":
            return self.send(302, headers=[("Location", "/loop")])
        # The Eurostat API's paths (EurostatAPI= pointed here) answer as /data.json.
        if url.path.startswith("/eurostat/api/dissemination/statistics/1.0/data/"):
            url = url._replace(path="/data.json")
        if url.path not in ("/data.json", "/unhcr"):
            return self.send(404, b"not here\n", "text/plain")
        with LOCK:
            STATE["hits"] += 1
            STATE["inflight"] += 1
            STATE["max_inflight"] = max(STATE["max_inflight"], STATE["inflight"])
            mode, hit = STATE["mode"], STATE["hits"]
            with open(LOG, "a") as f:
                f.write("%s %s %s\n" % (mode, self.headers.get("If-None-Match", "-"), url.query or "-"))
        try:
            status = self.respond(mode, hit)
        except OSError:  # the client gave up (timeouts, limits): expected here
            status = "aborted"
        finally:
            with LOCK:
                STATE["inflight"] -= 1
        with LOCK, open(LOG + ".status", "a") as f:
            f.write("%s %s\n" % (mode, status))

    def unhcr_page(self, fail_page=None):
        """Three pages in the UNHCR API's shape (synthetic test records, not
        figures): page N holds the years 2017+N-1 for two origins."""
        q = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        n = int(q.get("page", ["1"])[0])
        if n == fail_page or not 1 <= n <= 3:
            return self.send(500, b"{}")
        items = [{"year": 2016 + n, "coo_iso": coo, "coo_name": name, "coa_iso": "DEU",
                  "coa_name": "Germany", "procedure_type": "G", "app_type": "N",
                  "dec_level": "FI", "app_pc": "P", "applied": 10 * n + k}
                 for k, (coo, name) in enumerate([("SYR", "Syrian Arab Rep."), ("AFG", "Afghanistan")])]
        body = json.dumps({"page": n, "maxPages": 3, "items": items}).encode()
        return self.send(200, body, headers=[("ETag", '"unhcr-%d"' % n)])

    def respond(self, mode, hit):
        if self.path.startswith("/unhcr"):
            if mode.startswith("unhcr-file:"):  # a page of another shape (issue 19)
                return self.send(200, open(mode[11:], "rb").read())
            return self.unhcr_page(fail_page=3 if mode == "unhcr-page-3-fails" else None)
        if mode.startswith("unhcr-file:"):  # /data.json stays good meanwhile
            return self.good()
        if mode == "unhcr-page-3-fails":  # /data.json stays good meanwhile
            return self.good()
        if mode == "good":
            return self.good()
        if mode.startswith("file:"):  # another body (tampered data) as JSON
            return self.send(200, open(mode[5:], "rb").read())
        if mode == "slow-good":  # parallelism: 2 s before a good answer
            time.sleep(2)
            return self.good()
        if mode == "delay-headers":
            time.sleep(4)
            return self.good()
        if mode == "slow-body":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(DATA)))
            self.end_headers()
            for i in range(40):  # 2 bytes/s for at most 20 s
                try:
                    self.wfile.write(DATA[i:i + 1])
                    self.wfile.flush()
                except OSError:
                    break
                time.sleep(0.5)
            self.close_connection = True
            return 200
        if mode == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(DATA)))
            self.end_headers()
            self.wfile.write(DATA[: len(DATA) // 2])
            self.close_connection = True
            return 200
        if mode.startswith("413:"):  # an error document (Eurostat's EXTRACTION_TOO_BIG) with status 413
            return self.send(413, open(mode[4:], "rb").read())
        if mode in ("404", "500", "408"):
            return self.send(int(mode), b"{}", headers=[("Connection", "close")])
        if mode == "429":
            return self.send(429, b"{}", headers=[("Retry-After", "1")])
        if mode == "429-once":
            if hit == 1:
                return self.send(429, b"{}", headers=[("Retry-After", "1")])
            return self.good()
        if mode == "503-date-once":
            if hit == 1:
                when = email.utils.formatdate(time.time() + 2, usegmt=True)
                return self.send(503, b"{}", headers=[("Retry-After", when)])
            return self.good()
        # Eurostat queues a costly request and says so (notes/live-apis.md):
        # with HTTP 413 and the label in error[], or with 200 and the label in
        # warning; asked again later it answers.
        async_label = "ASYNCHRONOUS_RESPONSE. Your request will be treated asynchronously. Please try again later."
        if mode == "async413-once":
            if hit == 1:
                return self.send(413, json.dumps({"error": [{"status": 413, "label": async_label}]}).encode())
            return self.good()
        if mode == "async200-once":
            if hit == 1:
                return self.send(200, json.dumps({"warning": {"status": 413, "label": async_label}}).encode())
            return self.good()
        if mode == "429-long":
            return self.send(429, b"{}", headers=[("Retry-After", "86400")])
        if mode == "redirect-loop":
            return self.send(302, headers=[("Location", "/loop")])
        if mode == "big":
            return self.send(200, DATA + b" " * (2 << 20))
        if mode == "big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b" " * 65536
            try:
                for _ in range(64):  # 4 MB at most
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
            self.close_connection = True
            return 200
        if mode == "gzip":
            return self.send(200, gzip.compress(DATA), headers=[("Content-Encoding", "gzip")])
        if mode == "bad-gzip":
            return self.send(200, b"\x1f\x8b\x08\x00this is not deflate data at all" * 8,
                             headers=[("Content-Encoding", "gzip")])
        if mode == "html":
            return self.send(200, b"<html><body>Maintenance</body></html>", "text/html; charset=utf-8")
        if mode == "invalid-json":
            return self.send(200, b'{"version": "2.0", "class": "dataset",\n  "value": [1, 2,,]}\n')
        return self.send(500, b"unknown mode", "text/plain")


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    tmp = sys.argv[2] + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, sys.argv[2])
    server.serve_forever()


if __name__ == "__main__":
    main()
