#!/usr/bin/env bash
# Fetching against a misbehaving server on loopback (tests/fault_server.py):
# for each fault, `migstatd --once` logs the right error, makes exactly the
# attempts the retry policy allows, keeps the cached last good response
# untouched and (having a cache) still publishes the same charts (the
# manifest differs only in the fetch time of the cached response).  Without a
# cache (and no seed) the source fails: --once exits 4, names the reason
# and leaves its chart out of a first release.  A 304 writes nothing.  All
# sources are fetched in parallel, bounded per host.
source "$(dirname "$0")/lib.sh"
make_config
seeds_as_files
# Fetch faults, not charts: three charts (monthly, deportations, EU comparison) keep
# each of its many cycles short (the full set adds BAMF charts and profiles).
(cd "$TMP/config/charts.d" && rm -f applications-yearly.json top-*.json protection-rate*.json host-country-profile.json \
  decisions-by-outcome.json country-profile.json)
STATE=$TMP/state
LOG=$TMP/fault.log
trap 'end_processes; [ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
start_fault_server "$LOG"
URL=http://127.0.0.1:$PORT/data.json
# A test of fetching: the sources read their URLs, not their seeds.
fetch_conf fetch Offline=no MaxRetries=2 RetryBaseDelayMSec=100 LowSpeedTimeSec=1
monthly_source_at "$URL" '.max_bytes = 1048576 | .timeout = 3 | del(.seed)'

hits() { wc -l < "$LOG"; }
cache_state() { (cd "$STATE/cache" && stat -c '%n %i %Y %s' ./*.body ./*.meta && sha256sum ./*.body ./*.meta); }
run_once() { # run_once NAME: publishes into $TMP/pub-NAME, stderr in $TMP/NAME.err
  local t0=$EPOCHREALTIME rc=0
  "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$TMP/pub-$1" >/dev/null 2>"$TMP/$1.err" || rc=$?
  ELAPSED_MS=$(( (${EPOCHREALTIME/./} - ${t0/./}) / 1000 ))
  return $rc
}
release() { echo "$TMP/pub-$1/$(readlink "$TMP/pub-$1/current")"; }

set_mode good
check "good: first fetch publishes" run_once good
check "good: the cache holds the body" cmp "$STATE/cache/eurostat-asylum-monthly.body" "$SRC/data/asylum_applications_monthly.json"
check "good: meta has the ETag" test "$(jq -r .etag "$STATE/cache/eurostat-asylum-monthly.meta")" != null
check "good: meta has URL, status, sha256" jq -e --arg u "$URL" \
  '.url == $u and .status == 200 and (.sha256 | length) == 64 and (.fetch_time | test("Z$"))' \
  "$STATE/cache/eurostat-asylum-monthly.meta" >/dev/null
GOOD=$(release good)
cache_state > "$TMP/cache.good"

set_mode good
check "304: second fetch publishes" run_once notmod
check "304: the request was conditional" grep -q '^good "' "$LOG"
check "304: the server answered 304" grep -q '^good 304$' "$LOG.status"
check "304: the cache was not written" diff "$TMP/cache.good" <(cache_state)
check "304: same charts" diff -r -x index.json "$GOOD" "$(release notmod)"
check "304: the manifest names the cached response's ETag" test "$(jq -r '.sources[] |
  select(.id == "eurostat-asylum-monthly") | .etag' "$(release notmod)/index.json")" = "$(jq -r .etag "$STATE/cache/eurostat-asylum-monthly.meta")"

# A cache body that no longer matches its meta is never served: the 304
# fails this cycle, and the next request is unconditional and repairs it.
cp "$STATE/cache/eurostat-asylum-monthly.body" "$TMP/body.saved"
printf 'garbage' > "$STATE/cache/eurostat-asylum-monthly.body"
set_mode good
rc=0; run_once corrupt || rc=$?
check "corrupt cache: the source fails (exit 4, got $rc)" test "$rc" = 4
check "corrupt cache: says why" grep -q 'expected SHA-256 .* from the meta file' "$TMP/corrupt.err"
check "corrupt cache: and what happens next" grep -q '304 Not Modified, but the cached response is unusable; the next request will be unconditional' "$TMP/corrupt.err"
check "corrupt cache: its chart is left out" test ! -e "$TMP/pub-corrupt/current/asylum-applications-monthly.de.svg"
set_mode good
check "corrupt cache: the next poll repairs it" run_once repaired
check "corrupt cache: the request was unconditional" grep -q '^good - -$' "$LOG"
check "corrupt cache: the body is good again" cmp "$STATE/cache/eurostat-asylum-monthly.body" "$TMP/body.saved"
check "corrupt cache: same charts" diff -r -x index.json "$GOOD" "$(release repaired)"
cache_state > "$TMP/cache.good"

# mode | attempts | expected text in the log
fault_case() {
  local mode=$1 attempts=$2 expect=$3
  set_mode "$mode"
  check "$mode: migstatd still publishes from the cache" run_once "$mode"
  check "$mode: $attempts attempt(s), made $(hits)" test "$(hits)" -eq "$attempts"
  check "$mode: log says /$expect/" grep -Eq -- "$expect" "$TMP/$mode.err"
  check "$mode: warns that it uses the cache" grep -Eq 'using the cached (response|one)' "$TMP/$mode.err"
  check "$mode: cache untouched" diff "$TMP/cache.good" <(cache_state)
  check "$mode: same charts as the good fetch" diff -r -x index.json "$GOOD" "$(release "$mode")"
  sed 's/^/    /' "$TMP/$mode.err" | head -n 6
}
# No byte for LowSpeedTimeSec=1 aborts before the total timeout (3 s).
fault_case delay-headers 3 'Operation too slow. Less than 100 bytes/sec transferred the last 1 seconds.*gave up after 3 attempts'
fault_case slow-body 3 'Operation too slow.*gave up after 3 attempts'
fault_case truncated 3 'transfer closed with [0-9]+ bytes remaining to read.*gave up after 3 attempts'
fault_case 404 1 'HTTP status 404 \(HTTP status 404 is final, not retried\)'
fault_case 500 3 'HTTP status 500 \(gave up after 3 attempts\)'
fault_case 408 3 'HTTP status 408 \(gave up after 3 attempts\)'
fault_case 429 3 'HTTP status 429 \(gave up after 3 attempts\)'
check "429: waited Retry-After twice (${ELAPSED_MS} ms >= 2000)" test "$ELAPSED_MS" -ge 2000
fault_case 429-long 1 'retry after 86400 s, more than the limit of 3600 s'
fault_case redirect-loop 1 'too many redirects'
fault_case big 1 'expected at most 1048576 bytes, the body is larger'
fault_case big-chunked 1 'expected at most 1048576 bytes, the body is larger'
fault_case bad-gzip 1 'bad content encoding'
fault_case html 1 'expected a JSON content type, got "text/html; charset=utf-8"'
fault_case invalid-json 1 "$URL:2:[0-9]+: .*expected"

# Transient failures that recover: Retry-After in seconds and as an HTTP date.
set_mode 429-once
check "429-once: recovers" run_once 429-once
check "429-once: 2 attempts" test "$(hits)" -eq 2
check "429-once: waited Retry-After 1 s (${ELAPSED_MS} ms)" test "$ELAPSED_MS" -ge 1000
check "429-once: log names Retry-After" grep -q 'retrying (Retry-After 1 s)' "$TMP/429-once.err"

# Eurostat's queued request (ASYNCHRONOUS_RESPONSE, with 413 or with 200) is
# asked again: it is not the data and not a final error.
for m in async413-once async200-once; do
  set_mode $m
  check "$m: recovers" run_once $m
  check "$m: 2 attempts" test "$(hits)" -eq 2
  check "$m: the log names the queued request and retries" grep -q 'ASYNCHRONOUS_RESPONSE.*retrying' "$TMP/$m.err"
done
set_mode 503-date-once
check "503 with an HTTP date: recovers" run_once 503-date-once
check "503 with an HTTP date: 2 attempts" test "$(hits)" -eq 2
check "503 with an HTTP date: waited for the date" grep -Eq 'retrying \(Retry-After [1-3] s\)' "$TMP/503-date-once.err"
set_mode gzip
check "gzip: publishes" run_once gzip
check "gzip: the cache holds the decoded body" cmp "$STATE/cache/eurostat-asylum-monthly.body" "$SRC/data/asylum_applications_monthly.json"
check "gzip: same charts" diff -r -x index.json "$GOOD" "$(release gzip)"

# Without a cache (and no seed) a failure fails the source and names the reason.
mv "$STATE" "$TMP/state.saved"
for m in 404 500 invalid-json; do
  set_mode "$m"
  rc=0; run_once "nocache-$m" || rc=$?
  check "no cache, $m: the source fails (exit 4, got $rc)" test "$rc" = 4
  check "no cache, $m: its chart is left out" test ! -e "$TMP/pub-nocache-$m/current/asylum-applications-monthly.de.svg"
  check "no cache, $m: the error names the URL" grep -q "$URL" "$TMP/nocache-$m.err"
  check "no cache, $m: nothing cached" test ! -e "$STATE/cache/eurostat-asylum-monthly.body"
done

# UNHCR paging: page 1 says maxPages 3; pages 2 and 3 are fetched and the
# source is all three pages.  A failing page fails the response: the cache
# (all three pages from before) is used, never a partial set.
jq -n --arg u "http://127.0.0.1:$PORT/unhcr?limit=2" '{id: "unhcr-applications", kind: "unhcr", url: $u, timeout: 5}' \
  > "$TMP/config/sources.d/unhcr-applications.json"
rm -rf "$STATE"
set_mode good
check "unhcr: publishes" run_once unhcr; sed "s/^/    /" "$TMP/unhcr.err" | head -n 4
check "unhcr: fetched page 1, then pages 2 and 3" \
  test "$(awk '$3 ~ /^limit=/ {print $3}' "$LOG" | sort | tr '\n' ' ')" = "limit=2 limit=2&page=2 limit=2&page=3 "
UCSV=$(release unhcr)/data/unhcr-applications.csv
check "unhcr: the cube holds the 6 records of the 3 pages" test "$(tail -n +2 "$UCSV" | wc -l)" = 6
check "unhcr: page 3's Afghanistan record is there (year 2019, 31)" grep -q '^2019,AFG,.*,31,' "$UCSV"
cp "$UCSV" "$TMP/unhcr.csv"
set_mode unhcr-page-3-fails
check "unhcr, page 3 fails: still publishes from the cache" run_once unhcr-fail
check "unhcr, page 3 fails: the log says which page" grep -q 'page 3 of 3: .*500' "$TMP/unhcr-fail.err"
check "unhcr, page 3 fails: the same 6 records as before (no partial set)" \
  cmp "$TMP/unhcr.csv" "$(release unhcr-fail)/data/unhcr-applications.csv"
rm "$TMP/config/sources.d/unhcr-applications.json"
set_mode good

# Parallel: five sources on one host that each take 2 s: four at once (the
# default bound per host), then one at a time.
for i in 1 2 3 4; do
  jq --arg u "$URL" --arg id "extra-$i" 'del(.eurostat) | .url = $u | .id = $id | .timeout = 30' \
    "$SRC/config/sources.d/eurostat-asylum-monthly.json" > "$TMP/config/sources.d/extra-$i.json"
done
# A key set twice in one file is an error (issue 16): change it in place.
sed -i 's/^LowSpeedTimeSec=1$/LowSpeedTimeSec=5/' "$TMP/config/migstat.conf.d/60-fetch.conf"
jq '.timeout = 30' "$TMP/config/sources.d/eurostat-asylum-monthly.json" > "$TMP/s.json"
mv "$TMP/s.json" "$TMP/config/sources.d/eurostat-asylum-monthly.json"
rm -rf "$STATE"
set_mode slow-good
check "parallel: publishes" run_once parallel; sed "s/^/    /" "$TMP/parallel.err" | head -n 8
# Counted by the server, not timed: a loaded machine slows the clock, not this.
max_inflight() { curl -sf "http://127.0.0.1:$PORT/_max_inflight"; }
check "parallel: the server answered 4 at once (MaxConnectionsPerHost=4) in ${ELAPSED_MS} ms" \
  test "$(max_inflight)" = 4
echo "MaxConnectionsPerHost=1" >> "$TMP/config/migstat.conf.d/60-fetch.conf"
rm -rf "$STATE"
set_mode slow-good
check "serial: publishes" run_once serial
check "serial: one at a time (MaxConnectionsPerHost=1)" test "$(max_inflight)" = 1
check "serial: 5 sources in ${ELAPSED_MS} ms (>= 10000: 5 x 2 s one after the other)" test "$ELAPSED_MS" -ge 10000
finish
