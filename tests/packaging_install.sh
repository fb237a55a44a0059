#!/usr/bin/env bash
# `cmake --install` (issue 9): every file lands where Debian and systemd look,
# the installed daemon runs on the installed vendor configuration (its
# relative DataDirectory and FontConfig resolve), the man pages render without
# a warning, and sysusers.d/tmpfiles.d create what the service needs.
source "$(dirname "$0")/lib.sh"
BUILD=$(cd "$BIN" && pwd)
ROOT=$TMP/root
DESTDIR=$ROOT cmake --install "$BUILD" --prefix /usr >"$TMP/install.log" 2>&1 ||
  { cat "$TMP/install.log"; fail "cmake --install"; finish; }
ok "cmake --install --prefix /usr into DESTDIR"

UNITDIR=$(pkg-config --variable=systemdsystemunitdir systemd)
SYSUSERS=$(pkg-config --variable=sysusersdir systemd)
TMPFILES=$(pkg-config --variable=tmpfilesdir systemd)
COMPL=$(pkg-config --variable=completionsdir bash-completion 2>/dev/null || echo /usr/share/bash-completion/completions)
for f in /usr/sbin/migstatd /usr/bin/migstatctl \
         /usr/share/migstat/config/migstat.conf /usr/share/migstat/config/fonts.conf \
         /usr/share/migstat/config/sources.d/eurostat-asylum-monthly.json \
         /usr/share/migstat/config/charts.d/asylum-applications-monthly.json \
         /usr/share/migstat/data/asylum_applications_monthly.json \
         /usr/share/migstat/config/offline/migstat.conf.d/50-offline.conf \
         /usr/share/doc/migstat/README.md /usr/share/doc/migstat/docs/configuration.md \
         "$UNITDIR/migstatd.service" "$UNITDIR/migstatd.socket" \
         "$SYSUSERS/migstat.conf" "$TMPFILES/migstat.conf" "$COMPL/migstatctl" \
         /usr/share/man/man8/migstatd.8 /usr/share/man/man1/migstatctl.1 /usr/share/man/man5/migstat.conf.5 \
         /usr/share/man/man5/migstat-sources.5 /usr/share/man/man5/migstat-charts.5; do
  check "installed $f" test -s "$ROOT$f"
done
check "nothing installed outside /usr (units may be in /lib)" \
  test -z "$(cd "$ROOT" && find . -mindepth 1 -maxdepth 1 ! -name usr ! -name lib)"
check "the daemon's default is the vendor configuration, then /etc/migstat" \
  grep -q "/usr/share/migstat/config:/etc/migstat" <("$ROOT/usr/sbin/migstatd" --help)

# The installed tree works where it was put: --check-config and a full cycle
# on the vendor layer (../data, fonts.conf relative to it) with the installed
# offline layer (no network: every source reads its seed) plus an empty /etc.
LAYERS=$ROOT/usr/share/migstat/config:$ROOT/usr/share/migstat/config/offline:$ROOT/etc/migstat
check "installed migstatd --check-config" "$ROOT/usr/sbin/migstatd" --check-config --config "$LAYERS"
check "installed migstatd --once publishes from the installed data" \
  "$ROOT/usr/sbin/migstatd" --once --config "$LAYERS" --publish-dir "$TMP/pub"
chart_ids() { jq -c '[.charts[].id] | unique' "$1/current/index.json"; }
"$BIN/migstatd" --once --config "$SRC/config:$SRC/config/offline" --publish-dir "$TMP/pub-src" >/dev/null 2>&1
check "the release holds every chart of the default set (as from the source tree)" \
  test "$(chart_ids "$TMP/pub")" = "$(chart_ids "$TMP/pub-src")" -a "$(chart_ids "$TMP/pub")" != "[]"

# Man pages: no warning from man or groff (-ww: all warnings).
for page in man8/migstatd.8 man1/migstatctl.1 man5/migstat.conf.5 man5/migstat-sources.5 man5/migstat-charts.5; do
  f=$ROOT/usr/share/man/$page
  w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null; groff -ww -man -z -K utf8 "$f" 2>&1)
  check "$page renders without warnings${w:+: $w}" test -z "$w"
  check "$page has NAME, SYNOPSIS, SEE ALSO" \
    test "$(MANWIDTH=80 man -l "$f" 2>/dev/null | grep -cE '^(NAME|SYNOPSIS|SEE ALSO)$')" = 3
done
w=$(printf '.TH X 1\n.SH NAME\n.BX broken\n' | groff -ww -man -z 2>&1)
check "groff -ww does report a bad macro (the check can fail)" test -n "$w"

# sysusers.d and tmpfiles.d, applied to a scratch root by systemd's own tools.
S=$TMP/sysroot
mkdir -p "$S/etc" "$S/var/lib" "$S/usr/share/migstat"
cp -r "$ROOT/usr/share/migstat/data" "$S/usr/share/migstat/" # what tmpfiles' C lines copy from
check "systemd-sysusers creates user and group migstat" \
  systemd-sysusers --root="$S" "$ROOT$SYSUSERS/migstat.conf"
check "user migstat is a system user with home /var/lib/migstat and no login" \
  grep -qE '^migstat:x:[0-9]{1,3}:[0-9]{1,3}:[^:]*:/var/lib/migstat:/usr/sbin/nologin$' "$S/etc/passwd"
check "group migstat exists" grep -q '^migstat:x:' "$S/etc/group"
check "systemd-tmpfiles creates the publish directory" \
  systemd-tmpfiles --root="$S" --create "$ROOT$TMPFILES/migstat.conf"
uid=$(awk -F: '$1 == "migstat" {print $3}' "$S/etc/passwd")
check "publish directory is 0755 and owned by migstat" \
  test "$(stat -c '%a %u' "$S/var/lib/migstat/publish")" = "755 $uid"
check "the editors' tables directory is 2775 and owned by migstat" \
  test "$(stat -c '%a %u' "$S/var/lib/migstat/tables")" = "2775 $uid"
check "the tables start as the bundled snapshots" \
  cmp "$S/var/lib/migstat/tables/deportations_yearly_de.csv" "$ROOT/usr/share/migstat/data/deportations_yearly_de.csv"
echo "DE,deportations,2099,1," >> "$S/var/lib/migstat/tables/deportations_yearly_de.csv" # an editor's change
systemd-tmpfiles --root="$S" --create "$ROOT$TMPFILES/migstat.conf" || true
check "tmpfiles never copies over an editor's table" grep -q 2099 "$S/var/lib/migstat/tables/deportations_yearly_de.csv"
finish
