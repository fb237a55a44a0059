#!/usr/bin/env bash
# The live configuration (issue 15) against a recorded API: nginx on loopback
# answers at the APIs' real paths and queries (tests/recorded_api.py: each
# live source's request, built here from its sources.d file, answered with
# its seed; UNHCR's pages one by one; ETag and 304 from nginx).  The shipped
# config/, with EurostatAPI=, UNHCRAPI= and WorldBankAPI= pointed at it,
# publishes the same charts as the offline layer (config/offline); a second
# cycle with nothing new draws nothing; an outage leaves the other charts
# current and the failed source's at their last good files; Eurostat's 413
# EXTRACTION_TOO_BIG names the source and what to filter.
source "$(dirname "$0")/lib.sh"
command -v nginx >/dev/null || { echo "SKIP: nginx missing"; exit 77; }
make_config
local_tables
PORT=$(free_port)
API=$TMP/api
NGINX=
stop_nginx() { [ -n "$NGINX" ] && { kill "$NGINX" 2>/dev/null; wait "$NGINX" 2>/dev/null; }; NGINX=; true; }
trap 'stop_nginx; rm -rf "$TMP"' EXIT
start_api() { # start_api [--outage ID] [--too-big ID FILE]: (re)start the recorded API
  stop_nginx
  rm -rf "$API" && mkdir -p "$API"
  python3 "$SRC/tests/recorded_api.py" "$TMP/config/sources.d" "$TMP/data" "$API" "$PORT" "$@" > "$API/requests"
  nginx -p "$API" -c "$API/nginx.conf" -e "$API/error.log" &
  NGINX=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && return 0; sleep 0.1; done
  cat "$API/error.log"; return 1
}
once() { # once NAME CONFIG [ARGS...]: publish into $TMP/pub-NAME, log in $TMP/NAME.err
  local name=$1 cfg=$2; shift 2
  "$BIN/migstatd" --once --config "$cfg" --publish-dir "$TMP/pub-$name" "$@" >/dev/null 2>"$TMP/$name.err"
}
files() { (cd "$1" && find . -type f ! -name index.json ! -name index.html -exec sha256sum {} + | sort); }
planned() { grep -Eo 'charts: [0-9]+ to draw, [0-9]+ carried over unchanged, [0-9]+ stale' "$TMP/$1.err"; }
ino() { stat -c %i "$TMP/pub-live/current/$1"; }

# 1. The offline layer: every source reads its seed.
check "offline layer: publishes" once offline "$TMP/config:$SRC/config/offline"
check "offline layer: no source is fetched over the network (every one a local file)" \
  jq -e '[.sources[] | .url == null and .file != null] | all' "$TMP/pub-offline/current/index.json"

# 1b. The shipped configuration with no network at all (every API's host
# refuses): every live source publishes its seed within seconds, and the
# manifest names them all as unreachable.
CLOSED=$(free_port)
cat > "$TMP/config/migstat.conf.d/60-no-network.conf" <<CONF
[Fetch]
Offline=no
EurostatAPI=http://127.0.0.1:$CLOSED/
UNHCRAPI=http://127.0.0.1:$CLOSED/
WorldBankAPI=http://127.0.0.1:$CLOSED/
CONF
t0=$EPOCHREALTIME
rc=0; once nonet "$TMP/config" || rc=$?
ms=$(( (${EPOCHREALTIME/./} - ${t0/./}) / 1000 ))
# The seeds stand in at once: no retry and backoff before the first release
# (the time is printed; bench/ measures, a loaded machine must not fail this).
check "no network: the first run publishes the seeds (exit 0, got $rc; ${ms} ms)" test "$rc" = 0
check "no network: no retry was waited for" test -z "$(grep 'retrying' "$TMP/nonet.err")"
check "no network: the same charts as the offline layer" \
  cmp -s <(files "$TMP/pub-offline/current") <(files "$TMP/pub-nonet/current")
check "no network: every source under an API is its seed, unreachable since a UTC time" jq -e \
  '[.sources[] | select(.url // "" | startswith("http")) | .state == "seed" and (.unreachable_since | test("Z$"))] | all and length > 0' \
  "$TMP/pub-nonet/current/index.json"
rm "$TMP/config/migstat.conf.d/60-no-network.conf"

# 2. The live configuration against the recorded API.
cat > "$TMP/config/migstat.conf.d/60-recorded-api.conf" <<CONF
[Fetch]
# A test of fetching: the sources read their URLs, not their seeds.
Offline=no
EurostatAPI=http://127.0.0.1:$PORT/eurostat/
UNHCRAPI=http://127.0.0.1:$PORT/unhcr/
WorldBankAPI=http://127.0.0.1:$PORT/worldbank/
MaxRetries=1
RetryBaseDelayMSec=100
CONF
check "the recorded API starts on 127.0.0.1:$PORT" start_api
LIVE=$(cut -d' ' -f1 "$API/requests" | sort -u | tr '\n' ' ')
echo "# live sources: $LIVE"
check "the shipped configuration has live sources" test -n "$LIVE"
check "live: publishes" once live "$TMP/config"
for id in $LIVE; do
  check "live: $id came from the API (state ok, http URL)" jq -e --arg s "$id" \
    '.sources[] | select(.id == $s) | .state == "ok" and (.url // "" | startswith("http://127.0.0.1"))' \
    "$TMP/pub-live/current/index.json"
done
check "live: every request of every page was answered 200" \
  test "$(awk '$2 == 200' "$API/access.log" | wc -l)" = "$(wc -l < "$API/requests")"
check "live: the same charts, snippets and data as the offline layer" \
  cmp -s <(files "$TMP/pub-offline/current") <(files "$TMP/pub-live/current")
diff <(files "$TMP/pub-offline/current") <(files "$TMP/pub-live/current") | head -n 5

# 3. Nothing new: conditional requests, 304s, no chart drawn.
: > "$API/access.log"
rc=0; once live "$TMP/config" || rc=$?
check "nothing new: unchanged (exit 3, got $rc)" test "$rc" = 3
# (a 304 to UNHCR's first page stands for its pages: they are not asked for)
check "nothing new: one conditional request per source, each answered 304" \
  test "$(awk '$2 == 304 && $4 != "inm="' "$API/access.log" | wc -l)" = "$(wc -l < "$API/access.log")" -a \
  "$(wc -l < "$API/access.log")" = "$(cut -d' ' -f1 "$API/requests" | sort -u | wc -l)"
check "nothing new: no chart drawn ($(planned live))" grep -Eq 'charts: 0 to draw' "$TMP/live.err"
rc=0; once live "$TMP/config" --if-changed || rc=$?
check "nothing new, as the daemon polls: nothing parsed (exit 3)" test "$rc" = 3
check "nothing new, as the daemon polls: says so" grep -q "no source changed since" "$TMP/live.err"

# 4. An outage of one source and a 413 of another: their cached last good
# responses stand in (without a cache and a seed the source fails and its
# charts are carried over stale: source_failure.sh), so their charts keep
# their files; the manifest and the log say since when they are unreachable.
set -- $LIVE
OUT=$1 BIG=${2:-}
EUROSTAT=$(grep -l '"kind": "eurostat"' "$TMP"/config/sources.d/*.json | head -n 1 | xargs -r jq -r .id)
[ -n "$BIG" ] && [ "$BIG" != "$EUROSTAT" ] && [ -n "$EUROSTAT" ] && [ "$EUROSTAT" != "$OUT" ] && BIG=$EUROSTAT
[ "$OUT" = "$EUROSTAT" ] && [ -n "$BIG" ] && { OUT=$BIG; BIG=$EUROSTAT; }
CHART=$(jq -r --arg s "$OUT" '[.charts[] | select(.source == $s) | .id][0] // ""' "$TMP/pub-live/current/index.json")
args=(--outage "$OUT")
[ -n "$BIG" ] && args+=(--too-big "$BIG" "$SRC/tests/data/eurostat-errors/eurostat-comext-error-413-extraction-too-big.json")
check "the recorded API restarts with an outage of $OUT${BIG:+ and a 413 for $BIG}" start_api "${args[@]}"
before=$(ino "$CHART.de.png")
rc=0; once live "$TMP/config" || rc=$?
check "outage: published, the manifest says what is unreachable (exit 0, got $rc)" test "$rc" = 0
check "outage: $OUT is unreachable since a UTC time, with the reason" jq -e --arg s "$OUT" \
  '.sources[] | select(.id == $s) | (.unreachable_since | test("Z$")) and (.reason | test("503"))' \
  "$TMP/pub-live/current/index.json"
check "outage: the log says its cached response stands in" grep -q "source $OUT: failing since .*cached response stands in" \
  "$TMP/live.err"
check "outage: its chart $CHART keeps its files (same inode)" test "$(ino "$CHART.de.png")" = "$before"
check "outage: no chart is drawn ($(planned live))" grep -Eq 'charts: 0 to draw' "$TMP/live.err"
check "outage: the other sources are reachable" jq -e --arg a "$OUT" --arg b "${BIG:-}" \
  '[.sources[] | select(.unreachable_since != null) | .id | select(. != $a and . != $b)] | length == 0' \
  "$TMP/pub-live/current/index.json"
if [ -n "$BIG" ]; then
  check "413: the error names $BIG, its file and what to filter" \
    grep -q "source $BIG: asks for more cells than Eurostat extracts at once: narrow \"eurostat.filters\" in .*sources.d/$BIG.json" \
    "$TMP/live.err"
  check "413: with Eurostat's message" grep -q "HTTP status 413: EXTRACTION_TOO_BIG" "$TMP/live.err"
fi
check "outage: every file still verifies" manifest_verifies "$TMP/pub-live/current"
finish
