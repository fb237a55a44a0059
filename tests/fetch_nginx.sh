#!/usr/bin/env bash
# Fetching from a real web server on loopback: nginx (Debian's nginx-light)
# serves the bundled source file with ETag, Last-Modified and gzip, over HTTP
# and over HTTPS with a CA made here with openssl.  `migstatd --once` from
# nginx publishes the same charts as from file://; the second poll is a 304
# that writes nothing; TLS is verified; without the server the cycle renders
# from the cache.
source "$(dirname "$0")/lib.sh"
make_config
seeds_as_files
NAME=asylum_applications_monthly.json
HTTP_PORT=$(free_port)
HTTPS_PORT=$(free_port)
NGX=$TMP/nginx
mkdir -p "$NGX/www" "$NGX/tmp"
cp "$SRC/data/$NAME" "$NGX/www/"
# The Eurostat API's path for a dataset (the query selects; a static server ignores it).
mkdir -p "$NGX/www/eurostat"
cp "$SRC/data/$NAME" "$NGX/www/eurostat/migr_asyappctzm"

# A CA and a server certificate for 127.0.0.1 signed by it.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=migstat-test-CA \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign \
  -keyout "$NGX/ca.key" -out "$NGX/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=127.0.0.1 \
  -keyout "$NGX/server.key" -out "$NGX/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$NGX/ext.cnf"
openssl x509 -req -in "$NGX/server.csr" -CA "$NGX/ca.pem" -CAkey "$NGX/ca.key" -CAcreateserial -days 2 \
  -extfile "$NGX/ext.cnf" -out "$NGX/server.pem" 2>/dev/null

cat > "$NGX/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $NGX/nginx.pid;
error_log $NGX/error.log;
events { worker_connections 64; }
http {
  log_format t '\$request_uri \$status \$body_bytes_sent inm=\$http_if_none_match ims=\$http_if_modified_since gzip=\$gzip_ratio';
  access_log $NGX/access.log t;
  types { application/json json; }
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;
  gzip on;
  gzip_types application/json;
  gzip_min_length 0;
  server {
    listen 127.0.0.1:$HTTP_PORT;
    root $NGX/www;
    location /eurostat/ { default_type application/json; }
  }
  server {
    listen 127.0.0.1:$HTTPS_PORT ssl;
    ssl_certificate $NGX/server.pem;
    ssl_certificate_key $NGX/server.key;
    root $NGX/www;
  }
}
CONF
start_nginx() {
  nginx -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log" &
  NGINX=$!
  for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/$NAME" && return 0; sleep 0.1; done
  cat "$NGX/error.log"; return 1
}
stop_nginx() { kill "$NGINX" 2>/dev/null || true; wait "$NGINX" 2>/dev/null || true; }
trap 'stop_nginx; [ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
check "nginx starts on 127.0.0.1:$HTTP_PORT and :$HTTPS_PORT" start_nginx
: > "$NGX/access.log"

# config_for NAME URL [extra [Fetch] lines]: a configuration directory reading URL.
config_for() {
  local dir=$TMP/config-$1
  cp -r "$TMP/config" "$dir"
  printf '[Paths]\nStateDirectory=%s\n[Fetch]\nOffline=no\nMaxRetries=1\nRetryBaseDelayMSec=100\n%s\n' \
    "$TMP/state-$1" "${3:-}" > "$dir/migstat.conf.d/60-fetch.conf"
  jq --arg u "$2" 'del(.eurostat, .seed) | .url = $u' "$SRC/config/sources.d/eurostat-asylum-monthly.json" \
    > "$dir/sources.d/eurostat-asylum-monthly.json"
}
jq_true() { jq -e "$@" >/dev/null; } # not `check ... >/dev/null`: that hides the verdict
run_once() { "$BIN/migstatd" --once --config "$TMP/config-$1" --publish-dir "$TMP/pub-$2" 2>"$TMP/$2.err"; }
release() { echo "$TMP/pub-$1/$(readlink "$TMP/pub-$1/current")"; }
# The same release but for the source's URL and version (ETag, Last-Modified,
# fetch time; a local file's name; whether it was reachable, the cache
# standing in) and the release's own name and time in the manifest.
same_release() {
  local a b
  a=$(release "$1") b=$(release "$2")
  diff -r -x index.json "$a" "$b" &&
    local keep='del(.release, .published, (.sources[] | .url, .file, .etag, .last_modified, .fetched_at, .reason, .unreachable_since))'
    diff <(jq "$keep" "$a/index.json") <(jq "$keep" "$b/index.json")
}

check "file:// publishes" "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$TMP/pub-file"

config_for http "http://127.0.0.1:$HTTP_PORT/$NAME"
check "http: publishes" run_once http http
check "http: same release as from file://" same_release file http
check "http: nginx sent it gzip-compressed" grep -Eq "^/$NAME 200 [0-9]+ .*gzip=[0-9.]+$" "$NGX/access.log"
check "http: the manifest names the response's ETag, Last-Modified and fetch time" \
  jq_true '.sources[] | select(.id == "eurostat-asylum-monthly") | (.etag | startswith("W/\"") or startswith("\""))
    and (.last_modified | endswith("GMT")) and (.fetched_at | test("^20[0-9-]{8}T[0-9:]{8}Z$"))' \
  "$(release http)/index.json"
check "http: the cache holds the decoded body" cmp "$TMP/state-http/cache/eurostat-asylum-monthly.body" "$SRC/data/$NAME"
check "http: meta keeps ETag and Last-Modified" \
  jq_true '(.etag | startswith("W/\"") or startswith("\"")) and (.last_modified | endswith("GMT"))' \
  "$TMP/state-http/cache/eurostat-asylum-monthly.meta"
cache_state() { (cd "$TMP/state-http/cache" && stat -c '%n %i %Y %s' ./*.body ./*.meta && sha256sum ./*.body ./*.meta); }
cache_state > "$TMP/cache.before"
: > "$NGX/access.log"
check "http, second poll: publishes" run_once http http2
check "http, second poll: conditional request answered 304" \
  grep -Eq "^/$NAME 304 0 inm=[^-].* ims=[A-Z][a-z]{2}, .*GMT" "$NGX/access.log"
check "http, second poll: the cache was not written" diff "$TMP/cache.before" <(cache_state)
check "http, second poll: same release" same_release file http2

# Nothing changed: --if-changed publishes nothing and writes nothing.
before=$(readlink "$TMP/pub-http/current")
touch "$TMP/mark"; sleep 1.1
check "if-changed, all 304: exit 3 (unchanged)" test_rc 3 "$BIN/migstatd" --once --if-changed --config "$TMP/config-http" --publish-dir "$TMP/pub-http"
check "if-changed, all 304: says unchanged" grep -q '^unchanged:' <("$BIN/migstatd" --once --if-changed --config "$TMP/config-http" --publish-dir "$TMP/pub-http" 2>/dev/null)
check "if-changed, all 304: current unchanged" test "$(readlink "$TMP/pub-http/current")" = "$before"
check "if-changed, all 304: no file written in the publish dir or the cache" \
  test -z "$(find "$TMP/pub-http" "$TMP/state-http" -newer "$TMP/mark")"
# The server says it changed (new Last-Modified and ETag) but the bytes are
# the same: the new validators are cached, nothing is published.
touch -d '2030-01-01 00:00:00 UTC' "$NGX/www/$NAME"
check "if-changed, same bytes re-served: exit 3 (unchanged)" test_rc 3 "$BIN/migstatd" --once --if-changed --config "$TMP/config-http" --publish-dir "$TMP/pub-http"
check "if-changed, same bytes re-served: current unchanged" test "$(readlink "$TMP/pub-http/current")" = "$before"
check "if-changed, same bytes re-served: the new Last-Modified is cached" \
  grep -q '2030' "$TMP/state-http/cache/eurostat-asylum-monthly.meta"
cache_state > "$TMP/cache.before"

# kind eurostat: the URL is built from the dataset code and filters.
config_for eurostat "unused"
# The shipped source's validate rules too: the same checks, the same warnings.
jq --arg api "http://127.0.0.1:$HTTP_PORT/eurostat" '{id: "eurostat-asylum-monthly", kind: "eurostat",
  eurostat: {dataset: "migr_asyappctzm", filters: {geo: "DE", citizen: ["TOTAL"], unit: "PER"}, api: $api},
  max_bytes: 16777216, timeout: 30, validate: .validate}' "$SRC/config/sources.d/eurostat-asylum-monthly.json" \
  > "$TMP/config-eurostat/sources.d/eurostat-asylum-monthly.json"
: > "$NGX/access.log"
check "eurostat kind: publishes" run_once eurostat eurostat
check "eurostat kind: requested the dissemination API path and query" \
  grep -q "^/eurostat/migr_asyappctzm?format=JSON&lang=en&geo=DE&citizen=TOTAL&unit=PER 200 " "$NGX/access.log"
check "eurostat kind: same release as from file://" same_release file eurostat

config_for https "https://127.0.0.1:$HTTPS_PORT/$NAME" "CAFile=$NGX/ca.pem"
check "https with the test CA: publishes" run_once https https
check "https: same release as from file://" same_release file https

config_for untrusted "https://127.0.0.1:$HTTPS_PORT/$NAME"
if run_once untrusted untrusted; then fail "https without the CA: should fail"; else ok "https without the CA: fails"; fi
check "https without the CA: the error says why" grep -q "TLS verification failed: SSL certificate problem" "$TMP/untrusted.err"
check "https without the CA: not retried (one attempt)" test "$(grep -c 'attempt 1 failed' "$TMP/untrusted.err")" -eq 0

# "After a restart without network": the server is gone, the cache renders.
stop_nginx
check "no server: still publishes" run_once http offline
check "no server: warns with the reason and uses the cache" \
  grep -Eq "Could not connect|Connection refused|Failed to connect.*using the cached response" "$TMP/offline.err"
check "no server: same release" same_release file offline
check "no server: the cache was not written" diff "$TMP/cache.before" <(cache_state)
finish
