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
# series (88 months) under made-up geo codes X000001... (bench/grow_body.py):
# filler that parses like the real file, not figures; the charts still
# select geo=DE.
source "$(dirname "$0")/lib.sh"
cd "$SRC"
bench_config '[Paths]' "DataDirectory=$TMP/data" "StateDirectory=$TMP/state" '[Fetch]' Offline=yes '[Publish]' "RenderThreads=${THREADS:-0}"
bench_data
jq 'del(.max_bytes)' config/sources.d/eurostat-asylum-monthly.json > "$TMP/config/sources.d/eurostat-asylum-monthly.json"

run() { # run LABEL: one forced cycle, prints peak RSS, its ratio to the body and wall time
  local out body
  body=$(stat -c %s "$TMP/data/asylum_applications_monthly.json")
  out=$(peak_rss_of_once)
  printf '%-40s peak RSS %7d KiB (%5.1fx the body)  %6.2f s\n' "$1" "${out% *}" \
    "$(echo "${out% *} * 1024 / $body" | bc -l)" "${out#* }"
  grep -E 'error' "$TMP/err" | head -n 2 || true
}

run "bundled configuration"
for kind in dense long sparse; do
  grow_body cells $kind
  rm -rf "$TMP/pub"
  run "$kind, first release"
  run "$kind, against its last good data"
done
grow_body cells huge
run "huge declared cube (refused)"
