#!/bin/bash
# The web interface in a real browser: Debian's Chromium (/usr/bin/chromium)
# driven by Playwright (npm playwright-core, no browser download) runs
# tests/browser/web.test.mjs against a replay server: the front page's four
# canvas graphs (pixels of the bar colours), the units switch, automatic
# reload and refresh without navigation, sorting, the filter box and a
# host's page, with no console errors or CSP violations.
#
# The replay is served with -l for its local networks: graphs count only
# local traffic, and their bars are placed by the capture's own clock.
. "$(dirname "$0")/../lib.sh"
PCAP="$PCAPS/big-tls-mixed-v4v6-7451pkts.pcap"
LOCAL=(-l 192.168.0.0/24 -l 2601:647:4b02:1d20::/64)
DIR=$(cd "$(dirname "$0")/../browser" && pwd)
: "${CHROMIUM:=/usr/bin/chromium}"
export CHROMIUM
PID=
trap '[ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null; rm -rf "$TMP"' EXIT

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	not_ok "browser: node and npm are installed (contrib/install-deps)"
	exit 0
fi
if [ ! -x "$CHROMIUM" ]; then
	not_ok "browser: $CHROMIUM is installed (contrib/install-deps)"
	exit 0
fi
if [ ! -f "$DIR/node_modules/playwright-core/package.json" ]; then
	if ! (cd "$DIR" && timeout 300 npm ci --no-audit --no-fund) >"$TMP/npm.log" 2>&1; then
		not_ok "browser: npm ci in tests/browser ($(tail -3 "$TMP/npm.log" | tr '\n' ' '))"
		exit 0
	fi
fi

"$DSTUI" --no-tui --no-dns -r "$PCAP" -p 0 -b 127.0.0.1 "${LOCAL[@]}" \
    2>"$TMP/srv.err" &
PID=$!
for _ in $(seq 200); do
	grep -q "end of the capture file" "$TMP/srv.err" 2>/dev/null && break
	sleep 0.05
done
URL=$(grep -o 'http://[^ ]*/' "$TMP/srv.err" | head -1)
if [ -z "$URL" ] || ! grep -q "end of the capture file" "$TMP/srv.err"; then
	not_ok "browser: the replay server starts ($(head -c 300 "$TMP/srv.err"))"
	exit 0
fi

# Screenshots (PNG) go to $TMP, or to $BROWSER_SHOTS to keep them.
SHOTS=${BROWSER_SHOTS:-$TMP}
mkdir -p "$SHOTS"

timeout 120 node "$DIR/web.test.mjs" "$URL" "$SHOTS" 2>"$TMP/node.err"
rc=$?
[ "$rc" -eq 0 ] || not_ok "browser: node exited $rc ($(tail -5 "$TMP/node.err" | tr '\n' ' '))"
check "the server survived the browser" kill -0 "$PID"
kill -TERM "$PID"
wait "$PID"
rc=$?
PID=
check "the server exits 0 on SIGTERM" [ "$rc" -eq 0 ]
