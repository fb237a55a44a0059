#!/usr/bin/env bash
# Publishing for publishers: hard links for unchanged files, editions by
# reference month, retention, the manifest's "changes", data/<source>.csv,
# snippets and gallery as valid HTML with every string escaped, base URL,
# and the post-publish hook (success, failure, timeout: never fatal).
source "$(dirname "$0")/lib.sh"
make_config
PUB=$TMP/pub
CHART=asylum-applications-monthly
# The edition is the newest reference month of all charts: BAMF's last month
# in the bundled data (the Eurostat charts end earlier).
EDITION=$(tail -n +2 "$SRC/data/bamf_applications_monthly_de.csv" | awk -F, '{print $(NF-2)}' | sort | tail -n 1)
# libxml2's HTML parser knows HTML 4 only: it accepts everything but the
# HTML5 elements we use, which it reports as unknown tags.  Any other error
# (unclosed or misnested tags, bad attributes, stray text) fails.
html_ok() {
  local errs
  errs=$(xmllint --html --noout "$1" 2>&1 | grep 'parser error' |
    grep -Ev 'Tag (figure|figcaption|picture|source|details|summary|section) invalid' || true)
  [ -z "$errs" ] || { echo "$errs"; return 1; }
}
# --force: most checks here need releases even when nothing changed.
run() { "$BIN/migstatd" --once --force --config "$TMP/config" --publish-dir "$PUB" "$@"; }

check "first release" run >/dev/null
first=$(basename "$(readlink "$PUB/current")")
sleep 1.1 # release names carry the second
rc=0; "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" >"$TMP/same.out" || rc=$?
check "same data without --force: exit 3 (unchanged)" test "$rc" = 3
check "it says unchanged and names the current release" grep -qx "unchanged: $PUB/current -> releases/$first" "$TMP/same.out"
check "and published no release" test "$(ls "$PUB/releases" | wc -l)" = 1
check "second release, same data, --force" run >/dev/null
second=$(basename "$(readlink "$PUB/current")")
check "second release has a new name" test "$first" != "$second"
for f in $CHART.de.png $CHART.de@2x.png $CHART.en.svg $CHART.en.csv $CHART.de.html data/eurostat-asylum-monthly.csv; do
  check "unchanged $f is a hard link (same inode)" \
    test "$(stat -c %i "$PUB/releases/$first/$f")" = "$(stat -c %i "$PUB/releases/$second/$f")"
done
check "changed index.json is a new file" \
  test "$(stat -c %i "$PUB/releases/$first/index.json")" != "$(stat -c %i "$PUB/releases/$second/index.json")"
M=$PUB/current/index.json
check "manifest v2 verifies, data files included" manifest_verifies_all "$PUB/current"
check "changes: previous release named" test "$(jq -r .changes.previous_release "$M")" = "$first"
check "changes: no chart changed" test "$(jq -c .changes.charts_changed "$M")" = "[]"
check "changes: no cell revised" test "$(jq -c .changes.cells_revised "$M")" = 0
check "first manifest: cells_revised is null (nothing to compare)" \
  test "$(jq -c .changes.cells_revised "$PUB/releases/$first/index.json")" = null
check "first manifest: every chart changed" \
  test "$(jq -c '.changes.charts_changed | sort' "$PUB/releases/$first/index.json")" = "$(jq -c '[.charts[].id] | unique' "$M")"
check "manifest: software version" grep -Eq '^migstat [0-9]+\.[0-9]+' <<<"$(jq -r .software "$M")"
check "manifest: edition is the data's month" test "$(jq -r .edition "$M")" = $EDITION
check "manifest: file:// source has null etag" test "$(jq -r '.sources[0].etag' "$M")" = null
check "manifest: validation warnings is a list" test "$(jq -c '.charts[0].validation_warnings' "$M")" = "[]"
check "edition link is a symlink" test -L "$PUB/editions/$EDITION"
check "edition points at the last release of $EDITION" \
  test "$(readlink "$PUB/editions/$EDITION")" = "../releases/$second"
check "data CSV is the tidy cube" test "$(head -1 "$PUB/current/data/eurostat-asylum-monthly.csv")" = \
  "$(jq -r '.id | join(",")' "$TMP/data/asylum_applications_monthly.json"),value,status"

check "a second publisher is refused while one holds the directory" \
  bash -c "! flock '$PUB' '$BIN/migstatd' --once --config '$TMP/config' --publish-dir '$PUB' 2>'$TMP/busy.err'"
check "the refusal says why" grep -q "another process is publishing into $PUB" "$TMP/busy.err"

# Snippets: valid HTML and XML, pictures with sizes, no script, no foreign host.
for lang in de en; do
  for v in html edition.html; do
    s=$PUB/current/$CHART.$lang.$v
    check "$lang $v parses as HTML without errors" html_ok "$s"
    check "$lang $v is well-formed XML too" xmllint --noout "$s"
    check "$lang $v: the main SVG has width/height" test "$(xmllint --xpath 'string(//source[not(@media)]/@width)' "$s")x$(xmllint --xpath 'string(//source[not(@media)]/@height)' "$s")" = 1200x675
    # The <img> is the phone variant: what a CMS that strips <picture> leaves.
    check "$lang $v: the <img> is the phone variant with its width/height" test "$(xmllint --xpath 'string(//img/@width)' "$s")x$(xmllint --xpath 'string(//img/@height)' "$s")" = 640x800
    check "$lang $v has alt text" test -n "$(xmllint --xpath 'string(//img/@alt)' "$s")"
    check "$lang $v offers the dark SVG to dark-scheme readers" test "$(xmllint --xpath \
      'string(//source[@media="(prefers-color-scheme: dark)"]/@srcset)' "$s" | sed 's|.*/||')" = "$CHART.$lang.dark.svg"
    check "$lang $v has 25 table rows" test "$(xmllint --xpath 'count(//details/table/tbody/tr)' "$s")" = 25
    check "$lang $v links the CSV" grep -q "href=\"/[a-z0-9/-]*/$CHART.$lang.csv\"" "$s"
    check "$lang $v has no script" bash -c "! grep -qi '<script' '$s'"
    check "$lang $v requests no other host" bash -c "! grep -Eq '(src|srcset|href)=\"(https?:)?//' '$s'"
  done
  check "$lang current snippet follows current/" grep -q "src=\"/current/$CHART.$lang.narrow.png\"" "$PUB/current/$CHART.$lang.html"
  check "$lang pinned snippet uses the edition" grep -q "src=\"/editions/$EDITION/$CHART.$lang.narrow.png\"" "$PUB/current/$CHART.$lang.edition.html"
done
for lang in de en; do
  check "$lang dark SVG is well-formed and dark" bash -c "xmllint --noout '$PUB/current/$CHART.$lang.dark.svg' &&
    ! cmp -s '$PUB/current/$CHART.$lang.dark.svg' '$PUB/current/$CHART.$lang.svg'"
done
check "gallery parses as HTML" html_ok "$PUB/current/index.html"
NCL=$(jq '.charts | length' "$M") # chart-languages
check "gallery shows $NCL figures and $((5 * NCL)) codes to copy (current, light, plain, iframe, pinned)" \
  test "$(xmllint --html --xpath 'count(//figure)' "$PUB/current/index.html" 2>/dev/null)/$(xmllint --html --xpath 'count(//textarea)' "$PUB/current/index.html" 2>/dev/null)" = "$NCL/$((5 * NCL))"
check "gallery preview uses relative URLs" \
  grep -Eq '^[a-z0-9-]+\.de(\.narrow)?\.png$' <<<"$(xmllint --html --xpath 'string(//figure//img/@src)' "$PUB/current/index.html" 2>/dev/null)"
check "gallery has no script" bash -c "! grep -qi '<script' '$PUB/current/index.html'"

# A revised figure (2014: 10884 -> 10885) is one revised cell and one changed chart.
cp "$TMP/data/deportations_yearly_de.csv" "$TMP/deportations.orig"
sed -i 's/^DE,deportations,2014,10884,$/DE,deportations,2014,10885,/' "$TMP/data/deportations_yearly_de.csv"
sleep 1.1
check "a release with a revised figure" run >/dev/null
check "changes: one cell revised" test "$(jq -c .changes.cells_revised "$M")" = 1
check "changes: the deportations chart changed" \
  test "$(jq -c '.changes.charts_changed' "$M")" = '["deportations-yearly"]'
cp "$TMP/deportations.orig" "$TMP/data/deportations_yearly_de.csv"
sleep 1.1
check "and back: one cell revised again" run >/dev/null
check "changes: one cell revised back" test "$(jq -c .changes.cells_revised "$M")" = 1

# Retention: KeepReleases=1 removes old releases but keeps an old edition's.
cp -a "$PUB/releases/$first" "$PUB/releases/20000101T000000Z-abcdef"
ln -s ../releases/20000101T000000Z-abcdef "$PUB/editions/1999-12"
printf '[Publish]\nKeepReleases=1\n' > "$TMP/config/migstat.conf.d/60-keep.conf"
sleep 1.1
check "third release with KeepReleases=1" run >/dev/null
third=$(basename "$(readlink "$PUB/current")")
check "the current release is kept" test -d "$PUB/releases/$third"
check "an old edition's release is kept" test -d "$PUB/releases/20000101T000000Z-abcdef"
check "older releases are removed" test ! -e "$PUB/releases/$first" -a ! -e "$PUB/releases/$second"
check "edition $EDITION moved to the newest release" test "$(readlink "$PUB/editions/$EDITION")" = "../releases/$third"
check "release still verifies after pruning (links kept data)" manifest_verifies_all "$PUB/current"

# Base URL and a hostile spec: every string is escaped.
printf '[Publish]\nBaseURL=https://cdn.example.org/zahlen/\n' > "$TMP/config/migstat.conf.d/70-base.conf"
EVIL='<script>alert(1)</script> & "Q" '"'"'A'"'"' </figcaption><img src=x onerror=alert(2)>'
jq --arg e "$EVIL" '.title.de = $e | .footer.source.de = $e | .footer.licence.de = $e | .unit.de = $e' \
  "$TMP/config/charts.d/$CHART.json" > "$TMP/spec.json" && mv "$TMP/spec.json" "$TMP/config/charts.d/$CHART.json"
sleep 1.1
check "release with hostile strings" run >/dev/null
s=$PUB/current/$CHART.de.html
check "base URL prefixes snippet URLs" grep -q 'src="https://cdn.example.org/zahlen/current/'"$CHART"'.de.narrow.png"' "$s"
check "hostile snippet is well-formed XML" xmllint --noout "$s"
check "hostile snippet parses as HTML" html_ok "$s"
check "hostile snippet has no <script> and no extra element" \
  test "$(xmllint --xpath 'count(//script)+count(//img)' "$s")" = 1
check "hostile caption text survives as text" \
  test "$(xmllint --xpath 'string(//table/caption)' "$s")" = "$EVIL"
check "hostile text in the figcaption" grep -qF '&lt;/figcaption&gt;&lt;img src=x onerror=alert(2)&gt;' "$s"
check "hostile gallery has no script element" \
  test "$(xmllint --html --xpath 'count(//script)' "$PUB/current/index.html" 2>/dev/null)" = 0
rm "$TMP/config/migstat.conf.d/70-base.conf"

# Post-publish hook: gets the release path; failure and timeout are logged, not fatal.
cat > "$TMP/hook.sh" <<HOOK
#!/bin/sh
echo "\$1|\$2" > "$TMP/hook.out"
HOOK
chmod +x "$TMP/hook.sh"
printf '[Publish]\nPostPublishHook=%s --flag\n' "$TMP/hook.sh" > "$TMP/config/migstat.conf.d/80-hook.conf"
sleep 1.1
check "release with a hook" run >/dev/null 2>"$TMP/hook.err"
check "hook got its argument and the absolute release path" \
  test "$(cat "$TMP/hook.out")" = "--flag|$(realpath "$PUB/releases/$(basename "$(readlink "$PUB/current")")")"
printf '[Publish]\nPostPublishHook=/bin/false\n' > "$TMP/config/migstat.conf.d/80-hook.conf"
before=$(readlink "$PUB/current"); sleep 1.1
check "a failing hook does not fail the cycle" run >/dev/null 2>"$TMP/hook.err"
check "the failing hook is logged with its status" grep -q "post-publish hook failed: /bin/false exited with status 1" "$TMP/hook.err"
check "the release stays current despite the hook" test "$(readlink "$PUB/current")" != "$before"
# The sleep's argument is this run's own, so that another test's sleep on the
# machine cannot be taken for a survivor of this hook.
SLEEP_ARG=29.$$$RANDOM
printf '#!/bin/sh\n/bin/sleep %s &\nwait\n' "$SLEEP_ARG" > "$TMP/slow.sh"; chmod +x "$TMP/slow.sh"
printf '[Publish]\nPostPublishHook=%s\nPostPublishHookTimeoutSec=1\n' "$TMP/slow.sh" > "$TMP/config/migstat.conf.d/80-hook.conf"
sleep 1.1; t0=$(date +%s)
check "a hanging hook does not fail the cycle" run >/dev/null 2>"$TMP/hook.err"
# The hook would sleep 29 s: a run well under that proves the kill (the
# margin is for the cycle itself on a loaded machine or under ASan).
check "the hanging hook is killed after its timeout" test $(( $(date +%s) - t0 )) -lt 25
check "the timeout is logged" grep -q "took longer than 1s and was killed" "$TMP/hook.err"
check "the hook's children are killed too (process group)" bash -c "! pgrep -f '[s]leep $SLEEP_ARG' >/dev/null"
printf '[Publish]\nPostPublishHook=relative/prog\n' > "$TMP/config/migstat.conf.d/80-hook.conf"
check "a relative hook path is refused when the configuration is loaded, with file:line" bash -c "'$BIN/migstatd' --once --force --config '$TMP/config' --publish-dir '$PUB' 2>&1 | grep -q '80-hook.conf:2:1: Publish.PostPublishHook: expected the absolute path'"
printf '[Publish]\nKeepReleases=0\n' > "$TMP/config/migstat.conf.d/80-hook.conf"
check "KeepReleases=0 is a config error naming the range" bash -c "'$BIN/migstatd' --check-config --config '$TMP/config' 2>&1 | grep -q 'KeepReleases: expected a number of releases from 1'"
finish
