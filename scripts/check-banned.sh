#!/usr/bin/env bash
# The house's banned functions (STYLE.md "Avoid"), like curl's checksrc:
# sprintf, strcpy, strtok, atoi, gmtime/localtime (use the _r forms),
# system(), sleep in daemon/, relative includes that climb out of a folder,
# and the clock in the pure layers.  Prints each offence as file:line and exits 1 if there is any.
set -uo pipefail
cd "${1:-$(dirname "$0")/..}"
status=0
report() { # report PATTERN DESCRIPTION DIRS...
  local pat=$1 what=$2; shift 2
  local hits
  hits=$(grep -nE "$pat" -r --include='*.c' --include='*.h' "$@" 2>/dev/null)
  if [ -n "$hits" ]; then
    printf '%s\n' "$hits" | sed "s/\$/   <- $what/"
    status=1
  fi
}
report '(^|[^a-z_n])(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol)[[:space:]]*\(' 'banned function' sources charts daemon bench
report '(^|[^a-z_])(gmtime|localtime)[[:space:]]*\(' 'use the _r form' sources charts daemon bench
report '(^|[^a-z_])system[[:space:]]*\(' 'no system(): fork/exec without a shell' sources charts daemon bench
report '(^|[^a-z_])(sleep|usleep)[[:space:]]*\(' 'nothing sleeps in the daemon' daemon
# Layers are enforced by the build (each library sees only the include paths
# below it, tests/layers.sh); a relative include could climb around that.
report '#include[[:space:]]*"[^"]*\.\./' 'no relative includes out of a folder' sources charts daemon
report '(^|[^a-zA-Z0-9_])(time|clock_gettime|gettimeofday)[[:space:]]*\(' 'pure layers never read the clock' sources charts
exit $status
