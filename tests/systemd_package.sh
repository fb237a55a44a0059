#!/usr/bin/env bash
# The .deb under a real systemd (issue 9).  A throwaway systemd-nspawn
# container (tests/systemd/harness.sh) boots with copy-on-write overlays of
# the host's /usr, /etc and /var, so dpkg, its database and the units are
# writable inside and every change vanishes at power-off.  Inside it:
# `dpkg -i` runs the real maintainer scripts (sysusers, tmpfiles, enable and
# start migstatd.socket); a member of group migstat runs `migstatctl
# regenerate` (socket activation of the hardened service), another user is
# refused; the charts appear in the publish directory and the example nginx
# site serves them; `dpkg --purge` removes the units, the state and the cache.
# Needs the .deb from the debian_package test (fixture "deb").
source "$(dirname "$0")/lib.sh"
SD_LABEL=systemd_package SD_TIMEOUT=60
source "$SRC/tests/systemd/harness.sh"
sd_can_run || { echo "SKIP: $SD_SKIP"; exit 77; }
command -v nginx >/dev/null || { echo "SKIP: nginx missing"; exit 77; }
DEB=$(ls "$BIN"/deb/migstat_*.deb 2>/dev/null | head -1)
[ -n "$DEB" ] || { echo "FAIL: no .deb in $BIN/deb (run the debian_package test first)"; exit 1; }
mkdir -p "$TMP/pkg"
cp "$DEB" "$TMP/pkg/"

# The harness boots the host's /usr read-only under a tmpfs root; dpkg must
# write /usr, /etc and /var (its database, units, users), so those are
# copy-on-write overlays of the host's with a tmpfs on top: the package is
# really installed, and everything vanishes at power-off.
if sd_boot "$BIN" --overlay=/usr::/usr --overlay=/etc::/etc --overlay=/var::/var --bind-ro="$TMP/pkg":/opt/pkg; then
  ok "container boots with writable copies of /usr, /etc, /var"
else
  fail "container boots"; finish; exit 1
fi
L=$SD_L

# Install: the real dpkg and maintainer scripts against the real systemd.
# This host's image carries a policy-rc.d that forbids starting services (a
# container-image habit); a Debian system has none, so the copy drops it.
C rm -f /usr/sbin/policy-rc.d
check "dpkg -i installs the package" C dpkg -i "/opt/pkg/$(basename "$DEB")"
check "postinst created system user migstat" C id -u migstat
check "migstatd.socket is active" test "$(C systemctl is-active migstatd.socket)" = active
check "migstatd.socket and .service are enabled" \
  test "$(C systemctl is-enabled migstatd.socket migstatd.service | paste -sd' ')" = "enabled enabled"
check "postinst started the service too" test "$(C systemctl is-active migstatd.service)" = active
# Socket activation: with the service stopped, the socket stays and the
# first connection below starts the service again.
C systemctl stop migstatd.service
check "stopping the service keeps the socket listening" \
  test "$(C systemctl is-active migstatd.service migstatd.socket | paste -sd' ')" = "inactive active"
sock=$(C stat -c '%U:%G %a %F' /run/migstat/control.sock 2>&1)
check "control socket is migstat:migstat 0660 ($sock)" test "$sock" = "migstat:migstat 660 socket"
check "tmpfiles created the publish directory 0755 migstat" \
  test "$(C stat -c '%U %a' /var/lib/migstat/publish)" = "migstat 755"

# Who may ask: a member of group migstat, not another user.
C useradd --create-home --groups migstat editor
C useradd --create-home outsider
check "migstatctl regenerate as a member of group migstat" C runuser -u editor -- migstatctl regenerate
check "the first connection started the service" test "$(C systemctl is-active migstatd.service)" = active
rc=0; C runuser -u outsider -- migstatctl status > "$TMP/outsider.out" 2>&1 || rc=$?
check "another user is refused (exit 3: not reachable, $(head -c 120 "$TMP/outsider.out"))" \
  test "$rc" = 3 -a -n "$(grep -i 'permission denied' "$TMP/outsider.out")"

# Charts appear in the publish directory.
for _ in $(seq 300); do C test -e /var/lib/migstat/publish/current/index.json && break; sleep 0.1; done
check "a release is published under /var/lib/migstat/publish/current" C test -s /var/lib/migstat/publish/current/index.json
n=$(C sh -c 'ls /var/lib/migstat/publish/current/*.svg | wc -l' || echo 0)
check "the release holds the charts' SVGs ($n)" test "$n" -ge 8
published_status() { # the run is recorded just after the release is swapped in
  for _ in $(seq 100); do
    C runuser -u editor -- migstatctl status > "$TMP/status" 2>&1
    grep -qE '^Last run:    #[0-9]+ (published|unchanged), release ' "$TMP/status" &&
      grep -qE '^Runs: .*\(0 failed' "$TMP/status" && return 0
    sleep 0.1
  done
  return 1
}
check "migstatctl status (as editor): the last run has a release, none failed" published_status
show=$(C systemctl show migstatd.service -p User -p ActiveState -p SubState -p NRestarts | sort | paste -sd' ')
check "service runs as migstat, no restarts ($show)" \
  test "$show" = "ActiveState=active NRestarts=0 SubState=running User=migstat"
owner=$(C stat -c %U /var/lib/migstat/publish/current/index.json)
check "published files belong to migstat ($owner)" test "$owner" = migstat

# The example nginx site, unchanged but for the port, serves them (as www-data).
PORT=$((20000 + RANDOM % 20000))
C mkdir -p /etc/nginx/migstat-test
sed "s/listen 80;/listen 127.0.0.1:$PORT;/; /listen \[::\]:80;/d" "$SRC/packaging/nginx/migstat.conf" \
  > "/proc/$L/root/etc/nginx/migstat-test/site.conf"
cat > "/proc/$L/root/etc/nginx/migstat-test/nginx.conf" <<EOF
user www-data;
worker_processes 1;
pid /run/nginx-migstat-test.pid;
error_log /tmp/nginx-error.log;
events { worker_connections 64; }
http { access_log off; include /etc/nginx/migstat-test/site.conf; }
EOF
check "nginx starts with the example site" C systemd-run --unit=nginx-migstat-test --service-type=forking \
  nginx -c /etc/nginx/migstat-test/nginx.conf
svg=asylum-applications-monthly.en.svg
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
code=$(curl -s -o "$TMP/got.svg" -D "$TMP/headers" -w '%{http_code}' "http://127.0.0.1:$PORT/current/$svg" || true)
check "nginx serves /current/$svg (HTTP $code)" test "$code" = 200
check "the served bytes are the published file" cmp -s "$TMP/got.svg" "/proc/$L/root/var/lib/migstat/publish/current/$svg"
check "served as image/svg+xml" grep -qi '^content-type: image/svg+xml' "$TMP/headers"
rel=$(C readlink /var/lib/migstat/publish/current)
code=$(curl -s -o /dev/null -D "$TMP/h2" -w '%{http_code}' "http://127.0.0.1:$PORT/$rel/index.json" || true)
check "the release is served as immutable ($code)" grep -qi '^cache-control: .*immutable' "$TMP/h2"
C systemctl stop nginx-migstat-test >/dev/null 2>&1 || true

# Purge: units, state, cache gone; the system user stays (Debian keeps system users).
check "dpkg --purge migstat" C dpkg --purge migstat
UNITDIR=$(pkg-config --variable=systemdsystemunitdir systemd)
check "unit files are removed" C test ! -e "$UNITDIR/migstatd.service" -a ! -e "$UNITDIR/migstatd.socket"
check "no enablement symlinks remain" \
  test -z "$(C find /etc/systemd/system -name 'migstatd.*')"
check "service and socket are stopped" \
  test "$(C systemctl is-active migstatd.service migstatd.socket | paste -sd' ')" = "inactive inactive"
check "/var/lib/migstat (state, publish directory) is removed" C test ! -e /var/lib/migstat
check "/var/cache/migstat is removed" C test ! -e /var/cache/migstat
check "the control socket is gone" C test ! -e /run/migstat/control.sock
check "the system user migstat stays, as Debian does for system users" C id -u migstat
finish
