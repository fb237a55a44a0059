#!/usr/bin/env bash
# The bundle is what scripts/build-bundle.py makes from the collected CSVs in
# data/sources/ (issue 14), byte for byte, and the label tables what
# scripts/build-labels.py makes from the bundle; no hand edits.
source "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/data" "$TMP/labels"
check "build-bundle.py runs" python3 "$SRC/scripts/build-bundle.py" --sources "$SRC/data/sources" --out "$TMP/data"
for f in unhcr_asylum_applications_DEU.json unhcr_asylum_decisions_DEU.json eurostat_migr_asyappctza.json \
         worldbank_population.json; do
  check "data/$f is exactly what the script makes" cmp "$TMP/data/$f" "$SRC/data/$f"
done
check "build-labels.py runs" python3 "$SRC/scripts/build-labels.py" --data "$SRC/data" --out "$TMP/labels"
for f in eurostat-country.json unhcr-origin.json; do
  check "config/labels/$f is exactly what the script makes" cmp "$TMP/labels/$f" "$SRC/config/labels/$f"
done
# The collected CSVs are the ones PROVENANCE.md names (the copies in
# ../shared when this tree has them).
for f in "$SRC"/data/sources/*.csv; do
  shared=$SRC/../shared/data/recent/$(basename "$f")
  [ -e "$shared" ] && check "data/sources/$(basename "$f") is the collected file" cmp "$f" "$shared"
done
# A changed input changes the output: the comparison can fail.
cp -r "$SRC/data/sources" "$TMP/changed"
sed -i '2s/,\([0-9]*\)$/,9\1/' "$TMP/changed/unhcr_asylum_decisions_DEU.csv"
python3 "$SRC/scripts/build-bundle.py" --sources "$TMP/changed" --out "$TMP/data" >/dev/null
check "one changed value in a CSV changes the bundle" bash -c "! cmp -s '$TMP/data/unhcr_asylum_decisions_DEU.json' '$SRC/data/unhcr_asylum_decisions_DEU.json'"
# A bad input is an error naming the file and line.
sed -i '3s/,[0-9]*$/,x/' "$TMP/changed/unhcr_asylum_decisions_DEU.csv"
msg=$(python3 "$SRC/scripts/build-bundle.py" --sources "$TMP/changed" --out "$TMP/data" 2>&1 || true)
check "a count that is no number names file and line ($msg)" grep -q 'unhcr_asylum_decisions_DEU.csv:3: dec_total: expected a whole number' <<<"$msg"
# The parsers read every bundled file (the daemon's kinds).
check "the UNHCR pages parse (unhcr), 5,818 records" \
  test "$("$BIN/migstatctl" inspect --kind unhcr "$SRC/data/unhcr_asylum_decisions_DEU.json" | awk -F, '$7 == "dec_total" && $8 != ""' | wc -l)" = 5818
check "Eurostat's JSON-stat parses (jsonstat), 43,896 values" \
  test "$("$BIN/migstatctl" inspect --kind jsonstat "$SRC/data/eurostat_migr_asyappctza.json" | awk -F, 'NR > 1 && $9 != ""' | wc -l)" = 43896
check "the World Bank answer parses (worldbank), 33 countries x 14 years" \
  test "$("$BIN/migstatctl" inspect --kind worldbank "$SRC/data/worldbank_population.json" | tail -n +2 | wc -l)" = 462
finish
