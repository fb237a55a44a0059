#!/usr/bin/env bash
# A packager's build: Release with Debian's build flags (dpkg-buildflags:
# -O2, _FORTIFY_SOURCE, stack protector, relro) and without -Werror, as
# debian/rules or any distribution would run it.  It must succeed with gcc and
# with clang; warnings are printed, and with --no-warnings any warning fails.
#
#   scripts/build-release.sh gcc|clang [--no-warnings]
set -euo pipefail
cd "$(dirname "$0")/.."
cc=${1:?usage: build-release.sh gcc|clang [--no-warnings]}
dir=build-release-$cc
export CFLAGS="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
export LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"
rm -rf "$dir"
CC=$cc cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! cmake --build "$dir" -j"$(nproc)" >"$log" 2>&1; then
  cat "$log"
  echo "build-release: the Release build with $cc failed" >&2
  exit 1
fi
if grep -q 'warning:' "$log"; then
  grep -B2 -A4 'warning:' "$log" >&2
  if [ "${2:-}" = --no-warnings ]; then
    echo "build-release: $cc warned (see above)" >&2
    exit 1
  fi
fi
echo "build-release: Release build with $cc and Debian's flags in $dir/" >&2
