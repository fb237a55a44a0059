#!/bin/bash
# Re-bless the golden chart images in tests/golden/ after an intended change
# of the rendering.  Renders them anew (MIGSTAT_BLESS=1), then lists what
# changed so a person looks at every changed PNG before committing:
#
#   scripts/bless-golden.sh [BUILD_DIR]     # default build/
#   git diff --stat tests/golden/ && <open each changed PNG>
#   git add tests/golden/ && git commit
#
# Never bless to make a failing test pass without looking: a golden image
# is the reviewed picture of what readers see.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
cmake --build "$BUILD" -j2 --target test_render test_kinds >/dev/null
mkdir -p tests/golden
for t in test_render test_kinds; do
  MIGSTAT_BLESS=1 "$BUILD/tests/$t" >/dev/null
done
echo "bless-golden: rendered $(ls tests/golden/*.png | wc -l) golden images; changed since the last commit:"
git status --short tests/golden/ | sed 's/^/  /'
echo "Open each changed PNG (old: git show HEAD:tests/golden/NAME.png) and commit only what you reviewed."
