#!/usr/bin/env bash
# Hostile state around a real migstatd (issue 18; the publish directory's
# names, the swap and the cache files are unit-tested in test_publish_state):
# retention next to planted directories, an edition link that cannot be
# made, a FIFO and a CR/LF ETag in the cache of an HTTP source, a burst of
# SIGHUPs, `regenerate --force --force`.
source "$(dirname "$0")/lib.sh"
command -v socat >/dev/null || { echo "SKIP: socat missing"; exit 77; }
make_config asylum-applications-monthly
seeds_as_files
PUB=$TMP/pub STATE=$TMP/state SOCK=$TMP/ctl.sock LOG=$TMP/log FLOG=$TMP/fault.log
start_fault_server "$FLOG"
fetch_conf state Offline=no MaxRetries=0
printf '[Publish]\nKeepReleases=2\n' > "$TMP/config/migstat.conf.d/61-keep.conf"
ID=eurostat-asylum-monthly
monthly_source_at "http://127.0.0.1:$PORT/data.json" '.kind = "jsonstat"'
once() { timeout 60 "$BIN/migstatd" --once --force --config "$TMP/config" "$@" >>"$LOG" 2>&1; }

check "first release" once
# Retention keeps the daemon's own releases by its record: an operator's
# directory and ten names dated in the future are neither removed nor
# counted as releases.
mkdir -p "$PUB/releases/operator-notes"
for m in 01 02 03 04 05 06 07 08 09 10; do mkdir -p "$PUB/releases/2999${m}01T000000Z-abcdef"; done
for i in 1 2 3; do sleep 1.1; once || true; done
check "retention: the operator's directory stays" test -d "$PUB/releases/operator-notes"
check "retention: the ten future-dated names stay" test "$(ls -d "$PUB"/releases/2999* | wc -l)" = 10
check "retention: current is a real release, not a planted one" \
  test -f "$PUB/current/index.json"
ours=$(grep -c . "$PUB/releases/.migstat-releases")
check "retention: two of our releases are kept (KeepReleases=2), $ours recorded" test "$ours" = 2
check "retention: both exist" \
  bash -c "while read -r n; do test -d '$PUB/releases/'\$n || exit 1; done < '$PUB/releases/.migstat-releases'"

# An edition link that cannot be made (a directory planted under its name)
# fails the run: exit 1 and the reason, while the new release is current.
ED=$(jq -r .edition "$PUB/current/index.json")
rm -f "$PUB/editions/$ED"
mkdir -p "$PUB/editions/$ED/planted"
before=$(readlink "$PUB/current")
sleep 1.1
rc=0; once || rc=$?
check "edition error: exit 1 (was 0)" test "$rc" = 1
check "edition error: the log names the edition" grep -q "publish: edition $ED: cannot replace" "$LOG"
check "edition error: the planted directory is untouched" test -d "$PUB/editions/$ED/planted"
rm -rf "$PUB/editions/$ED"

# A FIFO where the source's cache meta belongs: refused at once (the run
# would otherwise hang in open()), the source fetched without it.
mkdir -p "$STATE/cache"
rm -f "$STATE/cache/$ID.meta"
mkfifo "$STATE/cache/$ID.meta"
: > "$LOG"
t0=$SECONDS
check "FIFO in the cache: the run finishes" once
check "FIFO in the cache: within 20 s ($((SECONDS - t0)) s)" test $((SECONDS - t0)) -lt 20
check "FIFO in the cache: the log names the file" \
  grep -q "source $ID: cache unusable, fetching without it: $STATE/cache/$ID.meta: expected a regular file, got a FIFO" "$LOG"
check "FIFO in the cache: replaced by the good response's meta" test -f "$STATE/cache/$ID.meta"

# A cached ETag with CR/LF: that source's cache is invalid (named), the
# request goes out without it, the run publishes.
jq '.etag = "\"x\"\r\nX-Injected: 1"' "$STATE/cache/$ID.meta" > "$TMP/meta" && cp "$TMP/meta" "$STATE/cache/$ID.meta"
: > "$LOG"
: > "$FLOG"
sleep 1.1
check "CR/LF ETag: the run succeeds" once
check "CR/LF ETag: the log names the cache file" \
  grep -q "source $ID: cache unusable, fetching without it: $STATE/cache/$ID.meta: etag and last_modified: expected" "$LOG"
check "CR/LF ETag: the request went out unconditional" grep -q '^good - ' "$FLOG"
check "CR/LF ETag: no 'Invalid argument'" bash -c "! grep -q 'Invalid argument' '$LOG'"

# The running daemon: a burst of SIGHUPs is one reload.
check "the daemon answers on its socket" start_daemon "$LOG"
: > "$LOG"
for _ in $(seq 30); do kill -HUP "$DPID"; done
sleep 1.5
n=$(grep -c "configuration reloaded" "$LOG" || true)
check "30 SIGHUPs: at most 2 reloads ($n)" test "$n" -ge 1 -a "$n" -le 2
check "30 SIGHUPs: the daemon answers status" "$BIN/migstatctl" --socket "$SOCK" status
check "regenerate --force --force is refused (usage)" test_rc 2 "$BIN/migstatctl" --socket "$SOCK" regenerate --force --force
check "... and by the daemon itself" \
  bash -c "echo 'regenerate --force --force' | socat - UNIX-CONNECT:$SOCK | grep -q 'given twice'"
finish
