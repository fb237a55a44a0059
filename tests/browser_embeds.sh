#!/usr/bin/env bash
# Issue 16: embeds that work anywhere, in a real browser.  The publish
# directory is served by the example nginx site on one origin (A, the
# BaseURL); a publisher's pages live on another origin (B, another port).
# Headless Chromium loads, from B: the <picture> snippet (light and dark
# scheme), the light-only snippet in dark mode, the snippet as a CMS leaves
# it after stripping <picture>, <source> and srcset (the phone still gets the
# phone variant), the plain <img> snippet, and the chart's page in an
# <iframe>.  The page itself (its own origin) loads without script; its
# og:image / twitter:card point at a 1200x630 PNG on A.  Without BaseURL the
# gallery says the snippets work only on this host.  The PDFs open with their
# fonts embedded (pdfinfo, pdffonts).  Skips (77) without chromium or nginx.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/browser_lib.sh"
make_config
PA=$(free_port); PB=$(free_port)
A=http://127.0.0.1:$PA
B=http://127.0.0.1:$PB
PUB=$TMP/pub
SITE=$TMP/site
mkdir -p "$SITE"
printf '[Publish]\nBaseURL=%s\n' "$A" > "$TMP/config/migstat.conf.d/70-base.conf"
check "a release is published with BaseURL=$A" "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" >/dev/null
CUR=$PUB/current
# A chart with a phone variant, from the manifest (not hard-coded).
CHART=$(jq -r '[.charts[] | select(.narrow != null) | .id][0]' "$CUR/index.json")
read -r W H < <(jq -r --arg c "$CHART" '.charts[] | select(.id == $c and .lang == "de") | "\(.width) \(.height)"' "$CUR/index.json")
NW=$(jq -r --arg c "$CHART" '.charts[] | select(.id == $c and .lang == "de") | .narrow.width' "$CUR/index.json")

example_site "$PA" "$PUB"
echo "server { listen 127.0.0.1:$PB; root $SITE; types { text/html html; } }" >> "$TMP/nginx/site.conf"
write_nginx_conf
"$NGINX" -t -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/test.log" 2>"$TMP/nginx/t.err" || true
check "the example site passes nginx -t without a warning" bash -c "! grep -q warn '$TMP/nginx/t.err' '$TMP/nginx/test.log'"
start_nginx "$A/current/index.json" "$B/"

# The publisher's pages on B: the snippet pasted as is, or as a CMS leaves it.
page() { # page NAME < SNIPPET
  { echo '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Zeitung</title>'
    echo "<meta name=\"viewport\" content=\"width=device-width\">"
    echo "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src $A; frame-src $A; style-src 'unsafe-inline'\">"
    echo '</head><body><h1>Artikel</h1>'; cat; echo '</body></html>'; } > "$SITE/$1.html"
}
strip_like_a_cms() { # WordPress's kses: no <picture>, no <source>, no srcset
  sed -E -e 's#</?picture>##g' -e 's#<source [^>]*/>##g' -e 's# srcset="[^"]*"##g'
}
page picture < "$CUR/$CHART.de.html"
page light < "$CUR/$CHART.de.light.html"
page plain < "$CUR/$CHART.de.img.html"
strip_like_a_cms < "$CUR/$CHART.de.html" | page stripped
check "the stripped snippet has no <picture>, <source> or srcset left" \
  bash -c "! grep -qE '<picture|<source|srcset' '$SITE/stripped.html'"
# The gallery shows the iframe code escaped: unescape it as a publisher's copy would be.
sed -n "/id=\"$CHART-de-iframe\"/,/<\/textarea>/p" "$CUR/index.html" | sed '1s/.*spellcheck="false">//; s#</textarea>##' |
  sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g' | page iframe
check "the gallery's iframe code points at the chart's page on A" grep -q "<iframe src=\"$A/current/$CHART.de.page.html\"" "$SITE/iframe.html"

for dir in "$SITE" "$PUB"; do write_checker "$dir"; done # the checker frames pages of its own origin
browse() { # browse BASE PAGE WIDTH [FLAGS...]: the checker's result line
  local base=$1 pg=$2 w=$3 N; shift 3
  # Each browse its own profile (no image from an earlier one's cache) and
  # log: counted in a file, as browse runs in $(...), a subshell.
  N=$(($(cat "$TMP/browses" 2>/dev/null || echo 0) + 1))
  echo "$N" > "$TMP/browses"
  timeout 90 "$CHROMIUM" "${CHROME_FLAGS[@]}" "$@" --user-data-dir="$TMP/profile-$N" --log-net-log="$TMP/$N.netlog" \
    --virtual-time-budget=15000 --dump-dom "$base/check.html?w=$w#/$pg" 2>"$TMP/$N.log" | checker_result
}
DARK=(--force-dark-mode --blink-settings=preferredColorScheme=0)
seen() { # seen RESULT FILE WIDTH: that image was chosen and decoded at WIDTH
  grep -q " broken=0 " <<<"$1" && grep -qE "$A/current/$2:$3(,| |$)" <<<"$1"
}
# A page browsed on B: the image it shows is FILE, decoded at IMAGE_WIDTH.
check_shows() { # check_shows DESCRIPTION FILE IMAGE_WIDTH PAGE WIDTH [FLAGS...]
  local what=$1 file=$2 iw=$3 r; shift 3
  r=$(browse "$B" "$@"); echo "# $*: $r"
  check "$what" seen "$r" "$file" "$iw"
}
check_shows "<picture> on another origin: the SVG from A" "$CHART.de.svg" "$W" picture.html 1300
check_shows "<picture> in dark mode: the dark SVG" "$CHART.de.dark.svg" "$W" picture.html 1300 "${DARK[@]}"
check_shows "the light-only snippet stays light in dark mode" "$CHART.de.svg" "$W" light.html 1300 "${DARK[@]}"
check_shows "<picture> on a phone: the phone SVG" "$CHART.de.narrow.svg" "$NW" picture.html 400
check_shows "stripped by a CMS, a phone still gets the phone variant" "$CHART.de.narrow.png" "$NW" stripped.html 400
check_shows "stripped by a CMS, a desktop gets a readable image" "$CHART.de.narrow.png" "$NW" stripped.html 1300 "${DARK[@]}"
check_shows "the plain <img> snippet: the phone variant at 2x" "$CHART.de.narrow@2x.png" "$((NW * 2))" plain.html 400
# The earlier browses fetched the SVG already: only the iframe's requests count.
: > "$TMP/nginx/access.log"
# The earlier browses fetched the SVG already: only the iframe's requests count.
: > "$TMP/nginx/access.log"
r=$(browse "$B" iframe.html 1300); echo "# iframe: $r"
check "the iframe on B loaded the chart's page from A" grep -q "GET /current/$CHART.de.page.html" "$TMP/nginx/access.log"
check "and the page's chart from A" grep -q "GET /current/$CHART.de.svg" "$TMP/nginx/access.log"
r=$(browse "$A" "current/$CHART.de.page.html" 1300); echo "# page: $r"
check "the chart's page shows its chart" seen "$r" "$CHART.de.svg" "$W"
for f in "$TMP"/*.log; do
  grep -E 'CONSOLE|Uncaught|Refused' "$f" | grep -v 'check.html' >> "$TMP/console.txt" || true
done
check "no console error or refused request in any page" test ! -s "$TMP/console.txt"
[ -s "$TMP/console.txt" ] && head -5 "$TMP/console.txt"

# The page: no script, sharing tags with absolute URLs, a 1200x630 image.
P=$CUR/$CHART.de.page.html
check "the page has no script" bash -c "! grep -qi '<script' '$P'"
check "the page forbids scripts by CSP" grep -q "default-src 'none'" "$P"
check "og:image is the share PNG on A" grep -q "<meta property=\"og:image\" content=\"$A/current/$CHART.de.share.png\"" "$P"
check "twitter:card summary_large_image" grep -q '<meta name="twitter:card" content="summary_large_image"' "$P"
check "og:title is the chart's title" grep -q "<meta property=\"og:title\" content=\"" "$P"
curl -s -o "$TMP/share.png" "$A/current/$CHART.de.share.png"
check "the share PNG is served and is 1200x630" test "$("$PNG_SIZE" "$TMP/share.png")" = "1200 630"
check "the page links the English one" grep -q "hreflang=\"en\" href=\"$CHART.en.page.html\"" "$P"
check "the gallery has a language switch" grep -q 'href="#lang-en"' "$CUR/index.html"
check "and a table of contents" grep -q "<li><a href=\"#$CHART-de\">" "$CUR/index.html"
check "with BaseURL set the gallery has no warning about it" bash -c "! grep -q 'id=\"no-base-url\"' '$CUR/index.html'"

# PDFs for print: one per chart and language, open, fonts embedded.
if command -v pdfinfo >/dev/null && command -v pdffonts >/dev/null; then
  n=0; bad=
  for pdf in "$CUR"/*.pdf; do
    n=$((n + 1))
    pdfinfo "$pdf" >/dev/null 2>&1 || bad="$bad $(basename "$pdf")(pdfinfo)"
    fonts=$(pdffonts "$pdf" 2>/dev/null | tail -n +3)
    [ -n "$fonts" ] && ! awk '$(NF-4) != "yes"' <<<"$fonts" | grep -q . || bad="$bad $(basename "$pdf")(fonts)"
  done
  charts=$(jq '.charts | length' "$CUR/index.json")
  check "a PDF per chart and language ($n of $charts)" test "$n" = "$charts"
  check "every PDF opens and embeds its fonts${bad:+ ($bad)}" test -z "$bad"
  check "the PDF's page is the chart's shape" grep -q "Page size: *$((W / 2)) x" <(pdfinfo "$CUR/$CHART.de.pdf")
else
  echo "SKIP: pdfinfo/pdffonts missing (poppler-utils, scripts/setup.sh installs it)"
fi

# Without BaseURL the snippets are root-relative: the gallery says so.
rm "$TMP/config/migstat.conf.d/70-base.conf"
"$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$TMP/pub2" >/dev/null
check "without BaseURL the gallery says the snippets work only on this host" \
  grep -q 'id="no-base-url".*BaseURL is not set' "$TMP/pub2/current/index.html"
check "and the page carries no link preview (it needs absolute URLs)" \
  bash -c "! grep -q 'og:image' '$TMP/pub2/current/$CHART.de.page.html'"
finish
