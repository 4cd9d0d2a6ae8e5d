#!/bin/bash
# Host names are outside text: a reverse lookup can return markup, quotes
# and terminal escapes. In a mount namespace of its own, /etc/hosts gives
# two of the capture's addresses such names; the web pages escape them,
# the JSON stays valid, and the terminal shows them inert (root only).
. "$(dirname "$0")/../lib.sh"
if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null; then
	echo "ok - skipped (needs root and unshare)"
	exit 0
fi
PCAP="$PCAPS/lt-linux-sll-tcp-dns-arp.pcap"
printf '127.0.0.1 localhost\n10.0.0.8 <script>alert(1)</script>.evil\033[31m\n10.0.0.138 a"b&c'"'"'d.example\n' \
    >"$TMP/hosts"
chmod 644 "$TMP/hosts"
# in_ns CMD...: run CMD with our /etc/hosts.
in_ns() {
	# exec: the caller's $! is then darkstat-tui itself, to kill.
	exec unshare -m sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' \
	    "$TMP/hosts" "$@"
}

in_ns "$DSTUI" --no-tui -r "$PCAP" -p 0 -b 127.0.0.1 2>"$TMP/srv.err" &
pid=$!
for i in $(seq 100); do
	grep -q "end of the capture" "$TMP/srv.err" 2>/dev/null && break
	sleep 0.05
done
URL=$(grep -o 'http://[^ ]*/' "$TMP/srv.err" | head -1)
curl -s "${URL}hosts/?full=yes" >/dev/null	# queues the lookups
sleep 1.5
curl -s "${URL}hosts/?full=yes" >"$TMP/hosts.html"
curl -s "${URL}hosts/10.0.0.8/" >"$TMP/host.html"
curl -s "${URL}api/v1/hosts.json" >"$TMP/hosts.json"
kill "$pid"; wait "$pid" 2>/dev/null

grep_file "the name is on /hosts/, escaped" \
    '&lt;script&gt;alert\(1\)&lt;/script&gt;\.evil\?\[31m' "$TMP/hosts.html"
grep_file "quotes and ampersands escaped" 'a&quot;b&amp;c&#39;d\.example' "$TMP/hosts.html"
refute "no <script> on /hosts/" grep -q '<script>alert' "$TMP/hosts.html"
refute "no escape character on /hosts/" grep -q $'\033' "$TMP/hosts.html"
grep_file "escaped on the host's page too" '&lt;script&gt;alert' "$TMP/host.html"
refute "no <script> on the host's page" grep -q '<script>alert' "$TMP/host.html"
check "hosts.json parses, with the names as text and no control character" python3 -c '
import json, sys
names = {h["addr"]: h["name"] for h in json.load(open(sys.argv[1]))["hosts"]}
print(names.get("10.0.0.8"), names.get("10.0.0.138"))
ok = names.get("10.0.0.8") == "<script>alert(1)</script>.evil?[31m" and \
    names.get("10.0.0.138") == "a\"b&c\x27d.example"
sys.exit(not ok or any(c < " " for n in names.values() if n for c in n))' "$TMP/hosts.json"

# The terminal: the escape arrives as "?", not as red.
tmux kill-session -t "dsn$$" 2>/dev/null
tmux new-session -d -s "dsn$$" -x 160 -y 40 \
    "unshare -m sh -c 'mount --bind $TMP/hosts /etc/hosts && exec \"\$0\" \"\$@\"' $DSTUI -r $PCAP --user root"
sleep 3
tmux capture-pane -p -t "dsn$$" >"$TMP/pane"
tmux capture-pane -p -e -t "dsn$$" >"$TMP/pane-e"
tmux send-keys -t "dsn$$" q
sleep 0.5
tmux kill-session -t "dsn$$" 2>/dev/null
grep_file "the terminal shows the name (cut to its column)" '<script>alert\(1\)</scrip' "$TMP/pane"
refute "... with its escape made inert (no red from it)" \
    grep -q $'\033\\[31m' "$TMP/pane-e"
