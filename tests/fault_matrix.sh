#!/usr/bin/env bash
# The fault matrix (issue 10): one running migstatd (not --once), one fault
# per row, each injected for real: a misbehaving HTTP server on loopback
# (tests/fault_server.py), tampered data files, a full or read-only tmpfs
# under the publish directory, kill -9.  For each row the test triggers a
# cycle with `migstatctl regenerate` and checks, then prints in a table:
#   the error text in the daemon's log (what the journal gets), the number
#   of requests (retries), that the charts keep their files (a failed
#   source's chart marked stale in the manifest; for a publish fault the
#   previous release stays current; for a warning the new release carries
#   it), and that `status` shows the reason.
# Fetch faults run without a cached last good response and without a seed
# (fetch_faults.sh covers the fall-back to the cache, seed.sh the seed), so
# the source fails and says why (issue 15: the other charts go on).
source "$(dirname "$0")/lib.sh"
command -v socat >/dev/null || { echo "SKIP: socat missing"; exit 77; }
# Charts on both faulted sources (Eurostat monthly, BAMF applications).
make_config asylum-applications-monthly top-citizenships-month
daemon_test_paths
mkdir -p "$PUB"
# A tmpfs under the publish directory makes "disk full" and "not writable"
# real faults; where mounting is not permitted those two rows are skipped.
MOUNTED=0
mount -t tmpfs -o size=256m,mode=0755 migstat-matrix "$PUB" 2>/dev/null && MOUNTED=1
trap 'end_processes -KILL; [ "$MOUNTED" = 1 ] && umount "$PUB" 2>/dev/null; rm -rf "$TMP"' EXIT

start_fault_server "$FLOG"
URL=http://127.0.0.1:$PORT/data.json
# A test of fetching: the sources read their URLs, not their seeds.
fetch_conf matrix Offline=no MaxRetries=2 RetryBaseDelayMSec=100 LowSpeedTimeSec=1
# The HTTP source, with the gate's rules: the real data has month-on-month
# ratios up to 7.9 (so the jump rule is 10) and ends in 2019-04 (so data
# older than 240 months is stale).
monthly_source_at "$URL" '.max_bytes = 1048576 | .timeout = 3 | del(.seed) |
  .validate = {dims: ["citizen", "applicant", "unit", "geo", "time"],
               jump: {factor: 10, min: 1000}, max_age_months: 240}'
# BAMF's total is the exact sum of first and subsequent applications (all
# 11853 complete triples in the bundled file).
jq '.validate = {totals: [{dim: "measure", total: "applications_total",
                          parts: ["applications_first", "applications_subsequent"]}]}' \
  "$SRC/config/sources.d/bamf-applications-monthly.json" > "$TMP/config/sources.d/bamf-applications-monthly.json"
seeds_as_files
BAMF=$TMP/data/bamf_applications_monthly_de.csv
cp "$BAMF" "$TMP/bamf.good"

# Tampered copies of the JSON-stat data (the faults, not figures we publish).
J=$SRC/data/asylum_applications_monthly.json
jq -c '.id |= map(if . == "geo" then "country" else . end) |
  .dimension.country = .dimension.geo | del(.dimension.geo)' "$J" > "$TMP/wrong-schema.json"
# DE (geo index 0) in the last month (time index 87 of 88) times 20: against
# the last good data (the current release's data/<source>.json) no revision
# but a wrong number, so the source is held (issue 18).
jq -c '.value[87] *= 20' "$J" > "$TMP/jump.json"
# A small revision (+5 in one month of DE): passes the gate, publishes.
jq -c '.value[80] += 5' "$J" > "$TMP/small.json"
# Every period 25 years earlier: the latest is 1994-04.
jq -c '.dimension.time.category |= (.index |= with_entries(.key |= ((.[0:4] | tonumber - 25 | tostring) + .[4:]))
  | .label |= with_entries(.key |= ((.[0:4] | tonumber - 25 | tostring) + .[4:])))' "$J" > "$TMP/stale.json"

json() { "${CTL[@]}" --json "$@"; }
wait_idle() {
  for _ in $(seq 600); do
    [ "$(json status | jq -r '"\(.state) \(.queued)"')" = "idle false" ] && return 0
    sleep 0.05
  done
  return 1
}
reset() {
  set_mode good
  cp "$TMP/bamf.good" "$BAMF"
  rm -rf "$STATE/cache"
}
current() { readlink "$PUB/current"; }
chart_sums() { (cd "$PUB/current" && find . -maxdepth 1 -type f ! -name 'index.*' -exec sha256sum {} + | sort); }
manifest_has_warning() {
  jq -e --arg re "$1" '[.charts[].validation_warnings[] | select(test($re))] | length > 0' \
    "$PUB/current/index.json" >/dev/null
}

ROWS=()
FMT='%-24s | %-62.62s | %-8s | %-12s | %-34.34s | %s'
row() { ROWS+=("$(printf "$FMT" "$@")"); }
# "source x", "chart x (de)", "publish": whom a message is about.
who() { grep -Eo '^(source [^:]+|chart [^:]+|publish)' <<<"$1" | head -n 1; }

# run_row NAME EXPECT_RE RETRIES OUTCOME INJECT...: reset, inject, regenerate
# (a regenerate publishes only what changed), check and add the table row.
# OUTCOME is "stale" (a source failed: every chart file stays as it was,
# the failed source's chart marked stale, `status` lists the source under
# sources_failing), "failed" (the cycle failed: the previous release stays)
# or "published" (a warning: the new release carries it in
# validation_warnings).
run_row() {
  local name=$1 expect=$2 retries=$3 outcome=$4
  shift 4
  reset
  local before runs off
  before=$(current)
  chart_sums > "$TMP/before.charts"
  runs=$(json status | jq -r .runs)
  off=$(stat -c %s "$DLOG")
  "$@"
  : > "$FLOG"
  "${CTL[@]}" regenerate >/dev/null
  check "$name: the cycle finishes" wait_runs $((runs + 1))
  local st logged hits prev reason
  st=$(json status)
  logged=$(tail -c +$((off + 1)) "$DLOG")
  hits=$(grep -c . "$FLOG" || true)
  if [ "$outcome" = stale ]; then
    reason=$(jq -r '[.sources_failing[] | select(.state == "failed") | .reason][0] // ""' <<<"$st")
    check "$name: status lists a failed source (result $(jq -r .last.result <<<"$st"))" test -n "$reason"
  else
    reason=$(jq -r 'if .last.result == "failed" then .last.error else .last.warning // "" end' <<<"$st")
    check "$name: status says $outcome" test "$(jq -r .last.result <<<"$st")" = "$outcome"
  fi
  check "$name: status shows the reason /$expect/" grep -Eq -- "$expect" <<<"$reason"
  check "$name: the log says /$expect/" grep -Eq -- "$expect" <<<"$logged"
  if [ "$retries" != - ]; then
    check "$name: $retries request(s), made $hits" test "$hits" -eq "$retries"
  else
    hits=-
  fi
  if [ "$outcome" = stale ]; then
    local src
    src=$(grep -Eo '^source [^:]+' <<<"$reason" | cut -d' ' -f2)
    check "$name: every chart file is as it was" cmp -s "$TMP/before.charts" <(chart_sums)
    check "$name: the manifest marks $src's chart stale" \
      jq -e --arg s "$src" '[.charts[] | select(.stale.source == $s)] | length > 0' "$PUB/current/index.json"
    prev="kept, stale"
  elif [ "$outcome" = failed ]; then
    check "$name: the previous release is still current" test "$(current)" = "$before"
    prev="yes"
  else
    check "$name: a new release is current" test "$(current)" != "$before"
    # The manifest says "source <id>: <check>: <message>".
    check "$name: its manifest has the warning" manifest_has_warning "${expect#validation warning: }"
    prev="no (new)"
  fi
  check "$name: current verifies" manifest_sums_ok "$PUB/current"
  local entry
  entry=$(grep -E -- "$expect" <<<"$logged" | head -n 1 | sed 's/^migstat: //')
  row "$name" "$(grep -Eo -- "$expect.*" <<<"$reason" | head -n 1)" "$hits" "$prev" \
    "$([ "$outcome" = stale ] && echo "failing" || jq -r .last.result <<<"$st"): $(who "$reason")" \
    "${entry%%: *}: $(who "${entry#*: }")"
  # A warning row leaves a release made from tampered data: publish the
  # good data again so the next row starts from it.
  if [ "$outcome" = published ]; then
    reset
    "${CTL[@]}" regenerate >/dev/null
    wait_runs $((runs + 2)) || true
  fi
}

check "the daemon starts" start_daemon "$DLOG"
check "the first cycle publishes" wait_runs 1
check "status: published" test "$(json status | jq -r .last.result)" = published
check "the first release verifies" manifest_sums_ok "$PUB/current"

# fault | expected text | requests | outcome | how
run_row "source timeout" 'Operation too slow.*gave up after 3 attempts' 3 stale set_mode delay-headers
run_row "slow body" 'Operation too slow.*gave up after 3 attempts' 3 stale set_mode slow-body
run_row "truncated body" 'transfer closed with [0-9]+ bytes remaining' 3 stale set_mode truncated
run_row "HTTP 404" 'HTTP status 404 \(HTTP status 404 is final' 1 stale set_mode 404
run_row "HTTP 500" 'HTTP status 500 \(gave up after 3 attempts\)' 3 stale set_mode 500
run_row "429 + Retry-After" 'HTTP status 429 \(gave up after 3 attempts\)' 3 stale set_mode 429
run_row "redirect loop" 'too many redirects' 1 stale set_mode redirect-loop
run_row "oversize body" 'expected at most 1048576 bytes' 1 stale set_mode big
run_row "bad gzip" 'bad content encoding' 1 stale set_mode bad-gzip
run_row "invalid JSON" "$URL:2:[0-9]+: .*expected" 1 stale set_mode invalid-json
run_row "wrong schema" 'validation failed, not publishing: dims: .*geo' 1 stale set_mode "file:$TMP/wrong-schema.json"
# First-time applications of the first row's country and month, plus 1000.
tamper_totals() { awk -F, -v OFS=, 'NR > 1 && $4 == "applications_first" && !done { $6 += 1000; done = 1 } 1' \
  "$TMP/bamf.good" > "$BAMF"; }
run_row "totals do not add up" 'validation failed, not publishing: totals: .*' - stale tamper_totals
tamper_negative() { awk -F, -v OFS=, 'NR > 1 && $4 == "pending_first" && !done { $6 = -$6 - 1; done = 1 } 1' \
  "$TMP/bamf.good" > "$BAMF"; }
run_row "negative count" 'bamf_applications_monthly_de.csv:[0-9]+:[0-9]+: column 6 \(value\): expected a count \(>= 0\), got -[0-9]+' - stale tamper_negative
run_row "implausible jump" 'held, not publishing: revision-size: .*geo=DE, time=2019-04: was 13585' 1 stale \
  set_mode "file:$TMP/jump.json"
# Every period 25 years earlier: none of the last good values is there.
run_row "stale data" 'held, not publishing: revision-share: 2980 of the 2980 values' 1 stale \
  set_mode "file:$TMP/stale.json"

if [ "$MOUNTED" = 1 ]; then
  fill_disk() { dd if=/dev/zero of="$PUB/filler" bs=1M status=none 2>/dev/null || true; }
  # Any change publishes: the tampered (warning) data needs new files.
  fill_disk_changed() { fill_disk; set_mode "file:$TMP/small.json"; }
  run_row "disk full" 'No space left on device' 1 failed fill_disk_changed
  rm -f "$PUB/filler"
  read_only() { mount -o remount,ro "$PUB"; set_mode "file:$TMP/small.json"; }
  run_row "publish dir not writable" 'Read-only file system' 1 failed read_only
  mount -o remount,rw "$PUB"
else
  row "disk full" "SKIPPED: cannot mount a tmpfs here" - - - -
  row "publish dir not writable" "SKIPPED: cannot mount a tmpfs here" - - - -
fi

# kill -9: during the render (as soon as the daemon says "rendering") and at
# moments spread over the whole cycle (the commit included); a restarted
# daemon finds the previous or the new release complete and current, and
# cleans up the staging directory.
cycle_ms() {
  local t0=$EPOCHREALTIME runs
  runs=$(json status | jq -r .runs)
  "${CTL[@]}" regenerate --force >/dev/null
  wait_runs $((runs + 1))
  echo $(( (${EPOCHREALTIME/./} - ${t0/./}) / 1000 ))
}
reset
CYCLE_MS=$(cycle_ms)
echo "# one forced cycle: $CYCLE_MS ms"
kill_at() { # kill_at MS: regenerate --force, kill -9 after MS ms (0: when rendering), restart
  local before=$1
  "${CTL[@]}" regenerate --force >/dev/null
  if [ "$2" = 0 ]; then
    for _ in $(seq 200); do [ "$(json status | jq -r .state)" = rendering ] && break; sleep 0.01; done
  else
    sleep "$(printf '%d.%03d' $(($2 / 1000)) $(($2 % 1000)))"
  fi
  kill -9 "$DPID"
  wait "$DPID" 2>/dev/null || true
  local cur
  cur=$(current)
  [ "$cur" = "$before" ] || [ -d "$PUB/$cur" ] || { echo "    current -> $cur is missing"; return 1; }
  manifest_sums_ok "$PUB/current" || return 1
  start_daemon "$DLOG" || return 1
  wait_idle || return 1
}
before=$(current)
check "kill -9 while rendering: the previous release is current and verifies" kill_at "$before" 0
check "kill -9 while rendering: still the previous release" test "$(current)" = "$before"
check "kill -9 while rendering: the restarted daemon answers status" test "$(json status | jq -r .ok)" = true
row "kill -9 during render" "(none: the process is gone)" - "yes" "restarted, $(json status | jq -r .state)" "-"
kills=0 newer=0
for i in $(seq 1 8); do
  before=$(current)
  ms=$(( CYCLE_MS * (i * 15) / 100 ))
  if kill_at "$before" "$ms"; then kills=$((kills + 1)); fi
  [ "$(current)" != "$before" ] && newer=$((newer + 1))
done
check "kill -9 at 8 moments over 1.2 cycles: current always complete and verifying ($kills/8)" test "$kills" = 8
check "no staging directory is left after the restarts settle" \
  test -z "$(find "$PUB/releases" -maxdepth 1 -name '.staging-*' ! -name ".staging-$DPID")"
row "kill -9 during publish" "(none: the process is gone)" - "old/new $((8 - newer))/$newer" "restarted, $(json status | jq -r .state)" "-"

echo
printf "$FMT\n" fault "expected error text (as status and the log show it)" requests "prev current" \
  "status (result: about)" "log entry (level: about)"
printf '%.0s-' $(seq 170); echo
printf '%s\n' "${ROWS[@]}"
echo
finish
