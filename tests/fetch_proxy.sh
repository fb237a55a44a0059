#!/usr/bin/env bash
# Proxies (issue 15): migstatd fetches through the proxy that http_proxy
# names, as curl does, and goes direct for the hosts no_proxy lists.  The
# source's host name resolves nowhere (RFC 6761 .invalid): only the proxy
# (tests/forward_proxy.py, on loopback) can reach it.  The upstream is
# tests/fault_server.py serving the bundled file.
source "$(dirname "$0")/lib.sh"
make_config asylum-applications-monthly deportations-yearly
seeds_as_files
start_fault_server "$TMP/fault.log"
env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY \
  python3 "$SRC/tests/forward_proxy.py" "$PORT" "$TMP/pport" "$TMP/proxy.log" 2>"$TMP/proxy.err" &
PIDS+=($!)
for _ in $(seq 50); do [ -s "$TMP/pport" ] && break; sleep 0.1; done
PROXY=http://127.0.0.1:$(cat "$TMP/pport")
URL=http://eurostat.migstat-proxy-test.invalid/data.json
printf '[Fetch]\nOffline=no\nMaxRetries=0\n' > "$TMP/config/migstat.conf.d/60-proxy.conf"
jq --arg u "$URL" 'del(.eurostat) | .url = $u | del(.seed)' "$SRC/config/sources.d/eurostat-asylum-monthly.json" \
  > "$TMP/config/sources.d/eurostat-asylum-monthly.json"
once() { # once NAME [VAR=VALUE...]: the environment holds no proxy variable but these
  local name=$1; shift
  env -u http_proxy -u HTTP_PROXY -u https_proxy -u HTTPS_PROXY -u all_proxy -u ALL_PROXY -u no_proxy -u NO_PROXY \
    "$@" "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$TMP/pub-$name" >/dev/null 2>"$TMP/$name.err"
}

rc=0; once direct || rc=$?
check "without a proxy the host does not resolve (exit 4)" test "$rc" = 4
check "and the log says so" grep -q "migstat-proxy-test.invalid.*resolve" "$TMP/direct.err"

rc=0; once proxied "http_proxy=$PROXY" || rc=$?
check "http_proxy: published through the proxy (exit 0, got $rc)" test "$rc" = 0
check "http_proxy: the proxy saw the request" grep -qx "GET $URL" "$TMP/proxy.log"
check "http_proxy: the chart is there" test -s "$TMP/pub-proxied/current/asylum-applications-monthly.de.svg"
check "http_proxy: the data is the upstream's" cmp "$TMP/state/cache/eurostat-asylum-monthly.body" \
  "$SRC/data/asylum_applications_monthly.json"

: > "$TMP/proxy.log"
rm -rf "$TMP/state"
rc=0; once bypass "http_proxy=$PROXY" no_proxy=.migstat-proxy-test.invalid || rc=$?
check "no_proxy: the host is fetched directly (fails to resolve: exit 4)" test "$rc" = 4
check "no_proxy: the proxy saw nothing" test ! -s "$TMP/proxy.log"
finish
