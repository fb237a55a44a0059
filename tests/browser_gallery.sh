#!/usr/bin/env bash
# A real browser: Debian's Chromium, headless, loads the gallery of a
# published release and a publisher's page with a pasted snippet from a real
# nginx running the example site (packaging/nginx/migstat.conf) on a free
# loopback port.  Every image loads (naturalWidth > 0), the console shows no
# error, and no request goes anywhere but that loopback address (the net log
# lists every URL the browser asked for).  The example site's cache headers
# and content types are checked with curl.  On a 400 px screen the snippet
# picks the phone variant.  A screenshot of the gallery (JavaScript off) is
# left in <bindir>/browser-gallery.png, one of the publisher's page on a
# phone in <bindir>/browser-phone.png.  Skips (77)
# without chromium or nginx.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/browser_lib.sh"
make_config
PUB=$TMP/pub
CHART=asylum-applications-monthly
check "a release is published" "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" >/dev/null

PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
example_site "$PORT" "$PUB"
write_nginx_conf
check "the example site passes nginx -t" "$NGINX" -t -q -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log"
start_nginx "$BASE/"

REL=$(readlink "$PUB/current")
header() { curl -s -D - -o /dev/null "$BASE/$1" | tr -d '\r' | grep -i "^$2:" | cut -d' ' -f2-; }
check "releases/ are cached for a year, immutable" \
  test "$(header "$REL/$CHART.de.png" cache-control)" = "public, max-age=31536000, immutable"
check "editions/ are cached for a day" test "$(header "editions/2019-04/$CHART.de.png" cache-control)" = "public, max-age=86400"
check "current/ is cached briefly" test "$(header "current/$CHART.de.png" cache-control)" = "public, max-age=300, must-revalidate"
check "SVG is image/svg+xml" grep -q '^image/svg+xml' <<<"$(header "current/$CHART.de.svg" content-type)"
check "PNG is image/png" test "$(header "current/$CHART.de.png" content-type)" = image/png
check "CSV is text/csv" grep -q '^text/csv' <<<"$(header "current/$CHART.de.csv" content-type)"
check "manifest is application/json" grep -q '^application/json' <<<"$(header "current/index.json" content-type)"
check "gallery is text/html; charset=utf-8" test "$(header "current/index.html" content-type)" = "text/html; charset=utf-8"
check "an unchanged file has the same ETag under current/ and releases/" \
  test "$(header "current/$CHART.de.png" etag)" = "$(header "$REL/$CHART.de.png" etag)"
check "staging directories are never served" test "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/releases/.staging-1/x")" = 404

# A publisher's page: the snippet pasted as is, nothing else.
# Its CSP makes the browser refuse (and log) any script or foreign image.
{ echo '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Zeitung</title>'
  echo "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'\">"
  echo '</head><body><h1>Artikel</h1>'
  cat "$PUB/current/$CHART.de.html"; echo '</body></html>'; } > "$PUB/publisher.html"
write_checker "$PUB"
local_only() { python3 "$SRC/tests/netlog_check.py" "$1" "$BASE"; }
browse() { # browse NAME ARGS... : fresh profile, net log in $TMP/NAME.netlog, stderr in $TMP/NAME.log
  local name=$1; shift
  timeout 90 "$CHROMIUM" "${CHROME_FLAGS[@]}" --user-data-dir="$TMP/profile-$name" \
    --log-net-log="$TMP/$name.netlog" "$@" 2>"$TMP/$name.log"
}
for page in "current/index.html" "publisher.html"; do
  name=$(basename "$page" .html)
  browse "$name" --virtual-time-budget=15000 --dump-dom "$BASE/check.html#/$page" > "$TMP/$name.dom" || true
  result=$(checker_result < "$TMP/$name.dom")
  echo "# $page: $result"
  n=$(grep -o 'images=[0-9]*' <<<"$result" | cut -d= -f2)
  check "$page: the browser ran the check" test -n "$n"
  check "$page: every image loads (naturalWidth > 0)" grep -q ' broken=0 ' <<<"$result"
  check "$page: images were there to load ($n)" test "${n:-0}" -ge 1
  check "$page: the SVG source was chosen" grep -q "/$CHART.de.svg:1200" <<<"$result"
  check "$page: no console error" bash -c "! grep -E 'CONSOLE|Uncaught|Failed to load' '$TMP/$name.log' | grep -qiv 'check.html'"
  grep -o '"url":"[^"]*"' "$TMP/$name.netlog" | cut -d'"' -f4 | sort -u > "$TMP/$name.urls"
  check "$page: no request leaves $BASE" local_only "$TMP/$name.netlog"
done
check "the publisher page needed nothing but our files" \
  test "$(grep -c "$BASE/current/$CHART.de.svg" "$TMP/publisher.urls")" -ge 1
# The same page on a phone-sized screen (a 400 px frame) takes the phone variant.
browse phone --virtual-time-budget=15000 --dump-dom "$BASE/check.html?w=400#/publisher.html" > "$TMP/phone.dom" || true
result=$(checker_result < "$TMP/phone.dom")
echo "# publisher.html at 400 px: $result"
check "a 400 px screen gets the 640 px phone SVG" grep -q "/$CHART.de.narrow.svg:640" <<<"$result"
check "and it loads" grep -q ' broken=0 ' <<<"$result"
check "the phone page made no foreign request" local_only "$TMP/phone.netlog"
browse phoneshot --window-size=400,900 --hide-scrollbars \
  --screenshot="$BIN/browser-phone.png" "$BASE/publisher.html" >/dev/null || true
check "a screenshot of the publisher page on a phone was taken" test "$("$PNG_SIZE" "$BIN/browser-phone.png")" = "400 900"
# The gallery as a reader sees it.  (--blink-settings=scriptEnabled=false
# stops headless Chromium from taking screenshots at all; the gallery's own
# Content-Security-Policy, default-src 'none', switches scripts off instead.)
check "the gallery forbids scripts and foreign requests by CSP" \
  grep -q "default-src 'none'; img-src 'self';" "$PUB/current/index.html"
browse shot --window-size=1280,1600 --hide-scrollbars \
  --screenshot="$BIN/browser-gallery.png" "$BASE/current/index.html" >/dev/null || true
check "a screenshot of the gallery was taken" test "$("$PNG_SIZE" "$BIN/browser-gallery.png")" = "1280 1600"
check "the screenshot made no foreign request" local_only "$TMP/shot.netlog"
[ -s "$BIN/browser-gallery.png" ] || tail -5 "$TMP/shot.log"
finish
