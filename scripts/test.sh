#!/usr/bin/env bash
# Set up, build Release with gcc and clang as a packager would, then run
# the whole test suite twice: in the release build and in
# the AddressSanitizer + UndefinedBehaviorSanitizer build; then every libFuzzer
# target for a bounded time in the clang build (build-fuzz/).  Exits non-zero
# on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/setup.sh --asan
scripts/setup.sh --fuzz
# A packager's Release builds (Debian's flags, no -Werror) must succeed with
# gcc and clang; in CI a warning there fails too.
scripts/build-release.sh gcc --no-warnings
scripts/build-release.sh clang --no-warnings
# The tree is formatted as .clang-format says.
scripts/check-format.sh
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
echo "== tests: release build" >&2
ctest --test-dir build --output-on-failure -j2 || status=1
echo "== tests: ASan + UBSan build" >&2
ctest --test-dir build-asan --output-on-failure -j2 || status=1
echo "== fuzzers: every libFuzzer target for 60 s, two at a time (clang build; about 5 minutes)" >&2
ctest --test-dir build-fuzz -R '^fuzz_' --output-on-failure -j2 || status=1
exit $status
