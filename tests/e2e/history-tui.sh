#!/bin/bash
# The history ranges of the Graphs view (H), in tmux: a replay of three
# and a half days written to --history by the terminal interface itself,
# then read back: the 7-day graph has bars only in its right half, its
# total is the header's byte count; 31 and 365 days; back to the live
# graphs; a run without --history says how to get one; the help lists H.
# On the normal build, then on the ASan+UBSan build if there is one.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || { echo "# tmux missing: skipped"; exit 0; }
: "${DSTUI_ASAN:=$PWD/darkstat-tui-address-undefined}"
cap="$TMP/days.pcap"
# 3000 packets, one every 100 s on average: about 84 hours.
"$SHARED/tools/gen-pcap" -q -n 3000 --hosts 50 --pps 0.01 --start 1700000000 \
    --seed 5 -o "$cap" || exit 1
run=0
tm() { tmux -L "dstui-hist-$$-$run" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
new_session() {
	tm kill-server 2>/dev/null
	run=$((run + 1))
	tm new-session -d -x 100 -y 30 -s t -c "$TMP" "$@"
}
screen() { tm capture-pane -p -t t; }
keys() { tm send-keys -t t "$@"; }
wait_for() {
	local i
	for i in $(seq 1 100); do
		screen >"$TMP/screen"
		if grep -Eq -- "$2" "$TMP/screen"; then ok "$1"; return 0; fi
		sleep 0.1
	done
	not_ok "$1 (no /$2/ on screen:)"
	sed 's/^/# | /' "$TMP/screen"
	return 1
}
# Columns of the "in" rows of the graph that hold a bar, as "first last"
# (counted in characters, from 1).
bar_span() {
	python3 - "$TMP/screen" <<-'EOF'
	import sys
	lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
	top = next(i for i, l in enumerate(lines) if l.startswith("history: "))
	axis = next(i for i, l in enumerate(lines) if l.startswith("-7d"))
	cols = [c + 1 for l in lines[top + 1:axis] for c in range(9, len(l))
	        if l[c] != " "]
	print(min(cols, default=0), max(cols, default=0))
	EOF
}

tui_checks() {	# tui_checks TAG BINARY
	local tag=$1 bin=$2 db="$TMP/$1.db" span first last hdr tot
	rm -f "$db"
	new_session "env TERM=screen LANG=C.UTF-8 TZ=UTC $bin --no-dns -r $cap \
	    -l 10.0.0.0/9 --history $db; echo EXITED \$?; sleep 30"
	wait_for "$tag: replay finishes" '\[FILE done\]'
	keys 5 H
	wait_for "$tag: H shows the last 7 days" '^history: last 7 days, all traffic'
	span=$(bar_span)
	first=${span% *}
	last=${span#* }
	# 84 bars of 2 hours from column 10: 80 hours fill the last 40 or 41.
	check "$tag: bars in the last 80 hours only (columns $span)" \
	    [ "$first" -ge 52 -a "$first" -le 54 -a "$last" -eq 93 ]
	hdr=$(sed -n '1s/.* bytes \([^ ]*\) .*/\1/p' "$TMP/screen")
	tot=$(sed -n 's/^history: .*all traffic \([^ ]*\) .*/\1/p' "$TMP/screen")
	check "$tag: the range holds every byte of the replay ($tot, header $hdr)" \
	    [ -n "$tot" -a "$tot" = "$hdr" ]
	grep_file "$tag: one bar is 2 hours" 'per 2 hours\)' "$TMP/screen"
	keys H
	wait_for "$tag: then the last 31 days" '^history: last 31 days'
	keys H
	wait_for "$tag: then the last 365 days, by day" \
	    '^history: last 365 days.*per 5 days\)'
	keys H
	wait_for "$tag: then the live graphs again" 'last 60 seconds \(max'
	keys h
	wait_for "$tag: the help lists H" '^ +H +Graphs: history'
	keys q q
	wait_for "$tag: q quits with status 0" '^EXITED 0'
	check "$tag: the file has the replay's days" \
	    [ "$(sqlite3 "$db" 'SELECT COUNT(*) FROM iface_history WHERE res = 86400')" -ge 4 ]

	new_session "env TERM=screen LANG=C.UTF-8 $bin --no-dns -r $cap; \
	    echo EXITED \$?; sleep 30"
	wait_for "$tag: no --history: replay finishes" '\[FILE done\]'
	keys 5 H
	wait_for "$tag: no --history: H says how to keep one" \
	    '^no history: start with --history FILE'
	keys q
	wait_for "$tag: no --history: q quits" '^EXITED 0'
}

tui_checks normal "$DSTUI"
if [ -x "$DSTUI_ASAN" ]; then
	export ASAN_OPTIONS="detect_leaks=1:log_path=$TMP/asan"
	export UBSAN_OPTIONS="print_stacktrace=1:log_path=$TMP/ubsan"
	tui_checks ASan "$DSTUI_ASAN"
	if ls "$TMP"/asan* "$TMP"/ubsan* >/dev/null 2>&1; then
		not_ok "ASan: sanitizer reports: $(grep -h -m1 -E 'ERROR|runtime error' \
		    "$TMP"/asan* "$TMP"/ubsan* 2>/dev/null | head -1)"
	else
		ok "ASan: no ASan/UBSan report from the history views"
	fi
else
	echo "# no ASan build: skipped"
fi
