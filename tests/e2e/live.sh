#!/bin/bash
# Live capture on two interfaces at once (one capture thread each), ended
# by SIGTERM: the report counts exactly the UDP datagrams sent. Traffic
# stays inside two network namespaces made (and removed) by this test.
. "$(dirname "$0")/../lib.sh"
if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null; then
	echo "# live capture needs root and iproute2: skipped"
	exit 0
fi
ns=dstui$$
cleanup() {
	ip netns del "${ns}a" 2>/dev/null
	ip netns del "${ns}b" 2>/dev/null
	ip link del "${ns}0" 2>/dev/null
	ip link del "${ns}1" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

# ${ns}0 (10.201.0.1) <-> ${ns}a: 10.201.0.2; ${ns}1 (10.201.1.1) <-> ${ns}b
for i in 0 1; do
	side=$([ $i = 0 ] && echo a || echo b)
	ip netns add "$ns$side"
	ip link add "$ns$i" type veth peer name eth0 netns "$ns$side"
	# No IPv6: its autoconfiguration chatter would add hosts.
	echo 1 >"/proc/sys/net/ipv6/conf/$ns$i/disable_ipv6"
	ip netns exec "$ns$side" sh -c "echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6"
	ip addr add "10.201.$i.1/24" dev "$ns$i"
	ip link set "$ns$i" up
	ip netns exec "$ns$side" ip addr add "10.201.$i.2/24" dev eth0
	ip netns exec "$ns$side" ip link set eth0 up
	ip netns exec "$ns$side" ip link set lo up
done

"$DSTUI" --no-tui -p 0 -b 127.0.0.1 -i "${ns}0" -i "${ns}1" -f udp -f udp --report text \
    --daylog "$TMP/day.log" >"$TMP/report" 2>"$TMP/err" &
pid=$!
sleep 1.5	# let both capture threads open their handles

# 20 datagrams of 100 bytes from a, 7 of 1000 bytes from b: IP lengths
# 20 + 8 + payload.
send() {
	ip netns exec "$1" python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(int(sys.argv[2])):
    s.sendto(b"x" * int(sys.argv[3]), (sys.argv[1], 9))' "$2" "$3" "$4"
}
send "${ns}a" 10.201.0.1 20 100
send "${ns}b" 10.201.1.1 7 1000
sleep 1
kill -HUP $pid
sleep 0.3
check "SIGHUP does not stop it" kill -0 $pid
kill -TERM $pid
wait $pid
rc=$?
check "SIGTERM: clean exit 0" [ "$rc" -eq 0 ]
grep_file "two sources reported" "^source ${ns}1 linktype=EN10MB" "$TMP/report"
grep_file "packets from both interfaces" '^total_packets 27$' "$TMP/report"
grep_file "bytes: 20*128 + 7*1028" "^total_bytes $((20 * 128 + 7 * 1028))\$" "$TMP/report"
grep_file "sender on interface 0" '^H 10.201.0.2 in=0 out=2560 total=2560 ' "$TMP/report"
grep_file "sender on interface 1" '^H 10.201.1.2 in=0 out=7196 total=7196 ' "$TMP/report"
grep_file "UDP port 9 on the receiver" '^U 10.201.1.1 port=9 in=7196 out=0 total=7196$' "$TMP/report"
# The interfaces' own addresses are local: all of it is graphed as "in".
grep_file "own addresses are local" '^local in_bytes=9756 out_bytes=0 in_pkts=27 out_pkts=0$' "$TMP/report"
check "nothing on stderr but the web address" [ -z "$(grep -v "^darkstat-tui: listening on http://127.0.0.1:[0-9]*/$" "$TMP/err")" ]
grep_file "daylog: logging started" '^# logging started at .* \([0-9]+\)$' "$TMP/day.log"
grep_file "daylog: the day so far at stop" '\|9756\|0\|27\|0$' "$TMP/day.log"
grep_file "daylog: logging stopped" '^# logging stopped at' "$TMP/day.log"

# --buffer-size: libpcap maps a ring of exactly that size (TPACKET_V3); the
# default is 32 MiB. strace shows the mmap of the packet socket.
ring() {	# ring MIB-OPTION...: bytes of the packet socket's mmap
	timeout -s INT 2 strace -f -e trace=socket,mmap -o "$TMP/strace" \
	    "$DSTUI" --no-tui --no-daemon -p 0 -b 127.0.0.1 -i "${ns}0" \
	    "$@" >/dev/null 2>&1
	awk '/socket\(AF_PACKET/ { fd = $NF } fd != "" &&
	    $0 ~ "MAP_SHARED, " fd ", 0\\)" {
		sub(/.*mmap\(NULL, /, ""); sub(/,.*/, ""); print; exit }' \
	    "$TMP/strace"
}
if command -v strace >/dev/null; then
	check "--buffer-size 8: an 8 MiB ring" [ "$(ring --buffer-size 8)" = 8388608 ]
	check "default: a 32 MiB ring" [ "$(ring)" = 33554432 ]
else
	echo "# strace missing: --buffer-size not checked"
fi
expect_exit "--buffer-size above 2047 exits 2" 2 "$DSTUI" --buffer-size 2048 -r x
grep_file "--buffer-size range is named" '"2048" is out of range \(max 2047\)' "$TMP/err"
