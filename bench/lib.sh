# shellcheck shell=bash
# Shared set-up of the benchmark scripts (sourced): $1 = the build directory
# (default build), $SRC = the source tree, $TMP = scratch, removed on exit.
set -euo pipefail
BUILD=${1:-build}
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TMP=$(mktemp -d /tmp/migstat-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

# A copy of the bundled configuration in $TMP/config with a drop-in
# 50-bench.conf of the given lines: each benchmark sets its own paths.
# Every benchmark is offline (with network it would measure the live APIs'
# answers) and keeps its state in $TMP/state (never /var/lib/migstat):
# 40-bench-base.conf sets both, and 50-bench.conf, read after it, may
# override them.
bench_config() { # bench_config LINE...
  cp -r "$SRC/config" "$TMP/config"
  mkdir -p "$TMP/config/migstat.conf.d"
  printf '%s\n' '[Paths]' "StateDirectory=$TMP/state" '[Fetch]' Offline=yes \
    > "$TMP/config/migstat.conf.d/40-bench-base.conf"
  printf '%s\n' "$@" > "$TMP/config/migstat.conf.d/50-bench.conf"
}

# A copy of the bundled data in $TMP/data, for a benchmark that changes it.
bench_data() { mkdir -p "$TMP/data"; cp -r "$SRC/data/." "$TMP/data/"; }

# One forced cycle into $TMP/pub under GNU time: prints its peak RSS (KiB)
# and wall time (s); the cycle's stderr is in $TMP/err.
peak_rss_of_once() {
  /usr/bin/time -o "$TMP/time" -f '%M %e' "$BUILD/migstatd" --once --force --config "$TMP/config" \
    --publish-dir "$TMP/pub" >/dev/null 2>"$TMP/err" || true
  tail -n 1 "$TMP/time"
}

# $TMP/data/asylum_applications_monthly.json grown by bench/grow_body.py
# (made-up geo codes repeating the real DE series): filler, not figures.
grow_body() { # grow_body MODE ARG
  python3 "$SRC/bench/grow_body.py" "$SRC/data/asylum_applications_monthly.json" \
    "$TMP/data/asylum_applications_monthly.json" "$@"
}
