#!/bin/bash
# make install with DESTDIR and PREFIX: the files and their modes, the
# unit's paths, a changed configuration file kept; the unit passes
# systemd-analyze verify; the sample configuration works (as root: in its
# chroot, as nobody); the logrotate snippet parses.
. "$(dirname "$0")/../lib.sh"
d=$TMP/root

inst() {
	make -s --no-print-directory install DESTDIR="$d" "$@" \
	    >"$TMP/make.out" 2>&1
}
check "make install DESTDIR PREFIX=/usr" inst PREFIX=/usr
( cd "$d" && find . -type f -printf '%m %P\n' | sort ) >"$TMP/files"
sed 's/^/# /' "$TMP/files"
for f in "755 usr/sbin/darkstat-tui" \
    "644 usr/share/man/man8/darkstat-tui.8" \
    "644 usr/lib/systemd/system/darkstat-tui.service" \
    "644 etc/darkstat-tui.conf" \
    "644 etc/logrotate.d/darkstat-tui" \
    "644 usr/share/doc/darkstat-tui/README" \
    "644 usr/share/doc/darkstat-tui/darkstat-tui.service" \
    "644 usr/share/doc/darkstat-tui/darkstat-tui.conf" \
    "644 usr/share/doc/darkstat-tui/darkstat-tui.logrotate"; do
	check "installed: $f" grep -qx "$f" "$TMP/files"
done
check "nothing else installed" [ "$(wc -l <"$TMP/files")" -eq 9 ]
unit=$d/usr/lib/systemd/system/darkstat-tui.service
grep_file "the unit runs /usr/sbin/darkstat-tui with /etc's file" \
    '^ExecStart=/usr/sbin/darkstat-tui -c /etc/darkstat-tui.conf --no-tui --no-daemon$' "$unit"
expect_exit "the installed program runs" 0 "$d/usr/sbin/darkstat-tui" --version

echo "# changed" >>"$d/etc/darkstat-tui.conf"
check "make install again" inst PREFIX=/usr
grep_file "a changed configuration file is kept" '^# changed$' "$d/etc/darkstat-tui.conf"
rm -rf "$d"
check "make install with the default PREFIX" inst
grep_file "the unit follows PREFIX" \
    '^ExecStart=/usr/local/sbin/darkstat-tui -c /etc/darkstat-tui.conf ' \
    "$d/usr/local/lib/systemd/system/darkstat-tui.service"
rm -rf "$d"
check "SYSCONFDIR" inst PREFIX=/opt/d SYSCONFDIR=/opt/d/etc
grep_file "the unit follows SYSCONFDIR" ' -c /opt/d/etc/darkstat-tui.conf ' \
    "$d/opt/d/lib/systemd/system/darkstat-tui.service"

if command -v systemd-analyze >/dev/null; then
	# verify wants the program where ExecStart says: the one built here.
	sed "s|^ExecStart=[^ ]*|ExecStart=$DSTUI|" contrib/darkstat-tui.service \
	    >"$TMP/darkstat-tui.service"
	systemd-analyze verify --man=no "$TMP/darkstat-tui.service" \
	    >"$TMP/verify" 2>&1
	check "systemd-analyze verify: exit 0" [ $? -eq 0 ]
	check "systemd-analyze verify: no message" [ ! -s "$TMP/verify" ]
	sed 's/^/# /' "$TMP/verify"
else
	echo "# systemd-analyze is not installed: unit not verified"
fi

if command -v logrotate >/dev/null; then
	logrotate -d -s "$TMP/lr.state" contrib/darkstat-tui.logrotate \
	    >"$TMP/lr" 2>&1
	check "logrotate -d: parses" [ $? -eq 0 ]
	refute "logrotate -d: no error" grep -qi error "$TMP/lr"
else
	echo "# logrotate is not installed: snippet not checked"
fi

# The sample configuration as the service runs it, with the chroot moved
# here and a capture file instead of an interface: the export and the
# daylog land in the chroot, written as nobody.
if [ "$(id -u)" -eq 0 ]; then
	jail=$TMP/jail
	mkdir "$jail" && chown nobody: "$jail"
	expect_exit "the sample configuration works" 0 "$DSTUI" \
	    -c contrib/darkstat-tui.conf --chroot "$jail" --no-tui \
	    -r "$PCAPS/lt-en10mb-mixed-tcp-udp-icmp-igmp.pcap"
	check "... the export in the chroot, as nobody" \
	    [ "$(stat -c %U "$jail/darkstat.db" 2>/dev/null)" = nobody ]
	check "... the daylog too" [ -s "$jail/daylog.txt" ]
fi
