#!/usr/bin/env bash
# Only what changed is drawn (issue 15): a cycle in which nothing changed
# draws no chart; one in which one source changed draws only the charts
# that read it and carries the others' files over by hard link (same
# inode); a changed chart spec, --force, or a carried file altered by hand
# in the current release makes the charts be drawn anew.  The changing
# source is the deportations table, which gains its newest real year (the
# first release is made from the table without its last row).
source "$(dirname "$0")/lib.sh"
make_config asylum-applications-monthly applications-yearly deportations-yearly
PUB=$TMP/pub
DEP=$TMP/data/deportations_yearly_de.csv
cp "$DEP" "$TMP/dep.full"
head -n -1 "$TMP/dep.full" > "$DEP"
once() { "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" "$@" 2>"$TMP/last.err" >/dev/null; }
planned() { grep -Eo 'charts: [0-9]+ to draw, [0-9]+ carried over unchanged' "$TMP/last.err"; }
ino() { stat -c %i "$PUB/current/$1"; }

check "the first release" once
M=$(ino asylum-applications-monthly.de.png) Y=$(ino applications-yearly.en@2x.png) D=$(ino deportations-yearly.de.png)
MJ=$(ino data/eurostat-asylum-monthly.json)
check "nothing changed: exit 3 (unchanged)" test_rc 3 once
check "nothing changed: no chart is drawn ($(planned))" test "$(planned)" = "charts: 0 to draw, 3 carried over unchanged"

cp "$TMP/dep.full" "$DEP"
check "one source changed: published" once
check "one source changed: only its chart is drawn ($(planned))" test "$(planned)" = "charts: 1 to draw, 2 carried over unchanged"
check "the other charts' files are the same inodes" test "$(ino asylum-applications-monthly.de.png)" = "$M" -a \
  "$(ino applications-yearly.en@2x.png)" = "$Y"
check "the changed source's chart is new" test "$(ino deportations-yearly.de.png)" != "$D"
check "an unchanged source's data file, written anew, is the same inode" test "$(ino data/eurostat-asylum-monthly.json)" = "$MJ"
check "... and no temporary link is left" test -z "$(find "$PUB/releases" -name '.*.link')"
IFS=, read -r _ _ year value _ < <(tail -n 1 "$TMP/dep.full")
check "its CSV has the new year ($year: $value)" grep -q "^$year,.*,$value," "$PUB/current/deportations-yearly.data.csv"
check "the manifest lists what each chart was drawn from" \
  jq -e '[.charts[] | .inputs | test("^[0-9a-f]{64}$")] | all' "$PUB/current/index.json"
check "carried files verify" manifest_verifies "$PUB/current"

# A file of the current release altered by hand is not carried: its chart is drawn anew.
rel=$(readlink -f "$PUB/current")
chmod u+w "$rel/applications-yearly.de.svg" 2>/dev/null || true
printf 'tampered' > "$TMP/t" && cp "$TMP/t" "$rel/applications-yearly.de.svg.new" && mv "$rel/applications-yearly.de.svg.new" "$rel/applications-yearly.de.svg"
check "a tampered file: published" once
check "a tampered file: its chart is drawn anew ($(planned))" test "$(planned)" = "charts: 1 to draw, 2 carried over unchanged"
check "a tampered file: the new release has the real SVG" grep -q '<svg' "$PUB/current/applications-yearly.de.svg"

# A changed chart spec (any configuration a chart is drawn with) draws every chart anew.
spec=$TMP/config/charts.d/applications-yearly.json
jq '.title.en += " "' "$spec" > "$TMP/spec" && mv "$TMP/spec" "$spec"
check "a changed spec: published" once
check "a changed spec: every chart is drawn ($(planned))" test "$(planned)" = "charts: 3 to draw, 0 carried over unchanged"
# So does a changed font configuration (its text is part of what charts are drawn with).
check "unchanged again: nothing drawn" test_rc 3 once
printf '<!-- a local change -->\n' >> "$TMP/config/fonts.conf"
check "a changed fonts.conf: the same fonts draw the same files (exit 3)" test_rc 3 once
check "a changed fonts.conf: every chart is drawn ($(planned))" test "$(planned)" = "charts: 3 to draw, 0 carried over unchanged"
check "--force draws every chart" once --force
check "--force: $(planned)" test "$(planned)" = "charts: 3 to draw, 0 carried over unchanged"
finish
