#!/bin/bash
# ThreadSanitizer: a replay while web clients fetch every kind of page and
# endpoint in a loop (shared snapshots, sorted orders, DNS names, the
# history reader), then SIGTERM; no race may be reported.
. "$(dirname "$0")/../lib.sh"
tsan="${DSTUI%/darkstat-tui}/darkstat-tui-thread"
[ -x "$tsan" ] || { not_ok "no TSan build at $tsan"; exit 0; }
export TSAN_OPTIONS="log_path=$TMP/tsan halt_on_error=0"

# Long enough under TSan for many requests to meet the capture thread.
"$SHARED/tools/gen-pcap" -q -n 400000 --hosts 5000 --mtu 200 --seed 11 \
    -o "$TMP/r.pcap"
"$tsan" --no-tui --user root -r "$TMP/r.pcap" --hosts-max 3000 \
    --history "$TMP/h.db" -p 0 -b 127.0.0.1 2>"$TMP/err" &
pid=$!
for i in $(seq 200); do
	URL=$(grep -o 'http://[^ ]*/' "$TMP/err" 2>/dev/null | head -1)
	[ -n "$URL" ] && break
	sleep 0.05
done
fetches=0
while ! grep -q "end of the capture" "$TMP/err" || [ $fetches -lt 40 ]; do
	for u in hosts/ "hosts/?sort=in&dir=asc" "hosts/?filter=port:^80$" conns/ \
	    metrics api/v1/status.json api/v1/hosts.json graphs.xml \
	    api/v1/history.json "api/v1/hosts.json?sort=lastseen&limit=5"; do
		curl -s -o /dev/null "$URL$u" &
	done
	wait $(jobs -p | grep -v "^$pid$") 2>/dev/null
	fetches=$((fetches + 10))
	[ $fetches -gt 2000 ] && break
done
kill -TERM "$pid"
wait "$pid"
check "TSan replay served $fetches requests and exited 0 on SIGTERM" [ $? -eq 0 ]
if ls "$TMP"/tsan* >/dev/null 2>&1; then
	not_ok "ThreadSanitizer reports: $(grep -m1 -A3 WARNING "$TMP"/tsan* | tr '\n' ' ')"
else
	ok "no ThreadSanitizer report"
fi
