#!/bin/bash
# ThreadSanitizer: a replay while the terminal interface takes snapshots
# every 10 ms, and a headless replay; no race may be reported.
. "$(dirname "$0")/../lib.sh"
tsan="${DSTUI%/darkstat-tui}/darkstat-tui-thread"
[ -x "$tsan" ] || { not_ok "no TSan build at $tsan"; exit 0; }
command -v tmux >/dev/null || { echo "# tmux missing: skipped"; exit 0; }
sock="dstui-tsan-$$"
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
export TSAN_OPTIONS="log_path=$TMP/tsan halt_on_error=0"

tm new-session -d -s t -x 100 -y 30 "env TERM=screen LANG=C.UTF-8 \
    TSAN_OPTIONS='$TSAN_OPTIONS' $tsan --delay 0.01 \
    -r $PCAPS/big-loopback-echo-82k-pkts.pcap; echo EXITED \$?; sleep 30"
for i in $(seq 1 300); do
	tm capture-pane -p -t t | grep -q 'FILE done' && break
	sleep 0.1
done
tm send-keys -t t 2 3 5 1 j j Enter Escape
sleep 0.5
tm send-keys -t t q
for i in $(seq 1 100); do
	tm capture-pane -p -t t | grep -q EXITED && break
	sleep 0.1
done
exited() { tm capture-pane -p -t t | grep -q 'EXITED 0'; }
check "TSan UI replay with --delay 0.01 quit cleanly" exited
"$tsan" --no-tui -r "$PCAPS/big-tls-mixed-v4v6-7451pkts.pcap" --report text \
    >/dev/null 2>"$TMP/err"
check "TSan headless replay exited 0" [ $? -eq 0 ]
if ls "$TMP"/tsan* >/dev/null 2>&1; then
	not_ok "ThreadSanitizer reports: $(grep -m1 WARNING "$TMP"/tsan*)"
else
	ok "no ThreadSanitizer report"
fi
