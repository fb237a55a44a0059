#!/usr/bin/env bash
# The whole default chart set, country profiles included: `migstatd --once
# --force` on the bundled data, RUNS times, wall and CPU time and peak RSS
# per run.  Publishing fsyncs every file, so the publish directory's disk
# counts; PUBDIR=/dev/shm/... shows the time without the disk.
# Usage: bench/chart_set.sh [BUILD_DIR] (run from the source tree).
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
bench_config '[Paths]' "DataDirectory=$SRC/data" "StateDirectory=$TMP/state" '[Fetch]' Offline=yes \
  '[Publish]' "RenderThreads=${THREADS:-0}"
PUB=${PUBDIR:-$TMP/pub}
"$BUILD/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" >/dev/null 2>&1 # fonts cache, first release
charts=$(jq '[.charts[].id] | unique | length' "$PUB/current/index.json")
echo "charts: $charts (x 2 languages: SVG, dark SVG, PNG 1x and 2x, the same for phones, PDF, share PNG, CSVs, snippets and page each)"
for i in $(seq "$RUNS"); do
  /usr/bin/time -f "run $i: %e s wall, %U s user, %S s sys, %M KB max RSS" \
    "$BUILD/migstatd" --once --force --config "$TMP/config" --publish-dir "$PUB" 2>&1 >/dev/null | grep '^run'
done
