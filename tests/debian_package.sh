#!/usr/bin/env bash
# The Debian package (issue 9): dpkg-buildpackage -b -us -uc on a clean copy of
# the source tree builds it, lintian reports no error, and the package holds
# the programs, units, sysusers/tmpfiles, man pages, completion and maintainer
# scripts that create the user, enable the socket and purge the state.
# Leaves the .deb in BIN/deb/ for the systemd test (fixture "deb").
source "$(dirname "$0")/lib.sh"
for t in dpkg-buildpackage dh lintian scdoc; do
  command -v "$t" >/dev/null || { echo "SKIP: $t missing (scripts/setup.sh installs it)"; exit 77; }
done
OUT=$BIN/deb
rm -rf "$OUT"
mkdir -p "$TMP/src" "$OUT"
# A clean copy: the files git knows (and new ones not ignored), no build trees.
(cd "$SRC" && git ls-files -co --exclude-standard | grep -vE '^(build|obj-)' | tar -cf - -T -) | tar -xf - -C "$TMP/src"
if (cd "$TMP/src" && dpkg-buildpackage -b -us -uc -j2) >"$TMP/build.log" 2>&1; then
  ok "dpkg-buildpackage -b -us -uc"
else
  tail -40 "$TMP/build.log"; fail "dpkg-buildpackage -b -us -uc"; finish
fi
DEB=$(ls "$TMP"/migstat_*_*.deb)
cp "$DEB" "$OUT/"
DEB=$OUT/$(basename "$DEB")

lrc=0
lintian --fail-on error --no-tag-display-limit "$TMP"/migstat_*.changes >"$TMP/lintian.log" 2>&1 || lrc=$?
sed 's/^/    /' "$TMP/lintian.log"
check "lintian --fail-on error exits 0 (status $lrc)" test "$lrc" = 0
check "lintian: no E: line" test -z "$(grep '^E:' "$TMP/lintian.log")"

dpkg-deb -c "$DEB" | awk '{print $6}' | sed 's#^\./#/#' > "$TMP/contents"
for f in /usr/sbin/migstatd /usr/bin/migstatctl /usr/share/migstat/config/migstat.conf \
         /usr/share/migstat/data/asylum_applications_monthly.json \
         "$(pkg-config --variable=systemdsystemunitdir systemd)/migstatd.service" \
         "$(pkg-config --variable=systemdsystemunitdir systemd)/migstatd.socket" \
         /usr/lib/sysusers.d/migstat.conf /usr/lib/tmpfiles.d/migstat.conf \
         /usr/share/man/man8/migstatd.8.gz /usr/share/man/man5/migstat.conf.5.gz \
         /usr/share/bash-completion/completions/migstatctl /usr/share/doc/migstat/examples/nginx-migstat.conf; do
  check "package holds $f" grep -qx "$f" "$TMP/contents"
done
dpkg-deb -e "$DEB" "$TMP/ctl"
check "postinst creates the user with systemd-sysusers" grep -q 'systemd-sysusers.*migstat.conf' "$TMP/ctl/postinst"
check "postinst enables and starts migstatd.socket" grep -q "deb-systemd-invoke .* 'migstatd.socket'" "$TMP/ctl/postinst"
check "sysusers runs before tmpfiles (which chowns to migstat)" \
  test "$(grep -n systemd-sysusers "$TMP/ctl/postinst" | cut -d: -f1)" -lt "$(grep -n 'systemd-tmpfiles' "$TMP/ctl/postinst" | head -1 | cut -d: -f1)"
check "postrm purges /var/lib/migstat and /var/cache/migstat" grep -q 'rm -rf /var/lib/migstat /var/cache/migstat' "$TMP/ctl/postrm"
check "Depends computed from the shared libraries" grep -q 'libcurl4' <(dpkg-deb -f "$DEB" Depends)
finish
