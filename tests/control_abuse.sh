#!/usr/bin/env bash
# Control socket abuse at scale (issue 10), against a running migstatd:
# 1,000 concurrent connections that send nothing, a 1 MiB line, a client
# sending one byte a second, peers with the wrong credentials, while a
# `status` request goes out every 50 ms (tests/control_abuse.py).  Asserts
# responsiveness, not timing: every status request is answered ok, the
# abusers get their refusals, the daemon is alive afterwards.  The
# latencies are measured by bench/control_abuse.sh.
source "$(dirname "$0")/lib.sh"
make_config asylum-applications-monthly deportations-yearly
SOCK=$TMP/ctl.sock
CTL=("$BIN/migstatctl" --socket "$SOCK")
printf '[Paths]\nPublishDirectory=%s\n[Control]\nSocket=%s\n' "$TMP/pub" "$SOCK" > "$TMP/config/migstat.conf.d/60-control.conf"
"$BIN/migstatd" --config "$TMP/config" >"$TMP/d.log" 2>&1 &
DPID=$!
trap 'kill -9 $DPID 2>/dev/null || true; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do "${CTL[@]}" status >/dev/null 2>&1 && break; sleep 0.05; done
chmod 0711 "$TMP" # the wrong-credentials client must reach the socket: the daemon refuses it itself
chmod 0666 "$SOCK"
ulimit -n 4096
rc=0
python3 "$SRC/tests/control_abuse.py" "$SOCK" 8 > "$TMP/abuse.json" || rc=$?
cat "$TMP/abuse.json"
check "every status request during the abuse was answered ok (exit $rc)" test "$rc" = 0
check "status was answered at least 10 times" test "$(jq .status_ok "$TMP/abuse.json")" -ge 10
check "1,000 idle connections were opened" test "$(jq .idle_opened "$TMP/abuse.json")" -ge 1000
check "the 1 MiB line is refused as overlong" grep -q 'longer than 1024' <(jq -r .big_answer "$TMP/abuse.json")
check "the one-byte-a-second client is dropped before it finishes" test "$(jq -r .slow_answer "$TMP/abuse.json" | grep -c '"ok":true')" = 0
check "the wrong credentials are refused" test "$(jq '[.wrong_creds[] | select(test("permission denied"))] | length' "$TMP/abuse.json")" = 3
check "the daemon is still running" kill -0 "$DPID"
check "and answers status" "${CTL[@]}" status
check "refused peers are logged once per burst, not per connection" test "$(grep -c 'control: refused' "$TMP/d.log")" -le 2
finish
