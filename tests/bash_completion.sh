#!/usr/bin/env bash
# bash completion of migstatctl (issue 9): options and commands without a
# daemon; source and chart ids from `migstatctl --json list` of a real daemon.
source "$(dirname "$0")/lib.sh"
BC=/usr/share/bash-completion/bash_completion
[ -r "$BC" ] || { echo "SKIP: bash-completion missing (scripts/setup.sh installs it)"; exit 77; }
make_config
SOCK=$TMP/ctl.sock
printf '[Paths]\nPublishDirectory=%s\n[Control]\nSocket=%s\n' "$TMP/pub" "$SOCK" \
  > "$TMP/config/migstat.conf.d/60-control.conf"

# complete WORDS...: what the completion offers for the last word, sorted, one line.
complete_words() {
  PATH=$BIN:$PATH bash -c '
    source "$1"; source "$2"; shift 2
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _migstatctl migstatctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}" | sort | paste -sd" "' _ "$BC" "$SRC/packaging/completion/migstatctl.bash" "$@"
}

check "commands" test "$(complete_words migstatctl '')" = "accept fetch inspect list regenerate reload status validate version"
check "commands by prefix" test "$(complete_words migstatctl re)" = "regenerate reload"
check "global options" test "$(complete_words migstatctl --)" = "--force --help --json --socket --version --wait"
check "commands after --json" test "$(complete_words migstatctl --json st)" = "status"
check "regenerate --force" test "$(complete_words migstatctl regenerate --f)" = "--force"
check "regenerate options" test "$(complete_words migstatctl regenerate --)" = "--force --json --wait"
check "fetch --wait" test "$(complete_words migstatctl fetch --w)" = "--wait"
check "status --json (after the command)" test "$(complete_words migstatctl status --j)" = "--json"
check "inspect --kind values" test "$(complete_words migstatctl inspect --kind eu)" = "eurostat eurostat-tsv"
check "inspect --kind worldbank" test "$(complete_words migstatctl inspect --kind wo)" = "worldbank"
check "no daemon: no ids, no error" test "$(complete_words migstatctl --socket "$SOCK" regenerate '' 2>&1)" = ""

"$BIN/migstatd" --config "$TMP/config" >"$TMP/daemon.log" 2>&1 &
DPID=$!
trap 'kill "$DPID" 2>/dev/null; wait "$DPID" 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do "$BIN/migstatctl" --socket "$SOCK" status >/dev/null 2>&1 && break; sleep 0.05; done
charts=$(cd "$TMP/config/charts.d" && jq -r .id *.json | sort | paste -sd' ')
sources=$(cd "$TMP/config/sources.d" && jq -r .id *.json | sort | paste -sd' ')
got=$(complete_words migstatctl --socket "$SOCK" regenerate '')
check "regenerate completes the daemon's chart ids ($got)" test "$got" = "$charts"
got=$(complete_words migstatctl --socket="$SOCK" fetch '')
check "fetch completes the daemon's source ids" test "$got" = "$sources"
check "fetch ids by prefix" test "$(complete_words migstatctl --socket "$SOCK" fetch eurostat-asylum-m)" = "eurostat-asylum-monthly"
check "the chart list differs from the source list (ids come from the right array)" test "$charts" != "$sources"
finish
