#!/bin/bash
# The manual page: clean under mandoc -Tlint, and it documents every
# option that --help lists.
. "$(dirname "$0")/../lib.sh"
man=man/darkstat-tui.8

# mandoc also complains about the system's missing man index: not ours.
mandoc -Tlint "$man" 2>&1 | grep -v 'mandoc.db' >"$TMP/lint"
check "mandoc -Tlint is clean" [ ! -s "$TMP/lint" ]
[ -s "$TMP/lint" ] && sed 's/^/# /' "$TMP/lint"
mandoc -Tascii "$man" | sed "s/.\x08//g" >"$TMP/page"
"$DSTUI" --help | awk '$1 ~ /^-/ { print $1 }' | while read -r opt; do
	grep_file "man page documents $opt" "^ +$opt( |$)" "$TMP/page"
done
