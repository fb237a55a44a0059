#!/usr/bin/env bash
# Peak memory (max RSS) of `migstatd --once` at the default limits, for a
# dense and a sparse JSON-stat body:  bench/peak_rss_cells.sh [BUILD_DIR]
#   dense   the largest cube the default cell limit allows (5,000,000 cells,
#           every one filled);
#   long    the same with every number written with six decimals: the
#           biggest body the default limits allow (64 MiB, 5 M cells);
#   sparse  the same declared cells, 2 % of them filled (a "value" object);
#   huge    a small file declaring 10^10 cells (refused by the cell limit).
# Each body runs twice: first with nothing published, then again with the
# first release's data as the last good data (the gate's comparison: the
# worse case).  The Eurostat monthly source gets the body, without its
# max_bytes (so the 64 MiB default applies).  The bodies repeat the real DE
# series (88 months) under made-up geo codes X000001...: filler that parses
# like the real file, not figures; the charts still select geo=DE.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
TMP=$(mktemp -d /tmp/migstat-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
cp -r config "$TMP/config"
mkdir -p "$TMP/config/migstat.conf.d" "$TMP/data"
cp data/* "$TMP/data/"
printf '[Paths]\nDataDirectory=%s\nStateDirectory=%s/state\n[Publish]\nRenderThreads=%s\n' "$TMP/data" "$TMP" \
  "${THREADS:-0}" > "$TMP/config/migstat.conf.d/50-bench.conf"
jq 'del(.max_bytes)' config/sources.d/eurostat-asylum-monthly.json > "$TMP/config/sources.d/eurostat-asylum-monthly.json"

make_body() { # make_body dense|sparse|huge
  python3 - data/asylum_applications_monthly.json "$1" "$TMP/data/asylum_applications_monthly.json" <<'PY'
import json, sys
src, kind, out = sys.argv[1:4]
d = json.load(open(src))
geo = d["dimension"]["geo"]["category"]
order = sorted(geo["index"], key=lambda k: geo["index"][k])
nt = len(d["dimension"]["time"]["category"]["index"])
vals = d["value"]
de = vals[geo["index"]["DE"] * nt:(geo["index"]["DE"] + 1) * nt]
extra = 5000000 // nt - len(order)
codes = order + ["X%06d" % i for i in range(extra)]
geo["index"] = {c: i for i, c in enumerate(codes)}
geo["label"] = {c: geo["label"].get(c, c) for c in codes}
d["size"][d["id"].index("geo")] = len(codes)
if kind in ("dense", "long"):
    if kind == "long":
        de = [v + 0.123456 for v in de]
    d["value"] = vals + de * extra
else:
    d["value"] = {str(i): v for i, v in enumerate(vals) if v is not None}
    if kind == "sparse":  # every 50th of the made-up cells
        for i in range(len(vals), len(codes) * nt, 50):
            d["value"][str(i)] = de[i % nt]
    else:  # 10^10 cells declared, nothing more
        d["dimension"]["geo"]["category"]["index"] = {c: i for i, c in enumerate(order)}
        d["dimension"]["geo"]["category"]["label"] = {c: geo["label"][c] for c in order}
        d["size"][d["id"].index("geo")] = len(order)
        d["size"][d["id"].index("citizen")] = 10**10 // (len(order) * nt)
        d["dimension"]["citizen"]["category"]["index"] = {"TOTAL": 0}
s = json.dumps(d, separators=(",", ":"))
open(out, "w").write(s)
n = sum(1 for v in (d["value"].values() if isinstance(d["value"], dict) else d["value"]) if v is not None)
print("%s: %d bytes, %d cells declared, %d filled" % (kind, len(s), len(codes) * nt, n))
PY
}

run() { # run LABEL: one forced cycle, prints peak RSS, its ratio to the body and wall time
  local out body
  body=$(stat -c %s "$TMP/data/asylum_applications_monthly.json")
  /usr/bin/time -o "$TMP/time" -f '%M %e' "$BUILD/migstatd" --once --force --config "$TMP/config" \
    --publish-dir "$TMP/pub" >/dev/null 2>"$TMP/err" || true
  out=$(tail -n 1 "$TMP/time")
  printf '%-40s peak RSS %7d KiB (%5.1fx the body)  %6.2f s\n' "$1" "${out% *}" \
    "$(echo "${out% *} * 1024 / $body" | bc -l)" "${out#* }"
  grep -E 'error' "$TMP/err" | head -n 2 || true
}

run "bundled configuration"
for kind in dense long sparse; do
  make_body $kind
  rm -rf "$TMP/pub"
  run "$kind, first release"
  run "$kind, against its last good data"
done
make_body huge
run "huge declared cube (refused)"
