#!/usr/bin/env bash
# Crash consistency: kill -9 `migstatd --once` at 50 random moments spread while it
# renders and publishes.  MIGSTAT_TEST_PUBLISH_DELAY_US stretches the gaps
# between the publishing steps (file writes, fsyncs, renames, the swap of
# current) so that the kills land in all of them.  After every kill:
# `current` resolves to a complete release whose manifest checksums verify,
# every release under its final name is complete, the edition link resolves
# to a complete release, and at most the one staging directory of the killed
# run is left (each start removes its predecessors'); a last clean run
# leaves none.
source "$(dirname "$0")/lib.sh"
# Four charts of different kinds: dozens of files per release to be killed between.
make_config asylum-applications-monthly decisions-by-outcome eu-applications-per-100k top-citizenships-month
PUB=$TMP/pub
KILLS=${MIGSTAT_CRASH_KILLS:-50}
run() { "$BIN/migstatd" --once --force --config "$TMP/config" --publish-dir "$PUB" "$@"; }

check "a first release" run >/dev/null 2>&1
# Retention keeps the number of releases to check after each kill small.
printf '[Publish]\nKeepReleases=3\n' > "$TMP/config/migstat.conf.d/60-keep.conf"
span_ms=0 # the longer of two runs: the machine is shared, times vary
for _ in 1 2; do
  t0=$(date +%s%N); MIGSTAT_TEST_PUBLISH_DELAY_US=8000 run >/dev/null 2>&1; t1=$(date +%s%N)
  [ $(( (t1 - t0) / 1000000 )) -gt "$span_ms" ] && span_ms=$(( (t1 - t0) / 1000000 ))
done
echo "# one delayed run takes ${span_ms} ms; killing at random moments within it"

bad=0 staged=0 committed=0 finished=0
declare -A verified
for i in $(seq 1 "$KILLS"); do
  before=$(readlink "$PUB/current")
  # migstatd itself in the background, not a subshell: $! must be its pid.
  MIGSTAT_TEST_PUBLISH_DELAY_US=8000 "$BIN/migstatd" --once --force --config "$TMP/config" --publish-dir "$PUB" \
    >/dev/null 2>&1 &
  pid=$!
  # Stratified: kill i lands at a random moment of slot i of 1.3 x the run's
  # span, so every phase is hit (the last slots after the swap of current).
  sleep "$(awk -v r=$RANDOM -v s="$span_ms" -v i="$i" -v n="$KILLS" \
    'BEGIN { printf "%.3f", (i - 1 + r / 32768) / n * 1.3 * s / 1000 }')"
  kill -9 "$pid" 2>/dev/null || finished=$((finished + 1))
  wait "$pid" 2>/dev/null || true
  [ -n "$(find "$PUB/releases" -maxdepth 1 -name '.staging-*')" ] && staged=$((staged + 1))
  [ "$(readlink "$PUB/current")" != "$before" ] && committed=$((committed + 1))
  # A release under its final name is immutable: verify each once; the
  # links must resolve to one of them.
  for r in "$PUB"/releases/[0-9]*; do
    name=$(basename "$r")
    [ -n "${verified[$name]:-}" ] && continue
    if out=$(manifest_sums_ok "$r" 2>&1); then verified[$name]=1
    else bad=$((bad + 1)); echo "kill $i: $r incomplete: $out"; fi
  done
  for link in current editions/2019-04; do
    [ -e "$PUB/$link" ] || [ "$link" != current ] || { bad=$((bad + 1)); echo "kill $i: current is gone"; }
    [ -e "$PUB/$link" ] || continue
    t=$(basename "$(readlink "$PUB/$link")")
    [ -n "${verified[$t]:-}" ] || { bad=$((bad + 1)); echo "kill $i: $link -> $t, not a complete release"; }
  done
  n=$(find "$PUB/releases" -maxdepth 1 -name '.staging-*' | wc -l)
  [ "$n" -le 1 ] || { bad=$((bad + 1)); echo "kill $i: $n staging directories left"; }
done
echo "# $KILLS kills: $staged left a staging directory, $committed came after the swap of current ($finished after the run had ended)"
check "after $KILLS kills every release, current and edition verify" test "$bad" -eq 0
check "some kills hit the staging phase ($staged)" test "$staged" -gt 0
check "some kills came after the swap ($committed)" test "$committed" -gt 0
check "a clean run after the crashes" run >/dev/null 2>&1
check "the restart removed every staging directory and temporary link" \
  test -z "$(find "$PUB" -name '.staging-*' -o -name '.current-*' -o -name '.edition-*')"
check "current verifies" manifest_verifies_all "$PUB/current/"
finish
