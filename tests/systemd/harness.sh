# A real systemd for tests (sourced): boots a throwaway systemd-nspawn
# container whose PID 1 is the host's systemd, with the host's /usr read-only
# under a tmpfs root, and drives it through nsenter.  The recipe and its
# pitfalls: /work/shared/notes/systemd-under-test.md.  Needs root.
#
#   source tests/systemd/harness.sh
#   sd_can_run || { echo "SKIP: $SD_SKIP"; exit 77; }
#   sd_boot "$BIN" --bind-ro="$SRC":/opt/migstat-src   # BIN appears at /opt/under-test
#   sd_install_unit packaging/migstatd.service packaging/migstatd.socket
#   sd_exec_start migstatd.service /opt/under-test/migstatd --config /etc/migstat
#   C systemctl start migstatd.socket              # C runs a command inside
#   sd_prop migstatd.service ActiveState           # -> active
#
# sd_boot installs an EXIT trap that powers the container off (SIGKILL of
# nspawn would leave PID 1 running, so the fallback is cgroup.kill), removes
# its cgroups, and keeps console.log and the journal in $SD_ARTIFACTS
# (default ./artifacts/<label>, replaced at each run).  An EXIT trap set
# before sd_boot still runs, after the harness's.
#
# Every command inside runs under timeout: a hung container fails a test, it
# does not hang CI.

SD_N= SD_NSPAWN= SD_L= SD_ROOT= SD_DIR= SD_SKIP= SD_GUARD=
# A container outliving this many seconds is killed even if the test shell
# was (CTest's timeout kills without a trap): keep it below the test's TIMEOUT.
SD_MAX_SEC=${SD_MAX_SEC:-280}
SD_LABEL=${SD_LABEL:-systemd}
SD_ARTIFACTS=${SD_ARTIFACTS:-$PWD/artifacts/$SD_LABEL}
SD_TIMEOUT=${SD_TIMEOUT:-30}

# True if this machine can boot the container; else $SD_SKIP says why.
sd_can_run() {
  if [ "$(id -u)" -ne 0 ]; then SD_SKIP="needs root (nsenter, cgroups)"
  elif ! command -v systemd-nspawn >/dev/null; then SD_SKIP="systemd-nspawn missing (scripts/setup.sh installs systemd-container)"
  elif [ ! -d /sys/fs/cgroup/unified ] || [ ! -d /sys/fs/cgroup/systemd ]; then
    SD_SKIP="/sys/fs/cgroup/unified or /sys/fs/cgroup/systemd missing (hybrid cgroups expected)"
  elif ! command -v nsenter >/dev/null || ! command -v unshare >/dev/null; then SD_SKIP="nsenter/unshare missing"
  else return 0
  fi
  return 1
}

# C COMMAND...: run inside the container (all its namespaces), bounded.
C() { timeout "$SD_TIMEOUT" nsenter -t "$SD_L" -a "$@"; }

# sd_boot BUILD_DIR [NSPAWN_ARG...]: boot, wait until the system runs.
# BUILD_DIR is bound read-only at /opt/under-test.  Sets SD_N (machine name,
# also the cgroup), SD_NSPAWN (nspawn's PID), SD_L (the container's PID 1)
# and SD_ROOT (its root seen from the host).
sd_boot() {
  local build=$1 state
  shift
  SD_N=migstat-t-$$-$RANDOM
  SD_DIR=$(mktemp -d /tmp/migstat-sd.XXXXXX)
  _sd_chain_exit_trap
  mkdir "/sys/fs/cgroup/systemd/$SD_N" "/sys/fs/cgroup/unified/$SD_N"
  _sd_start_guard
  _sd_write_launcher "$build" "$@" > "$SD_DIR/launch.sh"
  setsid unshare --mount --propagation private sh "$SD_DIR/launch.sh" \
    > "$SD_DIR/console.log" 2>&1 < /dev/null &
  SD_NSPAWN=$! # every step execs: this is nspawn's PID
  for _ in $(seq 300); do
    SD_L=$(pgrep -P "$SD_NSPAWN" -x systemd || true)
    [ -n "$SD_L" ] && break
    kill -0 "$SD_NSPAWN" 2> /dev/null || break
    sleep 0.1
  done
  [ -n "$SD_L" ] || { echo "sd_boot: no systemd in the container after 30 s:"; tail -20 "$SD_DIR/console.log"; return 1; }
  SD_ROOT=/proc/$SD_L/root
  # Right after PID 1 appears its bus may not be up: ask again until it answers.
  for _ in $(seq 30); do
    state=$(timeout 30 nsenter -t "$SD_L" -a systemctl is-system-running --wait 2> /dev/null || true)
    [ -n "$state" ] && break
    sleep 0.2
  done
  case $state in
    running) ;;
    degraded) echo "sd_boot: degraded, failed units:"; C systemctl --failed --no-legend --plain || true ;;
    *) echo "sd_boot: system state '$state', expected running"; tail -20 "$SD_DIR/console.log"; return 1 ;;
  esac
}

# The launcher runs in its own mount namespace: it moves itself into our
# cgroups (--keep-unit uses the caller's, which is the root here), puts a
# tmpfs over /run/systemd (nspawn's scratch stays off the host), then execs
# nspawn.  It boots basic.target: first boot enables every preset service
# of the host's /usr (nginx, databases...), which would fail without their
# /etc or, worse, take ports on the shared host network.  Hosts, NSS and CA certificates come from the host.  Not
# /etc/fonts: migstat brings its own fonts.conf (pass --bind-ro=/etc/fonts
# for a program that needs the host's).
_sd_write_launcher() {
  local build=$1 a extra=
  shift
  for a in "$@"; do extra+=" $(printf '%q' "$a")"; done
  cat << EOF
set -e
echo \$\$ > /sys/fs/cgroup/systemd/$SD_N/cgroup.procs
echo \$\$ > /sys/fs/cgroup/unified/$SD_N/cgroup.procs
mount -t tmpfs -o mode=0755 tmpfs /run/systemd
export SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1
exec systemd-nspawn --quiet --register=no --keep-unit --machine=$SD_N --console=read-only \\
  --system-call-filter=bpf -D / --volatile=yes --bind-ro=/etc/hosts --bind-ro=/etc/nsswitch.conf \\
  --bind-ro=/etc/ssl --bind-ro=$(printf '%q' "$build"):/opt/under-test$extra \\
  --boot -- systemd.firstboot=off systemd.unit=basic.target
EOF
}

# A sleeper in its own session, outside the container's cgroup: after
# SD_MAX_SEC it kills the cgroup and removes it and the scratch directory.  sd_cleanup kills the
# sleeper's process group.
_sd_start_guard() {
  setsid bash -c 'sleep "$1"
    echo "harness guard: $2 outlived $1 s, killing it" >&2
    echo 1 > "/sys/fs/cgroup/unified/$2/cgroup.kill"
    sleep 2
    find "/sys/fs/cgroup/systemd/$2" "/sys/fs/cgroup/unified/$2" -depth -type d -exec rmdir {} +
    rm -rf "$3"' \
    sd-guard "$SD_MAX_SEC" "$SD_N" "$SD_DIR" < /dev/null > /dev/null 2>&1 &
  SD_GUARD=$!
}

# The EXIT trap: ours first, then whatever was there (e.g. tests/lib.sh's
# rm -rf "$TMP").  INT and TERM exit so that EXIT runs.
_sd_chain_exit_trap() {
  local prev
  prev=$(trap -p EXIT)
  prev=${prev#trap -- \'}
  prev=${prev%\' EXIT}
  prev=${prev//\'\\\'\'/\'}
  trap "sd_cleanup; $prev" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# sd_install_unit FILE...: copy units into the container's /etc/systemd/system.
sd_install_unit() {
  install -m 0644 -t "$SD_ROOT/etc/systemd/system" "$@" && C systemctl daemon-reload
}

# sd_dropin UNIT NAME < CONTENT: /etc/systemd/system/UNIT.d/NAME.conf.
sd_dropin() {
  mkdir -p "$SD_ROOT/etc/systemd/system/$1.d"
  cat > "$SD_ROOT/etc/systemd/system/$1.d/$2.conf" && C systemctl daemon-reload
}

# sd_exec_start UNIT COMMAND...: /usr is read-only, so the unit's ExecStart=
# is replaced by a drop-in (e.g. pointing at /opt/under-test).
sd_exec_start() {
  local unit=$1
  shift
  printf '[Service]\nExecStart=\nExecStart=%s\n' "$*" | sd_dropin "$unit" test-exec
}

# sd_sysusers NAME < LINES: declare users/groups (sysusers.d(5)) and create them.
sd_sysusers() {
  mkdir -p "$SD_ROOT/etc/sysusers.d"
  cat > "$SD_ROOT/etc/sysusers.d/$1.conf" && C systemd-sysusers "/etc/sysusers.d/$1.conf"
}

# sd_prop UNIT PROP: one property's value.
sd_prop() { C systemctl show "$1" -p "$2" --value; }

# sd_wait_prop UNIT PROP VALUE [SECONDS]: until PROP = VALUE (default 15 s).
sd_wait_prop() {
  local i n=$((${4:-15} * 10))
  for ((i = 0; i < n; i++)); do
    [ "$(sd_prop "$1" "$2")" = "$3" ] && return 0
    sleep 0.1
  done
  echo "    $1 $2=$(sd_prop "$1" "$2"), expected $3"
  return 1
}

# sd_journal ARG...: journalctl inside, flushed first.
sd_journal() { C journalctl --sync > /dev/null 2>&1 || true; C journalctl --no-pager "$@"; }

# Keep what explains a failure: the console, the journal, unit states.
sd_save_artifacts() {
  [ -n "$SD_DIR" ] || return 0
  rm -rf "$SD_ARTIFACTS"
  mkdir -p "$SD_ARTIFACTS"
  cp "$SD_DIR/console.log" "$SD_ARTIFACTS/" 2> /dev/null || true
  if [ -n "$SD_L" ] && [ -d "/proc/$SD_L" ]; then
    sd_journal -o short-precise > "$SD_ARTIFACTS/journal.txt" 2>&1 || true
    C journalctl --no-pager -o export > "$SD_ARTIFACTS/journal.export" 2> /dev/null || true
    C systemctl list-units --all --no-pager --plain > "$SD_ARTIFACTS/units.txt" 2>&1 || true
  fi
}

# Idempotent: power off, else cgroup.kill; then remove the cgroups.
sd_cleanup() {
  [ -n "$SD_N" ] || return 0
  sd_save_artifacts
  if [ -n "$SD_NSPAWN" ] && kill -0 "$SD_NSPAWN" 2> /dev/null; then
    [ -n "$SD_L" ] && timeout 10 nsenter -t "$SD_L" -a systemctl poweroff --no-block > /dev/null 2>&1
    timeout 15 tail --pid="$SD_NSPAWN" -f /dev/null || true
  fi
  # "populated 1": some process is left anywhere below our cgroup.
  if grep -qs '^populated 1' "/sys/fs/cgroup/unified/$SD_N/cgroup.events"; then
    echo "sd_cleanup: power-off did not finish, killing the container's cgroup"
    echo 1 > "/sys/fs/cgroup/unified/$SD_N/cgroup.kill" || true
  fi
  for _ in $(seq 100); do
    [ -n "$SD_L" ] && [ -d "/proc/$SD_L" ] || break
    sleep 0.1
  done
  find "/sys/fs/cgroup/systemd/$SD_N" "/sys/fs/cgroup/unified/$SD_N" -depth -type d -exec rmdir {} + 2> /dev/null || true
  rm -rf "$SD_DIR"
  [ -n "$SD_GUARD" ] && kill -- "-$SD_GUARD" 2> /dev/null
  SD_N= SD_DIR= SD_GUARD=
}
