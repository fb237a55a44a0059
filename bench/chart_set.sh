#!/usr/bin/env bash
# The whole default chart set, country profiles included: `migstatd --once
# --force` on the bundled data, RUNS times, wall and CPU time and peak RSS
# per run.  Publishing fsyncs every file, so the publish directory's disk
# counts; PUBDIR=/dev/shm/... shows the time without the disk.
# Usage: bench/chart_set.sh [BUILD_DIR] (run from the source tree).
set -euo pipefail
BUILD=${1:-build}
RUNS=${RUNS:-5}
SRC=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d /tmp/migstat-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
cp -r "$SRC/config" "$TMP/config"
mkdir -p "$TMP/config/migstat.conf.d"
printf '[Paths]\nDataDirectory=%s\nStateDirectory=%s\n[Publish]\nRenderThreads=%s\n' "$SRC/data" "$TMP/state" "${THREADS:-0}" \
  > "$TMP/config/migstat.conf.d/50-bench.conf"
PUB=${PUBDIR:-$TMP/pub}
"$BUILD/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" >/dev/null 2>&1 # fonts cache, first release
charts=$(jq '[.charts[].id] | unique | length' "$PUB/current/index.json")
echo "charts: $charts (x 2 languages: SVG, dark SVG, PNG 1x and 2x, the same for phones, PDF, share PNG, CSVs, snippets and page each)"
for i in $(seq "$RUNS"); do
  /usr/bin/time -f "run $i: %e s wall, %U s user, %S s sys, %M KB max RSS" \
    "$BUILD/migstatd" --once --force --config "$TMP/config" --publish-dir "$PUB" 2>&1 >/dev/null | grep '^run'
done
