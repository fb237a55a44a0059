#!/usr/bin/env bash
# Bad input: a source file with a size that does not match its values, a
# dimension listed in "id" but not described, or truncated JSON makes the
# cycle fail with an error that names the file, where in it and what was
# expected, and the published release stays exactly as it was.
source "$(dirname "$0")/lib.sh"
make_config
PUB=$TMP/pub
DATA=$TMP/data/asylum_applications_monthly.json
cp "$DATA" "$TMP/good.json"

check "a first good release is published" "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" >/dev/null
before=$(readlink "$PUB/current")
(cd "$PUB" && find . -type f -exec sha256sum {} + | sort) > "$TMP/before.sums"

# case name | how to break the file | expected text in the error
run_case() {
  local name=$1 expect=$2
  local out=$TMP/$name.err
  if "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$PUB" >/dev/null 2>"$out"; then
    fail "$name: migstatd should fail"
  else
    ok "$name: migstatd fails"
  fi
  check "$name: error names the file" grep -q "asylum_applications_monthly.json" "$out"
  check "$name: error says where and what ($expect)" grep -Eq -- "$expect" "$out"
  check "$name: current unchanged" test "$(readlink "$PUB/current")" = "$before"
  (cd "$PUB" && find . -type f -exec sha256sum {} + | sort) > "$TMP/after.sums"
  check "$name: published files unchanged" cmp -s "$TMP/before.sums" "$TMP/after.sums"
  check "$name: no staging left" test -z "$(find "$PUB" -name '.staging-*')"
  sed 's/^/    /' "$out"
}

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
check "the good file is accepted again: same charts as published, exit 3 (unchanged)" test "$rc" = 3
finish
