#!/usr/bin/env bash
# Fetch benchmark against nginx on loopback (run from the source tree after a
# build):  bench/fetch.sh [BUILD_DIR]
#   - 20 sources of 1 MB: serial (one connection) vs parallel, unlimited and
#     with nginx limiting each connection to 10 MB/s
#   - a poll of 20 unchanged sources (all 304): CPU time and bytes written,
#     with the bundled real file (18 KB) and with the 1 MB payloads
# The 1 MB payloads are filler bytes for the transfer, not figures.
source "$(dirname "$0")/lib.sh"
cd "$SRC"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$TMP/www/big" "$TMP/www/small" "$TMP/tmp"
head -c 1048576 /dev/zero | tr '\0' ' ' > "$TMP/filler"
for i in $(seq 0 19); do
  { printf '{"n":%d,"pad":"' "$i"; head -c 1048560 "$TMP/filler"; printf '"}\n'; } > "$TMP/www/big/$i.json"
  cp data/asylum_applications_monthly.json "$TMP/www/small/$i.json"
done
cat > "$TMP/nginx.conf" <<CONF
daemon off; master_process off; worker_processes 1; pid $TMP/nginx.pid; error_log $TMP/error.log;
events { worker_connections 256; }
http {
  access_log off;
  types { application/json json; }
  client_body_temp_path $TMP/tmp/body; proxy_temp_path $TMP/tmp/proxy; fastcgi_temp_path $TMP/tmp/fcgi;
  uwsgi_temp_path $TMP/tmp/uwsgi; scgi_temp_path $TMP/tmp/scgi;
  keepalive_requests 10000;
  server {
    listen 127.0.0.1:$PORT; root $TMP/www;
    # A server that gives each connection 10 MB/s (as busy public servers do).
    location /limited/ { alias $TMP/www/big/; limit_rate 10m; }
  }
}
CONF
nginx -p "$TMP" -c "$TMP/nginx.conf" -e "$TMP/error.log" &
NGINX=$!
trap 'kill $NGINX 2>/dev/null || true; wait $NGINX 2>/dev/null || true; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/small/0.json" && break; sleep 0.1; done
echo "== 20 sources of 1 MB (nginx, loopback)"
"$BUILD/bench/migstat-bench-fetch" --base "http://127.0.0.1:$PORT/big" --count 20 --state "$TMP/state-big" --iterations 5
echo "== 20 sources of 1 MB, server limits each connection to 10 MB/s"
"$BUILD/bench/migstat-bench-fetch" --base "http://127.0.0.1:$PORT/limited" --count 20 --state "$TMP/state-lim" --iterations 3
echo "== 20 sources of 18 KB (the bundled real file)"
"$BUILD/bench/migstat-bench-fetch" --base "http://127.0.0.1:$PORT/small" --count 20 --state "$TMP/state-small" --iterations 5
