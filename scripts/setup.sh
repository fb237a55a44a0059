#!/usr/bin/env bash
# Set up migstat on Debian 12: install exactly the packages the build, the run
# and the tests need (only those missing, so it is quick when all are there),
# then configure and build.
#
#   scripts/setup.sh           release build in build/
#   scripts/setup.sh --asan    AddressSanitizer + UBSan build in build-asan/
#   scripts/setup.sh --fuzz    clang + libFuzzer + ASan/UBSan build in build-fuzz/ (fuzz_* tests)
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # build
  build-essential cmake pkg-config
  libcurl4-openssl-dev libcjson-dev libcairo2-dev libpango1.0-dev libsystemd-dev
  libinih-dev libssl-dev
  libdeflate-dev
  libcsv-dev
  # run: the chart font, selected through config/fonts.conf
  fonts-inter fontconfig
  # tests
  libcmocka-dev libxml2-utils jq valgrind socat
  # issue 16: pdfinfo and pdffonts check the print PDFs (fonts embedded)
  poppler-utils
  # packaging (issue 9): man pages, the .deb and its checks, completion, units' dirs
  # scripts/build-bundle.py, scripts/build-labels.py: ISO 3166 codes and names (and their test)
  iso-codes
  scdoc debhelper dpkg-dev fakeroot lintian bash-completion man-db groff-base systemd-container
  # browser test: a real nginx serving the example site, headless Chromium (~100 MB download)
  # fetch tests: nginx over HTTP and HTTPS with a test CA, a fault server
  nginx-light chromium curl python3 openssl
  # systemd tests: a real systemd 252 as PID 1 of a systemd-nspawn container
  systemd-container
  clang-format # scripts/check-format.sh
  clang libclang-rt-14-dev # fuzzing: libFuzzer + sanitizers (scripts/setup.sh --fuzz)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

BUILD=build
ARGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${1:-}" = "--asan" ]; then
  BUILD=build-asan
  ARGS=(-DCMAKE_BUILD_TYPE=Debug -DMIGSTAT_SANITIZE=ON)
fi
if [ "${1:-}" = "--fuzz" ]; then
  BUILD=build-fuzz
  ARGS=(-DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIGSTAT_SANITIZE=ON -DMIGSTAT_FUZZ=ON)
fi
# Our own builds treat warnings as errors; a packager's build does not (MIGSTAT_WERROR).
ARGS+=(-DMIGSTAT_WERROR=ON)
# Prefix /usr: the units run /usr/sbin/migstatd; the daemon's default configuration is under it.
cmake -S . -B "$BUILD" "${ARGS[@]}" -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build "$BUILD" -j"$(nproc)" >/dev/null
echo "setup: built $BUILD/" >&2
