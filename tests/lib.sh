# Shared helpers of the script tests (sourced).  $1 = bin dir, $2 = source dir.
set -euo pipefail
BIN=$1
SRC=$2
TMP=$(mktemp -d /tmp/migstat-test.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
PASSED=0
FAILED=0

# Verdicts go to fd 3, the test's own stdout, so that `check ... >/dev/null`
# silences the command but never the verdict.
exec 3>&1
ok() { PASSED=$((PASSED + 1)); echo "ok - $*" >&3; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $*" >&3; }
check() { # check DESCRIPTION COMMAND...
  local d=$1; shift
  if "$@"; then ok "$d"; else fail "$d"; fi
}
test_rc() { # test_rc EXPECTED COMMAND...: the command exits with EXPECTED (output discarded)
  local want=$1 rc=0
  shift
  "$@" >/dev/null 2>&1 || rc=$?
  [ "$rc" = "$want" ] || { echo "    exit status $rc, expected $want"; return 1; }
}
finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# A copy of the default configuration whose DataDirectory is $TMP/data.
make_config() { # [SPEC...]: keep only these chart specs (basenames without .json)
  cp -r "$SRC/config" "$TMP/config"
  if (($#)); then
    local keep f
    for f in "$TMP"/config/charts.d/*.json; do
      keep=0
      for s in "$@"; do [ "$(basename "$f" .json)" = "$s" ] && keep=1; done
      [ "$keep" = 1 ] || rm "$f"
    done
    [ "$(ls "$TMP"/config/charts.d | wc -l)" = $# ] || { echo "make_config: no such spec among $*" >&2; exit 1; }
  fi
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

# Every file the manifest of release DIR lists (charts' and sources' data
# files) exists with its size and SHA-256; index.html exists too.
manifest_verifies_all() {
  local dir=$1 n=0
  [ -s "$dir/index.json" ] && [ -s "$dir/index.html" ] || { echo "index missing in $dir"; return 1; }
  while read -r name sum bytes; do
    n=$((n + 1))
    [ -f "$dir/$name" ] || { echo "missing $name"; return 1; }
    [ "$(sha256sum < "$dir/$name" | cut -d' ' -f1)" = "$sum" ] || { echo "checksum of $name"; return 1; }
    [ "$(stat -c %s "$dir/$name")" = "$bytes" ] || { echo "size of $name"; return 1; }
  done < <(jq -r '(.charts[].files[], .sources[].files[]) | "\(.name) \(.sha256) \(.bytes)"' "$dir/index.json")
  [ "$n" -gt 0 ]
}

# The same check in two processes (jq, sha256sum -c), for loops.
manifest_sums_ok() {
  local dir=$1
  [ -s "$dir/index.json" ] && [ -s "$dir/index.html" ] || { echo "index missing in $dir"; return 1; }
  (cd "$dir" && jq -r '(.charts[].files[], .sources[].files[]) | "\(.sha256)  \(.name)"' index.json |
    sha256sum --check --quiet --strict)
}

# A chart's reader CSV (<id>.<lang>.csv) with ',' between cells: the German
# one separates with ';' (issue 16); values there are integers or use a
# decimal comma, so this is for the integer charts the tests recompute.
comma_csv() {
  if head -1 "$1" | grep -q ';'; then sed 's/;/,/g' "$1"; else cat "$1"; fi
}
