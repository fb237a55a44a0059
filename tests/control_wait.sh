#!/usr/bin/env bash
# Issue 16: an operator scripts "regenerate, wait, purge the CDN".
# `migstatctl regenerate|fetch --wait` against a running migstatd: it blocks
# until the run its request started or joined has ended, prints the release
# ("published R" / "unchanged R") or what failed (chart or source, its file,
# the reason) and exits 0 / 1.  Runs have ids that `status` shows; the reason
# of a failure is the run's, whichever render thread drew the chart
# (RenderThreads=4), in `status`, `status --json` and the log; a hook's
# failure shows in the human `status`; options go anywhere on the line.
source "$(dirname "$0")/lib.sh"
# Every spec without for_each (derived from the configuration, not
# hard-coded), so that four threads share the work; the failure below
# removes a code that only the last one with a file:// JSON-stat source
# filters on, so that a render thread, not the worker, is likely to draw it.
jsonstat_source() { # SPEC: its source reads a JSON-stat file (file://, or its seed offline)
  local s
  s=$(grep -l "\"id\": *\"$(jq -r .source "$1")\"" "$SRC"/config/sources.d/*.json | head -1)
  [ -n "$s" ] && jq -e '(.kind == "jsonstat" or .kind == "eurostat") and
    ((.url // "" | startswith("file://")) or ((.seed // "") | endswith(".json")))' "$s" >/dev/null
}
ALL=()
TARGET=
for f in "$SRC"/config/charts.d/*.json; do
  jq -e '.for_each | not' "$f" >/dev/null || continue
  ALL+=("$(basename "$f" .json)")
  # (a filter on "latest" names no code in the file: it cannot be removed)
  jq -e '.select.filters and (.select.filters | to_entries | all(.value != "latest"))' "$f" >/dev/null &&
    jsonstat_source "$f" && TARGET=$(basename "$f" .json)
done
[ -n "$TARGET" ] || { echo "SKIP: no spec filters a file:// JSON-stat source"; exit 77; }
T=$SRC/config/charts.d/$TARGET.json
tsrc=$(jq -r .source "$T"); tdim=$(jq -r '.select.filters | keys[0]' "$T"); tcode=$(jq -r ".select.filters[\"$tdim\"]" "$T")
SPECS=()
for s in "${ALL[@]}"; do # leave out others that filter the same source on the same code
  [ "$s" != "$TARGET" ] && [ "$(jq -r ".source + \"|\" + (.select.filters[\"$tdim\"] // \"\")" "$SRC/config/charts.d/$s.json")" = "$tsrc|$tcode" ] && continue
  SPECS+=("$s")
done
make_config "${SPECS[@]}"
PUB=$TMP/pub
SOCK=$TMP/ctl.sock
CTL=("$BIN/migstatctl" --socket "$SOCK")
printf '[Paths]\nPublishDirectory=%s\nStateDirectory=%s/state\n[Control]\nSocket=%s\n[Publish]\nRenderThreads=4\nPostPublishHook=/bin/false\n' \
  "$PUB" "$TMP" "$SOCK" > "$TMP/config/migstat.conf.d/60-control.conf"
check "the daemon answers on its socket" start_daemon "$TMP/d.log"

# Published: the first answer names the release `current` points at.
r=0; out=$("${CTL[@]}" regenerate --force --wait) || r=$?
check "regenerate --force --wait: exit 0" test "$r" = 0
check "prints 'published RELEASE (run #N)' ($out)" grep -qE '^published [0-9]{8}T[0-9]{6}Z-[0-9a-f]+ \(run #[0-9]+\)$' <<<"$out"
check "that release is current" test "$(readlink "$PUB/current")" = "releases/$(awk '{print $2}' <<<"$out")"
id=$(grep -oE '#[0-9]+' <<<"$out" | tr -d '#')
check "status --json (option after the command) names run #$id as the last" \
  test "$("${CTL[@]}" status --json | jq .last.id)" = "$id"
check "status shows the run id" grep -q "^Last run:    #$id published" <("${CTL[@]}" status)
check "a failed hook shows in the human status" grep -q '^Hook:        .*exit' <("${CTL[@]}" status)

# Unchanged: nothing new, exit 0, the current release named.
out=$("${CTL[@]}" --wait regenerate) || true
check "regenerate --wait with nothing new: 'unchanged' ($out)" grep -q "^unchanged $(basename "$(readlink "$PUB/current")") " <<<"$out"
check "fetch --wait: exit 0" test_rc 0 "${CTL[@]}" fetch --wait
check "--json regenerate --wait prints the run's JSON" \
  test "$("${CTL[@]}" regenerate --json --wait | jq -r .result)" = unchanged

# Several waiting clients join one run and all learn its end.
for i in 1 2 3; do ("${CTL[@]}" regenerate --wait --json > "$TMP/w.$i" 2>&1 &); done
sleep 0.2
"${CTL[@]}" regenerate --wait --json > "$TMP/w.4"
for _ in $(seq 200); do [ "$(cat "$TMP"/w.[123] | wc -l)" -ge 3 ] && break; sleep 0.05; done
check "four waiting clients each got an answer" test "$(cat "$TMP"/w.* | jq -r .result | grep -c unchanged)" = 4
check "status answers while clients wait" test "$("${CTL[@]}" status --json | jq .ok)" = true

# Failed: the target chart filters on a code its source does not hold.  (A
# source whose data loses the code is held by the truth gate, issue 18: that
# is a source's failure, not a chart's.)  The daemon is restarted with the
# spec changed: a running daemon's reload would refuse it (--check-config
# checks filter codes against the data).  The chart is drawn on any of four
# threads (the worker's own or a render thread's): the run's reason names it,
# its file and the code every time.
dim=$tdim code=ZZ$tcode
kill "$DPID"; wait "$DPID" 2>/dev/null || true
jq --arg d "$dim" --arg c "$code" '.select.filters[$d] = $c' "$TMP/config/charts.d/$TARGET.json" > "$TMP/t.json"
mv "$TMP/t.json" "$TMP/config/charts.d/$TARGET.json"
check "the restarted daemon answers on its socket" start_daemon "$TMP/d.log"
for round in 1 2 3 4; do
  err=$("${CTL[@]}" regenerate --force --wait 2>&1 >/dev/null) && r=0 || r=$?
  check "round $round: a failed run: exit 1" test "$r" = 1
  chart=$("${CTL[@]}" status --json | jq -r .last.chart)
  check "round $round: the reason names the chart that filters on $dim=$code ($chart)" test "$chart" = "$TARGET"
  check "round $round: --wait names the chart, its file and the code" \
    grep -q "run #[0-9]* failed: chart $chart .*\"$code\".* (defined in $TMP/config/charts.d/$chart.json)$" <<<"$err"
  check "round $round: status --json has the file and the reason" \
    test "$("${CTL[@]}" --json status | jq -r '"\(.last.file)|\(.last.error|test("unknown code"))|\(.last.errno > 0)"')" = \
    "$TMP/config/charts.d/$chart.json|true|true"
done
check "the human status says which chart failed and why" \
  grep -q "^Failed:      chart [a-z0-9-]* .*unknown code.* (defined in .*charts.d/.*json)$" <("${CTL[@]}" status)
check "the log names the run, the chart and the file" \
  grep -q "run #[0-9]* failed, current release kept: chart .*unknown code.*(defined in .*charts.d/" "$TMP/d.log"
check "the current release stayed" manifest_verifies "$PUB/current"

# Usage: --wait where it means nothing.
check "status --wait: exit 2" test_rc 2 "${CTL[@]}" status --wait
check "validate --force: exit 2" test_rc 2 "${CTL[@]}" validate --force
finish
