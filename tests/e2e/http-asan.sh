#!/bin/bash
# The web-interface tests again, on the ASan+UBSan build: the same
# checks, and no sanitizer report (leaks included) from any of its runs.
. "$(dirname "$0")/../lib.sh"
: "${DSTUI_ASAN:=$PWD/darkstat-tui-address-undefined}"
export ASAN_OPTIONS="detect_leaks=1:log_path=$TMP/asan"
export UBSAN_OPTIONS="print_stacktrace=1:log_path=$TMP/ubsan"
DSTUI="$DSTUI_ASAN" "$(dirname "$0")/http.sh" | sed 's/^\(not \)\{0,1\}ok - /&ASan: /'
if ls "$TMP"/asan* "$TMP"/ubsan* >/dev/null 2>&1; then
	not_ok "sanitizer reports: $(grep -h -m1 -E 'ERROR|runtime error' "$TMP"/asan* "$TMP"/ubsan* 2>/dev/null | head -1)"
else
	ok "no ASan/UBSan report from the web interface"
fi
