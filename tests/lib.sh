# Shared helpers of the script tests (sourced).  $1 = bin dir, $2 = source dir.
set -euo pipefail
BIN=$1
SRC=$2
TMP=$(mktemp -d /tmp/migstat-test.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
PASSED=0
FAILED=0

ok() { PASSED=$((PASSED + 1)); echo "ok - $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $*"; }
check() { # check DESCRIPTION COMMAND...
  local d=$1; shift
  if "$@"; then ok "$d"; else fail "$d"; fi
}
finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# A copy of the default configuration whose DataDirectory is $TMP/data.
make_config() {
  cp -r "$SRC/config" "$TMP/config"
  mkdir -p "$TMP/config/migstat.conf.d" "$TMP/data"
  cp "$SRC"/data/*.json "$TMP/data/"
  cp "$SRC"/data/*.csv "$TMP/data/"
  printf '[Paths]\nDataDirectory=%s\n' "$TMP/data" > "$TMP/config/migstat.conf.d/50-test.conf"
}

# The manifest's checksums all verify for the release DIR.
manifest_verifies() {
  local dir=$1 n=0
  while read -r name sum bytes; do
    n=$((n + 1))
    [ "$(sha256sum < "$dir/$name" | cut -d' ' -f1)" = "$sum" ] || { echo "checksum of $name"; return 1; }
    [ "$(stat -c %s "$dir/$name")" = "$bytes" ] || { echo "size of $name"; return 1; }
  done < <(jq -r '.charts[].files[] | "\(.name) \(.sha256) \(.bytes)"' "$dir/index.json")
  [ "$n" -gt 0 ]
}
