#!/bin/bash
# Live capture against the packets sent, through veth pairs into network
# namespaces of our own (root only):
# * ping, UDP and a TCP transfer of 1,000,000 bytes on one interface: the
#   ICMP and UDP bytes counted exactly (IP lengths worked out from the
#   sizes sent), and the whole report equal to tshark-ref's accounting of
#   what tcpdump captured on the same interface at the same time;
# * -f: only the packets the filter passes;
# * a shared capture replayed with tcpreplay, against tshark-ref of the
#   capture file itself.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../netns.sh"
need_root ping tcpdump tshark tcpreplay python3
REF=tests/tools/tshark-ref
CMP=tests/tools/compare-reports
# tshark-ref does not model eviction: lift the limits.
UNB="--hosts-max 1000000 --hosts-keep 500000 --ports-max 65536 --ports-keep 65535"

veth 0 10.222.0
veth 1		# no address: the host sends nothing on it

# start NAME ARGS...: darkstat-tui in the foreground of a subshell, its
# report in $TMP/NAME.report; returns once its capture is open.
start() {
	local name=$1; shift
	"$DSTUI" --no-tui -p 0 -b 127.0.0.1 --no-daemon --verbose --report text "$@" \
	    >"$TMP/$name.report" 2>"$TMP/$name.err" &
	pid=$!
	bg_pid $pid
	wait_for "$TMP/$name.err" "now running as user" ||
	    not_ok "$name: start-up ($(head -c 300 "$TMP/$name.err"))"
}

stop() {
	kill -TERM "$pid"
	wait "$pid"
	check "$1: exit 0 on SIGTERM" [ $? -eq 0 ]
}

# --- ping, UDP and TCP, with tcpdump alongside ---------------------------
start mixed -i "${NS}0" $UNB
# --immediate-mode: tcpdump stops at SIGINT without reading what its
# ring still holds, which by default it hands over once a second.
tcpdump -i "${NS}0" -n -s 256 -U --immediate-mode -w "$TMP/ref.pcap" \
    2>"$TMP/tcpdump.err" &
tpid=$!
bg_pid $tpid
wait_for "$TMP/tcpdump.err" "listening on" || not_ok "tcpdump start-up"

# 10 echo requests of 1000 bytes of data and their replies: IP length
# 1000 + 8 + 20 = 1028 each way.
in_ns 0 ping -q -c 10 -s 1000 -i 0.05 10.222.0.1 >/dev/null
# 25 datagrams of 700 bytes to a receiver in the namespace: 728 each.
in_ns 0 python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.222.0.2", 5002))
open("'"$TMP"'/udp.ready", "w").close()
s.settimeout(3)
n = 0
try:
    while n < 25:
        n += len(s.recv(2000)) == 700
finally:
    open("'"$TMP"'/udp.got", "w").write("%d\n" % n)' &
upid=$!
# Not a datagram before it listens: the port-unreachable errors would count.
wait_file "$TMP/udp.ready" || not_ok "UDP receiver start-up"
python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(25):
    s.sendto(b"u" * 700, ("10.222.0.2", 5002))'
wait $upid
check "the receiver got the 25 datagrams" grep -qx 25 "$TMP/udp.got"
# 1,000,000 bytes over one TCP connection to port 5001.
in_ns 0 python3 -c '
import socket
l = socket.socket()
l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.222.0.2", 5001))
l.listen(1)
open("'"$TMP"'/tcp.ready", "w").close()
l.settimeout(10)
c, _ = l.accept()
n = 0
while True:
    b = c.recv(65536)
    if not b:
        break
    n += len(b)
c.close()
open("'"$TMP"'/tcp.got", "w").write("%d\n" % n)' &
spid=$!
wait_file "$TMP/tcp.ready" || not_ok "TCP receiver start-up"
python3 -c '
import socket
s = socket.create_connection(("10.222.0.2", 5001))
s.sendall(b"t" * 1000000)
s.shutdown(socket.SHUT_WR)
s.recv(1)
s.close()'
wait $spid
check "the receiver got 1000000 bytes" grep -qx 1000000 "$TMP/tcp.got"
sleep 0.5
kill -INT $tpid
wait $tpid
stop "ping, UDP and TCP"
r=$TMP/mixed.report
grep_file "no packet dropped by the kernel" "^source ${NS}0 .* dropped=0\$" "$r"
grep_file "ICMP: 10 x 1028 bytes each way" \
    '^P 10.222.0.2 proto=1 in=10280 out=10280 total=20560$' "$r"
grep_file "UDP: 25 x 728 bytes to port 5002" \
    '^U 10.222.0.2 port=5002 in=18200 out=0 total=18200$' "$r"
tcp=$(awk '$1 == "T" && $2 == "10.222.0.2" && $3 == "port=5001" {
	sub("in=", "", $4); print $4 }' "$r")
check "TCP: at least 1000000 bytes to port 5001 (${tcp:-none})" \
    [ "${tcp:-0}" -ge 1000000 ]
grep_file "TCP: one SYN to port 5001" '^T 10.222.0.2 port=5001 .* syn=1$' "$r"
sed -n "s/^\([0-9]* packets\)/# tcpdump: \1/p" "$TMP/tcpdump.err"
grep -q "^0 packets dropped by kernel" "$TMP/tcpdump.err" ||
    echo "# tcpdump dropped packets: $(cat "$TMP/tcpdump.err")"
"$REF" "$TMP/ref.pcap" >"$TMP/ref.txt"
"$CMP" "$TMP/ref.txt" "$r" >"$TMP/diff"
check "the report is what tcpdump captured, by tshark-ref" [ ! -s "$TMP/diff" ]
sed 's/^/# /' "$TMP/diff" | head -10

# --- -f: the filter's packets only --------------------------------------
# Echo requests only: not their replies, nor the port-unreachable errors
# the UDP datagrams to a closed port bring back.
start filter -i "${NS}0" -f 'icmp[icmptype] = icmp-echo'
in_ns 0 ping -q -c 5 -s 100 -i 0.05 10.222.0.1 >/dev/null
python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(3):
    s.sendto(b"u" * 50, ("10.222.0.2", 5003))'
sleep 0.3
stop "-f"
r=$TMP/filter.report
grep_file "-f: only the 5 echo requests" '^frames 5$' "$r"
grep_file "-f: 5 x 128 bytes from the namespace" \
    '^H 10.222.0.2 in=0 out=640 total=640 ' "$r"
refute "-f: no UDP" grep -q '^U ' "$r"

# --- tcpreplay of a shared capture ---------------------------------------
cap=$PCAPS/lt-en10mb-mixed-tcp-udp-icmp-igmp.pcap
start replay -i "${NS}1" $UNB
in_ns 1 tcpreplay -q -i eth0 --pps 2000 "$cap" >"$TMP/tcpreplay.out" 2>&1 ||
    not_ok "tcpreplay: $(tail -3 "$TMP/tcpreplay.out")"
sleep 0.5
stop "tcpreplay"
r=$TMP/replay.report
grep_file "tcpreplay: every frame of the file captured" '^frames 179$' "$r"
"$REF" "$cap" >"$TMP/ref2.txt"
"$CMP" "$TMP/ref2.txt" "$r" >"$TMP/diff2"
check "tcpreplay: the report is tshark-ref's of the file" [ ! -s "$TMP/diff2" ]
sed 's/^/# /' "$TMP/diff2" | head -10
