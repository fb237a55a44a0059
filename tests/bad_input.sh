#!/usr/bin/env bash
# Bad input: a source file with a size that does not match its values, a
# dimension listed in "id" but not described, or truncated JSON fails that
# source with an error that names the file, where in it and what was
# expected (--once exits 4); its chart keeps the files it had, marked
# stale, the other charts are published, and no published file changes.
# A chart spec the data cannot serve fails the cycle (exit 1).
source "$(dirname "$0")/lib.sh"
make_config
PUB=$TMP/pub
DATA=$TMP/data/asylum_applications_monthly.json
cp "$DATA" "$TMP/good.json"

check "a first good release is published" "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" >/dev/null
before=$(readlink "$PUB/current")
(cd "$PUB" && find . -type f -exec sha256sum {} + | sort) > "$TMP/before.sums"

# case name | how to break the file | expected text in the error
# The chart files of a release (not its manifest, gallery or data tables).
chart_sums() { (cd "$1" && find . -maxdepth 1 -type f ! -name 'index.*' -exec sha256sum {} + | sort); }
chart_sums "$PUB/current" > "$TMP/before.charts"
run_case() {
  local name=$1 expect=$2
  local out=$TMP/$name.err rc=0
  "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" >/dev/null 2>"$out" || rc=$?
  check "$name: migstatd says the source failed (exit 4, got $rc)" test "$rc" = 4
  check "$name: error names the file" grep -q "asylum_applications_monthly.json" "$out"
  check "$name: error says where and what ($expect)" grep -Eq -- "$expect" "$out"
  (cd "$PUB/releases/$(basename "$before")" && find . -type f -exec sha256sum {} + | sort) > "$TMP/after.sums"
  check "$name: the first release is untouched" cmp -s "$TMP/before.release" "$TMP/after.sums"
  check "$name: every chart file is as it was" cmp -s "$TMP/before.charts" <(chart_sums "$PUB/current")
  check "$name: its chart is marked stale" jq -e \
    '[.charts[] | select(.id == "asylum-applications-monthly") | .stale.source] | unique == ["eurostat-asylum-monthly"]' \
    "$PUB/current/index.json"
  check "$name: no staging left" test -z "$(find "$PUB" -name '.staging-*')"
  sed 's/^/    /' "$out"
}
(cd "$PUB/releases/$(basename "$before")" && find . -type f -exec sha256sum {} + | sort) > "$TMP/before.release"

jq -c '.value |= .[1:]' "$TMP/good.json" > "$DATA"
run_case size-vs-values 'value: expected 2992 values.*got 2991'

jq -c '.size[4] = 87' "$TMP/good.json" > "$DATA"
run_case size-vs-categories 'dimension\.time\.category\.index: expected 87 categories.*got 88'

jq -c '.id[3] = "region"' "$TMP/good.json" > "$DATA"
run_case unknown-dimension 'dimension\.region'

head -c 9000 "$TMP/good.json" > "$DATA"
run_case truncated-json 'json:[0-9]+:[0-9]+: .*expected'

cp "$TMP/good.json" "$DATA"

# A chart asking for a dimension or a measure step the data does not have:
# the error names the chart and the spec field, and nothing changes.
(cd "$PUB" && find . -type f -exec sha256sum {} + | sort) > "$TMP/before.sums"
spec=$TMP/config/charts.d/protection-rates-yearly.json
cp "$spec" "$TMP/spec.json"
for c in 'select.series=.series = "outcome"' 'select.measure=.measure = "annual|nosuchstep"'; do
  field=${c%%=*} edit=${c#*=}
  jq ".select$edit" "$TMP/spec.json" > "$spec"
  if "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" >/dev/null 2>"$TMP/spec.err"; then
    fail "$field: migstatd should fail"
  else
    ok "$field: migstatd fails"
  fi
  check "$field: error names the chart and $field" grep -q "chart protection-rates-yearly.*$field" "$TMP/spec.err"
  (cd "$PUB" && find . -type f -exec sha256sum {} + | sort) > "$TMP/after.sums"
  check "$field: published files unchanged" cmp -s "$TMP/before.sums" "$TMP/after.sums"
  sed 's/^/    /' "$TMP/spec.err"
done
cp "$TMP/spec.json" "$spec"
rc=0; "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" >/dev/null || rc=$?
check "the good file is accepted again: published (exit 0, the stale mark goes)" test "$rc" = 0
check "the same chart files as the first release" cmp -s "$TMP/before.charts" <(chart_sums "$PUB/current")
check "no chart is stale" jq -e '[.charts[] | select(.stale != null)] | length == 0' "$PUB/current/index.json"
finish
