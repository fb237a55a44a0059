#!/usr/bin/env bash
# The fetch and schedule settings: good values load, bad ones fail naming
# the file, the place and the expected range.
source "$(dirname "$0")/lib.sh"
make_config
SRCFILE=$TMP/config/sources.d/eurostat-asylum-monthly.json
cp "$SRCFILE" "$TMP/source.json"
CONF=$TMP/config/migstat.conf.d/60-fetch.conf
expect_error() { # DESCRIPTION REGEX
  if "$BIN/migstatd" --check-config --config "$TMP/config" >/dev/null 2>"$TMP/err"; then
    fail "$1: should fail"
  else
    check "$1: says /$2/" grep -Eq -- "$2" "$TMP/err"
  fi
}

printf '[Fetch]\nCAFile=ca.pem\nMaxRetries=0\nRetryBaseDelayMSec=250\nMaxRetryAfterSec=120\nLowSpeedTimeSec=10\nMaxConnectionsPerHost=2\n' > "$CONF"
jq '.poll_interval = 86400 | .release_window = {"first_day": 10, "last_day": 20, "poll_interval": 900}' \
  "$TMP/source.json" > "$SRCFILE"
check "good [Fetch] keys, poll_interval and release_window load" \
  "$BIN/migstatd" --check-config --config "$TMP/config"

printf '[Fetch]\nMaxRetries=99\n' > "$CONF"
expect_error "MaxRetries=99" '60-fetch.conf:2:1: .*Fetch.MaxRetries: expected a count 0..20, got "99"'
printf '[Fetch]\nRetryBaseDelayMSec=-5\n' > "$CONF"
expect_error "RetryBaseDelayMSec=-5" 'expected milliseconds 1..3600000, got "-5"'
printf '[Fetch]\nMaxConnectionsPerHost=0\n' > "$CONF"
expect_error "MaxConnectionsPerHost=0" 'expected a count 1..64, got "0"'
: > "$CONF"

jq '.release_window = {"first_day": 30, "last_day": 3, "poll_interval": 900}' "$TMP/source.json" > "$SRCFILE"
expect_error "release_window first_day 30" 'eurostat-asylum-monthly.json:[0-9]+:[0-9]+: release_window: expected \{"first_day": 1..28'
jq '.poll_interval = 5' "$TMP/source.json" > "$SRCFILE"
expect_error "poll_interval 5" 'poll_interval: expected seconds 60..2678400'

# kind eurostat: the URL comes from the dataset and filters; mistakes name the field.
cp "$SRC/config/examples/live/sources.d/eurostat-asylum-monthly.json" "$SRCFILE"
check "the example live Eurostat source loads" "$BIN/migstatd" --check-config --config "$TMP/config"
jq '.eurostat.dataset = "migr asy"' "$SRC/config/examples/live/sources.d/eurostat-asylum-monthly.json" > "$SRCFILE"
expect_error "eurostat dataset with a space" 'eurostat-asylum-monthly.json:[0-9]+:[0-9]+: eurostat.dataset: expected a Eurostat dataset code'
jq '.eurostat.filters.geo = 7' "$SRC/config/examples/live/sources.d/eurostat-asylum-monthly.json" > "$SRCFILE"
expect_error "eurostat filter not a code" 'eurostat.filters.geo: expected a code string, got 7'
jq '.eurostat.lang = "it"' "$SRC/config/examples/live/sources.d/eurostat-asylum-monthly.json" > "$SRCFILE"
expect_error "eurostat lang it" 'eurostat.lang: expected the language de, en or fr, got "it"'
jq '.url = "https://example.org/x.json"' "$SRC/config/examples/live/sources.d/eurostat-asylum-monthly.json" > "$SRCFILE"
expect_error "eurostat with a url too" 'url: expected either url or eurostat'
jq '.kind = "jsonstat"' "$SRC/config/examples/live/sources.d/eurostat-asylum-monthly.json" > "$SRCFILE"
expect_error "eurostat object with kind jsonstat" 'expected "eurostat" only with kind eurostat'
finish
