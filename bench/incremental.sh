#!/usr/bin/env bash
# Only what changed is drawn (issue 15): CPU time of `migstatd --once` on the
# whole default set when
#   - nothing changed, polled as the daemon's timer and `migstatctl fetch`
#     poll (--if-changed: every source's bytes compared with those the
#     current release was made from; nothing parsed, drawn or written);
#   - nothing changed, as `regenerate` runs (every source parsed, every
#     chart carried over from current by hard link after its files are
#     checked against the manifest);
#   - one source changed (the deportations table gains its newest year: the
#     first release is made from the table without its last row), so only
#     the charts that read it are drawn;
#   - for comparison, every chart drawn anew (--force).
# CPU = user + sys of the whole process (start-up, configuration and fonts
# included), median of RUNS.  Usage: bench/incremental.sh [BUILD_DIR].
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
bench_config '[Paths]' "DataDirectory=$TMP/data" "StateDirectory=$TMP/state" "PublishDirectory=$TMP/pub" '[Fetch]' Offline=yes
bench_data
DEP=$TMP/data/deportations_yearly_de.csv
cp "$DEP" "$TMP/dep.full"
head -n -1 "$TMP/dep.full" > "$TMP/dep.short"
cp "$TMP/dep.short" "$DEP"
once() { "$BUILD/migstatd" --once --config "$TMP/config" "$@" 2>&1 >/dev/null; }
once >/dev/null || true # fonts cache, first release
cpu_ms() { # cpu_ms ARGS...: CPU ms of one run; its log in $TMP/last.log
  /usr/bin/time -f 'CPU %U %S' "$BUILD/migstatd" --once --config "$TMP/config" "$@" >/dev/null 2>"$TMP/last.log" || true
  awk '/^CPU/ { printf "%d\n", ($2 + $3) * 1000 }' "$TMP/last.log"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
drawn() { grep -Eo 'charts: [0-9]+ to draw, [0-9]+ carried over unchanged' "$TMP/last.log" || echo "no chart planned (nothing parsed)"; }
report() { # report LABEL PREPARE ARGS...
  local label=$1 prep=$2; shift 2
  local v=()
  for _ in $(seq "$RUNS"); do $prep; v+=("$(cpu_ms "$@")"); done
  printf '%-52s %5s ms CPU (median of %s: %s)  %s\n' "$label" "$(printf '%s\n' "${v[@]}" | median)" "$RUNS" \
    "${v[*]}" "$(drawn)"
}
nothing() { :; }
toggle() { if cmp -s "$DEP" "$TMP/dep.full"; then cp "$TMP/dep.short" "$DEP"; else cp "$TMP/dep.full" "$DEP"; fi; }
echo "charts: $(jq '[.charts[].id] | unique | length' "$TMP/pub/current/index.json") ($(date -u +%F), $(nproc) CPUs)"
report "nothing changed, a poll (--if-changed)" nothing --if-changed
report "nothing changed, regenerate (all carried over)" nothing
report "one source changed (deportations table)" toggle
report "every chart drawn anew (--force)" nothing --force

# The daemon's own cost of a poll in which nothing changed (`migstatctl fetch`
# polls as its timer does): its CPU ticks over POLLS polls, configuration and
# fonts loaded once as in service.
POLLS=${POLLS:-20}
SOCK=$TMP/ctl.sock
printf '[Control]\nSocket=%s\n' "$SOCK" > "$TMP/config/migstat.conf.d/60-bench-daemon.conf"
"$BUILD/migstatd" --config "$TMP/config" 2>"$TMP/daemon.log" &
DPID=$!
CTL=("$BUILD/migstatctl" --socket "$SOCK")
for _ in $(seq 200); do "${CTL[@]}" status >/dev/null 2>&1 && break; sleep 0.05; done
"${CTL[@]}" fetch --wait >/dev/null 2>&1 || true # the first run of this process
ticks() { awk '{ print $14 + $15 }' "/proc/$DPID/stat"; }
t0=$(ticks)
for _ in $(seq "$POLLS"); do "${CTL[@]}" fetch --wait >/dev/null 2>&1 || true; done
t1=$(ticks)
kill "$DPID"; wait "$DPID" 2>/dev/null || true
hz=$(getconf CLK_TCK)
printf '%-52s %5s ms CPU (daemon, %s polls, %s ticks of 1/%s s)  %s\n' "nothing changed, a poll of the running daemon" \
  "$(( (t1 - t0) * 1000 / hz / POLLS ))" "$POLLS" "$((t1 - t0))" "$hz" \
  "$(grep -c 'no source changed since' "$TMP/daemon.log") of $((POLLS + 1)) polls: no source changed"
