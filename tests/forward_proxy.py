#!/usr/bin/env python3
"""A minimal HTTP forward proxy on loopback for tests/fetch_proxy.sh.

Usage: forward_proxy.py UPSTREAM_PORT PORT_FILE LOG_FILE

Answers requests in absolute form (GET http://host/path, what a client sends
to a proxy named by http_proxy) by fetching /path from 127.0.0.1:UPSTREAM_PORT,
whatever the host, so that a host name that resolves nowhere is reachable
only through this proxy.  Each request is logged as "GET <absolute URL>".
"""
import http.server
import sys
import urllib.parse
import urllib.request

UPSTREAM, PORT_FILE, LOG = int(sys.argv[1]), sys.argv[2], sys.argv[3]
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never itself through a proxy


class Proxy(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        with open(LOG, "a") as f:
            f.write("GET %s\n" % self.path)
        url = urllib.parse.urlsplit(self.path)
        if not url.scheme:  # not a proxy request
            self.send_error(400, "expected an absolute URL")
            return
        req = urllib.request.Request("http://127.0.0.1:%d%s%s" % (UPSTREAM, url.path, "?" + url.query if url.query else ""))
        for h in ("If-None-Match", "If-Modified-Since", "Accept-Encoding"):
            if self.headers.get(h):
                req.add_header(h, self.headers[h])
        try:
            resp = DIRECT.open(req, timeout=10)
            status, headers, body = resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as e:
            status, headers, body = e.code, e.headers, e.read()
        self.send_response(status)
        for h in ("Content-Type", "ETag", "Last-Modified", "Content-Encoding"):
            if headers.get(h):
                self.send_header(h, headers[h])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(PORT_FILE + ".tmp", PORT_FILE)
srv.serve_forever()
