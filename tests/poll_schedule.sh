#!/usr/bin/env bash
# Each source is polled on its own schedule: the poll timer fires when the
# earliest source is due, and that cycle requests only the sources whose
# interval is up; the others' cached responses stand in (as for a 304).
# Here a monthly source polled every 60 s and a UNHCR source polled daily
# (three pages, no ETag at the real API: a full download each time) share a
# running daemon; after the 60 s poll the fault server has seen the monthly
# source twice and the UNHCR pages once.  Takes about 70 s.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "SKIP: curl missing"; exit 77; }
make_config asylum-applications-monthly
daemon_test_paths
start_fault_server "$FLOG"
set_mode good
fetch_conf poll Offline=no MaxRetries=0
monthly_source_at "http://127.0.0.1:$PORT/data.json" '.poll_interval = 60 | del(.release_window)'
unhcr_test_source '.poll_interval = 86400'

monthly_requests() { grep -c ' -$' "$FLOG"; }   # /data.json has no query
unhcr_requests() { grep -c 'limit=' "$FLOG"; }
runs_done() { # runs_done N SECONDS: the daemon finished N runs and is idle
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    [ "$("${CTL[@]}" --json status | jq -r '"\(.runs >= '"$1"') \(.state)"')" = "true idle" ] && return 0
    sleep 0.1
  done
  return 1
}

check "the daemon answers on its socket" start_daemon "$DLOG"
check "the first poll finishes" runs_done 1 30
check "the first poll asked the monthly source once" test "$(monthly_requests)" = 1
check "... and the three UNHCR pages" test "$(unhcr_requests)" = 3
check "the second poll comes after the monthly source's 60 s" runs_done 2 90
check "the second poll asked the monthly source again" test "$(monthly_requests)" = 2
check "... conditionally (its ETag)" test "$(tail -n 1 "$FLOG" | cut -d' ' -f2)" != -
check "... but not the UNHCR source, due in a day" test "$(unhcr_requests)" = 3
check "the UNHCR source is not failing: its cache stood in" \
  test "$("${CTL[@]}" --json status | jq '[.sources_failing[]? | select(.id == "unhcr-applications")] | length')" = 0
check "its chart is published and not stale" jq -e \
  '[.charts[] | select(.id == "unhcr-test" and .stale == null)] | length == 2' "$PUB/current/index.json"
sed 's/^/    /' "$FLOG"
finish
