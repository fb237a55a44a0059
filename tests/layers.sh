#!/usr/bin/env bash
# The layers are enforced by the build (issue 17): each library target sees
# only the include paths of its own layer and the ones below it, so an upward
# include does not compile.  A probe file is compiled with the exact flags the
# build uses for a file of each layer (compile_commands.json).
. "$(dirname "$0")/lib.sh"
DB=$BIN/compile_commands.json
[ -f "$DB" ] || { echo "no $DB"; exit 1; }

flags_of() { # the compile command of one file of the build, without -o/-c and the file
  jq -r --arg f "$SRC/$1" '.[] | select(.file == $f) | .command' "$DB" |
    sed -E 's/ -o [^ ]+//; s/ -c [^ ]+//'
}

compiles() { # compiles LAYER_FILE HEADER: a probe including HEADER compiles with LAYER_FILE's flags
  local cmd
  cmd=$(flags_of "$1")
  [ -n "$cmd" ] || { echo "no compile command for $1"; return 2; }
  printf '#include "%s"\nint probe(void);\nint probe(void) { return 0; }\n' "$2" > "$TMP/probe.c"
  (cd "$BIN" && eval "$cmd -c $TMP/probe.c -o $TMP/probe.o") >"$TMP/cc.log" 2>&1
}

check "sources/ sees its own interfaces" compiles sources/cube.c migstat/cube.h
check "sources/ cannot include a charts/ interface" test_rc 1 compiles sources/cube.c migstat/render.h
check "sources/ cannot include a daemon header" test_rc 1 compiles sources/cube.c base/log.h
check "charts/ sees the sources/ interfaces" compiles charts/chart.c migstat/cube.h
check "charts/ sees its own interfaces" compiles charts/chart.c migstat/render.h
check "charts/ cannot include a daemon header" test_rc 1 compiles charts/chart.c cycle/cycle.h
check "charts/ cannot include a daemon header (config)" test_rc 1 compiles charts/chart.c config/config.h
check "daemon/ sees its rooms" compiles daemon/cycle/cycle.c publish/manifest.h
check "daemon/ sees the charts/ interfaces" compiles daemon/cycle/cycle.c migstat/render.h

# The edges (one "from to" a line) the function EDGES prints form no cycle
# (tsort reports one on stderr), and there are more than MIN of them (the
# check would pass on nothing).
acyclic() { # acyclic EDGES MIN
  "$1" > "$TMP/$1"
  [ "$(wc -l < "$TMP/$1")" -gt "$2" ] || { echo "too few edges from $1"; return 1; }
  tsort "$TMP/$1" >/dev/null 2>"$TMP/tsort.err" && [ ! -s "$TMP/tsort.err" ] ||
    { cat "$TMP/tsort.err"; return 1; }
}

# The daemon's rooms include each other downwards only.
room_edges() {
  local r
  for r in "$SRC"/daemon/*/; do
    r=$(basename "$r")
    grep -ho '#include "[a-z_]*/' "$SRC/daemon/$r"/*.[ch] | sed 's/#include "//; s|/||' |
      grep -vx -e migstat -e "$r" | sort -u | sed "s/^/$r /"
    echo "$r $r"
  done
}
check "the daemon's rooms include each other without a cycle" acyclic room_edges 7

# Nor do the files call each other in a circle (a calls b, b calls a, or
# longer): read off the libraries' objects, a file's undefined symbols
# against the file that defines them.
file_call_edges() {
  local o src
  for o in "$BIN"/CMakeFiles/migstat_{sources,charts,daemon}.dir/{sources,charts,daemon}/{,*/}*.c.o; do
    [ -f "$o" ] || continue
    src=${o#*.dir/}
    [ -f "$SRC/${src%.o}" ] || continue # an object left from a file since moved
    nm "$o" | awk -v f="${src%.o}" '$2 ~ /^[TDBR]$/ { print "D", $3, f } $1 == "U" { print "U", $2, f }'
  done | awk '$1 == "D" { def[$2] = $3 } $1 == "U" { use[NR] = $2 " " $3 }
    END { for (i in use) { split(use[i], u, " "); if (u[1] in def && def[u[1]] != u[2]) print u[2], def[u[1]] } }' |
    sort -u
}
check "no two files of the libraries call each other, directly or round a circle" acyclic file_call_edges 100
finish
