#!/usr/bin/env bash
# Peak memory (max RSS) of one `migstatd --once` cycle with the largest
# JSON-stat body the limits allow:  bench/peak_rss.sh [BUILD_DIR]
#   - the bundled configuration as is (every source, 18 KB to 1 MB each);
#   - eurostat-asylum-monthly replaced by a body just under its max_bytes:
#     16 MiB (the bundled sources' limit) and 64 MiB (the default when a
#     source sets none).  The 64 MiB body declares 10.7 M cells: the
#     default 5 M-cell limit refuses it, so its row shows the cost of that
#     refusal, not of a parse (bench/peak_rss_cells.sh measures the largest
#     cube allowed).
# The big bodies repeat the real DE series (88 months) under made-up geo
# codes X000001... (bench/grow_body.py): filler that parses like the real
# file, not figures; the charts still select geo=DE.  Measured with GNU time
# (%M, KiB).
source "$(dirname "$0")/lib.sh"
cd "$SRC"
bench_config '[Paths]' "DataDirectory=$TMP/data" "StateDirectory=$TMP/state" '[Fetch]' Offline=yes '[Publish]' "RenderThreads=${THREADS:-0}"
bench_data

run() { # run LABEL: one forced cycle, prints peak RSS and wall time
  local out
  out=$(peak_rss_of_once)
  printf '%-52s peak RSS %7d KiB  %6.2f s\n' "$1" "${out% *}" "${out#* }"
  grep -E 'error' "$TMP/err" | head -n 3 || true
}

run "bundled configuration"
grow_body bytes $((16 * 1048576 - 1))
run "monthly source body 16 MiB (bundled limit)"
jq 'del(.max_bytes)' config/sources.d/eurostat-asylum-monthly.json > "$TMP/config/sources.d/eurostat-asylum-monthly.json"
grow_body bytes $((64 * 1048576 - 1))
run "monthly source body 64 MiB (refused: over 5 M cells)"
F=$TMP/data/asylum_applications_monthly.json
python3 -c "import os; open('$F', 'a').write(' ' * (64 * 1048576 + 8192 - os.path.getsize('$F')))" # 64 MiB + 8 KiB
run "64 MiB + 8 KiB (over the limit: refused)"
