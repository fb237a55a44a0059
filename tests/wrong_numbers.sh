#!/usr/bin/env bash
# Wrong numbers (issue 18): a running migstatd with the default
# configuration's rules fetches the Eurostat monthly source over HTTP from
# a real server on loopback (tests/fault_server.py).  The source turns bad
# in each way a wrong figure looked right before: all values 0, all /1000,
# the last months 0, another country's figures under DE, a rewritten
# history, a month in 2099, a quarter among months.  Each row: the source
# is held (a failed source, issue 15): `status` and the log name the source
# and the check, its chart keeps its last good files, marked stale in the
# manifest, while the other chart (another source) publishes; the good data
# publishes after it.
# A small revision publishes and is listed ("revised" in the manifest,
# "Revidiert"/"Revised" in the chart's note); a big one, once an operator
# accepts it (`migstatctl accept`), publishes too.
source "$(dirname "$0")/lib.sh"
command -v socat >/dev/null || { echo "SKIP: socat missing"; exit 77; }
make_config asylum-applications-monthly deportations-yearly
seeds_as_files
daemon_test_paths

J=$SRC/data/asylum_applications_monthly.json
start_fault_server "$FLOG"
fetch_conf wrong Offline=no MaxRetries=0
# Only the URL changes: the shipped source's validate rules stay as they are.
monthly_source_at "http://127.0.0.1:$PORT/data.json" '.kind = "jsonstat"'

# The bad data: tampered copies of the bundled file (geo DE is index 0,
# AT 1; 88 months per country, 2012-01..2019-04).
tamper() { jq -c "$2" "$J" > "$TMP/$1.json"; }
tamper zeros '.value |= map(if . == null then null else 0 end)'
tamper div1000 '.value |= map(if . == null then null else . / 1000 end)'
tamper last-months-0 '.value |= [to_entries[] | if (.key % 88) >= 85 and .value != null then 0 else .value end]'
tamper at-under-de '.value |= (. as $v | [range(0; length) | if . < 88 then $v[. + 88] else $v[.] end])'
tamper big-revision '.value |= [to_entries[] | if (.key % 88) < 40 and .value != null then (.value * 1.3 | floor) else .value end]'
tamper small-revision '.value[80] += 5'
rename_month() { # rename_month FROM TO: a time code renamed in index and label
  tamper "$3" ".dimension.time.category.index |= with_entries(if .key == \"$1\" then .key = \"$2\" else . end)
    | .dimension.time.category.label |= with_entries(if .key == \"$1\" then .key = \"$2\" else . end)"
}
rename_month 2019-04 2099-04 future
rename_month 2019-04 2019-Q2 quarter

json() { "${CTL[@]}" --json "$@"; }
current() { readlink "$PUB/current"; }
runs() { json status | jq -r .runs; }
regenerate() { local n; n=$(runs); "${CTL[@]}" regenerate >/dev/null && wait_runs $((n + 1)); }
# The German chart's CSV (the plotted numbers) of the current release.
de_csv() { cat "$PUB/current/asylum-applications-monthly.de.csv"; }

check "the daemon answers on its socket" start_daemon "$DLOG"
check "the first cycle publishes the good data" wait_runs 1
check "status: published" test "$(json status | jq -r .last.result)" = published
GOOD=$(current)
GOOD_CSV=$(de_csv)
check "the release carries the normalized data (the next run's last good data)" \
  test -s "$PUB/current/data/eurostat-asylum-monthly.json"

ROWS=()
# The reason status gives for the Eurostat source failing ("" when it is not).
failing_reason() { json status | jq -r '[.sources_failing[]? | select(.id == "eurostat-asylum-monthly") | .reason][0] // ""'; }
# Whether the manifest of current marks the monthly chart stale for its source.
chart_stale() { jq -e '[.charts[] | select(.id == "asylum-applications-monthly" and .stale.source == "eurostat-asylum-monthly")] | length > 0' \
  "$PUB/current/index.json" >/dev/null; }
chart_fresh() { jq -e '[.charts[] | select(.id == "asylum-applications-monthly" and .stale == null)] | length == 2' \
  "$PUB/current/index.json" >/dev/null; }
# held NAME CHECK_RE: serve NAME.json, regenerate; the source fails naming
# the check, its chart keeps its last good files (stale); then the good data.
held() {
  local name=$1 expect=$2 before held_release off st reason
  before=$(current)
  off=$(stat -c %s "$DLOG")
  set_mode "file:$TMP/$name.json"
  check "$name: the cycle finishes" regenerate
  reason=$(failing_reason)
  check "$name: status names the source and the check /$expect/" \
    grep -Eq -- "source eurostat-asylum-monthly: .*$expect" <<<"$reason"
  check "$name: the log names them too" \
    grep -Eq -- "source eurostat-asylum-monthly: .*$expect" <(tail -c +$((off + 1)) "$DLOG")
  local streak="failing since" # a gate's hold is told apart from a source that failed
  [[ $expect == held* ]] && streak="held since"
  check "$name: the log says \"$streak\"" \
    grep -Eq -- "source eurostat-asylum-monthly: $streak 20[0-9T:-]+Z \(its charts keep their last good files\)" \
    <(tail -c +$((off + 1)) "$DLOG")
  check "$name: the other chart publishes" test "$(json status | jq -r .last.result)" = published
  check "$name: its chart still shows the good numbers" test "$(de_csv)" = "$GOOD_CSV"
  check "$name: the manifest marks its chart stale" chart_stale
  check "$name: current verifies" manifest_sums_ok "$PUB/current"
  ROWS+=("$(printf '%-16s | %s' "$name" "${reason:0:150}")")
  held_release=$(current)
  set_mode good
  check "$name: the good data again: not failed" regenerate
  check "$name: ... a new release is published for it (not the one before or during the hold)" \
    test "$(current)" != "$held_release" -a "$(current)" != "$before"
  check "$name: ... and current shows it" test "$(de_csv)" = "$GOOD_CSV"
  check "$name: ... status is not failed" test "$(json status | jq -r .last.result)" != failed
  check "$name: ... the source is not failing" test -z "$(failing_reason)"
  check "$name: ... its chart is not stale" chart_fresh
}

held zeros 'held, not publishing: zeros: .*geo=DE, time=2012-01: was 5515 in the last good data, now 0'
held div1000 'held, not publishing: level: the series .*geo=DE: its 88 periods sum to 2096.27, 2.09628e\+06'
held last-months-0 'held, not publishing: zeros: .*geo=DE, time=2019-02: was 15365 in the last good data, now 0'
held at-under-de 'held, not publishing: member: geo=DE: its values are those of geo=AT in the last good data'
held big-revision 'held, not publishing: revision-share: 1335 of the 2980 values of the last good data changed'
held future 'validation failed, not publishing: period: time=2099-04: a period after the current month'
held quarter 'period: time dimension "time": expected one frequency, got a month \("2012-01"\) and a quarter \("2019-Q2"\)'

# A small revision publishes, listed in the manifest and the charts' notes.
set_mode "file:$TMP/small-revision.json"
check "small revision: the cycle finishes" regenerate
check "small revision: published" test "$(json status | jq -r .last.result)" = published
check "small revision: a new release is current" test "$(current)" != "$GOOD"
check "small revision: the manifest lists it" jq -e '.sources[] | select(.id == "eurostat-asylum-monthly")
  | .revised | length == 1 and (.[0] | test("geo=DE, time=2018-09: revised from 14215 to 14220"))' \
  "$PUB/current/index.json"
note_has() { # note_has LANG TEXT: the chart's note (as drawn) in the manifest
  jq -e --arg l "$1" --arg t "$2" '[.charts[] | select(.id == "asylum-applications-monthly" and .lang == $l
    and (.note | contains($t)))] | length == 1' "$PUB/current/index.json" >/dev/null
}
check "small revision: the German chart's note says Revidiert" note_has de "Revidiert: 1 Wert seit der letzten Ausgabe."
check "small revision: the English one says Revised" note_has en "Revised: 1 value since the last edition."
check "small revision: the chart drawn from the revised data differs" \
  test "$(sha256sum < "$PUB/current/asylum-applications-monthly.de.png")" != \
       "$(sha256sum < "$PUB/$GOOD/asylum-applications-monthly.de.png")"
ROWS+=("$(printf '%-16s | published, %s' small-revision \
  "$(jq -r '.sources[] | select(.id == "eurostat-asylum-monthly") | .revised[0]' "$PUB/current/index.json")")")

# A real break: held, then accepted by the operator, then published.
set_mode "file:$TMP/big-revision.json"
held_csv=$(de_csv)
check "break: held" regenerate
check "break: the source is held" grep -q "held" <<<"$(failing_reason)"
check "break: its chart keeps its files, stale" chart_stale
check "break: ... the same numbers" test "$(de_csv)" = "$held_csv"
before=$(current)
check "accept: an unknown source is refused" test_rc 1 "${CTL[@]}" accept no-such-source
check "accept: a source that is not held is refused" test_rc 1 "${CTL[@]}" accept bamf-applications-monthly
n=$(runs)
check "accept: the operator accepts the held source" "${CTL[@]}" accept eurostat-asylum-monthly
check "accept: the run it starts finishes" wait_runs $((n + 1))
check "accept: published" test "$(json status | jq -r .last.result)" = published
check "accept: a new release is current" test "$(current)" != "$before"
check "accept: its chart shows the accepted numbers" test "$(de_csv)" != "$held_csv"
check "accept: ... no longer stale" chart_fresh
check "accept: logged with the source" grep -q "source eurostat-asylum-monthly: the operator accepted its held data" "$DLOG"
check "accept: a second accept finds nothing held" test_rc 1 "${CTL[@]}" accept eurostat-asylum-monthly
check "accept: used up once the accepted data passed" test ! -e "$STATE/cache/eurostat-asylum-monthly.accepted"
# The accepted data is now the last good data: the good data is a big
# change against it, held in turn.
set_mode good
check "after accept: the old data is a change again, held" regenerate
check "after accept: status says held" grep -q "held" <<<"$(failing_reason)"

echo
printf '%-16s | %s\n' "wrong data" "status (sources_failing[].reason)"
printf '%.0s-' $(seq 120); echo
printf '%s\n' "${ROWS[@]}"
finish
