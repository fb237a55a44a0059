#!/usr/bin/env bash
# `status` latency of a running migstatd, idle and under control-socket abuse
# (1,000 idle connections reopened as they are dropped, a 1 MiB line, one
# byte a second, wrong credentials; tests/control_abuse.py):
#   bench/control_abuse.sh [BUILD_DIR] [SECONDS]
source "$(dirname "$0")/lib.sh"
cd "$SRC"
SECS=${2:-20}
bench_config '[Paths]' "DataDirectory=$SRC/data" "PublishDirectory=$TMP/pub" '[Fetch]' Offline=yes '[Control]' "Socket=$TMP/ctl.sock"
"$BUILD/migstatd" --config "$TMP/config" >"$TMP/d.log" 2>&1 &
DPID=$!
trap 'kill $DPID 2>/dev/null || true; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do "$BUILD/migstatctl" --socket "$TMP/ctl.sock" status >/dev/null 2>&1 && break; sleep 0.05; done
chmod 0711 "$TMP"; chmod 0666 "$TMP/ctl.sock"
ulimit -n 4096
for mode in --no-abuse --abuse; do
  python3 tests/control_abuse.py "$TMP/ctl.sock" "$SECS" $mode | jq -c \
    '{abuse, status_ok, status_failed, status_retries, latency_ms, idle_opened, idle_dropped}' || true
done
echo "daemon CPU (user+sys ticks): $(awk '{print $14 + $15}' /proc/$DPID/stat), RSS $(awk '/VmRSS/ {print $2 " " $3}' /proc/$DPID/status)"
