#!/usr/bin/env bash
# Peak memory (max RSS) of one `migstatd --once` cycle with the largest
# JSON-stat body the limits allow:  bench/peak_rss.sh [BUILD_DIR]
#   - the bundled configuration as is (every source, 18 KB to 1 MB each);
#   - eurostat-asylum-monthly replaced by a body just under its max_bytes:
#     16 MiB (the bundled sources' limit) and 64 MiB (the default when a
#     source sets none).
# The big bodies repeat the real DE series (88 months) under made-up geo
# codes X000001...: filler that parses like the real file, not figures;
# the charts still select geo=DE.  Measured with GNU time (%M, KiB).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
TMP=$(mktemp -d /tmp/migstat-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
cp -r config "$TMP/config"
mkdir -p "$TMP/config/migstat.conf.d" "$TMP/data"
cp data/* "$TMP/data/"
printf '[Paths]\nDataDirectory=%s\n[Fetch]\nOffline=yes\n[Publish]\nRenderThreads=%s\n' "$TMP/data" "${THREADS:-0}" > "$TMP/config/migstat.conf.d/50-bench.conf"

# make_body BYTES: the monthly JSON-stat grown with geo codes to just under BYTES.
make_body() {
  python3 - data/asylum_applications_monthly.json "$1" "$TMP/data/asylum_applications_monthly.json" ${2:+over} <<'PY'
import json, sys
src, limit, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
over = len(sys.argv) > 4  # just over the limit: pad the end
d = json.load(open(src))
geo = d["dimension"]["geo"]["category"]
order = sorted(geo["index"], key=lambda k: geo["index"][k])
nt = len(d["dimension"]["time"]["category"]["index"])
vals = d["value"]
de = vals[geo["index"]["DE"] * nt:(geo["index"]["DE"] + 1) * nt]
base = len(json.dumps(d, separators=(",", ":")))
def build(extra):
    codes = order + ["X%06d" % i for i in range(extra)]
    geo["index"] = {c: i for i, c in enumerate(codes)}
    geo["label"] = {c: geo["label"].get(c, c) for c in codes}
    d["size"][d["id"].index("geo")] = len(codes)
    d["value"] = vals + de * extra
    return codes, json.dumps(d, separators=(",", ":"))
extra = (limit - base) // (len(json.dumps(de, separators=(",", ":"))) + 40)
codes, s = build(extra)
while len(s) > limit:  # shrink to fit, by what one more geo costs
    per = max(1, (len(s) - base) // max(1, extra))
    extra -= (len(s) - limit) // per + 1
    codes, s = build(extra)
open(out, "w").write(s)
print("%d bytes, %d geo codes, %d cells" % (len(s), len(codes), len(d["value"])))
PY
}

run() { # run LABEL: one forced cycle, prints peak RSS and wall time
  local out
  /usr/bin/time -o "$TMP/time" -f '%M %e' "$BUILD/migstatd" --once --force --config "$TMP/config" \
    --publish-dir "$TMP/pub" >/dev/null 2>"$TMP/err" || true
  out=$(tail -n 1 "$TMP/time")
  printf '%-44s peak RSS %7d KiB  %6.2f s\n' "$1" "${out% *}" "${out#* }"
  grep -E 'error' "$TMP/err" | head -n 3 || true
}

run "bundled configuration"
make_body $((16 * 1048576 - 1))
run "monthly source body 16 MiB (bundled limit)"
jq 'del(.max_bytes)' config/sources.d/eurostat-asylum-monthly.json > "$TMP/config/sources.d/eurostat-asylum-monthly.json"
make_body $((64 * 1048576 - 1))
run "monthly source body 64 MiB (default limit)"
F=$TMP/data/asylum_applications_monthly.json
python3 -c "import os; open('$F', 'a').write(' ' * (64 * 1048576 + 8192 - os.path.getsize('$F')))" # 64 MiB + 8 KiB
run "64 MiB + 8 KiB (over the limit: refused)"
