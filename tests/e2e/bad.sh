#!/bin/bash
# Deliberately broken captures: each malformed packet is counted under its
# reason and accounted nowhere; a packet cut by the snapshot length is not
# malformed. Expectations: tests/pcap/bad.expect (hand analysis).
. "$(dirname "$0")/../lib.sh"
here=$(dirname "$0")/..
grep -v '^#' "$here/pcap/bad.expect" | while IFS=$'\t' read -r file expect; do
	"$DSTUI" --no-tui -r "$PCAPS/$file" --report text >"$TMP/out" 2>&1
	IFS=';' read -ra wants <<<"$expect"
	for w in "${wants[@]}"; do
		w=${w# }; w=${w% }
		if [[ $w == !* ]]; then
			if grep -Eq -- "${w#!}" "$TMP/out"; then
				not_ok "$file: no line /${w#!}/ expected"
			else
				ok "$file: no line /${w#!}/"
			fi
		else
			grep_file "$file: $w" "^$w\$" "$TMP/out"
		fi
	done
done
