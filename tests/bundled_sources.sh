#!/usr/bin/env bash
# The default configuration reads every bundled table: `migstatd --once`
# lists each in the manifest (bytes, sha256) and still publishes the chart;
# `migstatctl inspect` detects the table kind and prints the published figures.
source "$(dirname "$0")/lib.sh"
make_config
PUB=$TMP/pub
check "migstatd --once succeeds" "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB"
IDX=$PUB/current/index.json
for id in eurostat-asylum-monthly bamf-applications-monthly deportations-yearly unhcr-applications \
          unhcr-decisions eurostat-applicants-annual worldbank-population; do
  check "manifest lists source $id" test "$(jq -r --arg id "$id" '.sources[] | select(.id == $id) | .bytes' "$IDX")" -gt 0
done
check "the chart is still published" test -s "$PUB/current/asylum-applications-monthly.de.svg"
# Figures as published (data/PROVENANCE.md): deportations 2023 = 16,430 (BMI);
# BAMF decisions Art. 16a, all origins, 2019-01 = 235.
check "inspect detects the table kind" bash -c "'$BIN/migstatctl' inspect '$SRC/data/deportations_yearly_de.csv' > '$TMP/dep.csv'"
check "deportations 2023" grep -qx 'DE,deportations,2023,16430,' "$TMP/dep.csv"
check "deportations 2024 (Bundestag printed paper 20/15103)" grep -qx 'DE,deportations,2024,20084,' "$TMP/dep.csv"
# The API-shaped snapshots are detected by their content, too.
check "inspect detects UNHCR pages" bash -c "'$BIN/migstatctl' inspect '$SRC/data/unhcr_asylum_decisions_DEU.json' > '$TMP/unhcr.csv'"
check "UNHCR: Afghanistan 2025, first instance, total decisions 53,169 (live-apis.md)" \
  grep -qx '2025,AFG,DEU,G,FI,P,dec_total,53169,' "$TMP/unhcr.csv"
check "inspect detects the World Bank answer" bash -c "'$BIN/migstatctl' inspect '$SRC/data/worldbank_population.json' > '$TMP/wb.csv'"
check "World Bank: Germany 2024" grep -q '^SP.POP.TOTL,DE,2024,[0-9]*,$' "$TMP/wb.csv"
check "inspect --kind table" bash -c "'$BIN/migstatctl' inspect --kind table '$SRC/data/bamf_decisions_monthly_de_2019-2021.csv' > '$TMP/dec.csv'"
check "BAMF Art. 16a 2019-01" grep -qx 'DE,TOTAL,decisions_asylum_art16a,2019-01,235,' "$TMP/dec.csv"
printf 'geo,period,value\nDE,2024,-3\n' > "$TMP/bad.csv"
check "a negative count is refused with file:line:col" bash -c \
  "! '$BIN/migstatctl' inspect '$TMP/bad.csv' 2>'$TMP/err' && grep -q 'bad.csv:2:9: column 3 (value): expected a count' '$TMP/err'"

# The shipped rules are on for every source (issue 18): expected dimensions
# and codes for each; totals where the published figures add up.  The
# Eurostat monthly source names required codes only: its seed (the bundled
# 5-dimension file) and the live API's answer (8 dimensions) differ in
# dimensions, and both must pass.
for f in "$SRC"/config/sources.d/*.json; do
  if [ "$(basename "$f")" = eurostat-asylum-monthly.json ]; then
    check "$(basename "$f"): validate names required codes" jq -e '.validate.required | length > 0' "$f"
    continue
  fi
  check "$(basename "$f"): validate names dimensions and required codes" \
    jq -e '(.validate.dims | length > 0) and (.validate.required | length > 0)' "$f"
done
# Each turned false once in a copy of the bundled data: the source fails
# naming the rule (--once exits 4: a source failed, its charts keep their
# last good files); the good data publishes again.
fails_with() { # fails_with FILE EXPECT_RE COMMAND...: COMMAND turns the bundled FILE (stdin) bad (stdout)
  local f=$1 expect=$2 rc=0
  shift 2
  "$@" < "$SRC/data/$f" > "$TMP/data/$f"
  "$BIN/migstatd" --once --force --config "$TMP/config" --publish-dir "$PUB" > "$TMP/out" 2>&1 || rc=$?
  cp "$SRC/data/$f" "$TMP/data/$f"
  [ "$rc" = 4 ] || { echo "    exit $rc"; return 1; }
  grep -Eq -- "$expect" "$TMP/out" || { echo "    got: $(grep error "$TMP/out" | head -n 2)"; return 1; }
}
check "UNHCR decisions whose outcomes do not add up to the total fail" fails_with unhcr_asylum_decisions_DEU.json \
  'source unhcr-decisions: validation failed, not publishing: totals: year=2000, coo_iso=AFG, .*measure=dec_total: the parts sum to 3444, the total is 3344' \
  jq -c '.[0].items[0].dec_recognized += 100'
check "BAMF first-time plus subsequent not the total fail" fails_with bamf_applications_monthly_de.csv \
  'source bamf-applications-monthly: validation failed, not publishing: totals: .*measure=applications_total' \
  awk -F, -v OFS=, 'NR > 1 && $4 == "applications_first" && !done { $6 += 1000; done = 1 } 1'
check "BAMF without its total fails" fails_with bamf_applications_monthly_de.csv \
  'source bamf-applications-monthly: validation failed, not publishing: required: expected the category measure=applications_total' \
  grep -v ',applications_total,'
check "the good data publishes again" "$BIN/migstatd" --once --force --config "$TMP/config" --publish-dir "$PUB"
finish
