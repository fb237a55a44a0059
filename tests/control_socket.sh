#!/usr/bin/env bash
# The control socket of a migstatd started by hand, and socket activation by
# systemd-socket-activate: every protocol word through migstatctl and socat,
# exit codes, abuse (overlong, NUL, idle and excess clients), peer
# credentials, coalescing, reload with a bad configuration, a stale socket,
# SIGTERM during a render.
source "$(dirname "$0")/lib.sh"
command -v socat >/dev/null || { echo "SKIP: socat missing (scripts/setup.sh installs it)"; exit 77; }
# The daemon's mechanics, not the chart set (e2e_chart_set): one plain and
# one for_each spec keep each run short, also under ASan.
make_config asylum-applications-monthly country-profile
PUB=$TMP/pub
SOCK=$TMP/ctl.sock
CTL=("$BIN/migstatctl" --socket "$SOCK")
printf '[Paths]\nPublishDirectory=%s\n[Control]\nSocket=%s\nGroup=nogroup\n' "$PUB" "$SOCK" \
  > "$TMP/config/migstat.conf.d/60-control.conf"
PIDS=()
cleanup_pids() { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup_pids EXIT

start_daemon() { # start_daemon LOG
  "$BIN/migstatd" --config "$TMP/config" >"$1" 2>&1 &
  DPID=$!
  PIDS+=("$DPID")
  # Wait for an answer, not for the file: a stale one may still be there.
  for _ in $(seq 100); do "${CTL[@]}" status >/dev/null 2>&1 && return 0; sleep 0.05; done
  return 1
}
raw() { printf '%b' "$1" | timeout 10 socat -t 5 - "UNIX-CONNECT:$SOCK"; }
json() { "${CTL[@]}" --json "$@"; }
wait_idle() { # two full runs of the set take ~10 s here, several times that under ASan
  for _ in $(seq 2400); do
    [ "$(json status | jq -r '"\(.state) \(.queued)"')" = "idle false" ] && return 0
    sleep 0.05
  done
  return 1
}
rc() { local r=0; "$@" >/dev/null 2>&1 || r=$?; echo "$r"; }

check "daemon starts and binds $SOCK" start_daemon "$TMP/d1.log"
check "socket mode is 0660" test "$(stat -c %a "$SOCK")" = 660
check "migstatctl status exits 0" "${CTL[@]}" status
check "status is human-readable" grep -q '^State:' <("${CTL[@]}" status)
check "status --json is one JSON object with ok=true" test "$(json status | jq -c .ok)" = true
check "version says $(json version | jq -r .version)" grep -q '^migstatd 0\.' <("${CTL[@]}" version)
check "list names the source" grep -q eurostat-asylum-monthly <("${CTL[@]}" list)
NSPECS=$(find "$TMP/config/charts.d" -name '*.json' | wc -l)
check "list --json has the $NSPECS chart specs" test "$(json list | jq '.charts | length')" = "$NSPECS"
check "validate exits 0" "${CTL[@]}" validate
check "first cycle publishes" wait_idle
check "status reports the published release" test "$(json status | jq -r .last.result)" = published
check "socat speaks the protocol" test "$(raw 'version\n' | jq -r .version)" = "$(json version | jq -r .version)"
check "socat: request without a newline is answered" test "$(raw 'status' | jq -r .ok)" = true

# Exit codes.
check "unknown command: exit 2" test "$(rc "${CTL[@]}" frobnicate)" = 2
check "bad argument: exit 2" test "$(rc "${CTL[@]}" status now)" = 2
check "unknown chart: exit 1" test "$(rc "${CTL[@]}" regenerate no-such-chart)" = 1
check "a for_each chart id is known (regenerate country-profile-syr)" test "$(rc "${CTL[@]}" regenerate country-profile-syr)" = 0
check "that run ends" wait_idle
check "unknown source: exit 1" test "$(rc "${CTL[@]}" fetch no-such-source)" = 1
check "no daemon: exit 3" test "$(rc "$BIN/migstatctl" --socket "$TMP/nothing.sock" status)" = 3
check "inspect still works" bash -c "$(printf "%q " "$BIN/migstatctl") inspect $SRC/data/asylum_applications_monthly.json >/dev/null"

# Abuse.
long=$(head -c 2000 /dev/zero | tr '\0' a)
check "overlong line refused" grep -q 'longer than 1024' <(raw "fetch $long\n")
check "NUL byte refused" grep -q 'got 0x00' <(raw 'sta\0tus\n')
check "escape sequence refused" grep -q 'got 0x1b' <(raw 'status\x1b[2J\n')
check "path as id refused" grep -q 'expected an id' <(raw 'fetch ../../etc/passwd\n')
start=$(date +%s%N)
out=$(timeout 12 socat -u "UNIX-CONNECT:$SOCK" - || true) # sends nothing
ms=$((($(date +%s%N) - start) / 1000000))
check "an idle client is dropped after its timeout (${ms} ms)" test "$ms" -ge 4500 -a "$ms" -lt 8500 -a -z "$out"
for i in $(seq 16); do (sleep 7 | socat -t 7 - "UNIX-CONNECT:$SOCK" >/dev/null 2>&1 &); done
sleep 0.5
# Sixteen idle clients hold every slot: the 17th, which sends its request at
# once, is served; the oldest idle one makes room (issue 10: idle clients
# must not lock out status).
check "the 17th client is served while 16 idle ones hold the slots" "${CTL[@]}" status
check "the loop still answers after the idle clients go" bash -c "sleep 6; $(printf '%q ' "${CTL[@]}") status >/dev/null"

# Peer credentials: root and the daemon's user; the Group= members; nobody else.
chmod 0666 "$SOCK"
chmod 0711 "$TMP" # let the other users reach the socket: the daemon must refuse them itself
check "a member of Group=nogroup is served" \
  setpriv --reuid=nobody --regid=nogroup --clear-groups "${CTL[@]}" status
check "another user is refused by SO_PEERCRED (exit 1)" \
  test "$(rc setpriv --reuid=nobody --regid=daemon --clear-groups "${CTL[@]}" status)" = 1
check "another user gets 'permission denied'" grep -q 'permission denied' \
  <(setpriv --reuid=nobody --regid=daemon --clear-groups "${CTL[@]}" status 2>&1)
check "supplementary group membership counts" \
  setpriv --reuid=nobody --regid=daemon --groups=nogroup "${CTL[@]}" status

# Coalescing: many regenerate requests during a run make one more run.  Ten
# at once: whatever the timing, every answer is started, queued or
# coalesced, and the daemon runs exactly once per started or queued.
runs0=$(json status | jq .runs)
regen=()
for i in $(seq 10); do json regenerate | jq -r .run > "$TMP/regen.$i" & regen+=("$!"); done
wait "${regen[@]}" # not a bare wait: the daemon is our child too
answers=$(cat "$TMP"/regen.* | sort | uniq -c | tr -s ' ' | tr '\n' ',')
runs_due=$(cat "$TMP"/regen.* | grep -cE '^(started|queued)$')
check "ten regenerates at once: started, queued, coalesced ($answers)" \
  test "$(cat "$TMP"/regen.* | grep -cvE '^(started|queued|coalesced)$')" = 0 -a "$runs_due" -lt 10
check "they ran" wait_idle
check "runs went from $runs0 to $((runs0 + runs_due)): one per started or queued" \
  test "$(json status | jq .runs)" = $((runs0 + runs_due))
check "the second run found nothing new" test "$(json status | jq -r .last.result)" = unchanged

# Reload: a bad configuration is rejected with its place, the old one kept.
printf '[Paths]\nNoSuchKey=1\n' > "$TMP/config/migstat.conf.d/70-bad.conf"
check "reload of a bad configuration: exit 1" test "$(rc "${CTL[@]}" reload)" = 1
check "the reason names file and line" grep -q '70-bad.conf:2:1: unknown key Paths.NoSuchKey' \
  <("${CTL[@]}" reload 2>&1)
kill -HUP "$DPID"
sleep 0.3
check "SIGHUP with a bad configuration is logged and survived" grep -q 'reload rejected' "$TMP/d1.log"
check "the daemon still serves the old configuration" test "$(json status | jq .charts)" = "$NSPECS"
rm "$TMP/config/migstat.conf.d/70-bad.conf"
check "reload of the good one: exit 0" "${CTL[@]}" reload

# SIGTERM during a render waits for it; `current` stays complete.
json regenerate --force >/dev/null
kill -TERM "$DPID"
rcode=0; wait "$DPID" || rcode=$?
check "SIGTERM during a render: clean exit ($rcode)" test "$rcode" = 0
check "current is complete after the stop" manifest_verifies "$PUB/current"
check "no staging directory is left" test -z "$(find "$PUB" -name '.staging-*')"
check "the bound socket is removed at exit" test ! -e "$SOCK"

# A stale socket file (a crash) is replaced; a live one is refused.
start_daemon "$TMP/d2.log"
kill -9 "$DPID"; wait "$DPID" 2>/dev/null || true
check "kill -9 leaves the socket file" test -S "$SOCK"
check "a new daemon replaces the stale socket" start_daemon "$TMP/d3.log"
check "it answers" "${CTL[@]}" status
check "and said so" grep -q 'removing stale socket' "$TMP/d3.log"
check "a second daemon on a live socket exits 1" \
  test "$(rc timeout 10 "$BIN/migstatd" --config "$TMP/config")" = 1
kill -TERM "$DPID"; wait "$DPID" || true

# Socket activation: systemd-socket-activate passes the socket (lazily,
# at the first connect); READY=1 and STATUS= reach our NOTIFY_SOCKET.
if command -v systemd-socket-activate >/dev/null; then
  ASOCK=$TMP/act.sock
  socat -u UNIX-RECV:"$TMP/notify.sock" OPEN:"$TMP/notify.log",creat,append </dev/null >/dev/null 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 50); do [ -S "$TMP/notify.sock" ] && break; sleep 0.05; done
  systemd-socket-activate -l "$ASOCK" --fdname=control -E NOTIFY_SOCKET="$TMP/notify.sock" \
    "$BIN/migstatd" --config "$TMP/config" >"$TMP/act.log" 2>&1 &
  APID=$!
  PIDS+=("$APID")
  for _ in $(seq 50); do [ -S "$ASOCK" ] && break; sleep 0.05; done
  check "activated: status through the passed socket" "$BIN/migstatctl" --socket "$ASOCK" status
  check "activated: the daemon took systemd's socket" grep -q 'control socket from systemd' "$TMP/act.log"
  for _ in $(seq 50); do grep -q 'READY=1' "$TMP/notify.log" 2>/dev/null && break; sleep 0.05; done
  check "activated: READY=1 sent" grep -q 'READY=1' "$TMP/notify.log"
  check "activated: STATUS= sent" grep -q 'STATUS=' "$TMP/notify.log"
  kill -TERM "$APID"; wait "$APID" || true
  check "activated: STOPPING=1 sent" grep -q 'STOPPING=1' "$TMP/notify.log"
else
  echo "SKIP: systemd-socket-activate missing"
fi
finish
