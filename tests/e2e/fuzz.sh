#!/bin/bash
# A short, bounded run of each fuzz target (tests/fuzz/) so that a
# regression shows in CI; longer runs: see tests/README. Seeds come from
# the shared captures.
. "$(dirname "$0")/../lib.sh"
command -v clang >/dev/null || { echo "# clang missing: skipped"; exit 0; }
top=$(cd "$(dirname "$0")/../.." && pwd)
make -C "$top" -s fuzz >"$TMP/build" 2>&1 || { not_ok "make fuzz: $(tail -3 "$TMP/build")"; exit 0; }
"$top/tests/fuzz/seed-decode" "$TMP/corpus" "$PCAPS"/*.pcap "$PCAPS"/*.cap
mkdir -p "$TMP/crash"
"$top/build-fuzz/decode_fuzzer" -max_total_time=20 -artifact_prefix="$TMP/crash/" \
    "$TMP/corpus" >"$TMP/log" 2>&1
rc=$?
runs=$(grep -o 'Done [0-9]* runs' "$TMP/log" | awk '{ print $2 }')
if [ "$rc" -eq 0 ] && [ -z "$(ls "$TMP/crash")" ]; then
	ok "decode_fuzzer: ${runs:-?} runs in 20 s, no crash"
else
	not_ok "decode_fuzzer found a crash: $(grep -m1 -E 'ERROR|runtime error' "$TMP/log")"
fi
