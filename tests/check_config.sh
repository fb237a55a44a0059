#!/usr/bin/env bash
# Issue 16: `migstatd --check-config` and `migstatctl validate` catch every
# mistake an operator or editor makes, with file:line:column, and a reload
# with one is rejected, so a typo never reaches a published chart.
# Filter codes and measure steps are checked against the data a run would
# start from (here the bundled seed data behind file:// URLs).
source "$(dirname "$0")/lib.sh"
make_config
SOCK=$TMP/ctl.sock
CTL=("$BIN/migstatctl" --socket "$SOCK")
printf '[Paths]\nPublishDirectory=%s/pub\nStateDirectory=%s/state\n[Control]\nSocket=%s\n' "$TMP" "$TMP" "$SOCK" \
  > "$TMP/config/migstat.conf.d/60-control.conf"

check "the default configuration passes" "$BIN/migstatd" --check-config --config "$TMP/config"
check "the daemon answers on its socket" start_daemon "$TMP/d.log"
check "validate passes it too" "${CTL[@]}" validate

# says RC EXPECTED OUTPUT: RC is 1 and OUTPUT matches EXPECTED (a regex);
# else what it got is shown under the verdict.
says() {
  [ "$1" = 1 ] && grep -qE -- "$2" <<<"$3" && return 0
  echo "    got (exit $1): $3"
  return 1
}
# refused NAME EXPECTED: both checks exit 1 with EXPECTED (a regex) in their
# message, a reload is rejected; then the configuration is restored.
refused() {
  local name=$1 want=$2 out r=0
  out=$("$BIN/migstatd" --check-config --config "$TMP/config" 2>&1) || r=$?
  check "$name: --check-config exits 1" test "$r" = 1
  check "$name: --check-config says where and what" says 1 "$want" "$out"
  r=0; out=$("${CTL[@]}" validate 2>&1) || r=$?
  check "$name: validate exits 1 with the same" says "$r" "$want" "$out"
  check "$name: a reload is rejected" test_rc 1 "${CTL[@]}" reload
  rm -rf "$TMP/config"; cp -r "$TMP/good" "$TMP/config"
}
cp -r "$TMP/config" "$TMP/good"
D=$TMP/config/migstat.conf.d/70-x.conf
ESC_D=$(sed 's/[.[\*^$/]/\\&/g' <<<"$D")

printf '# a comment\n[Publish\nKeepReleases=3\n' > "$D"
refused "section header without ]" "$ESC_D:2:9: section header: expected '\]'"
printf '[Publish]\nKeepReleases=3\n\nKeepReleases=4\n' > "$D"
refused "duplicate INI key" "$ESC_D:4:1: duplicate key Publish.KeepReleases"
printf '[Publish]\nPostPublishHook=sync-to-cdn.sh --now\n' > "$D"
refused "relative hook" "$ESC_D:2:1: Publish.PostPublishHook: expected the absolute path of an executable"
printf '[Publish]\nPostPublishHook=%s/no-such-hook\n' "$TMP" > "$D"
refused "missing hook" "$ESC_D:2:1: Publish.PostPublishHook: expected .*no-such-hook"
printf '#!/bin/sh\n' > "$TMP/hook.sh"; chmod 0644 "$TMP/hook.sh"
printf '[Publish]\nPostPublishHook=%s/hook.sh\n' "$TMP" > "$D"
refused "hook that is not executable" "$ESC_D:2:1: Publish.PostPublishHook"
printf '[Paths]\nStateDirectory=/tmp\nDataDirectory=%s/no-data\n' "$TMP" > "$D"
refused "missing DataDirectory" "$ESC_D:3:1: DataDirectory=.*no-data: expected an existing directory"
printf '[Paths]\nFontConfig=no-fonts.conf\n' > "$D"
refused "missing FontConfig" "$ESC_D:2:1: FontConfig=.*no-fonts.conf: expected an existing file"
printf '[Publish]\nBaseURL=charts.example.org\n' > "$D"
refused "BaseURL without a scheme" "$ESC_D:2:1: Publish.BaseURL: expected a URL with its scheme"
printf '[Publish]\nBaseURL=https://\n' > "$D"
refused "BaseURL without a host" "Publish.BaseURL: expected a URL with its scheme"

# Chart specs: the first one with select.filters (from the configuration).
spec=$(for f in "$TMP"/config/charts.d/*.json; do jq -e '.select.filters' "$f" >/dev/null && { echo "$f"; break; }; done)
ESC_S=$(sed 's/[.[\*^$/]/\\&/g' <<<"$spec")
dim=$(jq -r '.select.filters | keys[0]' "$spec")
code=$(jq -r ".select.filters[\"$dim\"]" "$spec")
line_of() { grep -n -- "$1" "$spec" | head -1 | cut -d: -f1; }
col_of() { awk -v pat="$1" 'index($0, pat) { print index($0, pat); exit }' "$spec"; }

sed -i "s/\"$dim\": *\"$code\"/\"$dim\": \"${code}X\"/" "$spec"
refused "unknown filter code (against the data)" \
  "$ESC_S:$(line_of "\"$dim\": \"${code}X\""):$(col_of "\"$dim\": \"${code}X\""): chart [a-z0-9-]+: select.filters.$dim: unknown code \"${code}X\" in dimension $dim"
sed -i "s/\"$dim\": *\"$code\"/\"${dim}x\": \"$code\"/" "$spec"
refused "unknown filter dimension" "$ESC_S:[0-9]+:[0-9]+: chart [a-z0-9-]+: select.filters.${dim}x: source .* has no dimension \"${dim}x\""
sed -i "s/\"$dim\": *\"$code\"/\"$dim\": \"$code\", \"$dim\": \"$code\"/" "$spec"
second=$(awk -v pat="\"$dim\": \"$code\"" '{ i = index($0, pat); if (i) { rest = substr($0, i + 1); j = index(rest, pat); if (j) { print i + j; exit } } }' "$spec")
refused "duplicate filter key" "$ESC_S:$(line_of "\"$dim\": \"$code\", \"$dim\""):$second: select.filters.$dim: duplicate filter key"

# A measure step typo, in the first spec with select.measure.
mspec=$(for f in "$TMP"/config/charts.d/*.json; do jq -e '.select.measure' "$f" >/dev/null && { echo "$f"; break; }; done)
jq '.select.measure |= (split("|") | .[-1] |= (split(":") | .[0] += "x" | join(":")) | join("|"))' "$mspec" > "$TMP/m.json"
mv "$TMP/m.json" "$mspec"
ESC_M=$(sed 's/[.[\*^$/]/\\&/g' <<<"$mspec")
refused "measure step typo" "$ESC_M:$(grep -n '"measure"' "$mspec" | head -1 | cut -d: -f1):[0-9]+: chart [a-z0-9-]+: select.measure.*unknown"

# A subtitle placeholder typo (it was published as literal text).
jq '.subtitle.de = ((.subtitle.de // "Stand") + " {lastest}") | .subtitle.en = (.subtitle.en // "As of")' "$spec" > "$TMP/s.json"
mv "$TMP/s.json" "$spec"
refused "placeholder typo" "$ESC_S:[0-9]+:[0-9]+: [a-z]+\.(de|en): unknown placeholder \"\{lastest\}\": expected \{first\}, \{latest\}, \{stand\} or \{name\}"

check "after all that the daemon still serves the good configuration" "${CTL[@]}" validate
finish
