#!/bin/bash
# The disk fills up during an export: the error is reported, the exit
# status says so, and the previous export is left whole (root only: a
# small tmpfs of its own).
. "$(dirname "$0")/../lib.sh"
if [ "$(id -u)" -ne 0 ]; then
	echo "ok - skipped (needs root to mount a tmpfs)"
	exit 0
fi
mkdir -p "$TMP/full"
mount -t tmpfs -o size=256k,mode=0777 dstui-full "$TMP/full" || {
	not_ok "can't mount a tmpfs"; exit 0; }
trap 'umount "$TMP/full" 2>/dev/null; rm -rf "$TMP"' EXIT

"$DSTUI" --no-tui -r "$PCAPS/lt-linux-sll-tcp-dns-arp.pcap" \
    --export "$TMP/full/db" 2>"$TMP/err0"
cp "$TMP/full/db" "$TMP/old.db"
check "a small export fits" [ -s "$TMP/old.db" ]
"$SHARED/tools/gen-pcap" -q -n 20000 --hosts 5000 --seed 12 -o "$TMP/big.pcap"
expect_exit "an export that does not fit: exit 1" 1 \
    "$DSTUI" --no-tui -r "$TMP/big.pcap" --hosts-max 10000 --export "$TMP/full/db"
grep_file "... reported, naming the file" "full/db.*No space left on device" "$TMP/err"
check "the old export is intact" cmp "$TMP/old.db" "$TMP/full/db"
check "no temporary file left behind" [ "$(ls "$TMP/full")" = db ]
