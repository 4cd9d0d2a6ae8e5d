#!/bin/bash
# Command line: bad input exits 2 with a one-line error and the usage;
# unreadable input exits 1 with a one-line error naming it.
. "$(dirname "$0")/../lib.sh"

expect_exit "--help exits 0" 0 "$DSTUI" --help
grep_file "--help prints the usage on stdout" '^usage: darkstat-tui' "$TMP/out"
grep_file "--help lists --hosts-max" '--hosts-max count' "$TMP/out"
expect_exit "--version exits 0" 0 "$DSTUI" --version
grep_file "--version names libpcap" '^darkstat-tui [0-9.]+ \(using libpcap' "$TMP/out"

expect_exit "unknown option exits 2" 2 "$DSTUI" --bogus
grep_file "unknown option is named" 'error: unknown option "--bogus"' "$TMP/err"
grep_file "unknown option prints usage" '^usage: darkstat-tui' "$TMP/err"
expect_exit "missing argument exits 2" 2 "$DSTUI" -r
grep_file "missing argument is named" 'error: -r needs an argument' "$TMP/err"
expect_exit "bad number exits 2" 2 "$DSTUI" --hosts-max abc -r x
grep_file "bad number is named" '--hosts-max: "abc" is not a valid number' "$TMP/err"
expect_exit "negative number exits 2" 2 "$DSTUI" --hosts-max -5 -r x
expect_exit "number out of range exits 2" 2 "$DSTUI" --ports-max 70000 -r x
grep_file "range error names the maximum" '"70000" is out of range \(max 65536\)' "$TMP/err"
expect_exit "bad -l exits 2" 2 "$DSTUI" -l 10.0.0.0 -r x
grep_file "bad -l is explained" 'expecting network/netmask' "$TMP/err"
expect_exit "-l prefix too long exits 2" 2 "$DSTUI" -l 10.0.0.0/33 -r x
expect_exit "-l family mismatch exits 2" 2 "$DSTUI" -l 10.0.0.0/ffff:: -r x
expect_exit "bad --report exits 2" 2 "$DSTUI" --report xml -r x
expect_exit "-i with -r exits 2" 2 "$DSTUI" -i lo -r x
expect_exit "--opt=value form works" 0 "$DSTUI" --no-tui \
    --report=text --hosts-max=10 -r "$PCAPS/lt-raw101-ipv4-dns.pcap"

f="$PCAPS/lt-en10mb-mixed-tcp-udp-icmp-igmp.pcap"
expect_exit "keep >= max is reduced with a warning" 0 "$DSTUI" --no-tui \
    -r "$f" --hosts-max 10 --hosts-keep 10
grep_file "keep warning text" 'reducing --hosts-keep to 5, to be under --hosts-max \(10\)' "$TMP/err"

expect_exit "missing file exits 1" 1 "$DSTUI" --no-tui -r "$TMP/nonexistent.pcap"
grep_file "missing file is named" "nonexistent.pcap: No such file or directory" "$TMP/err"
check "missing file: one line" [ "$(wc -l <"$TMP/err")" -eq 1 ]
printf 'not a capture file at all\n' >"$TMP/junk.pcap"
expect_exit "not a pcap exits 1" 1 "$DSTUI" --no-tui -r "$TMP/junk.pcap"
grep_file "not a pcap is explained" 'junk.pcap: .*(unknown file format|format)' "$TMP/err"
expect_exit "unsupported link type exits 1" 1 "$DSTUI" --no-tui \
    -r "$PCAPS/lt-fddi-llc-snap-snaplen68.pcap"
grep_file "unsupported link type is named" 'unsupported link type FDDI \(10\)' "$TMP/err"
check "unsupported link type: one line" [ "$(wc -l <"$TMP/err")" -eq 1 ]

expect_exit "bad BPF filter exits 2" 2 "$DSTUI" --no-tui -r "$f" -f "tcp port"
grep_file "bad filter shows libpcap's message" 'error: -f "tcp port": .*syntax error' "$TMP/err"
expect_exit "good BPF filter works" 0 "$DSTUI" --no-tui -r "$f" -f icmp --report text
# tcpdump applies the same BPF filter: it must see as many frames.
n=$(tcpdump -nr "$f" icmp 2>/dev/null | wc -l)
grep_file "filter passes what tcpdump passes ($n frames)" "^frames $n\$" "$TMP/out"

expect_exit "no output file but report" 0 "$DSTUI" --no-tui -r "$f" --report json
check "json report parses" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out"
expect_exit "csv report" 0 "$DSTUI" --no-tui -r "$f" --report csv
grep_file "csv header" '^record,addr,number,in,out,total,syn,pkts_in,pkts_out,mac,first_seen,last_seen$' "$TMP/out"

# --realtime replays at the capture's pace: tshark says how long it spans.
f="$PCAPS/tcp-print-flags-session.pcap"
span=$(tshark -r "$f" -T fields -e frame.time_relative 2>/dev/null | tail -1)
start=$(date +%s.%N)
"$DSTUI" --no-tui --realtime -r "$f" --report text >"$TMP/out"
took=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null ||
    python3 -c "print($(date +%s.%N) - $start)")
check "--realtime takes the capture's span (${span}s): ${took}s" \
    python3 -c "import sys; sys.exit(not ($took >= $span - 0.05 and $took < $span + 2))"
grep_file "--realtime counts the same" '^total_packets 10$' "$TMP/out"
