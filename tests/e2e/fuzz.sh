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

# fuzz TARGET CORPUS: 20 s, no crash, no leak.
fuzz() {
	local t=$1 rc runs
	mkdir -p "$TMP/crash-$t"
	"$top/build-fuzz/$t" -max_total_time=20 -artifact_prefix="$TMP/crash-$t/" \
	    "$2" >"$TMP/log-$t" 2>&1
	rc=$?
	runs=$(grep -o 'Done [0-9]* runs' "$TMP/log-$t" | awk '{ print $2 }')
	if [ "$rc" -eq 0 ] && [ -z "$(ls "$TMP/crash-$t")" ]; then
		ok "$t: ${runs:-?} runs in 20 s, no crash"
	else
		not_ok "$t found a crash: $(grep -m1 -E 'ERROR|runtime error' "$TMP/log-$t")"
	fi
}
fuzz decode_fuzzer "$TMP/corpus"
fuzz http_fuzzer "$TMP/corpus-http"
