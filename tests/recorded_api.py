#!/usr/bin/env python3
"""The recorded API for tests/live_config.sh: an nginx configuration that
answers the live configuration's requests at the APIs' real paths and
queries, from the bundled snapshots.

Usage: recorded_api.py SOURCES_DIR DATA_DIR OUT_DIR PORT [--outage ID] [--too-big ID ERROR_JSON]

For every source of SOURCES_DIR whose URL is under an official API base
(Eurostat, UNHCR, World Bank) it computes the request URI the daemon sends
when that base is pointed at http://127.0.0.1:PORT/<api>/ (EurostatAPI= ...):
for kind eurostat the URL is built here from the "eurostat" object, the way
the API documents it (not with the daemon's code), for the others it is the
configured "url".  The answer is the source's seed; a UNHCR seed (a JSON
array of the API's pages) answers page 1 at the query and page N at
"&page=N".  nginx serves the files with ETag and Last-Modified (304 to a
conditional request).  --outage ID answers 503 for that source, --too-big ID
answers HTTP 413 with ERROR_JSON (Eurostat's EXTRACTION_TOO_BIG document).

Writes OUT_DIR/nginx.conf and OUT_DIR/www/; prints "ID URI" per request.
"""
import json
import os
import sys
import urllib.parse

OFFICIAL = {
    "eurostat": "https://ec.europa.eu/eurostat/api/dissemination/",
    "unhcr": "https://api.unhcr.org/population/v1/",
    "worldbank": "https://api.worldbank.org/v2/",
}


def eurostat_url(eu):
    """The dissemination API's URL of a dataset and its filters ([ES-Q])."""
    q = "?format=JSON&lang=" + eu.get("lang", "en")
    for dim, codes in eu.get("filters", {}).items():
        for code in codes if isinstance(codes, list) else [codes]:
            q += "&%s=%s" % (dim, urllib.parse.quote(code, safe="-._~"))
    return OFFICIAL["eurostat"] + "statistics/1.0/data/" + urllib.parse.quote(eu["dataset"], safe="-._~") + q


def main():
    sources_dir, data_dir, out, port = sys.argv[1:5]
    opts = sys.argv[5:]
    outage = opts[opts.index("--outage") + 1] if "--outage" in opts else None
    too_big = opts[opts.index("--too-big") + 1] if "--too-big" in opts else None
    error_json = opts[opts.index("--too-big") + 2] if too_big else None
    www = os.path.join(out, "www")
    os.makedirs(www, exist_ok=True)
    entries = []  # (uri, target)
    for name in sorted(os.listdir(sources_dir)):
        if not name.endswith(".json") or os.path.getsize(os.path.join(sources_dir, name)) == 0:
            continue
        src = json.load(open(os.path.join(sources_dir, name)))
        url = eurostat_url(src["eurostat"]) if "eurostat" in src else src.get("url", "")
        api = next((a for a, base in OFFICIAL.items() if url.startswith(base)), None)
        if not api:
            continue
        if not src.get("seed"):
            sys.exit("%s: a live source without a seed: the recorded API has nothing to answer with" % name)
        uri = "/%s/%s" % (api, url[len(OFFICIAL[api]):])
        seed = open(os.path.join(data_dir, src["seed"]), "rb").read()
        pages = [seed]
        if src["kind"] == "unhcr" and seed.lstrip()[:1] == b"[":
            pages = [json.dumps(p, ensure_ascii=False).encode() for p in json.loads(seed)]
        for n, body in enumerate(pages, 1):
            page_uri = uri if n == 1 else "%s%spage=%d" % (uri, "&" if "?" in uri else "?", n)
            fname = "%s-%d.json" % (src["id"], n)
            with open(os.path.join(www, fname), "wb") as f:
                f.write(body)
            target = "/outage" if src["id"] == outage else "/too-big" if src["id"] == too_big else "/files/" + fname
            entries.append((page_uri, target))
            print(src["id"], page_uri)
    with open(os.path.join(www, "too-big.json"), "wb") as f:
        f.write(open(error_json, "rb").read() if error_json else b"{}")
    lines = ["map $request_uri $recorded {", '  default "";']
    for uri, target in entries:
        lines.append('  "%s" "%s";' % (uri.replace("\\", "\\\\").replace('"', '\\"'), target))
    lines.append("}")
    conf = """daemon off;
master_process off;
worker_processes 1;
pid {out}/nginx.pid;
error_log {out}/error.log;
events {{ worker_connections 64; }}
http {{
  map_hash_bucket_size 8192; # the annual Eurostat query lists every citizenship (~2.7 kB)
  map_hash_max_size 8192;
  log_format t '$request_uri $status $body_bytes_sent inm=$http_if_none_match';
  access_log {out}/access.log t;
  client_body_temp_path {out}/tmp-body;
  proxy_temp_path {out}/tmp-proxy;
  fastcgi_temp_path {out}/tmp-fastcgi;
  uwsgi_temp_path {out}/tmp-uwsgi;
  scgi_temp_path {out}/tmp-scgi;
  {map}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      if ($recorded = "") {{ return 404; }}
      rewrite ^ $recorded last;
    }}
    location /files/ {{ internal; alias {www}/; default_type application/json; }}
    location = /outage {{ internal; return 503; }}
    location = /too-big {{ internal; default_type application/json; error_page 413 /too-big-body; return 413; }}
    location = /too-big-body {{ internal; default_type application/json; alias {www}/too-big.json; }}
  }}
}}
""".format(out=out, port=port, www=www, map="\n  ".join(lines))
    with open(os.path.join(out, "nginx.conf"), "w") as f:
        f.write(conf)


main()
