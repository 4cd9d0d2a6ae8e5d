#!/bin/bash
# The terminal interface, driven through tmux like a user at a terminal.
# Expectations come from the engine's --report on the same capture (which
# the oracle tests check against darkstat), not from saved screens.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || { echo "# tmux missing: skipped"; exit 0; }
cap="$PCAPS/big-tls-mixed-v4v6-7451pkts.pcap"
# A fresh tmux server (socket) for each session: no race with the last one
# shutting down.
run=0
tm() { tmux -L "dstui-test-$$-$run" -f /dev/null "$@"; }
new_session() {
	tm kill-server 2>/dev/null
	run=$((run + 1))
	tm new-session -d -s t -c "$TMP" "$@"
}
trap 'tm kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

# Reference figures: H lines of the report, "addr in out total".
"$DSTUI" --no-tui -r "$cap" --report text | awk '/^H / {
	split($3, i, "="); split($4, o, "="); split($5, t, "=");
	print $2, i[2], o[2], t[2] }' >"$TMP/hosts"
top_total=$(sort -k4,4nr "$TMP/hosts" | head -1 | cut -d' ' -f1)
top_out=$(sort -k3,3nr "$TMP/hosts" | head -1 | cut -d' ' -f1)
nhosts=$(wc -l <"$TMP/hosts")
"$DSTUI" --no-tui -r "$cap" --report text >"$TMP/report"
npkts=$(awk '/^total_packets/ { print $2 }' "$TMP/report")
nmacs=$(grep -o ' mac=[0-9a-f:]*' "$TMP/report" | sort -u | wc -l)
nconns=$(grep -c '^C ' "$TMP/report")
nopen=$(grep '^C ' "$TMP/report" | grep -cv 'state=\(CLOSED\|RESET\|TIMED_OUT\)')
n192=$(grep -c '^192\.168\.' "$TMP/hosts")

screen() { tm capture-pane -p -t t; }
# wait_for NAME REGEX: ok once the screen matches, not ok after 10 s.
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
keys() { tm send-keys -t t "$@"; }
# click X Y: an xterm (X10) mouse press and release at column X, line Y.
click() {
	local c r
	c=$(printf '\\x%x' $((33 + $1)))
	r=$(printf '\\x%x' $((33 + $2)))
	tm send-keys -t t -l "$(printf "\e[M $c$r\e[M#$c$r")"
}
# The first table row: the line after the column titles.
first_row() { screen | awk 'f { print $1; exit } /^HOST/ { f = 1 }'; }

start() {	# start LANG
	new_session -x 100 -y 30 "env TERM=screen LANG=$1 \
	    LC_ALL=$1 $DSTUI --no-dns -r $cap -l 192.168.0.0/16; stty -a >$TMP/stty; \
	    echo EXITED \$?; sleep 30"
}

start C.UTF-8
wait_for "replay finishes and the header says so" '\[FILE done\]'
wait_for "hosts view lists $nhosts hosts" "^$nhosts shown, 0 filtered out, 0 evicted"
check "largest total first ($top_total)" [ "$(first_row)" = "$top_total" ]
grep_file "sort column marked in UTF-8" 'TOTAL▼' "$TMP/screen"
# The selection follows its host across re-sorts: go back to the top.
keys '<' g
wait_for "'<' sorts by OUT" 'sort: OUT▼'
check "largest out first ($top_out)" [ "$(first_row)" = "$top_out" ]
keys I g
wait_for "I inverts the order" 'sort: OUT▲'
low_out=$(sort -k3,3n -k1,1r "$TMP/hosts" | head -1 | cut -d' ' -f1)
check "smallest out first after I" \
    [ "$(awk -v h="$(first_row)" '$1 == h { print $3 }' "$TMP/hosts")" = \
    "$(awk -v h="$low_out" '$1 == h { print $3 }' "$TMP/hosts")" ]
keys '>' I

# The mouse: a click on a column title sorts by it, on a tab opens it.
x=$(screen | awk '/^HOST/ { print index($0, " OUT ") + 1; exit }')
click "$x" 4
wait_for "click on the OUT title sorts by OUT" 'sort: OUT▼'
click 13 3
wait_for "click on the Ports tab" '^PROTO +PORT SERVICE'
keys 1 '>'
wait_for "'>' moves the sort to the next column, TOTAL" 'sort: TOTAL▼'

# The selected row (reverse video) keeps its host across a re-sort.
# (table rows are screen lines 6 to 28 of 30)
sel_row() { tm capture-pane -e -p -t t | sed -n 6,28p | grep $'\e\\[7m' |
	sed 's/\x1b\[[0-9;]*m//g' | awk 'NR == 1 { print $1 }'; }
keys g j j j
sleep 0.3
picked=$(sel_row)
keys '<' '<'
wait_for "sort changed to IN" 'sort: IN▼'
check "selection follows $picked across the re-sort" [ "$(sel_row)" = "$picked" ]
keys '>' '>' g
wait_for "back to TOTAL" 'sort: TOTAL▼'
keys / '^192\.168\.' Enter
sleep 0.3
check "/ jumps to the matching host" [ "$(sel_row)" = "$(grep -m1 '^192\.168\.' "$TMP/hosts" | cut -d' ' -f1)" ]
keys g

keys '\' '^192\.168\.' Enter
wait_for "filter narrows to $n192 hosts" "^$n192 shown, $((nhosts - n192)) filtered out"
keys '\' C-u '('
wait_for "bad regex shows PCRE2's error" 'error: .*missing closing parenthesis'
keys Escape
wait_for "Esc keeps the previous filter" "^$n192 shown"
keys Escape
wait_for "Esc clears the filter" "^$nhosts shown, 0 filtered out"

keys 2
wait_for "ports view" '^PROTO +PORT SERVICE'
grep_file "port 443 is the busiest (every host uses it)" '^tcp +443 https' "$TMP/screen"
keys 3
wait_for "protocols view" '^PROTO NAME +BYTES'
keys 4
wait_for "connections view" '^CLIENT +SERVER +STATE'
wait_for "connections view lists the report's $nconns" "^$nconns shown, 0 filtered out"
keys m
wait_for "m shows RTT and retransmissions" 'RTT +RETRANS +ZEROWIN'
keys m Enter
wait_for "Enter opens the connection" '^client -> server +[0-9]'
keys Escape C
wait_for "C clears closed rows: $nopen left" "^$nopen shown"
keys 5
wait_for "graphs view" 'last 60 seconds \(max'
keys 6
wait_for "interfaces view: packets as the report counts" \
    "packets $(python3 -c "print(f'{$npkts:,}')")"
wait_for "interfaces view: $nmacs LAN stations" "LAN stations .*: $nmacs\$"

keys 1 Enter
wait_for "Enter opens the host detail" 'TCP ports on this host'
keys Escape
wait_for "Esc goes back to the hosts" '^HOST'
keys h
wait_for "help lists the keys" 'display filter \(PCRE2'
keys x

tm resize-window -t t -x 40 -y 10
wait_for "40x10 still draws the table" '^HOST +TOTAL'
tm resize-window -t t -x 30 -y 8
wait_for "below 40x10: terminal too small" 'terminal too small \(30x8\)'
tm resize-window -t t -x 100 -y 30
wait_for "back to 100x30: clean screen" '^HOST +MAC'
refute "no leftover of the small screen" grep -q 'too small' "$TMP/screen"

keys q
wait_for "q quits with status 0" '^EXITED 0'
check "q restores the terminal (echo and icanon back)" \
    grep -Eq '(^| )icanon( |$).*' "$TMP/stty"
grep_file "echo restored" '(^| )echo( |$)' "$TMP/stty"

start C
wait_for "LANG=C: ASCII sort marker" 'TOTALv'
refute "LANG=C: no UTF-8 on screen" grep -q '[▁▂▃▄▅▆▇█▼▲]' "$TMP/screen"
keys q
wait_for "LANG=C: q quits" '^EXITED 0'

# Reverse DNS: a capture of 127.0.0.1 alone, which /etc/hosts names
# (no query leaves the machine).
new_session -x 120 -y 30 "env TERM=screen LANG=C.UTF-8 \
    $DSTUI -r $PCAPS/big-loopback-echo-82k-pkts.pcap; echo EXITED \$?; sleep 30"
want=$(getent hosts 127.0.0.1 | awk '{ print $2 }')
wait_for "127.0.0.1 is named $want" "^127\.0\.0\.1 +$want "
keys n
wait_for "n hides the names" '^HOST +MAC'
keys q
wait_for "q quits (DNS on)" '^EXITED 0'

# f: the capture filter is checked before it replaces the old one.
start C.UTF-8
wait_for "header shows no capture filter" 'bpf: none'
keys f 'tcp port' Enter
wait_for "bad BPF filter: libpcap's message" 'capture filter \(BPF\): tcp port .*error: .*syntax error'
keys C-u 'tcp port 443' Enter
wait_for "good BPF filter replaces it" 'bpf: tcp port 443'
keys q
wait_for "q quits" '^EXITED 0'

# E: the current view as CSV or JSON, with the report's figures.
start C.UTF-8
wait_for "ready for the export" '\[FILE done\]'
keys E c
wait_for "E c writes a CSV file" 'wrote darkstat-tui-Hosts-.*\.csv'
keys E j
wait_for "E j writes a JSON file" 'wrote darkstat-tui-Hosts-.*\.json'
keys q
wait_for "q quits" '^EXITED 0'
csv=$(ls -t "$TMP"/darkstat-tui-Hosts-*.csv 2>/dev/null | head -1)
json=$(ls -t "$TMP"/darkstat-tui-Hosts-*.json 2>/dev/null | head -1)
check "CSV has a row per host ($nhosts)" [ "$(($(wc -l <"$csv") - 1))" -eq "$nhosts" ]
check "JSON has the largest host first" python3 -c "import json,sys; \
    sys.exit(json.load(open('$json'))[0]['HOST'] != '$top_total')"

# Colour, and NO_COLOR: the same screen without any colour attribute.
new_session -x 100 -y 30 "env TERM=screen-256color LANG=C.UTF-8 \
    $DSTUI --no-dns -r $cap; echo EXITED \$?; sleep 30"
wait_for "colour terminal: ready" '\[FILE done\]'
check "colours in use" bash -c "tmux -L dstui-test-$$-$run capture-pane -e -p -t t | grep -q $'\e\\[3[0-7]m'"
keys q
new_session -x 100 -y 30 "env NO_COLOR=1 TERM=screen-256color LANG=C.UTF-8 \
    $DSTUI --no-dns -r $cap; echo EXITED \$?; sleep 30"
wait_for "NO_COLOR: ready" '\[FILE done\]'
refute "NO_COLOR: no colour" bash -c "tmux -L dstui-test-$$-$run capture-pane -e -p -t t | grep -q $'\e\\[3[0-7]m'"
keys q

# SIGTERM while the interface runs: the terminal is restored.
start C.UTF-8
wait_for "ready for SIGTERM" '\[FILE done\]'
pkill -TERM -P "$(tm display -p -t t '#{pane_pid}')"
wait_for "SIGTERM: exits 0" '^EXITED 0'
grep_file "SIGTERM: terminal restored" '(^| )icanon( |$)' "$TMP/stty"

# R asks first; y empties the tables (counting goes on).
start C.UTF-8
wait_for "ready for R" '\[FILE done\]'
keys R
wait_for "R asks first" 'reset all counters\? \(y/n\)'
keys n
wait_for "n keeps the counters" "^$nhosts shown"
keys R y
wait_for "R y empties the tables" '^0 shown, 0 filtered out'
keys q
wait_for "q quits after a reset" '^EXITED 0'

# Paused, the other views and the detail page still show their data.
start C.UTF-8
wait_for "ready to pause" '\[FILE done\]'
keys Space
wait_for "Space pauses" '\[PAUSED\]'
keys 2
wait_for "paused: the Ports view has its rows" '^tcp +443 https'
keys 1 g Enter
wait_for "paused: the detail page has its host" "^$top_total "
keys Escape Space q
wait_for "q quits after a pause" '^EXITED 0'

# The terminal goes away (an SSH session dropped): the program ends with
# it instead of running on without a screen.
new_session "exec $DSTUI -r $cap --no-dns --export $TMP/hup.db"
sleep 1
hup_pid=$(tm list-panes -t t -F '#{pane_pid}')
tm kill-server
for i in $(seq 1 50); do
	kill -0 "$hup_pid" 2>/dev/null || break
	sleep 0.1
done
check "a hung-up terminal ends the program" [ ! -d "/proc/$hup_pid" ]
check "... with its export written" [ -s "$TMP/hup.db" ]
