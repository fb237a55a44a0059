#!/usr/bin/env bash
# Set up, then run one full migstatd cycle on the bundled real data with the
# default configuration and the offline layer (config/offline: every source
# reads its seed, the bundled snapshot, instead of the publisher's API; the
# charts are the same specs), and say where the charts are.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/migstat-demo}
scripts/setup.sh
# Exit 3: nothing changed since the last demo run into OUT; its release stands.
rc=0; build/migstatd --once --config config:config/offline --publish-dir "$OUT" || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || exit "$rc"
echo "charts: $(readlink -f "$OUT/current")"
ls "$OUT/current"
