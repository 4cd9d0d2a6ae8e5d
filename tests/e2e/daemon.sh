#!/bin/bash
# --no-tui as a daemon, with its privileges dropped (root only): the
# parent exits once the child has started; the child is in a session of
# its own, in "/", with stdio on /dev/null and no inherited descriptor,
# runs as nobody with no group, capability or way back to root, writes
# its pidfile, export and daylog (relative paths kept working), logs to
# syslog, and on SIGTERM exports and removes its pidfile. A failing start
# still exits 1 with its error. --chroot: the process's root is the
# directory, the files are inside it. --wait keeps CAP_NET_RAW only.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../netns.sh"
need_root ping
veth 0 10.221.0

# status PID FIELD: a line of /proc/PID/status, tabs squeezed.
status() {
	awk -v f="$2:" '$1 == f { $1 = ""; print substr($0, 2) }' \
	    "/proc/$1/status"
}

gone() {	# gone PID: wait up to 3 s for it to exit
	local n=30
	while [ $n -gt 0 ] && kill -0 "$1" 2>/dev/null; do
		sleep 0.1
		n=$((n - 1))
	done
	! kill -0 "$1" 2>/dev/null
}

# A syslog of our own, if the system has none, to see the daemon's lines.
log=
if [ ! -e /dev/log ] && command -v python3 >/dev/null; then
	log=$TMP/syslog
	python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("/dev/log")
out = open(sys.argv[1], "ab", buffering=0)
while True:
    out.write(s.recv(4096) + b"\n")' "$log" &
	bg_pid $!
	trap 'netns_cleanup; rm -f /dev/log' EXIT
	n=20
	while [ ! -S /dev/log ] && [ $n -gt 0 ]; do
		sleep 0.1
		n=$((n - 1))
	done
fi

# --- the daemon -----------------------------------------------------------
mkdir "$TMP/run" && chmod 777 "$TMP/run"
exec 9>"$TMP/inherited"		# must not reach the daemon
start=$(date +%s.%N)
(cd "$TMP/run" && "$DSTUI" --no-tui -p 0 -b 127.0.0.1 -i "${NS}0" --pidfile d.pid \
    --export d.db --daylog day.log --verbose) >"$TMP/out" 2>"$TMP/err"
rc=$?
exec 9>&-
check "the parent exits 0" [ $rc -eq 0 ]
check "... at once ($(python3 -c "print(round($(date +%s.%N) - $start, 2))") s)" \
    python3 -c "import sys; sys.exit($(date +%s.%N) - $start > 3)"
pid=$(cat "$TMP/run/d.pid" 2>/dev/null)
check "the pidfile holds a running process ($pid)" kill -0 "${pid:-0}"
bg_pid "${pid:-}"
check "... which is not the parent's" [ "$(status "$pid" PPid)" != $$ ]
check "... darkstat-tui" grep -q darkstat-tui "/proc/$pid/cmdline"
check "in a session of its own" \
    [ "$(ps -o sid= -p "$pid" | tr -d ' ')" = "$pid" ]
check "in /" [ "$(readlink "/proc/$pid/cwd")" = / ]
for fd in 0 1 2; do
	check "fd $fd on /dev/null" [ "$(readlink "/proc/$pid/fd/$fd")" = /dev/null ]
done
check "no inherited descriptor" \
    [ -z "$(find /proc/"$pid"/fd -lname "$TMP/inherited" 2>/dev/null)" ]
check "start-up messages before it detached" grep -q 'now running as user nobody' "$TMP/err"
check "user nobody (real, effective, saved, fs)" \
    [ "$(status "$pid" Uid)" = "65534 65534 65534 65534" ]
check "group nogroup (all four)" \
    [ "$(status "$pid" Gid)" = "65534 65534 65534 65534" ]
check "no supplementary group" [ -z "$(status "$pid" Groups)" ]
check "no capability permitted" [ "$(status "$pid" CapPrm)" = 0000000000000000 ]
check "no capability effective" [ "$(status "$pid" CapEff)" = 0000000000000000 ]
check "no new privileges" [ "$(status "$pid" NoNewPrivs)" = 1 ]

in_ns 0 ping -q -c 4 -i 0.05 10.221.0.1 >/dev/null
sleep 0.3
kill -USR2 "$pid"
wait_for "$TMP/run/d.db" . 2
check "SIGUSR2: the export is written (relative path)" [ -s "$TMP/run/d.db" ]
kill -TERM "$pid"
check "SIGTERM: it exits" gone "$pid"
check "SIGTERM: the pidfile is removed" [ ! -e "$TMP/run/d.pid" ]
check "the export belongs to nobody" \
    [ "$(stat -c %U "$TMP/run/d.db" 2>/dev/null)" = nobody ]
grep_file "the daylog: 4 pings each way, 84 bytes each" \
    '\|336\|336\|4\|4$' "$TMP/run/day.log"
grep_file "the daylog: logging stopped" '^# logging stopped' "$TMP/run/day.log"
if [ -n "$log" ]; then
	grep_file "syslog: messages once detached" \
	    "darkstat-tui\\[$pid\\]: running in the background" "$log"
	grep_file "syslog: the signal" "darkstat-tui\\[$pid\\]: caught signal 15" "$log"
else
	echo "# /dev/log exists: syslog lines not checked"
fi

# --- a failing start ------------------------------------------------------
expect_exit "no such interface: exit 1" 1 "$DSTUI" --no-tui -p 0 -b 127.0.0.1 -i "${NS}none" \
    --pidfile "$TMP/run/f.pid"
grep_file "... with the error" "error: ${NS}none: No such device" "$TMP/err"
check "... and no daemon left" [ -z "$(pgrep -f -- "-i ${NS}none")" ]
expect_exit "a pidfile that can't be written: exit 1" 1 "$DSTUI" --no-tui -p 0 -b 127.0.0.1 \
    -i "${NS}0" --pidfile "$TMP/nowhere/d.pid"
grep_file "... with the error" "can't create pidfile \"$TMP/nowhere/d.pid\"" "$TMP/err"
check "... and no daemon left" [ -z "$(pgrep -f -- "$TMP/nowhere/d.pid")" ]
expect_exit "--user nosuchuser: exit 2" 2 "$DSTUI" --no-tui -p 0 -b 127.0.0.1 -i "${NS}0" \
    --user nosuchuser$$
grep_file "... naming it" "error: --user: \"nosuchuser$$\": no such user" "$TMP/err"
expect_exit "--chroot to nowhere: exit 2" 2 "$DSTUI" --no-tui -p 0 -b 127.0.0.1 -i "${NS}0" \
    --chroot "$TMP/nowhere"
expect_exit "--chroot with the terminal interface: exit 2" 2 "$DSTUI" \
    -r "$PCAPS/lt-raw101-ipv4-dns.pcap" --chroot "$TMP"

# --- --chroot -------------------------------------------------------------
jail=$TMP/jail
mkdir "$jail" && chown nobody: "$jail"
"$DSTUI" --no-tui -p 0 -b 127.0.0.1 -i "${NS}0" --chroot "$jail" --pidfile run.pid \
    --export /d.db --daylog day.log --import d.db 2>"$TMP/err"
check "--chroot: the parent exits 0" [ $? -eq 0 ]
pid=$(cat "$jail/run.pid" 2>/dev/null)
bg_pid "${pid:-}"
check "--chroot: a relative pidfile is in the directory" kill -0 "${pid:-0}"
check "--chroot: the process's root is the directory" \
    [ "$(readlink "/proc/$pid/root")" = "$jail" ]
check "--chroot: and so is its directory" \
    [ "$(readlink "/proc/$pid/cwd")" = "$jail" ]
check "--chroot: user nobody" [ "$(status "$pid" Uid)" = "65534 65534 65534 65534" ]
in_ns 0 ping -q -c 2 -i 0.05 10.221.0.1 >/dev/null
sleep 0.3
kill -TERM "$pid"
check "--chroot: it exits" gone "$pid"
check "--chroot: export /d.db is in the directory" [ -s "$jail/d.db" ]
check "--chroot: so is the daylog" [ -s "$jail/day.log" ]
check "--chroot: the pidfile is removed" [ ! -e "$jail/run.pid" ]
# --import is read inside the chroot too: the hosts come back.
"$DSTUI" --no-tui -p 0 -b 127.0.0.1 --no-daemon -i "${NS}0" --chroot "$jail" --import d.db \
    --export d.db --report text >"$TMP/out" 2>"$TMP/err" &
pid=$!
bg_pid $pid
sleep 1
kill -TERM $pid
wait $pid
check "--chroot: --import from the directory" [ $? -eq 0 ]
grep_file "--chroot: the imported hosts" '^H 10.221.0.2 in=168 out=168 ' "$TMP/out"

# --- --wait keeps CAP_NET_RAW, and only it --------------------------------
"$DSTUI" --no-tui -p 0 -b 127.0.0.1 --no-daemon -i "${NS}0" --wait 5 --verbose \
    >"$TMP/out" 2>"$TMP/err" &
pid=$!
bg_pid $pid
wait_for "$TMP/err" "now running as user" || not_ok "--wait: start-up"
check "--wait: CAP_NET_RAW permitted, nothing else" \
    [ "$(status "$pid" CapPrm)" = 0000000000002000 ]
check "--wait: CAP_NET_RAW effective, nothing else" \
    [ "$(status "$pid" CapEff)" = 0000000000002000 ]
check "--wait: user nobody" [ "$(status "$pid" Uid)" = "65534 65534 65534 65534" ]
kill -TERM $pid
wait $pid

# --- another user, given CAP_NET_RAW by setcap, gives it up ---------------
if command -v setcap >/dev/null && command -v setpriv >/dev/null; then
	cp "$DSTUI" "$TMP/dt" && chmod 755 "$TMP/dt"
	setcap cap_net_raw+ep "$TMP/dt"
	setpriv --reuid nobody --regid nogroup --clear-groups "$TMP/dt" \
	    --no-tui -p 0 -b 127.0.0.1 --no-daemon -i "${NS}0" --verbose --report text \
	    >"$TMP/out" 2>"$TMP/err" &
	pid=$!
	bg_pid $pid
	wait_for "$TMP/err" "not root" || not_ok "setcap: start-up ($(cat "$TMP/err"))"
	check "setcap: capture opened, then no capability left" \
	    [ "$(status "$pid" CapEff)$(status "$pid" CapPrm)" = 00000000000000000000000000000000 ]
	in_ns 0 ping -q -c 3 -i 0.05 10.221.0.1 >/dev/null
	sleep 0.3
	kill -TERM $pid
	wait $pid
	grep_file "setcap: the pings counted" '^P 10.221.0.2 proto=1 in=252 out=252 ' "$TMP/out"
fi
