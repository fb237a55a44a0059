#!/usr/bin/env bash
# Issue 16/17: the docs match the program.  The control commands come from
# one table (daemon/control/command_table.c); `migstatctl --help` prints it,
# and the man page migstatctl(1), README's command list and the bash
# completion must name the same commands with the same options.
source "$(dirname "$0")/lib.sh"
MAN=$SRC/packaging/man/migstatctl.1.scd
COMP=$SRC/packaging/completion/migstatctl.bash

# "name [options]" per command, from each document, sorted.
help_cmds() {
  "$BIN/migstatctl" --help | sed -n '/^Commands for the running daemon:/,/^Without a daemon:/p' |
    sed -n 's/^  \([a-z]\+\)\(.*\)/\1\2/p' | while read -r name rest; do
      echo "$name $(grep -oE -- '--[a-z]+' <<<"$rest" | sort | paste -sd' ')"
    done | sort
}
man_cmds() { # the COMMANDS section's entries: *name* [*--opt*] ...
  sed -n '/^# COMMANDS/,/^# OPTIONS/p' "$MAN" | grep -E '^\*[a-z]+\*' | grep -v '^\*inspect\*' |
    while read -r line; do
      name=$(sed -E 's/^\*([a-z]+)\*.*/\1/' <<<"$line")
      echo "$name $(grep -oE -- '--[a-z]+' <<<"$line" | sort | paste -sd' ')"
    done | sort
}
readme_cmds() { # the lines "migstatctl NAME [...]" of README's command list
  sed -n '/^migstatctl status  /,/^echo status/{p;/^echo status/q}' "$SRC/README.md" | grep -E '^migstatctl [a-z]+' |
    grep -v -- '--json' | while read -r _ name rest; do
      echo "$name $(sed 's/#.*//' <<<"$rest" | grep -oE -- '--[a-z]+' | sort | paste -sd' ')"
    done | sort
}
help=$(help_cmds)
check "--help lists the seven commands of the table" test "$(wc -l <<<"$help")" -ge 7
check "the man page lists the commands with the options of --help" diff <(echo "$help") <(man_cmds)
check "README lists the commands with the options of --help" diff <(echo "$help") <(readme_cmds)
comp=$(grep -oE 'local commands="[^"]+"' "$COMP" | sed 's/local commands="//; s/"$//' | tr ' ' '\n' | grep -vx inspect | sort)
check "the completion completes the commands of --help" diff <(cut -d' ' -f1 <<<"$help") <(echo "$comp")
# Each command's options are offered by the completion after the command.
BC=/usr/share/bash-completion/bash_completion
if [ -r "$BC" ]; then
  while read -r name opts; do
    [ -n "$opts" ] || continue
    got=$(bash -c 'source "$1"; source "$2"; COMP_WORDS=(migstatctl "$3" --); COMP_CWORD=2
      COMP_LINE="migstatctl $3 --"; COMP_POINT=${#COMP_LINE}; _migstatctl migstatctl -- "$3"
      printf "%s\n" "${COMPREPLY[@]}"' _ "$BC" "$COMP" "$name" | grep -vx -- --json | sort | paste -sd' ')
    check "the completion offers $name's options ($opts)" test "$got" = "$opts"
  done <<<"$help"
fi
# The usage (exit codes) the man page and README state.
check "man page: exit 1 covers a refused peer" grep -q 'refused the peer' "$MAN"
check "README: SIGTERM finishes, a second abandons" grep -q 'second SIGTERM abandons' "$SRC/README.md"
finish
