#!/usr/bin/env bash
# migstatd under a real systemd (a throwaway nspawn container booting the
# host's /usr, tests/systemd/harness.sh): the packaged units, socket
# activation by a first `migstatctl status`, Type=notify readiness and
# STATUS=, `systemctl reload` (a good and a bad configuration), the watchdog
# killing a stuck loop and Restart= bringing it back, `systemctl stop` during
# a render, structured journal fields.  Console and journal are kept in
# artifacts/systemd_service/ of the test's working directory.
source "$(dirname "$0")/lib.sh"
SD_LABEL=systemd_service
source "$SRC/tests/systemd/harness.sh"
sd_can_run || { echo "SKIP: $SD_SKIP"; exit 77; }
command -v jq > /dev/null || { echo "SKIP: jq missing (scripts/setup.sh installs it)"; exit 77; }

UNIT=migstatd.service
DATA=/var/lib/migstat-data # inside: a writable copy of data/, so a test can break a source
PUB_IN=/var/lib/migstat/publish

if sd_boot "$BIN" --bind-ro="$SRC":/opt/migstat-src; then ok "the container boots to basic.target"
else fail "the container boots to basic.target"; finish; exit 1
fi
PUB=$SD_ROOT$PUB_IN
SOCK=$SD_ROOT/run/migstat/control.sock # from the host: connecting activates it
CTL=("$BIN/migstatctl" --socket "$SOCK")
json() { "${CTL[@]}" --json "$@"; }
journal_unit() { sd_journal -u "$UNIT" "$@"; }
wait_idle() { # wait_idle: the daemon finished every run (≤ 60 s)
  for _ in $(seq 600); do
    [ "$(json status 2> /dev/null | jq -r '"\(.state) \(.queued)"')" = "idle false" ] && return 0
    sleep 0.1
  done
  json status
  return 1
}
wait_journal() { # wait_journal PATTERN: a line of the unit's journal matches (≤ 10 s)
  for _ in $(seq 50); do
    # Not grep -q: under pipefail its early exit would fail journalctl (SIGPIPE).
    journal_unit -o cat | grep -- "$1" > /dev/null && return 0
    sleep 0.2
  done
  echo "    no journal line matches: $1"
  return 1
}

# ---- install: user, configuration, units ------------------------------------
sysusers=$SRC/packaging/sysusers.d/migstat.conf
if [ -f "$sysusers" ]; then
  sd_sysusers migstat < "$sysusers"
else
  echo 'u migstat - "migstat chart daemon" /var/lib/migstat' | sd_sysusers migstat
fi
mkdir -p "$SD_ROOT/etc/migstat" "$SD_ROOT$DATA"
cp -r "$SRC/config/." "$SD_ROOT/etc/migstat/"
cp "$SRC"/data/*.csv "$SRC"/data/*.json "$SD_ROOT$DATA/"
mkdir -p "$SD_ROOT/etc/migstat/migstat.conf.d"
printf '[Paths]\nDataDirectory=%s\n[Fetch]\nOffline=yes\n' "$DATA" > "$SD_ROOT/etc/migstat/migstat.conf.d/50-test.conf"
check "migstat user and group exist inside" C getent group migstat
check "units install" sd_install_unit "$SRC/packaging/migstatd.service" "$SRC/packaging/migstatd.socket"
# LeakSanitizer stops the process with ptrace at exit, which the hardened
# unit forbids (it aborts with "fatal error", exit 1): off here; the other
# sanitizer tests and valgrind_once check for leaks.
if grep -q __asan_init "$BIN/migstatd"; then
  printf '[Service]\nEnvironment=ASAN_OPTIONS=detect_leaks=0\n' | sd_dropin "$UNIT" test-asan
fi
check "ExecStart points at the build" sd_exec_start "$UNIT" /opt/under-test/migstatd --config /etc/migstat
check "the service passes systemd-analyze verify" C systemd-analyze verify --man=no "/etc/systemd/system/$UNIT"

# ---- socket activation --------------------------------------------------------
check "the socket unit starts" C systemctl start migstatd.socket
check "the service is not running yet" test "$(sd_prop "$UNIT" ActiveState)" = inactive
check "socket is 0660 migstat:migstat" test "$(C stat -c '%a %U:%G' /run/migstat/control.sock)" = "660 migstat:migstat"
quiet() { "$@" > /dev/null; }
check "migstatctl status through the socket starts the service" quiet "${CTL[@]}" status
check "the service is Type=notify" test "$(sd_prop "$UNIT" Type)" = notify
check "READY=1 reached: active (running)" sd_wait_prop "$UNIT" SubState running
check "the daemon took the socket from systemd" wait_journal 'control socket from systemd'
check "a member of group migstat may ask (inside)" \
  quiet C setpriv --reuid=nobody --regid=migstat --clear-groups /opt/under-test/migstatctl status
check "another user may not (socket mode 0660)" \
  test_rc 3 C setpriv --reuid=nobody --regid=nogroup --clear-groups /opt/under-test/migstatctl status

# ---- the first release; STATUS=; journal fields; fonts without /etc/fonts -----
check "the first cycle publishes" wait_idle
rel=$(json status | jq -r .last.release)
check "status says published ($rel)" test "$(json status | jq -r .last.result)" = published
status_text=$(sd_prop "$UNIT" StatusText)
check "STATUS= says what it does and what it published: '$status_text'" \
  grep -qE "^Idle; last published $rel at 20[0-9-]+T" <<< "$status_text"
check "current verifies against its manifest" manifest_verifies "$PUB/current"
check "journal -o json: MIGSTAT_RELEASE=$rel at priority info" \
  test "$(journal_unit -o json "MIGSTAT_RELEASE=$rel" | jq -r '"\(.PRIORITY) \(._TRANSPORT) \(.SYSLOG_IDENTIFIER)"' | sort -u)" = "6 journal migstatd"
check "the container has no /etc/fonts" test ! -e "$SD_ROOT/etc/fonts"
check "fontconfig (migstat's fonts.conf) kept its cache in CacheDirectory=" \
  test -n "$(ls -A "$SD_ROOT/var/cache/migstat/fontconfig" 2> /dev/null)"
check "no fontconfig complaints in the journal" test -z "$(journal_unit -o cat | grep -i fontconfig)"
check "a chart PNG decodes" test -n "$("$PNG_SIZE" "$(find "$PUB/current/" -name '*.png' -print -quit)")"

# ---- reload ------------------------------------------------------------------
# Counts from the vendor set: chart specs, and charts in the release (for_each
# expands one spec into several).
specs=$(ls "$SRC"/config/charts.d/*.json | wc -l)
charts=$(jq '[.charts[].id] | unique | length' "$PUB/current/index.json")
jq '.id = "protection-rates-yearly-copy"' "$SRC/config/charts.d/protection-rates-yearly.json" \
  > "$SD_ROOT/etc/migstat/charts.d/protection-rates-yearly-copy.json"
pid=$(sd_prop "$UNIT" MainPID)
check "systemctl reload (a chart added)" C systemctl reload "$UNIT"
sources=$(ls "$SRC"/config/sources.d/*.json | wc -l)
check "the new chart is listed" wait_journal "configuration reloaded: $sources sources, $((specs + 1)) chart specs"
check "list shows $((specs + 1)) chart specs" test "$(json list | jq '.charts | length')" = $((specs + 1))
check "same process ($pid)" test "$(sd_prop "$UNIT" MainPID)" = "$pid"
# The reload re-armed the poll timer: the new configuration's first run may
# already be under way, so a regenerate is started or queued.
check "regenerate renders the added chart" grep -qE '^(started|queued)$' <<< "$(json regenerate | jq -r .run)"
check "the new release holds it" wait_idle
check "$((charts + 1)) charts in the manifest (one more)" \
  test "$(jq '[.charts[].id] | unique | length' "$PUB/current/index.json")" = $((charts + 1))
printf '[Paths]\nNoSuchKey=1\n' > "$SD_ROOT/etc/migstat/migstat.conf.d/70-bad.conf"
check "systemctl reload with a bad configuration" C systemctl reload "$UNIT"
check "it is rejected with file:line:col" wait_journal 'reload rejected.*70-bad.conf:2:1: unknown key Paths.NoSuchKey'
check "the old configuration is kept ($((specs + 1)) chart specs)" test "$(json list | jq '.charts | length')" = $((specs + 1))
check "still active after the bad reload" test "$(sd_prop "$UNIT" ActiveState)" = active
R='[0-9]{8}T[0-9]{6}Z-[0-9a-f]+' T='20[0-9-]+T[0-9:]+Z'
check "READY again after the bad reload; STATUS= still names the last publish: '$(sd_prop "$UNIT" StatusText)'" \
  grep -qE "^Idle; last (published $R at $T|unchanged $R at $T; last published $R at $T)\$" <<< "$(sd_prop "$UNIT" StatusText)"
rm "$SD_ROOT/etc/migstat/migstat.conf.d/70-bad.conf"

# ---- stop during a render -----------------------------------------------------
check "regenerate --force starts a render" test "$(json regenerate --force | jq -r .run)" = started
check "it is rendering" test "$(json status | jq -r .state)" = rendering
check "systemctl stop during the render" C systemctl stop "$UNIT"
check "the daemon waited for the release" wait_journal 'stopping after the release in progress'
check "stopped cleanly (Result=success)" test "$(sd_prop "$UNIT" Result)" = success
check "main process exited 0" test "$(sd_prop "$UNIT" ExecMainStatus)" = 0
check "current is complete after the stop" manifest_verifies "$PUB/current"
check "no staging directory is left" test -z "$(find "$PUB" -maxdepth 2 -name '.staging-*')"
check "the socket still listens" test "$(sd_prop migstatd.socket ActiveState)" = active

# ---- an error with its structured field --------------------------------------
echo '{"version": "2.0", "class": "dataset", "value": [' > "$SD_ROOT$DATA/asylum_applications_monthly.json"
# A start runs a cycle at once when a source is due (file:// ones always
# are): the regenerate is started or queued.
check "regenerate re-activates the stopped service" grep -qE '^(started|queued)$' <<< "$(json regenerate | jq -r .run)"
check "the cycle ends" wait_idle
# One failing source does not stop the others (issue 15): the run publishes,
# the source's charts keep their last good files and status names it.
fstate() { json status | jq -r '.sources_failing[] | select(.id == "eurostat-asylum-monthly") | "\(.state)|\(.reason)"'; }
check "status names the failing source and the place ($(fstate))" \
  grep -qE '^failed\|.*asylum_applications_monthly.json:[0-9]+:[0-9]+: expected ' <<<"$(fstate)"
check "the run itself did not fail ($(json status | jq -r .last.result))" \
  grep -qE '^(published|unchanged)$' <<<"$(json status | jq -r .last.result)"
check "journal -o json: MIGSTAT_SOURCE=eurostat-asylum-monthly at priority err" \
  test "$(journal_unit -o json MIGSTAT_SOURCE=eurostat-asylum-monthly PRIORITY=3 | jq -r .MESSAGE | grep -c 'asylum_applications_monthly.json:')" -ge 1
check "the source's charts keep their files, marked stale" \
  test "$(jq '[.charts[] | select(.stale.source == "eurostat-asylum-monthly")] | length' "$PUB/current/index.json")" -ge 1
check "the other charts stay published" \
  test "$(jq '[.charts[] | select(.stale == null)] | length' "$PUB/current/index.json")" -ge 1
cp "$SRC/data/asylum_applications_monthly.json" "$SD_ROOT$DATA/"

# ---- the watchdog ---------------------------------------------------------------
# The loop stalls after 5 s; with WatchdogSec=2 a daemon that did not ping
# would die within 2 s, so surviving to 4 s proves WATCHDOG=1 from the loop.
printf '[Service]\nWatchdogSec=2\nRestartSec=1\nExecStart=\nExecStart=%s\n' \
  "/opt/under-test/migstatd --config /etc/migstat --test-stall-after 5" | sd_dropin "$UNIT" test-watchdog
check "restart with WatchdogSec=2 and a loop that stalls after 5 s" C systemctl restart "$UNIT"
pid=$(sd_prop "$UNIT" MainPID)
sleep 4
check "the pinging loop outlives WatchdogSec (pid $pid at 4 s)" test "$(sd_prop "$UNIT" MainPID)" = "$pid"
check "the stall is logged" wait_journal 'stalling the event loop on purpose'
check "the watchdog kills it" wait_journal "Failed with result 'watchdog'"
restarted() { for _ in $(seq 100); do [ "$(sd_prop "$UNIT" NRestarts)" -ge 1 ] && return 0; sleep 0.1; done; return 1; }
check "and Restart= brings it back (NRestarts>=1)" restarted
check "killed by SIGABRT" wait_journal 'status=6/ABRT'
rm -r "$SD_ROOT/etc/systemd/system/$UNIT.d/test-watchdog.conf"
C systemctl daemon-reload
check "without the stall it serves again" C systemctl restart "$UNIT"
check "status answers" quiet "${CTL[@]}" status
check "stop" C systemctl stop "$UNIT" migstatd.socket
finish
