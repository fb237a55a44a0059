#!/usr/bin/env bash
# End to end: `migstatd --once` on the default configuration and the bundled
# real data publishes a complete release, whose chart numbers equal the
# source's, and which a second run reproduces byte for byte.
source "$(dirname "$0")/lib.sh"
make_config
PUB=$TMP/pub
CHART=asylum-applications-monthly

check "migstatd --once succeeds" "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB"
check "current is a symlink" test -L "$PUB/current"
target=$(readlink "$PUB/current")
check "current points at releases/<UTC time>-<hash> ($target)" \
  grep -Eq '^releases/[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$' <<<"$target"
REL=$PUB/$target
for lang in de en; do
  for f in "$CHART.$lang.svg" "$CHART.$lang.png" "$CHART.$lang@2x.png" "$CHART.$lang.csv"; do
    check "release holds $f" test -s "$REL/$f"
  done
  check "$lang PNG decodes at 1200x675" test "$("$PNG_SIZE" "$REL/$CHART.$lang.png")" = "1200 675"
  check "$lang @2x PNG decodes at 2400x1350" test "$("$PNG_SIZE" "$REL/$CHART.$lang@2x.png")" = "2400 1350"
  svg=$REL/$CHART.$lang.svg
  check "$lang SVG is well-formed XML" xmllint --noout "$svg"
  check "$lang SVG has role=img" test "$(xmllint --xpath 'string(/*[local-name()="svg"]/@role)' "$svg")" = img
  check "$lang SVG has a <title>" test -n "$(xmllint --xpath 'string(/*[local-name()="svg"]/*[local-name()="title"])' "$svg")"
  check "$lang SVG has a <desc>" test -n "$(xmllint --xpath 'string(/*[local-name()="svg"]/*[local-name()="desc"])' "$svg")"
  # The plotted numbers are the source's: the last 25 months for Germany in
  # the independent CSV form of the same Eurostat extract.
  grep '^DE,TOTAL,ASY_APP,' "$SRC/data/asylum_applications_monthly.csv" | tail -n 25 | cut -d, -f4,5 > "$TMP/expected.$lang"
  tail -n +2 <(comma_csv "$REL/$CHART.$lang.csv") | awk -F, '{print $1 "," $(NF-1)}' > "$TMP/actual.$lang"
  check "$lang CSV holds the source's 25 months" cmp "$TMP/expected.$lang" "$TMP/actual.$lang"
done
# The deportations chart plots the curated table's figures, every year.
for lang in de en; do
  tail -n +2 "$SRC/data/deportations_yearly_de.csv" | cut -d, -f3,4 > "$TMP/dep.expected"
  tail -n +2 <(comma_csv "$REL/deportations-yearly.$lang.csv") | awk -F, '{print $1 "," $(NF-1)}' > "$TMP/dep.actual"
  check "$lang deportations CSV equals the curated table" cmp "$TMP/dep.expected" "$TMP/dep.actual"
  check "$lang deportations PNG decodes at 1200x675" test "$("$PNG_SIZE" "$REL/deportations-yearly.$lang.png")" = "1200 675"
done
# Protection rates: 2023 is BAMF's published 51.7 % (UNHCR's first-instance
# levels, recomputed in tests/chart_set_figures.py too).
got=$(awk -F, 'NR > 1 && $2 == "2023" { printf "%.1f", $(NF-1); exit }' "$REL/protection-rates-yearly.data.csv")
check "Gesamtschutzquote 2023 = BAMF's 51.7 % (chart: $got)" test "$got" = 51.7
# EU comparison: Germany's rate recomputed here from the two bundled API
# answers (Eurostat JSON-stat summed over citizenship and sex; World Bank).
apps=$(python3 - "$SRC/data/eurostat_migr_asyappctza.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ids, sizes, dims = d["id"], d["size"], d["dimension"]
geo = dims["geo"]["category"]["index"]["DE"]
time = dims["time"]["category"]["index"]["2024"]
total = 0
for k, v in d["value"].items():
    off, pos = int(k), {}
    for i, s in zip(reversed(ids), reversed(sizes)):
        pos[i] = off % s
        off //= s
    if pos["geo"] == geo and pos["time"] == time:
        total += v
print(int(total))
PY
)
pop=$(jq '.[1][] | select(.country.id == "DE" and .date == "2024") | .value' "$SRC/data/worldbank_population.json")
want=$(awk -v a="$apps" -v p="$pop" 'BEGIN { printf "%.6f", a / p * 100000 }')
got=$(awk -F, '$1 == "DE" { printf "%.6f", $(NF-1) }' "$REL/eu-applications-per-100k.data.csv")
check "EU comparison: DE 2024 = $apps / $pop * 100000 = $want (chart: $got)" test "$want" = "$got"
check "Eurostat's German total for 2024 is 250,570 (data/PROVENANCE.md)" test "$apps" = 250570
check "EU comparison says its year" test "$(jq -r '[.charts[] | select(.id == "eu-applications-per-100k") | .reference_period] | unique | .[]' "$REL/index.json")" = 2024
check "index.json is valid JSON" jq -e . "$REL/index.json" >/dev/null
check "manifest lists the chart's 34 files (per language SVG, dark SVG, PNG 1x and 2x, the same for phones, CSV, PDF, share PNG, 4 snippets and the page; the chart's data CSV in both)" test "$(jq --arg c "$CHART" '[.charts[] | select(.id == $c) | .files[]] | length' "$REL/index.json")" = 34
check "the manifest names its release" test "$(jq -r .release "$REL/index.json")" = "$(basename "$REL")"
check "and when it was published (the time in the release's name)" \
  test "$(jq -r .published "$REL/index.json" | tr -d ':-')" = "$(basename "$REL" | cut -d- -f1)"
check "the manifest holds no server path (no file://, no $TMP)" \
  bash -c '! grep -qE "file://|$1" "$2"' _ "$TMP" "$REL/index.json"
check "a local source is named by its file name" \
  test "$(jq -r '[.sources[] | select(.url == null) | .file | test("^[^/]+$")] | all' "$REL/index.json")" = true
check "manifest checksums verify" manifest_verifies "$REL"
check "Stand is the data's last month" test "$(jq -r --arg c "$CHART" '[.charts[] | select(.id == $c) | .reference_period] | unique | .[]' "$REL/index.json")" = 2019-04
check "no staging directory is left" test -z "$(find "$PUB" -name '.staging-*' -o -name '.current-*')"

# Same data, same bytes: a second publish directory gets identical files.
check "second run succeeds" "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$TMP/pub2"
REL2=$TMP/pub2/$(readlink "$TMP/pub2/current")
check "second run is byte-identical (but the manifest's release and time)" diff -r -x index.json "$REL" "$REL2"
check "and its manifest differs only in release and published" \
  cmp <(jq 'del(.release, .published)' "$REL/index.json") <(jq 'del(.release, .published)' "$REL2/index.json")
finish
