#!/bin/bash
# A short, bounded run of each fuzz target (tests/fuzz/) so that a
# regression shows in CI; longer runs: see tests/README. Seeds come from
# the shared captures.
. "$(dirname "$0")/../lib.sh"
command -v clang >/dev/null || { echo "# clang missing: skipped"; exit 0; }
top=$(cd "$(dirname "$0")/../.." && pwd)
make -C "$top" -s fuzz >"$TMP/build" 2>&1 || { not_ok "make fuzz: $(tail -3 "$TMP/build")"; exit 0; }
"$top/tests/fuzz/seed-decode" "$TMP/corpus" "$PCAPS"/*.pcap "$PCAPS"/*.cap
mkdir -p "$TMP/corpus-http" && cp "$top"/tests/fuzz/seed-http/* "$TMP/corpus-http/"

# Import: exports of shared captures (v4 records, graphs). Filter and
# configuration: a few lines each.
mkdir -p "$TMP/corpus-import" "$TMP/corpus-filter" "$TMP/corpus-conf"
for p in lt-linux-sll-tcp-dns-arp.pcap big-tls-mixed-v4v6-7451pkts.pcap; do
	"$DSTUI" --no-tui --user root -r "$PCAPS/$p" --export "$TMP/corpus-import/$p.db" \
	    2>/dev/null
done
cp "$top"/tests/fuzz/seed-filter/* "$TMP/corpus-filter/"
cp "$top"/contrib/darkstat-tui.conf "$TMP/corpus-conf/"
# The -r reader: the first 4 KiB of every shared capture (the cut at the
# end is a case too).
mkdir -p "$TMP/corpus-pcapfile"
for p in "$PCAPS"/*.pcap "$PCAPS"/*.cap "$PCAPS"/*.pcapng; do
	head -c 4096 "$p" >"$TMP/corpus-pcapfile/${p##*/}"
done

# fuzz TARGET CORPUS: 15 s, no crash, no leak.
fuzz() {
	local t=$1 rc runs
	mkdir -p "$TMP/crash-$t"
	"$top/build-fuzz/$t" -max_total_time=15 -artifact_prefix="$TMP/crash-$t/" \
	    "$2" >"$TMP/log-$t" 2>&1
	rc=$?
	runs=$(grep -o 'Done [0-9]* runs' "$TMP/log-$t" | awk '{ print $2 }')
	if [ "$rc" -eq 0 ] && [ -z "$(ls "$TMP/crash-$t")" ]; then
		ok "$t: ${runs:-?} runs in 15 s, no crash"
	else
		not_ok "$t found a crash: $(grep -m1 -E 'ERROR|runtime error' "$TMP/log-$t")"
	fi
}
fuzz decode_fuzzer "$TMP/corpus"
fuzz http_fuzzer "$TMP/corpus-http"
fuzz import_fuzzer "$TMP/corpus-import"
fuzz filter_fuzzer "$TMP/corpus-filter"
fuzz pcapfile_fuzzer "$TMP/corpus-pcapfile"
# Its stand-in for usage_error() jumps out of conf_read(), leaving a buffer.
ASAN_OPTIONS=detect_leaks=0 fuzz conf_fuzzer "$TMP/corpus-conf"
