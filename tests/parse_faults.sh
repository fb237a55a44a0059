#!/usr/bin/env bash
# A source that answers with an unexpected JSON shape (issue 19): a 50-byte
# UNHCR page whose items element is an array once crashed the daemon (exit
# 139) on every poll.  Here, with the real programs and a real HTTP server on
# loopback (tests/fault_server.py):
#   - `migstatctl inspect --kind unhcr` on such pages exits 1 and names the
#     file and the JSON path;
#   - `migstatd --once` with an unhcr source that returns them fails that
#     source (exit 4, issue 15: the others go on), names the source and the
#     path, and leaves every published chart file byte for byte as it was;
#     with a cached last good response it warns and goes on from the cache;
#   - a running daemon survives them: `migstatctl status` names the source
#     and the path under sources_failing, the daemon's pid stays the same,
#     and when the server is good again the next cycle succeeds.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "SKIP: curl missing"; exit 77; }
make_config asylum-applications-monthly
daemon_test_paths

# The pages: the issue's reproducer and the fuzzer's input (both kept as
# fuzz seeds: two pages, the second's item an array) and other shapes
# the parser met while fuzzed: a scalar item, a page that is an array, items
# that are an object, a year as a string, a count as an object.
SHAPES=$TMP/shapes
mkdir -p "$SHAPES"
cp "$SRC/tests/fuzz/corpus/unhcr/regress-items-array.json" "$SHAPES/items-array.json"
cp "$SRC/tests/fuzz/corpus/unhcr/regress-items-array-fuzzer.json" "$SHAPES/items-array-fuzzer.json"
printf '%s' '{"page":1,"maxPages":1,"items":[7]}' > "$SHAPES/items-number.json"
printf '%s' '[[{"year":2022,"coo_iso":"SYR","applied":1}]]' > "$SHAPES/page-array.json"
printf '%s' '{"page":1,"maxPages":1,"items":{"0":{"year":2022}}}' > "$SHAPES/items-object.json"
printf '%s' '{"page":1,"maxPages":1,"items":[{"year":"2022","coo_iso":"SYR","applied":1}]}' > "$SHAPES/year-string.json"
printf '%s' '{"page":1,"maxPages":1,"items":[{"year":2022,"coo_iso":"SYR","applied":{}}]}' > "$SHAPES/count-object.json"
# shape | the JSON path and expectation the error must name
CASES=(
  "items-array|items\[0\]: expected a record object, got an array"
  "items-array-fuzzer|pages\[1\]\.items\[0\]: expected a record object, got an array"
  "items-number|items\[0\]: expected a record object, got a number"
  "page-array|pages\[0\]: expected a page object with an \"items\" array, got an array"
  "items-object|items: expected an \"items\" array, got an object"
  "year-string|items\[0\]\.year: expected a year as a JSON number \(1900\.\.2200\), got a string"
  "count-object|items\[0\]\.applied: expected a count \(a JSON number, a string of digits or \"-\"\), got an object"
)

LC='[0-9]+:[0-9]+:' # line:col, where the key is the page's own

# 1. migstatctl inspect: exit 1 (never a signal), the file and the path.
for c in "${CASES[@]}"; do
  name=${c%%|*} expect=${c#*|}
  rc=0
  "$BIN/migstatctl" inspect --kind unhcr "$SHAPES/$name.json" >/dev/null 2>"$TMP/inspect.err" || rc=$?
  check "inspect $name: exits 1 (got $rc)" test "$rc" = 1
  check "inspect $name: names the file and /$expect/" grep -Eq -- "$SHAPES/$name.json:($LC)? $expect" "$TMP/inspect.err"
done
sed 's/^/    /' "$TMP/inspect.err"

# 2. migstatd --once against the server.
start_fault_server "$FLOG"
UURL="http://127.0.0.1:$PORT/unhcr?limit=2"
URE=$(sed 's/[.?]/\\&/g' <<<"$UURL") # as a regular expression
fetch_conf parse-faults MaxRetries=0
unhcr_test_source
once() { # once NAME: exit status in $RC, stderr in $TMP/NAME.err
  RC=0
  "$BIN/migstatd" --once --config "$TMP/config" >/dev/null 2>"$TMP/$1.err" || RC=$?
}
sums() { (cd "$PUB/current" && find . -maxdepth 1 -type f ! -name 'index.*' -exec sha256sum {} + | sort); }
# The UNHCR chart is published, and marked stale for its source (it is then
# the last good files that stay, not files of the failing source).
unhcr_chart_published() { grep -q ' \./unhcr-test\.de\.svg$' "$TMP/good.sums"; }
unhcr_chart_stale() { jq -e '[.charts[] | select(.id == "unhcr-test" and .stale.source == "unhcr-applications")] | length == 2' \
  "$PUB/current/index.json" >/dev/null; }
failed_reason() { jq -r '.sources[] | select(.id == "unhcr-applications" and .state == "failed") | .reason' \
  "$PUB/current/index.json"; }

set_mode good
once good
check "good pages: a release is published (exit $RC)" test "$RC" = 0
GOOD=$(readlink "$PUB/current")
sums > "$TMP/good.sums"
check "good pages: the UNHCR source's chart is published" unhcr_chart_published
for c in "${CASES[@]}"; do
  name=${c%%|*} expect=${c#*|}
  set_mode "unhcr-file:$SHAPES/$name.json"
  rm -rf "$STATE/cache" # no last good response to fall back on
  once "$name"
  check "once, $name, no cache: the source fails (exit 4, got $RC)" test "$RC" = 4
  check "once, $name: names the source, the URL and /$expect/" \
    grep -Eq -- "source unhcr-applications: $URE:($LC)? $expect" "$TMP/$name.err"
  check "once, $name: the manifest says the source failed" test -n "$(failed_reason)"
  check "once, $name: the published chart files are unchanged" diff -q "$TMP/good.sums" <(sums)
  check "once, $name: the UNHCR chart is marked stale for its source" unhcr_chart_stale
done
sed 's/^/    /' "$TMP/items-array.err"

# With a cached last good response the bad page is a warning, and the cycle
# goes on from the cache: nothing new to publish (exit 3).
set_mode good
once recache
GOOD=$(readlink "$PUB/current")
set_mode "unhcr-file:$SHAPES/items-array.json"
once cached
check "once, cached: exits 3 (unchanged: the cached pages are the published ones), got $RC" test "$RC" = 3
check "once, cached: warns with the source, the path and that it uses the cache" \
  grep -Eq "warning: source unhcr-applications: $URE: items\[0\]: expected a record object, got an array \(the new response is not usable: using the cached one\)" \
  "$TMP/cached.err"
check "once, cached: the last good release stays current" test "$(readlink "$PUB/current")" = "$GOOD"
sed 's/^/    /' "$TMP/cached.err"

# 3. A running daemon: every shape is reported by status, the daemon lives on.
json() { "${CTL[@]}" --json "$@"; }
set_mode good
check "daemon: it answers on its socket" start_daemon "$DLOG"
check "daemon: the first cycle finishes" wait_runs 1
runs=1
for c in "${CASES[@]}"; do
  name=${c%%|*} expect=${c#*|}
  set_mode "unhcr-file:$SHAPES/$name.json"
  rm -rf "$STATE/cache"
  "${CTL[@]}" regenerate >/dev/null
  runs=$((runs + 1))
  check "daemon, $name: the cycle finishes" wait_runs $runs
  st=$(json status)
  check "daemon, $name: status lists the source as failed" \
    test "$(jq -r '.sources_failing[] | select(.id == "unhcr-applications") | .state' <<<"$st")" = failed
  check "daemon, $name: status names the source and /$expect/" grep -Eq -- "source unhcr-applications: $URE:($LC)? $expect" \
    <<<"$(jq -r '.sources_failing[] | select(.id == "unhcr-applications") | .reason' <<<"$st")"
  check "daemon, $name: still the same process ($DPID)" test "$(jq -r .pid <<<"$st")" = "$DPID"
  check "daemon, $name: the published chart files are unchanged" diff -q "$TMP/good.sums" <(sums)
done
"${CTL[@]}" status | sed 's/^/    /'
set_mode good
"${CTL[@]}" regenerate >/dev/null
runs=$((runs + 1))
check "daemon, good again: the cycle finishes" wait_runs $runs
check "daemon, good again: status no longer fails" test "$(json status | jq -r .last.result)" != failed
check "daemon, good again: no error in status" test "$(json status | jq -r '.last.error // ""')" = ""
check "daemon, good again: no failing source" test "$(json status | jq -r '.sources_failing | length')" = 0
check "daemon: the process never restarted" kill -0 "$DPID"
check "daemon: its log names the path" grep -q 'items\[0\]: expected a record object, got an array' "$DLOG"
finish
