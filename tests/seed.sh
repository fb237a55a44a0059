#!/usr/bin/env bash
# The seed (issue 15): a source that has never been fetched and cannot be
# (connection refused, a name that does not resolve) publishes its seed,
# the bundled snapshot named by its "seed" field, at once: no retries and
# backoff before the first release, each chart with the Stand of its data;
# the manifest, `status` and the log say which sources are unreachable
# since when.  A source with a cached response uses that instead.
source "$(dirname "$0")/lib.sh"
command -v socat >/dev/null || { echo "SKIP: socat missing"; exit 77; }
make_config asylum-applications-monthly applications-yearly deportations-yearly
seeds_as_files
PUB=$TMP/pub
SOCK=$TMP/ctl.sock
# A port nothing listens on, and a name that never resolves (RFC 6761 .invalid).
CLOSED=$(free_port)
# A test of fetching: the sources read their URLs, not their seeds.  The
# default policy: 3 retries from 2 s, i.e. 14 s of backoff per source if
# unreachable hosts were retried before the first release.
fetch_conf seed Offline=no MaxRetries=3 RetryBaseDelayMSec=2000
monthly_source_at "http://127.0.0.1:$CLOSED/api/data.json" '.seed = "asylum_applications_monthly.json"'
jq '.url = "http://migstat-seed-test.invalid/population/v1/asylum-applications/?coa=DEU&limit=1000"' \
  "$SRC/config/sources.d/unhcr-applications.json" > "$TMP/config/sources.d/unhcr-applications.json"
cur() { readlink -f "$PUB/current"; }
latest_period() { # the newest time code of a bundled file, computed here from the file itself
  case $1 in
    *.json) jq -r '.dimension.time.category.index | to_entries | max_by(.value) | .key' "$1" ;;
    *.csv) awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "time" || $i == "year" || $i == "period") c = i; next }
                    c && $c > m { m = $c } END { print m }' "$1" ;;
  esac
}

t0=$EPOCHREALTIME
rc=0; "$BIN/migstatd" --once --config "$TMP/config" >"$TMP/once.out" 2>"$TMP/once.err" || rc=$?
ms=$(( (${EPOCHREALTIME/./} - ${t0/./}) / 1000 ))
check "no network: the first run publishes (exit 0, got $rc)" test "$rc" = 0
check "no network: within seconds, not after minutes of backoff (${ms} ms < 10000)" test "$ms" -lt 10000
check "no network: no retry was waited for" test -z "$(grep 'retrying' "$TMP/once.err")"
check "the seed's charts are there" test -s "$(cur)/asylum-applications-monthly.de.svg" -a -s "$(cur)/applications-yearly.en.png"
M=$(latest_period "$SRC/data/asylum_applications_monthly.json")
check "the monthly chart's Stand is its data's ($M)" jq -e --arg p "$M" \
  '[.charts[] | select(.id == "asylum-applications-monthly") | .reference_period] | unique == [$p]' "$(cur)/index.json"
check "the snippet's caption says Stand ${M%%-*}" grep -q "Stand: [A-Za-zä.]* ${M%%-*}" "$(cur)/asylum-applications-monthly.de.html"
U=$(jq -r .updated "$SRC/data/asylum_applications_monthly.json")
check "the manifest keeps the dataset's updated ($U) per chart" jq -e --arg u "$U" \
  '[.charts[] | select(.id == "asylum-applications-monthly") | .updated] | unique == [$u]' "$(cur)/index.json"
IFS=- read -r uy um ud <<<"${U:0:10}"
check "the snippet shows it (Daten aktualisiert am $ud.$um.$uy)" \
  grep -q "Daten aktualisiert am $ud.$um.$uy" "$(cur)/asylum-applications-monthly.de.html"
check "and in English (data updated ${U:0:10})" grep -q "data updated ${U:0:10}" "$(cur)/asylum-applications-monthly.en.html"
for s in eurostat-asylum-monthly unhcr-applications; do
  check "manifest: $s is published from its seed, unreachable since a UTC time" jq -e --arg s "$s" \
    '.sources[] | select(.id == $s) | .state == "seed" and (.unreachable_since | test("^20.*Z$")) and (.reason | length > 0)' \
    "$(cur)/index.json"
  check "the log says $s is failing since when" grep -Eq "source $s: failing since 20[0-9T:-]+Z \(its seed stands in\)" "$TMP/once.err"
done
check "the log names the refused connection" grep -q "127.0.0.1:$CLOSED.*seed stands in until the next poll" "$TMP/once.err"
check "the log names the name that did not resolve" grep -q "migstat-seed-test.invalid.*resolve" "$TMP/once.err"
check "the healthy source's state is ok" jq -e '.sources[] | select(.id == "deportations-yearly") | .state == "ok"' \
  "$(cur)/index.json"
check "nothing is cached from a seed" test ! -e "$TMP/state/cache/eurostat-asylum-monthly.body"
R1=$(cur)
check "still no network: nothing new to publish (exit 3)" test_rc 3 "$BIN/migstatd" --once --config "$TMP/config"
check "the same release stays current" test "$(cur)" = "$R1"

# The running daemon: its first cycle publishes the seed within seconds and
# `status` names the unreachable sources.
rm -rf "$PUB" "$TMP/state"
t0=$EPOCHREALTIME
check "daemon: it answers on its socket" start_daemon "$TMP/daemon.log"
CTL=("$BIN/migstatctl" --socket "$SOCK")
for _ in $(seq 400); do
  [ "$("${CTL[@]}" --json status 2>/dev/null | jq -r '.runs // 0')" -ge 1 ] && break
  sleep 0.05
done
ms=$(( (${EPOCHREALTIME/./} - ${t0/./}) / 1000 ))
ST=$("${CTL[@]}" --json status)
check "daemon: the first cycle published the seed in ${ms} ms (< 10000)" \
  test "$(jq -r .last.result <<<"$ST")" = published -a "$ms" -lt 10000
check "daemon: status names both unreachable sources with since" jq -e \
  '[.sources_failing[] | select(.state == "seed" and (.since | test("Z$")))] | map(.id) | sort ==
   ["eurostat-asylum-monthly", "unhcr-applications"]' <<<"$ST"
"${CTL[@]}" status > "$TMP/status.txt" || true
check "migstatctl status says it in words" grep -q "^Failing: *eurostat-asylum-monthly since 20.*Z (its seed stands in): " \
  "$TMP/status.txt"
finish
