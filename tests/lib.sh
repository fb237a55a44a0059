# shellcheck shell=bash
# Shared helpers of the script tests (sourced).  $1 = bin dir, $2 = source dir.
set -euo pipefail
BIN=$1
SRC=$2
TMP=$(mktemp -d /tmp/migstat-test.XXXXXX)
# The servers and daemons a test starts (PIDS+=($!)) end before $TMP goes:
# a daemon may still be writing a release there.
PIDS=()
end_processes() { # [SIGNAL]: kill -SIGNAL (default TERM) every one in PIDS, then reap them
  local p
  for p in "${PIDS[@]}"; do kill "${1:--TERM}" "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap 'end_processes; rm -rf "$TMP"' EXIT
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

# A copy of the default configuration whose DataDirectory is $TMP/data, with
# the offline layer's Offline=yes (every source reads its seed: no network);
# a test of fetching sets Offline=no in a later drop-in.
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
  printf '[Paths]\nDataDirectory=%s\nStateDirectory=%s\n[Fetch]\nOffline=yes\n' "$TMP/data" "$TMP/state" \
    > "$TMP/config/migstat.conf.d/50-test.conf"
}

# Rewrites with the jq FILTER each source file the jq SELECT is true of
# (the two rewrites below share the loop).
rewrite_sources() { # rewrite_sources SELECT FILTER
  local f
  for f in "$TMP"/config/sources.d/*.json; do
    [ -s "$f" ] || continue
    jq -e "$1" "$f" >/dev/null || continue
    jq --arg d "$TMP/data" "$2" "$f" > "$f.new" && mv "$f.new" "$f"
  done
}

# The tables editors keep are read from /var/lib/migstat/tables/ by the
# shipped configuration: a test that fetches (Offline=no) reads them from
# $TMP/data instead (the bundled copies make_config made).
local_tables() {
  rewrite_sources '.kind == "table" and (.url | startswith("file:///var/lib/migstat/tables/"))' \
    '.url = "file://" + $d + "/" + (.url | split("/") | last)'
}

# A test of fetching one source (Offline=no) keeps the others off the
# network: every source with a seed reads it as a file:// URL (the copy in
# $TMP/data), tables included.  The test then rewrites the source it fetches.
seeds_as_files() {
  rewrite_sources '.seed' 'del(.eurostat) | .url = "file://" + $d + "/" + .seed'
}

# A loopback port nothing listens on (yet).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# tests/fault_server.py on a free loopback port, serving the bundled monthly
# JSON-stat until set_mode says otherwise; its request log in LOG.  Sets PORT.
start_fault_server() { # start_fault_server LOG
  python3 "$SRC/tests/fault_server.py" "$SRC/data/asylum_applications_monthly.json" "$TMP/port" "$1" \
    2>"$TMP/server.err" &
  PIDS+=($!)
  for _ in $(seq 50); do [ -s "$TMP/port" ] && break; sleep 0.1; done
  PORT=$(cat "$TMP/port")
}
# A UNHCR source at the fault server's /unhcr (its pages are synthetic test
# records, not figures) and a chart of it, so that the source's failure has
# published files to keep.  jq FILTER changes the source further.
unhcr_test_source() { # unhcr_test_source [FILTER]
  jq -n --arg u "http://127.0.0.1:$PORT/unhcr?limit=2" \
    "{id: \"unhcr-applications\", kind: \"unhcr\", url: \$u, timeout: 5}${1:+ | $1}" \
    > "$TMP/config/sources.d/unhcr-applications.json"
  cat > "$TMP/config/charts.d/unhcr-test.json" <<'JSON'
{ "id": "unhcr-test", "kind": "column", "source": "unhcr-applications",
  "select": { "measure": "sum:coo_iso", "x": "year" },
  "title": { "de": "Testreihe (keine Zahlen)", "en": "Test series (not figures)" } }
JSON
}
set_mode() { curl -sf "http://127.0.0.1:$PORT/_mode?m=$1" >/dev/null; } # the fault server's next answers

# The Eurostat monthly source fetched from URL as a plain JSON-stat file (not
# through Eurostat's API), changed further by the jq FILTER (given $u = URL).
monthly_source_at() { # monthly_source_at URL [FILTER]
  jq --arg u "$1" "del(.eurostat) | .url = \$u${2:+ | $2}" "$SRC/config/sources.d/eurostat-asylum-monthly.json" \
    > "$TMP/config/sources.d/eurostat-asylum-monthly.json"
}

# The drop-in 60-NAME.conf of a test that runs migstatd against its own
# servers: the publish directory $PUB and the control socket $SOCK where the
# test sets them (the state directory is make_config's $TMP/state), then
# [Fetch] with the given KEY=VALUE lines, last so that a test can append.
fetch_conf() { # fetch_conf NAME KEY=VALUE...
  local name=$1; shift
  { [ -z "${PUB:-}" ] || printf '[Paths]\nPublishDirectory=%s\n' "$PUB"
    [ -z "${SOCK:-}" ] || printf '[Control]\nSocket=%s\n' "$SOCK"
    echo '[Fetch]'
    printf '%s\n' "$@"; } > "$TMP/config/migstat.conf.d/60-$name.conf"
}

# The places of a test that runs migstatd against the fault server: publish
# and state directories, control socket (and CTL, the client on it), the
# fault server's and the daemon's logs.
# shellcheck disable=SC2034 # the tests use them
daemon_test_paths() {
  PUB=$TMP/pub STATE=$TMP/state SOCK=$TMP/ctl.sock FLOG=$TMP/fault.log DLOG=$TMP/daemon.log
  CTL=("$BIN/migstatctl" --socket "$SOCK")
}

# A running migstatd on $TMP/config, its output appended to LOG; sets DPID.
# Returns once its control socket $SOCK answers, 1 if it never does.
start_daemon() { # start_daemon LOG
  "$BIN/migstatd" --config "$TMP/config" >>"$1" 2>&1 &
  DPID=$!
  PIDS+=("$DPID")
  for _ in $(seq 100); do "$BIN/migstatctl" --socket "$SOCK" status >/dev/null 2>&1 && return 0; sleep 0.05; done
  return 1
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

# Until the daemon at $SOCK has finished N cycles and is idle with nothing
# queued: a test's regenerate is over.  1 after about 30 s.
wait_runs() { # wait_runs N
  for _ in $(seq 600); do
    [ "$("$BIN/migstatctl" --socket "$SOCK" --json status | jq -r '"\(.runs >= '"$1"') \(.state) \(.queued)"')" = "true idle false" ] &&
      return 0
    sleep 0.05
  done
  return 1
}
