#!/usr/bin/env bash
# The rest of the default chart set (issue 6): every chart's CSV holds the
# numbers recomputed here with awk from the bundled source tables, labels
# are names from the label tables in both languages, for_each makes one
# profile per top-10 citizenship, and no chart reports a layout problem.
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
DEC=$TMP/dec.csv
blank_labels "$SRC/data/bamf_applications_monthly_de.csv" > "$APPS"
blank_labels "$SRC/data/bamf_decisions_monthly_de_2019-2021.csv" > "$DEC"
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

# 5. Protection rates for 2019 (the latest year with a total for every month).
rates=$(awk -F, 'NR > 1 && $2 == "TOTAL" && substr($5, 1, 4) == "2019" { v[$4] += $6 }
  END { p = v["decisions_asylum_art16a"] + v["decisions_refugee_par3"] + v["decisions_subsidiary_par4"] + v["decisions_deportation_ban_par60"];
        printf "%.6f %.6f", p / v["decisions_total"] * 100, p / (v["decisions_total"] - v["decisions_formal"]) * 100 }' "$DEC")
got=$(tail -n +2 "$REL/protection-rate.data.csv" | awk -F, '$2 == "2019" { printf "%s%.6f", sep, $(NF-1); sep = " " }')
check "protection rates 2019 = $rates (chart: $got)" test "$rates" = "$got"
check "protection tile says 2019" test "$(jq -r '[.charts[] | select(.id == "protection-rate") | .reference_period] | unique | .[]' "$REL/index.json")" = 2019

# 4. Decisions by outcome per quarter: each quarter is the sum of BAMF's
# three monthly totals; a quarter with a month without a published total is
# empty, not filled.
quarter_sums() { # measure -> "YYYY-Qn,sum" for every quarter, empty unless 3 months
  awk -F, -v m="$1" '$2 == "TOTAL" && $4 == m && $6 != "" {
      q = substr($5, 1, 4) "-Q" int((substr($5, 6, 2) - 1) / 3) + 1; s[q] += $6; n[q]++ }
    END { for (q in s) print q "," (n[q] == 3 ? s[q] : "") }' "$DEC" | sort
}
for lang in de en; do
  csv=$TMP/decisions-by-outcome.$lang.csv; comma_csv "$REL/decisions-by-outcome.$lang.csv" > "$csv"
  n=1
  for m in decisions_asylum_art16a decisions_refugee_par3 decisions_subsidiary_par4 decisions_deportation_ban_par60 decisions_rejected decisions_formal; do
    series=$(tail -n +2 "$csv" | cut -d, -f1 | awk '!seen[$0]++' | sed -n "${n}p")
    series_values "$csv" "$series" > "$TMP/out.actual"
    quarter_sums "$m" > "$TMP/out.expected"
    check "$lang outcome $m ($series) per quarter equals the sums of BAMF's monthly totals" cmp "$TMP/out.expected" "$TMP/out.actual"
    n=$((n + 1))
  done
  check "$lang outcome chart: 2019-Q1 to 2021-Q4, 2020-Q4 (no November total) and 2021-Q4 (ends in November) empty" \
    test "$(tail -n +2 "$csv" | awk -F, 'NR <= 12 {print $2}' | sed -n '1p;12p' | tr '\n' ' ')$(awk -F, '($2 == "2020-Q4" || $2 == "2021-Q4") && $(NF-1) != ""' "$csv" | wc -l)" = "2019-Q1 2021-Q4 0"
done

# 2. Applicants per year, stacked: first-time applicants are Eurostat's FRST;
# the part on top is ASY_APP - FRST, so each column adds up to ASY_APP.
for lang in de en; do
  csv=$TMP/applications-yearly.$lang.csv; comma_csv "$REL/applications-yearly.$lang.csv" > "$csv"
  first=$(tail -n +2 "$csv" | cut -d, -f1 | awk '!seen[$0]++' | sed -n 1p)
  rest=$(tail -n +2 "$csv" | cut -d, -f1 | awk '!seen[$0]++' | sed -n 2p)
  grep "^DE,TOTAL,,FRST," "$SRC/data/asylum_applications_annual.csv" | cut -d, -f5,6 > "$TMP/ya.frst"
  grep "^DE,TOTAL,,ASY_APP," "$SRC/data/asylum_applications_annual.csv" | cut -d, -f5,6 > "$TMP/ya.all"
  series_values "$csv" "$first" > "$TMP/ya.actual"
  check "$lang first-time applicants per year ($first) equal migr_asyappctza FRST" cmp "$TMP/ya.frst" "$TMP/ya.actual"
  join -t, "$TMP/ya.all" "$TMP/ya.frst" | awk -F, '{print $1 "," $2 - $3}' > "$TMP/ya.expected"
  series_values "$csv" "$rest" > "$TMP/ya.actual"
  check "$lang the rest ($rest) is ASY_APP - FRST, year by year" cmp "$TMP/ya.expected" "$TMP/ya.actual"
  total=$(jq -r --arg l "$lang" '.charts[] | select(.id == "applications-yearly" and .lang == $l) | .alt' "$REL/index.json")
  want=$(grep "^DE,TOTAL,,ASY_APP,2016," "$SRC/data/asylum_applications_annual.csv" | cut -d, -f6)
  sep=.; word=zusammen; [ "$lang" = en ] && sep=, && word=together
  check "$lang alt text gives 2016's total, ASY_APP ($want)" grep -qF "$word ${want:0:3}$sep${want:3}." <<<"$total"
done

# 9. Country profiles: one per top-10 citizenship of the latest month, named
# by the label table's id; each panel equals the source's last 24 months.
cut -d, -f1 "$TMP/top.expected" | while read -r code; do
  jq -r --arg c "$code" '.[$c].id' "$LABELS"
done | sort > "$TMP/prof.expected"
jq -r '[.charts[] | select(.id | startswith("country-profile-")) | .id | sub("^country-profile-"; "")] | unique | .[]' \
  "$REL/index.json" | sort > "$TMP/prof.actual"
check "10 country profiles, one per top-10 citizenship" cmp "$TMP/prof.expected" "$TMP/prof.actual"
code=475 # Syria: applications and one decision outcome, recomputed
for lang in de en; do
  csv=$TMP/country-profile-syr.$lang.csv; comma_csv "$REL/country-profile-syr.$lang.csv" > "$csv"
  first=$(tail -n +2 "$csv" | cut -d, -f1 | awk '!seen[$0]++' | sed -n 1p)
  awk -F, -v c=$code 'NR > 1 && $2 == c && $4 == "applications_first" {print $5 "," $6}' "$APPS" | sort | tail -n 24 > "$TMP/p.expected"
  series_values "$csv" "$first" > "$TMP/p.actual"
  check "$lang Syria profile: first-time applications equal the BAMF table" cmp "$TMP/p.expected" "$TMP/p.actual"
  rej=$(tail -n +2 "$csv" | cut -d, -f1 | awk '!seen[$0]++' | sed -n 5p)
  awk -F, -v c=$code 'NR > 1 && $2 == c && $4 == "decisions_rejected" {print $5 "," $6}' "$DEC" | sort | tail -n 24 > "$TMP/p.expected"
  series_values "$csv" "$rej" > "$TMP/p.actual"
  check "$lang Syria profile: rejections ($rej) equal the BAMF table" cmp "$TMP/p.expected" "$TMP/p.actual"
done
check "profile title names the country" \
  test "$(jq -r '.charts[] | select(.id == "country-profile-syr" and .lang == "en") | .title' "$REL/index.json")" = "Syria: asylum applications and decisions per month"

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
sed -i 's/"labels": "eurostat-geo"/"labels": "eurostat-gao"/' "$TMP/bad/charts.d/eu-applications-per-100k.json"
msg=$("$BIN/migstatd" --check-config --config "$TMP/bad" 2>&1 || true)
check "an unknown label table names the spec and the field ($msg)" \
  grep -q 'eu-applications-per-100k.json: labels: expected the name of a table in labels/, got "eurostat-gao"' <<<"$msg"
cp "$TMP/config/charts.d/eu-applications-per-100k.json" "$TMP/bad/charts.d/"
sed -i 's/"475": {"de": "Syrien", "en": "Syria", "id": "syr"}/"475": {"de": "Syrien", "id": "syr"}/' "$TMP/bad/labels/bamf-citizenship.json"
line=$(grep -n '"475"' "$TMP/bad/labels/bamf-citizenship.json" | cut -d: -f1)
msg=$("$BIN/migstatd" --check-config --config "$TMP/bad" 2>&1 || true)
check "a label without English names file, line $line and code ($msg)" \
  grep -q "bamf-citizenship.json:$line:3: 475.en: expected a name" <<<"$msg"
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
