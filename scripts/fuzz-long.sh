#!/usr/bin/env bash
# Run every libFuzzer target long, one after the other, in the clang build
# (scripts/setup.sh --fuzz):
#
#   scripts/fuzz-long.sh [SECONDS_PER_TARGET] [TARGET...]    (default 600 s, all)
#
# New inputs go to build-fuzz/tests/fuzz-corpus/<name>/ (kept between runs);
# crashes to build-fuzz/fuzz-artifacts/.  Prints per target the executions,
# the corpus size and the result; exits non-zero if any target found a crash
# (reproduce with build-fuzz/tests/fuzz_<name> <artifact>; add the fixed
# input to tests/fuzz/corpus/<name>/ as a regression seed).
set -uo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-600}
shift || true
[ -d build-fuzz ] || scripts/setup.sh --fuzz
cmake --build build-fuzz -j2 >/dev/null || exit 1
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(table eurostat-tsv jsonstat unhcr spec ini protocol)
mkdir -p build-fuzz/fuzz-artifacts
status=0
for t in "${TARGETS[@]}"; do
  bin=build-fuzz/tests/fuzz_${t//-/_}
  corpus=build-fuzz/tests/fuzz-corpus/$t
  mkdir -p "$corpus"
  log=build-fuzz/fuzz-artifacts/$t.log
  "$bin" -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/fuzz-artifacts/"$t"- "$corpus" "tests/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$')
  result=ok
  [ $rc -eq 0 ] || { result="FOUND (exit $rc, see $log)"; status=1; }
  printf '%-13s %5d s  %10s executions  %5d corpus files  %s\n' "$t" "$SECS" "${execs:-?}" \
    "$(find "$corpus" -type f | wc -l)" "$result"
done
exit $status
