#!/usr/bin/env bash
# The rest of the default chart set (issues 6 and 14): every chart's CSV holds the
# numbers recomputed here (awk, python3) from the bundled source files, labels
# are names from the label tables in both languages, for_each makes one
# profile per top-10 origin and per reporting country, and no chart reports
# a layout problem.
source "$(dirname "$0")/lib.sh"
make_config
PUB=$TMP/pub
# BAMF's country labels hold commas inside quotes ("Syrien, Arab. Republik"):
# awk reads copies whose label column is blanked by a real CSV reader.
blank_labels() {
  python3 -c 'import csv, sys
w = csv.writer(sys.stdout, lineterminator="\n")
for row in csv.reader(open(sys.argv[1], newline="")):
    row[2] = "-"
    w.writerow(row)' "$1"
}
APPS=$TMP/apps.csv
blank_labels "$SRC/data/bamf_applications_monthly_de.csv" > "$APPS"
LABELS=$SRC/config/labels/bamf-citizenship.json

check "migstatd --once succeeds" "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB"
REL=$PUB/$(readlink "$PUB/current")
# "code,value" of a chart CSV (first and next-to-last columns).
code_value() { tail -n +2 "$1" | awk -F, '{print $1 "," $(NF-1)}'; }
# One series of a set CSV as "x code,value" (series names hold no comma).
series_values() { tail -n +2 "$1" | awk -F, -v s="$2" '$1 == s {print $2 "," $(NF-1)}'; }

# 3. Top 10 of the latest month: BAMF's first-time applications by country
# (the grand total left out), largest first.
latest=$(awk -F, 'NR > 1 && $4 == "applications_first" && $5 > m {m = $5} END {print m}' "$APPS")
check "latest BAMF month is 2021-11 ($latest)" test "$latest" = 2021-11
awk -F, -v p="$latest" 'NR > 1 && $4 == "applications_first" && $5 == p && $2 != "TOTAL" {print $2 "," $6}' "$APPS" |
  sort -t, -k2,2nr | head -n 10 > "$TMP/top.expected"
# A YTD value exists only for countries listed in every month of the year.
awk -F, -v p="$latest" 'NR > 1 && $4 == "applications_first" && $2 != "TOTAL" && substr($5, 1, 4) == substr(p, 1, 4) && $5 <= p {
    s[$2] += $6; n[$2]++ } END { m = substr(p, 6, 2) + 0; for (c in s) if (n[c] == m) print c "," s[c] }' "$APPS" |
  sort -t, -k2,2nr | head -n 10 > "$TMP/ytd.expected"
for lang in de en; do
  code_value <(comma_csv "$REL/top-citizenships-month.$lang.csv") > "$TMP/top.actual"
  check "$lang top 10 of $latest equals the BAMF table" cmp "$TMP/top.expected" "$TMP/top.actual"
  code_value <(comma_csv "$REL/top-citizenships-ytd.$lang.csv") > "$TMP/ytd.actual"
  check "$lang top 10 January to $latest equals the sums of the BAMF table" cmp "$TMP/ytd.expected" "$TMP/ytd.actual"
  # Labels are the table's names in the chart's language, never codes.
  while IFS=, read -r code label _; do
    want=$(jq -r --arg c "$code" --arg l "$lang" '.[$c][$l]' "$LABELS")
    [ "$label" = "$want" ] || { fail "$lang label of $code: \"$label\", expected \"$want\""; continue 2; }
  done < <(tail -n +2 <(comma_csv "$REL/top-citizenships-month.$lang.csv"))
  ok "$lang top-10 labels are the label table's names"
done
check "German and English names differ (Syrien / Syria)" \
  test "$(grep -c '^475,Syrien,' <(comma_csv "$REL/top-citizenships-month.de.csv")),$(grep -c '^475,Syria,' <(comma_csv "$REL/top-citizenships-month.en.csv"))" = 1,1
check "EU comparison: Germany by name in German" grep -q '^DE,Deutschland,' <(comma_csv "$REL/eu-applications-per-100k.de.csv")
check "EU comparison: Germany by name in English" grep -q '^DE,Germany,' <(comma_csv "$REL/eu-applications-per-100k.en.csv")
check "EU comparison: no label is a bare geo code" \
  test -z "$(tail -n +2 <(comma_csv "$REL/eu-applications-per-100k.en.csv") | awk -F, '$2 ~ /^[A-Z]{2}$/')"

# The re-based charts (issue 14): every published CSV against figures that
# tests/chart_set_figures.py computes with the standard library from the
# bundled UNHCR pages, Eurostat JSON-stat and World Bank answer (protection
# rates, outcomes, applications 2000-2025, top origins and their profiles,
# the EU comparison, every Länderprofil), and 2023's rate = BAMF's 51.7 %.
python3 "$SRC/tests/chart_set_figures.py" "$SRC" "$REL" > "$TMP/figures.out" 2>&1
sed 's/^/    /' "$TMP/figures.out" | grep -v '^    ok' || true
check "every re-based chart equals the independently computed figures ($(grep -c '^ok' "$TMP/figures.out") checks)" \
  test "$(grep -vc '^ok' "$TMP/figures.out")" = 0
check "protection tile says 2025" test "$(jq -r '[.charts[] | select(.id == "protection-rate") | .reference_period] | unique | .[]' "$REL/index.json")" = 2025
check "applications per year say 2025" test "$(jq -r '[.charts[] | select(.id == "applications-yearly") | .reference_period] | unique | .[]' "$REL/index.json")" = 2025
check "EU comparison says 2024" test "$(jq -r '[.charts[] | select(.id == "eu-applications-per-100k") | .reference_period] | unique | .[]' "$REL/index.json")" = 2024
check "10 country profiles" test "$(jq -r '[.charts[] | select(.id | startswith("country-profile-")) | .id] | unique | length' "$REL/index.json")" = 10
check "33 Länderprofile, one per reporting country" test "$(jq -r '[.charts[] | select(.id | startswith("laenderprofil-")) | .id] | unique | length' "$REL/index.json")" = 33
check "profile title names the country" \
  test "$(jq -r '.charts[] | select(.id == "country-profile-syr" and .lang == "en") | .title' "$REL/index.json")" = "Syria: asylum applications and decisions per year"
check "Länderprofil title names the country in German" \
  test "$(jq -r '.charts[] | select(.id == "laenderprofil-el" and .lang == "de") | .title' "$REL/index.json")" = "Länderprofil Griechenland: Asylantragsteller pro Jahr"

# The whole set, both languages: no overlapping or clipped text.
check "no chart reports a layout problem" test -z "$(jq -r '.charts[] | select(.problems != "") | .id' "$REL/index.json")"
# ... nor does its phone variant, which every chart of the set has.
check "every chart has a 640x800 phone variant" \
  test -z "$(jq -r '.charts[] | select(.narrow.width != 640 or .narrow.height != 800) | .id' "$REL/index.json")"
check "no phone variant reports a layout problem" \
  test -z "$(jq -r '.charts[] | select(.narrow.problems != "") | .id' "$REL/index.json")"
missing=$(jq -r '.charts[] | .id as $i | .lang as $l | [.files[].name] as $f |
  ("svg", "png", "@2x.png", "dark.svg") | "\($i).\($l).narrow\(if startswith("@") then "" else "." end)\(.)" |
  select(. as $n | $f | index($n) | not)' "$REL/index.json")
check "the manifest lists every phone variant's SVG, dark SVG and PNGs ($missing)" test -z "$missing"
check "a phone PNG is 640x800 at 1x" test "$("$PNG_SIZE" "$REL/country-profile-syr.de.narrow.png")" = "640 800"
check "and 1280x1600 at 2x" test "$("$PNG_SIZE" "$REL/country-profile-syr.de.narrow@2x.png")" = "1280 1600"
# Wrong references and tables are refused before anything runs, naming the place.
cp -r "$TMP/config" "$TMP/bad"
sed -i 's/"labels": "eurostat-country"/"labels": "eurostat-gao"/' "$TMP/bad/charts.d/eu-applications-per-100k.json"
msg=$("$BIN/migstatd" --check-config --config "$TMP/bad" 2>&1 || true)
check "an unknown label table names the spec and the field ($msg)" \
  grep -q 'eu-applications-per-100k.json: labels: expected the name of a table in labels/, got "eurostat-gao"' <<<"$msg"
cp "$TMP/config/charts.d/eu-applications-per-100k.json" "$TMP/bad/charts.d/"
sed -i 's/"475": {"de": "Syrien", "en": "Syria", "id": "syr"}/"475": {"de": "Syrien", "id": "syr"}/' "$TMP/bad/labels/bamf-citizenship.json"
line=$(grep -n '"475"' "$TMP/bad/labels/bamf-citizenship.json" | cut -d: -f1)
msg=$("$BIN/migstatd" --check-config --config "$TMP/bad" 2>&1 || true)
check "a label without English names file, line $line and code ($msg)" \
  grep -q "bamf-citizenship.json:$line:3: 475.en: expected a name" <<<"$msg"
# Every code the data uses needs a name: one missing is an error naming it.
for pair in "unhcr-origin:SYR" "eurostat-country:SY" "eurostat-country:EL"; do
  table=${pair%%:*} code=${pair##*:}
  rm -rf "$TMP/nolabel" && cp -r "$TMP/config" "$TMP/nolabel"
  jq --arg c "$code" 'del(.[$c])' "$TMP/config/labels/$table.json" > "$TMP/nolabel/labels/$table.json"
  msg=$("$BIN/migstatd" --once --config "$TMP/nolabel" --publish-dir "$TMP/nolabel-pub" 2>&1 || true)
  check "$table without \"$code\": the cycle fails naming the table and the code" \
    grep -q "\"$table\".*\"$code\"" <<<"$msg"
  check "  ... and publishes nothing" test ! -e "$TMP/nolabel-pub/current"
done
check "every PNG of the set decodes" bash -c 'for f in "$1"/*.png; do "$2" "$f" >/dev/null || exit 1; done' _ "$REL" "$PNG_SIZE"

# Charts are drawn on several threads: on one, the release is the same byte
# for byte (files, and the manifest but for the changes since `current`).
cp -r "$TMP/config" "$TMP/one"
printf '[Publish]\nRenderThreads=1\n' > "$TMP/one/migstat.conf.d/60-one-thread.conf"
check "one render thread publishes too" "$BIN/migstatd" --once --config "$TMP/one" --publish-dir "$TMP/pub1"
REL1=$TMP/pub1/$(readlink "$TMP/pub1/current")
hashes() { (cd "$1" && find . -type f ! -name index.json -print0 | sort -z | xargs -0 sha256sum); }
check "one and several render threads make the same files ($(hashes "$REL" | wc -l))" \
  cmp <(hashes "$REL") <(hashes "$REL1")
check "and the same manifest" cmp <(jq 'del(.changes, .release, .published)' "$REL/index.json") <(jq 'del(.changes, .release, .published)' "$REL1/index.json")
finish
