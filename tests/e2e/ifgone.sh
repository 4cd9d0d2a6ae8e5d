#!/bin/bash
# An interface deleted under a running instance (root only): with two -i,
# the deletion is reported at once and the other interface goes on
# counting; with one, the run ends with exit status 1; with --wait, the
# interface is captured again once it is back. Counts are pings: 84-byte
# echo requests and replies.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../netns.sh"
need_root ping
veth 0 10.223.0
veth 1 10.223.1

ping_n() {	# ping_n I N: N pings from namespace I to the host
	in_ns "$1" ping -q -c "$2" -i 0.05 "10.223.$1.1" >/dev/null
}

# The kernel hands packets over in blocks, at the latest every 100 ms: what
# a block still holds when its interface is deleted is lost. So the pings
# are left that long to be read before a deletion.
settle() {
	sleep 0.5
}

run() {		# run NAME ARGS...: darkstat-tui in the background
	local name=$1; shift
	"$DSTUI" --no-tui -p 0 -b 127.0.0.1 --no-daemon --report text "$@" \
	    >"$TMP/$name.report" 2>"$TMP/$name.err" &
	pid=$!
	bg_pid $pid
	sleep 1
}

# --- two interfaces, one deleted ----------------------------------------
run two -i "${NS}0" -i "${NS}1"
ping_n 0 3
ping_n 1 2
settle
ip netns del "${NS}n0"		# takes the veth pair with it
wait_for "$TMP/two.err" "${NS}0: .*; no more capture on it" 3
grep_file "the deletion is reported at once" \
    "warning: ${NS}0: The interface disappeared; no more capture on it" "$TMP/two.err"
check "the program goes on" kill -0 $pid
ping_n 1 4
sleep 0.3
kill -TERM $pid
wait $pid
check "SIGTERM: exit 0" [ $? -eq 0 ]
r=$TMP/two.report
grep_file "the other interface counted all its pings, before and after" \
    "^iface ${NS}1 packets=12 bytes=1008 " "$r"
grep_file "the deleted one kept what it counted" "^iface ${NS}0 packets=6 bytes=504 " "$r"
grep_file "the report names its error" \
    "^source ${NS}0 .* error=\"The interface disappeared\"" "$r"

# --- the only interface deleted -------------------------------------------
veth 2 10.223.2
run one -i "${NS}2"
ip link del "${NS}2"
n=30
while kill -0 $pid 2>/dev/null && [ $n -gt 0 ]; do
	sleep 0.1
	n=$((n - 1))
done
wait $pid
check "the only interface gone: the run ends with exit 1" [ $? -eq 1 ]
grep_file "... saying so" "warning: no interface left to capture on" "$TMP/one.err"
grep_file "... with its report" "^source ${NS}2 " "$TMP/one.report"

# --- --wait: captured again once back -------------------------------------
veth 0 10.223.0
run wait -i "${NS}0" -i "${NS}1" --wait 0
ping_n 0 2
settle
ip netns del "${NS}n0"
wait_for "$TMP/wait.err" "waiting for it to come back" 3
grep_file "--wait: the deletion is reported" \
    "warning: ${NS}0: The interface disappeared; waiting for it to come back" \
    "$TMP/wait.err"
ping_n 1 1
veth 0 10.223.0
wait_for "$TMP/wait.err" "${NS}0: capturing again" 5
grep_file "--wait: capturing again once it is back" \
    "warning: ${NS}0: capturing again" "$TMP/wait.err"
ping_n 0 5
sleep 0.3
kill -TERM $pid
wait $pid
check "--wait: SIGTERM: exit 0" [ $? -eq 0 ]
r=$TMP/wait.report
grep_file "--wait: the pings before and after counted (7 each way)" \
    "^iface ${NS}0 packets=14 bytes=1176 " "$r"
grep_file "--wait: the other interface meanwhile" "^iface ${NS}1 packets=2 " "$r"
grep_file "--wait: no error left" "^source ${NS}0 linktype=EN10MB received=[0-9]+ dropped=0\$" "$r"
