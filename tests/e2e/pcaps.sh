#!/bin/bash
# Every shared capture, malformed ones included, through the ASan+UBSan
# build: no sanitizer report, exit 1 with one line for files that cannot
# be read or whose link type is not supported, exit 0 for everything else,
# and the same report as the normal build.
#
# The expected exit status comes from MANIFEST.tsv (what libpcap 1.10.3
# reads, and each file's link type), not from our program.
. "$(dirname "$0")/../lib.sh"
: "${DSTUI_ASAN:=$PWD/darkstat-tui-address-undefined}"

# Link types we decode, as MANIFEST.tsv names them.
supported='^(EN10MB|LINUX_SLL|LINUX_SLL2|NULL|RAW|DLT12|IPV4|IPV6|PPP|PPP_HDLC|C_HDLC)/|^ether \(pcapng\)'

# (awk, because read would merge the empty fields of tab-separated lines)
awk -F'\t' 'NR > 1 { print $1 "|" $2 "|" $11 }' "$PCAPS/MANIFEST.tsv" |
while IFS='|' read -r file lt reads; do
	want=0
	# libpcap fails before the first packet: unreadable.
	case "$reads" in "0 pkts then error"*) want=1 ;; esac
	[[ $lt =~ $supported ]] || want=1
	# Packets, then an error: what was read is kept and reported.
	[[ $reads =~ ^[1-9][0-9]*\ pkts\ then\ error ]] && want=0
	"$DSTUI_ASAN" --no-tui -r "$PCAPS/$file" --report text \
	    >"$TMP/asan.out" 2>"$TMP/asan.err"
	rc=$?
	if grep -Eq 'AddressSanitizer|runtime error|LeakSanitizer' "$TMP/asan.err"; then
		not_ok "$file: sanitizer report: $(grep -m1 -E 'ERROR|runtime error' "$TMP/asan.err")"
		continue
	fi
	if [ "$rc" -ne "$want" ]; then
		not_ok "$file: exit $rc, want $want ($(head -c 200 "$TMP/asan.err"))"
		continue
	fi
	if [ "$rc" -ne 0 ]; then
		if [ "$(wc -l <"$TMP/asan.err")" -eq 1 ] &&
		    grep -q "error: .*$file" "$TMP/asan.err"; then
			ok "$file: exit 1, one line naming it"
		else
			not_ok "$file: error message: $(head -c 300 "$TMP/asan.err")"
		fi
		continue
	fi
	"$DSTUI" --no-tui -r "$PCAPS/$file" --report text >"$TMP/plain.out" 2>/dev/null
	if cmp -s "$TMP/asan.out" "$TMP/plain.out"; then
		ok "$file: clean under ASan+UBSan, same report"
	else
		not_ok "$file: ASan and normal builds differ"
	fi
done
