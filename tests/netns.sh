# tests/netns.sh: veth pairs into network namespaces of this test's own,
# for the live tests (source it after lib.sh). Traffic never leaves them:
# each pair joins an interface on the host to "eth0" in a namespace, and
# its addresses are in 10.2xx.x.0/24, used nowhere else.
#
#   need_root CMD...        skip the test (exit 0) unless root with CMDs
#   veth I [NET]            ${NS}I on the host (NET.1/24), eth0 in the
#                           namespace ${NS}nI (NET.2/24); no IPv6, whose
#                           autoconfiguration chatter would add hosts
#   in_ns I CMD...          run CMD in namespace I
#   bg_pid PID              kill PID (if still running) at cleanup
#   wait_for FILE REGEX [SECS]  wait until FILE matches (default 5 s)
#   wait_file FILE          wait up to 5 s for FILE to exist

NS=dsd$$
NS_IDS=
BG_PIDS=

need_root() {
	local c
	if [ "$(id -u)" -ne 0 ]; then
		echo "# live capture needs root: skipped"
		exit 0
	fi
	for c in ip "$@"; do
		if ! command -v "$c" >/dev/null; then
			echo "# $c is not installed: skipped"
			exit 0
		fi
	done
}

netns_cleanup() {
	local p i
	for p in $BG_PIDS; do
		kill "$p" 2>/dev/null
	done
	for i in $NS_IDS; do
		ip netns del "${NS}n$i" 2>/dev/null
		ip link del "$NS$i" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap netns_cleanup EXIT

veth() {
	local i=$1 net=${2:-}
	NS_IDS="$NS_IDS $i"
	ip netns add "${NS}n$i" || return 1
	ip link add "$NS$i" type veth peer name eth0 netns "${NS}n$i" ||
	    return 1
	echo 1 >"/proc/sys/net/ipv6/conf/$NS$i/disable_ipv6"
	in_ns "$i" sh -c 'echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6'
	if [ -n "$net" ]; then
		ip addr add "$net.1/24" dev "$NS$i"
		in_ns "$i" ip addr add "$net.2/24" dev eth0
	fi
	ip link set "$NS$i" up
	in_ns "$i" ip link set eth0 up
	in_ns "$i" ip link set lo up
}

in_ns() {
	local i=$1; shift
	ip netns exec "${NS}n$i" "$@"
}

bg_pid() {
	BG_PIDS="$BG_PIDS $1"
}

wait_for() {
	local file=$1 re=$2 n=$((${3:-5} * 10))
	while [ $n -gt 0 ]; do
		grep -Eq -- "$re" "$file" 2>/dev/null && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

wait_file() {
	local n=50
	while [ ! -e "$1" ] && [ $n -gt 0 ]; do
		sleep 0.1
		n=$((n - 1))
	done
	[ -e "$1" ]
}
