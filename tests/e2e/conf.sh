#!/bin/bash
# -c FILE: options from a configuration file, one a line; the command line
# wins; a bad line exits 2 naming FILE:LINE, without the usage.
. "$(dirname "$0")/../lib.sh"
f=$PCAPS/lt-en10mb-mixed-tcp-udp-icmp-igmp.pcap
g=$PCAPS/lt-raw101-ipv4-dns.pcap
nicmp=$(tcpdump -nr "$f" icmp 2>/dev/null | wc -l)
nudp=$(tcpdump -nr "$f" udp 2>/dev/null | wc -l)

cat >"$TMP/good.conf" <<EOC
# darkstat-tui options

capfile $f
	filter   "icmp"
no-tui
no-macs
report 'text'
hosts-max 10
hosts-keep 20
EOC
expect_exit "a good file: exit 0" 0 "$DSTUI" -c "$TMP/good.conf"
grep_file "capfile and report from the file" "^source $f " "$TMP/out"
grep_file "filter from the file, quoted ($nicmp frames, as tcpdump)" \
    "^frames $nicmp\$" "$TMP/out"
refute "no-macs from the file" grep -q ' mac=' "$TMP/out"
grep_file "numbers from the file" \
    'reducing --hosts-keep to 5, to be under --hosts-max \(10\)' "$TMP/err"
expect_exit "--config=FILE" 0 "$DSTUI" --config="$TMP/good.conf"
grep_file "--config=FILE reads it" "^frames $nicmp\$" "$TMP/out"

# The command line wins.
expect_exit "command line number" 0 "$DSTUI" -c "$TMP/good.conf" --hosts-max 100
check "... replaces the file's (no warning)" [ ! -s "$TMP/err" ]
expect_exit "command line -f" 0 "$DSTUI" -c "$TMP/good.conf" -f udp
grep_file "... replaces the file's filter ($nudp frames)" "^frames $nudp\$" "$TMP/out"
expect_exit "command line -r" 0 "$DSTUI" -c "$TMP/good.conf" -r "$g"
grep_file "... replaces the file's capfile" "^source $g " "$TMP/out"
expect_exit "command line -i replaces the file's capfile and filter" 1 \
    "$DSTUI" -c "$TMP/good.conf" -i dstui-nosuchif
grep_file "... (so this is not -i with -r)" 'dstui-nosuchif: ' "$TMP/err"

# Repeatable options add up within the file.
printf 'interface a\ninterface b\nfilter x\nfilter y\nfilter z\nno-tui\n' \
    >"$TMP/list.conf"
expect_exit "repeated lines add up" 2 "$DSTUI" -c "$TMP/list.conf"
grep_file "... 3 filters for 2 interfaces" '3 filters \(-f\) for 2 interfaces' "$TMP/err"

# bad LINE DESCRIPTION MESSAGE-REGEX: a file whose third line is LINE.
bad() {
	printf '# comment\n\n%s\n' "$1" >"$TMP/bad.conf"
	expect_exit "$2: exit 2" 2 "$DSTUI" -c "$TMP/bad.conf" -r "$g" --no-tui
	grep_file "$2: FILE:LINE and why" "^darkstat-tui: error: $TMP/bad.conf:3: $3" "$TMP/err"
	check "$2: one line, no usage" [ "$(wc -l <"$TMP/err")" -eq 1 ]
}
bad "hosts-max abc" "bad number" '--hosts-max: "abc" is not a valid number$'
bad "hosts-max 70000000000" "number out of range" '--hosts-max: "70000000000" is out of range'
bad "bogus 1" "unknown option" 'unknown option "bogus"$'
bad "i eth0" "a short name" 'unknown option "i"$'
bad "no-dns yes" "a value for a flag" 'no-dns takes no value$'
bad "export" "no value" 'export needs a value \(filename\)$'
bad 'filter "port 80' "unterminated quote" 'unterminated quote$'
bad "config other.conf" "a file naming another" '"config" can.t be used in a configuration file$'
bad "help" "--help in a file" '"help" can.t be used'
bad "--hosts-max 5" "dashes" 'unknown option "--hosts-max"$'
bad "Hosts-max 5" "capitals" '"Hosts-max" is not an option name$'
bad "report xml" "bad keyword" '--report: "xml" is not text, csv or json$'
bad "local 10.0.0.0/33" "bad network" '-l: "10.0.0.0/33"'
printf 'pidfile a\npidfile b\n' >"$TMP/bad.conf"
expect_exit "an option given twice in the file: exit 2" 2 "$DSTUI" -c "$TMP/bad.conf" -r "$g"
grep_file "... on its second line" "bad.conf:2: --pidfile given twice" "$TMP/err"

expect_exit "no such file: exit 1" 1 "$DSTUI" -c "$TMP/none.conf"
grep_file "... naming it" "can't read configuration file \"$TMP/none.conf\": No such file" "$TMP/err"
expect_exit "a directory: exit 1" 1 "$DSTUI" -c "$TMP"
expect_exit "-c twice: exit 2" 2 "$DSTUI" -c "$TMP/good.conf" --config "$TMP/good.conf"
