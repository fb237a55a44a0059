#!/usr/bin/env bash
# The service's own costs (issue 7), with the bundled configuration and data,
# migstatd started by hand (run from the source tree after a build):
#
#   bench/control.sh [BUILD_DIR]        N=2000 requests, IDLE_SEC=30, NICE=0
#
#   1. `status` latency (connect, request, response line) while releases
#      render back to back (regenerate --force kept queued): p50/p99/max of
#      the requests the daemon answered with state "rendering".  Target p99 < 5 ms.
#   2. RSS of the idle daemon after its first release and after the renders
#      of step 1 (VmRSS, split anonymous/file, VmHWM).  Target < 10 MiB.
#   3. Wake-ups while idle: context switches of all threads over IDLE_SEC,
#      then the system calls strace sees over IDLE_SEC.  Target 0.
source "$(dirname "$0")/lib.sh"
cd "$SRC"
N=${N:-2000}
IDLE_SEC=${IDLE_SEC:-30}
SOCK=$TMP/ctl.sock
CTL=("$BUILD/migstatctl" --socket "$SOCK")
DPID= LOAD=
trap '[ -n "$LOAD" ] && kill "$LOAD" 2>/dev/null; [ -n "$DPID" ] && kill "$DPID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"' EXIT

bench_config '[Paths]' "DataDirectory=$SRC/data" "StateDirectory=$TMP/state" "PublishDirectory=$TMP/pub" '[Fetch]' Offline=yes \
  '[Control]' "Socket=$SOCK" Group=root
# NICE=-10 runs the daemon and the client ahead of the other work on a shared
# machine: the daemon's own latency rather than the machine's queue.
NICE=${NICE:-0}
XDG_CACHE_HOME=$TMP/cache nice -n "$NICE" "$BUILD/migstatd" --config "$TMP/config" 2> "$TMP/daemon.log" &
DPID=$!

state() { "${CTL[@]}" --json status 2> /dev/null | jq -r '"\(.state) \(.queued) \(.runs)"'; }
wait_idle() {
  for _ in $(seq 600); do
    # Idle before its first cycle (runs 0) is not idle after a release.
    case $(state) in "idle false 0") ;; "idle false "*) return 0 ;; esac
    sleep 0.1
  done
  echo "the daemon did not become idle" >&2
  return 1
}
rss() { # rss LABEL
  awk -v l="$1" '/^(VmRSS|RssAnon|RssFile|RssShmem|VmHWM|Threads):/ { v[$1] = $2 }
    END { printf "%-34s VmRSS %6.1f MiB (anon %.1f, file %.1f, shmem %.1f)  VmHWM %.1f MiB  threads %d\n",
      l, v["VmRSS:"]/1024, v["RssAnon:"]/1024, v["RssFile:"]/1024, v["RssShmem:"]/1024, v["VmHWM:"]/1024, v["Threads:"] }' \
    "/proc/$DPID/status"
  awk '/^(Pss|Private_Clean|Private_Dirty):/ { v[$1] = $2 }
    END { printf "%-34s Pss %.1f MiB, private %.1f MiB (the rest of VmRSS: shared library pages)\n",
      "", v["Pss:"]/1024, (v["Private_Clean:"] + v["Private_Dirty:"])/1024 }' "/proc/$DPID/smaps_rollup"
}
percentiles() { # percentiles STATE: of the requests in $TMP/lat answered in STATE
  awk -v s="$1" '$2 == s { print $1 }' "$TMP/lat" | sort -n |
    awk -v s="$1" '{ v[NR] = $1 } END {
      if (NR == 0) { print "  " s ": no samples"; exit }
      p50 = v[int(NR * 0.50 + 0.5)]; p99 = v[int(NR * 0.99 + 0.5)]
      printf "  %-9s %5d requests  p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", s, NR, p50/1000, p99/1000, v[NR]/1000 }'
}
ctxt() { # voluntary + involuntary switches of every thread
  cat /proc/"$DPID"/task/*/status | awk '/ctxt_switches/ { n += $2 } END { print n }'
}

wait_idle
echo "== migstatd $("$BUILD/migstatd" --version | cut -d' ' -f2), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), nice $NICE"
rss "idle after the first release:"

echo "== status latency, $((N / 4)) requests to the idle daemon (the machine's own noise)"
nice -n "$NICE" python3 bench/status_latency.py "$SOCK" "$((N / 4))" > "$TMP/lat"
percentiles idle
echo "== status latency, $N requests while releases render (regenerate --force kept queued)"
( while :; do "${CTL[@]}" regenerate --force > /dev/null; sleep 0.3; done ) &
LOAD=$!
nice -n "$NICE" python3 bench/status_latency.py "$SOCK" "$N" > "$TMP/lat"
kill "$LOAD"; wait "$LOAD" 2> /dev/null || true
LOAD=
runs=$(state | cut -d' ' -f3)
percentiles rendering
echo "  ($runs cycles run so far)"
wait_idle
rss "idle after $runs releases:"

echo "== wake-ups while idle (${IDLE_SEC} s; no WatchdogSec, so no watchdog pings)"
sleep 1
c0=$(ctxt)
sleep "$IDLE_SEC"
c1=$(ctxt)
echo "  context switches, all threads: $((c1 - c0))"
if command -v strace > /dev/null; then
  timeout -s INT "$IDLE_SEC" strace -f -c -p "$DPID" -o "$TMP/strace" || true
  # "% time seconds usecs/call calls [errors] syscall": calls is the 4th column.
  calls=$(awk '$NF == "total" { print $4 }' "$TMP/strace")
  echo "  system calls seen by strace -f -c: ${calls:-0} (attaching interrupts epoll_wait once)"
  grep -vE '^(% time|-----|.*total$)' "$TMP/strace" | sed 's/^/    /' || true
fi
