#!/usr/bin/env bash
# Configuration layers (issue 9): the vendor configuration as installed under
# usr/share/migstat/config, overridden by an etc/migstat directory the way
# systemd overrides /usr/lib by /etc: same name replaces, empty file masks,
# new names add; relative paths resolve against their own layer.
source "$(dirname "$0")/lib.sh"

# An installed tree: config/ and data/ side by side, as `cmake --install` lays them out.
VENDOR=$TMP/usr/share/migstat/config
ETC=$TMP/etc/migstat
mkdir -p "$TMP/usr/share/migstat" "$ETC"
cp -r "$SRC/config" "$VENDOR"
cp -r "$SRC/data" "$TMP/usr/share/migstat/data"
LAYERS=$VENDOR:$ETC
N=$(ls "$SRC"/config/charts.d/*.json | wc -l) # chart specs in the vendor set
n_charts() { "$BIN/migstatd" --check-config --config "$1" | sed -n 's/.* \([0-9]*\) chart specs: ok$/\1/p'; }

check "vendor configuration alone checks" test "$(n_charts "$VENDOR")" = "$N"
check "an empty /etc layer changes nothing" test "$(n_charts "$LAYERS")" = "$N"
check "a missing /etc layer is skipped" test "$(n_charts "$VENDOR:$TMP/nonexistent")" = "$N"
out=$("$BIN/migstatd" --check-config --config "$TMP/nonexistent:$ETC" 2>&1) || true
check "a missing first layer is an error naming it" grep -q "$TMP/nonexistent.*expected a configuration directory" <<<"$out"

# Same name in /etc replaces the vendor's file (both read would be "id used twice").
mkdir -p "$ETC/charts.d" "$ETC/sources.d"
cp "$VENDOR/charts.d/protection-rates-yearly.json" "$ETC/charts.d/"
check "a same-named chart replaces the vendor's ($N charts, no duplicate id)" test "$(n_charts "$LAYERS")" = "$N"
jq '.source = "no-such-source"' "$VENDOR/charts.d/protection-rates-yearly.json" > "$ETC/charts.d/protection-rates-yearly.json"
out=$("$BIN/migstatd" --check-config --config "$LAYERS" 2>&1) || true
check "the replacing file is the one read (its error names $ETC)" \
  grep -q "$ETC/charts.d/protection-rates-yearly.json.*no-such-source" <<<"$out"
# A new name adds a chart; an empty file masks one.
jq '.id = "protection-rates-yearly-copy"' "$VENDOR/charts.d/protection-rates-yearly.json" > "$ETC/charts.d/protection-rates-yearly.json"
check "a replacing file may change the id" test "$(n_charts "$LAYERS")" = "$N"
jq '.id = "extra"' "$VENDOR/charts.d/protection-rates-yearly.json" > "$ETC/charts.d/zz-extra.json"
check "a new name in /etc adds a chart" test "$(n_charts "$LAYERS")" = $((N + 1))
: > "$ETC/charts.d/deportations-yearly.json"
check "an empty file masks a vendor chart" test "$(n_charts "$LAYERS")" = "$N"
rm "$ETC/charts.d/deportations-yearly.json"
ln -s /dev/null "$ETC/charts.d/deportations-yearly.json"
check "a symlink to /dev/null masks a vendor chart" test "$(n_charts "$LAYERS")" = "$N"
rm "$ETC"/charts.d/*

# A vendor source masked while a vendor chart still uses it: the error says so.
: > "$ETC/sources.d/deportations-yearly.json"
out=$("$BIN/migstatd" --check-config --config "$LAYERS" 2>&1) || true
check "masking a source that a chart needs names the chart file" \
  grep -q "$VENDOR/charts.d/deportations-yearly.json.*deportations-yearly" <<<"$out"
rm "$ETC/sources.d/deportations-yearly.json"

# Drop-ins: all layers, by name; /etc wins a name.
mkdir -p "$VENDOR/migstat.conf.d" "$ETC/migstat.conf.d"
printf '[Paths]\nNoSuchKey=1\n' > "$VENDOR/migstat.conf.d/50-vendor.conf"
out=$("$BIN/migstatd" --check-config --config "$LAYERS" 2>&1) || true
check "a vendor drop-in is read" grep -q "50-vendor.conf:2.*unknown key Paths.NoSuchKey" <<<"$out"
: > "$ETC/migstat.conf.d/50-vendor.conf"
check "an empty same-named drop-in in /etc masks it" test "$(n_charts "$LAYERS")" = "$N"
rm "$VENDOR/migstat.conf.d/50-vendor.conf" "$ETC/migstat.conf.d/50-vendor.conf"

# /etc/migstat/migstat.conf replaces the vendor's migstat.conf.
printf '[Paths]\nTypo=1\n' > "$ETC/migstat.conf"
out=$("$BIN/migstatd" --check-config --config "$LAYERS" 2>&1) || true
check "/etc's migstat.conf is read instead of the vendor's" grep -q "$ETC/migstat.conf:2.*Typo" <<<"$out"
rm "$ETC/migstat.conf"

# Relative paths resolve in their own layer: the vendor's DataDirectory=../data
# and FontConfig=fonts.conf under usr/share/migstat, a drop-in's
# PublishDirectory=publish under etc/migstat.  A full cycle proves both.
printf '[Paths]\nPublishDirectory=publish\nStateDirectory=state\n' > "$ETC/migstat.conf.d/50-local.conf"
check "--once on the layered configuration publishes" "$BIN/migstatd" --once --config "$LAYERS"
check "the drop-in's relative PublishDirectory is under $ETC" test -L "$ETC/publish/current"
check "the release holds a chart drawn from the vendor's data" \
  test -s "$ETC/publish/current/asylum-applications-monthly.en.svg"
check "no publish directory appeared beside the vendor configuration" test ! -e "$VENDOR/publish"
finish
