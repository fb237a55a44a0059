#!/usr/bin/env bash
# Disk full: the publish directory on a tmpfs that holds one release but
# not a second with a changed chart.  The second release fails
# with an error naming the file and "No space left on device"; the first
# stays current and intact; no staging directory is left.  Skips (77) where
# mounting is not permitted.
source "$(dirname "$0")/lib.sh"
make_config
PUB=$TMP/pub
mkdir -p "$PUB"
# Size the tmpfs to one release plus 128 KiB: a second release with a
# changed chart needs far more than that for the chart's new images.
"$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$TMP/measure" >/dev/null
SIZE_K=$(( $(du -sk "$TMP/measure" | cut -f1) + 128 ))
if ! mount -t tmpfs -o size=${SIZE_K}k,mode=0755 migstat-test "$PUB" 2>/dev/null; then
  echo "skip: cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN)"
  exit 77
fi
trap 'umount "$PUB" 2>/dev/null; rm -rf "$TMP"' EXIT
run() { "$BIN/migstatd" --once --force --config "$TMP/config" --publish-dir "$PUB" "$@"; }

check "the first release fits" run >/dev/null
before=$(readlink "$PUB/current")
(cd "$PUB" && find . -type f -exec sha256sum {} + | sort) > "$TMP/before.sums"
echo "# used after one release: $(df --output=used -k "$PUB" | tail -1) KiB of $SIZE_K"
# A different window: every image changes, nothing can be hard-linked.
jq '.select.window = 24' "$TMP/config/charts.d/asylum-applications-monthly.json" > "$TMP/spec.json"
mv "$TMP/spec.json" "$TMP/config/charts.d/asylum-applications-monthly.json"
sleep 1.1
if run >/dev/null 2>"$TMP/err"; then
  fail "the second release should fail on a full disk"
else
  ok "the second release fails"
fi
cat "$TMP/err"
check "the error says the disk is full" grep -q "No space left on device" "$TMP/err"
check "the error names the file it could not write" grep -Eq "cannot write $PUB/releases/\.staging-[0-9]+/[^ ]+: " "$TMP/err"
check "current is unchanged" test "$(readlink "$PUB/current")" = "$before"
(cd "$PUB" && find . -type f -exec sha256sum {} + | sort) > "$TMP/after.sums"
check "every published file is unchanged" cmp -s "$TMP/before.sums" "$TMP/after.sums"
check "current still verifies" manifest_verifies_all "$PUB/current/"
check "no staging directory is left" test -z "$(find "$PUB" -name '.staging-*' -o -name '.current-*')"
check "the space is given back" test "$(df --output=used -k "$PUB" | tail -1)" -lt $((SIZE_K - 100))
finish
