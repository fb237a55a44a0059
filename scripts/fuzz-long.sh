#!/usr/bin/env bash
# Run every libFuzzer target long in the clang build (scripts/setup.sh --fuzz),
# JOBS targets at a time (nice'd), each with its dictionary:
#
#   scripts/fuzz-long.sh [--merge] [SECONDS_PER_TARGET] [TARGET...]
#        (default 600 s, all targets; JOBS=2 in the environment)
#
# Targets: table eurostat-tsv jsonstat unhcr worldbank spec ini protocol
# source-config (the 9 of tests/CMakeLists.txt).
# New inputs go to build-fuzz/tests/fuzz-corpus/<name>/ (kept between runs);
# crashes to build-fuzz/fuzz-artifacts/<name>-crash-*, logs beside them.
# Prints per target the executions, the rate, coverage (cov: edges, ft:
# features), the corpus and the result, as a table for README's Robustness
# section; exits non-zero if any target found something (reproduce with
# build-fuzz/tests/fuzz_<name> <artifact>; add the input to
# tests/fuzz/corpus/<name>/ as regress-<what>.<ext> and a row to
# tests/test_json_shapes.c).
#
# --merge: afterwards add to tests/fuzz/corpus/<name>/ only the new inputs
# that reach coverage the kept corpus does not (libFuzzer -merge=1); named
# seeds stay as they are.
set -uo pipefail
cd "$(dirname "$0")/.."
MERGE=0
if [ "${1:-}" = "--merge" ]; then
  MERGE=1
  shift
fi
SECS=${1:-600}
shift || true
JOBS=${JOBS:-2}
ALL=(table eurostat-tsv jsonstat unhcr worldbank spec ini protocol source-config)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL[@]}")
[ -d build-fuzz ] || scripts/setup.sh --fuzz
nice cmake --build build-fuzz -j2 >/dev/null || exit 1
ART=build-fuzz/fuzz-artifacts
mkdir -p "$ART"

run_one() {
  local t=$1 bin=build-fuzz/tests/fuzz_${1//-/_} corpus=build-fuzz/tests/fuzz-corpus/$1
  mkdir -p "$corpus"
  nice "$bin" -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -dict=build-fuzz/tests/fuzz-dict/"$t".dict -artifact_prefix="$ART/$t-" \
    "$corpus" "tests/fuzz/corpus/$t" >"$ART/$t.log" 2>&1
  echo $? >"$ART/$t.rc"
}

# At most JOBS targets at once; wait -n frees a slot as soon as one ends.
running=0
for t in "${TARGETS[@]}"; do
  [ -x "build-fuzz/tests/fuzz_${t//-/_}" ] || { echo "fuzz-long: no target $t" >&2; exit 2; }
  if [ "$running" -ge "$JOBS" ]; then
    wait -n
    running=$((running - 1))
  fi
  run_one "$t" &
  running=$((running + 1))
done
wait

status=0
printf '%-14s %6s %12s %8s %6s %7s %7s  %s\n' target seconds executions exec/s cov ft corpus result
for t in "${TARGETS[@]}"; do
  log=$ART/$t.log
  rc=$(cat "$ART/$t.rc" 2>/dev/null || echo '?')
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$')
  rate=$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -Eo '[0-9]+$')
  last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+' <<<"$last" | grep -Eo '[0-9]+')
  ft=$(grep -Eo 'ft: [0-9]+' <<<"$last" | grep -Eo '[0-9]+')
  result="no finding"
  if [ "$rc" != 0 ]; then
    result="FOUND (exit $rc): $(ls "$ART/$t"-* 2>/dev/null | grep -v '\.log$\|\.rc$' | head -1), see $log"
    status=1
  fi
  printf '%-14s %6s %12s %8s %6s %7s %7s  %s\n' "$t" "$SECS" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
    "$(find "build-fuzz/tests/fuzz-corpus/$t" -type f | wc -l)" "$result"
done

if [ "$MERGE" = 1 ]; then
  for t in "${TARGETS[@]}"; do
    before=$(find "tests/fuzz/corpus/$t" -type f | wc -l)
    nice "build-fuzz/tests/fuzz_${t//-/_}" -merge=1 -rss_limit_mb=2048 -timeout=10 \
      "tests/fuzz/corpus/$t" "build-fuzz/tests/fuzz-corpus/$t" >"$ART/$t.merge.log" 2>&1 || status=1
    printf 'merged %-14s %4d -> %4d files, %s\n' "$t" "$before" "$(find "tests/fuzz/corpus/$t" -type f | wc -l)" \
      "$(du -sh --apparent-size "tests/fuzz/corpus/$t" | cut -f1)"
  done
fi
exit $status
