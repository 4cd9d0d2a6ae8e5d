#!/bin/bash
# The web interface with curl: every URL, --base, errors (404, 405, 413,
# 431, 400), malformed queries, markup in query values (escaped), gzip,
# HEAD, keep-alive, security headers, -p 0, bind errors, replay serving.
# Expected figures come from darkstat-oracle's report of the same capture
# (the real darkstat), not from darkstat-tui.
. "$(dirname "$0")/../lib.sh"
PCAP="$PCAPS/lt-linux-sll-tcp-dns-arp.pcap"	# darkstat decodes it right

# serve NAME ARGS...: start a replay server, set URL and PID.
serve() {
	local i
	rm -f "$TMP/srv.err"	# not the last server's lines
	"$DSTUI" --no-tui --no-dns -r "$PCAP" -p 0 -b 127.0.0.1 "$@" \
	    2>"$TMP/srv.err" &
	PID=$!
	for i in $(seq 100); do
		grep -q "end of the capture file" "$TMP/srv.err" 2>/dev/null &&
		    break
		sleep 0.05
	done
	# After the end: the address is written before it.
	URL=$(grep -o 'http://[^ ]*/' "$TMP/srv.err" | head -1)
}
stop() {
	kill -TERM "$PID" 2>/dev/null
	wait "$PID"
}
# code NAME WANT CURL-ARGS...: the HTTP status of a request.
code() {
	local name=$1 want=$2 got; shift 2
	got=$(curl -s -o "$TMP/body" -w '%{http_code}' "$@")
	if [ "$got" = "$want" ]; then ok "$name"; else
		not_ok "$name (status $got, want $want)"; fi
}

"$SHARED/tools/darkstat-oracle" -o "$TMP/oracle" "$PCAP" >/dev/null 2>&1
# The busiest host of darkstat's report, its MAC and bytes in.
read -r H IN MAC < <(awk '/^H / { for (i = 3; i <= NF; i++) { split($i, kv, "=");
    v[kv[1]] = kv[2] } if (v["total"] + 0 > best) { best = v["total"] + 0;
    line = $2 " " v["in"] " " v["mac"] } } END { print line }' \
    "$TMP/oracle/report.txt")
serve
# libmicrohttpd (and the TLS stack it brings) is loaded when the web server
# starts, not linked: runs without it do not load a dozen libraries.
refute "the program does not link libmicrohttpd" \
    grep -q libmicrohttpd <(ldd "$DSTUI")
check "a serving process has loaded it" grep -q libmicrohttpd "/proc/$PID/maps"
"$DSTUI" --no-tui --no-dns -r "$PCAP" --realtime >/dev/null 2>&1 &
rpid=$!
sleep 0.3	# the capture spans 51 s: it is still replaying
check "a replay without -p ... is running" grep -q libpcap "/proc/$rpid/maps"
refute "... and has not loaded it" grep -q libmicrohttpd "/proc/$rpid/maps"
kill -TERM "$rpid" 2>/dev/null; wait "$rpid" 2>/dev/null
grep_file "-p 0 prints the address it chose" \
    '^darkstat-tui: listening on http://127\.0\.0\.1:[0-9]+/$' "$TMP/srv.err"
check "a replay with -p keeps serving after the end of the file" \
    kill -0 "$PID"

# Every page and endpoint.
for u in / hosts/ "hosts/?full=yes" "hosts/?sort=in" "hosts/?sort=out" \
    "hosts/?sort=lastseen" "hosts/?sort=packets&dir=asc" \
    "hosts/?units=si" hosts/$H/ hosts/$H \
    conns/ graphs.xml style.css graph.js metrics api/v1/status.json \
    api/v1/hosts.json api/v1/hosts/$H.json api/v1/graphs.json \
    api/v1/conns.json; do
	code "GET /$u" 200 "$URL$u"
done
code "HEAD /" 200 -I "$URL"
refute "HEAD has no body" grep -q '<html' "$TMP/body"

# The figures are the real darkstat's.
total=$(awk '/^total_bytes / { print $2 }' "$TMP/oracle/report.txt")
curl -s "${URL}api/v1/status.json" >"$TMP/status.json"
check "status.json: total bytes as darkstat counted ($total)" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(d["totals"]["bytes"] != int(sys.argv[2]))' "$TMP/status.json" "$total"
curl -s "${URL}hosts/?full=yes" >"$TMP/hosts.html"
nhosts=$(grep -c '^H ' "$TMP/oracle/report.txt")
grep_file "/hosts/ counts darkstat's $nhosts hosts" \
    "^\\(1-$nhosts of $nhosts\\)<br>" "$TMP/hosts.html"
curl -s "${URL}metrics" >"$TMP/metrics"
grep_file "/metrics host_bytes_total of $H in as darkstat ($IN)" \
    "^host_bytes_total\\{interface=\"[^\"]*\",ip=\"${H//./\\.}\",mac=\"$MAC\",dir=\"in\"\\} $IN\$" \
    "$TMP/metrics"
grep_file "/metrics has build info" '^darkstat_tui_build_info\{' "$TMP/metrics"
check "/metrics parses as Prometheus text" python3 -c '
import re, sys
ok = re.compile(r"^(# (HELP|TYPE) .*|[a-z_]+(\{[a-z_]+=\"([^\"\\\\]|\\\\.)*\"(,[a-z_]+=\"([^\"\\\\]|\\\\.)*\")*\})? [0-9.e+-]+)$")
bad = [l for l in open(sys.argv[1]).read().splitlines() if not ok.match(l)]
print(bad[:3]); sys.exit(len(bad) > 0)' "$TMP/metrics"
curl -s "${URL}metrics" -o /dev/null
check "graphs.xml has darkstat's 60+60+24+31 bars" \
    [ "$(curl -s "${URL}graphs.xml" | grep -c '^<e p=')" -eq 175 ]

# Errors.
code "404 for an unknown page" 404 "${URL}nonexistent"
code "404 for /hosts without a slash" 404 "${URL}hosts"
code "404 for an unknown host" 404 "${URL}hosts/10.99.99.99/"
code "404 for a bad address" 404 "${URL}hosts/not-an-address/"
code "404 for more segments" 404 "${URL}hosts/$H/x/"
code "404 for an unknown API host" 404 "${URL}api/v1/hosts/10.9.9.9.json"
code "404 for an unknown API endpoint" 404 "${URL}api/v1/nothing"
code "400 for .. above the root" 400 --path-as-is "${URL}../../etc/passwd"
code ".. inside the tree is resolved" 200 --path-as-is \
    "${URL}hosts/../style.css"
code "405 for POST" 405 -d x "$URL"
grep_file "405 is explained" "Only GET and HEAD" "$TMP/body"
curl -s -D "$TMP/h405" -X DELETE -o /dev/null "$URL"
grep_file "405 names the allowed methods" '^Allow: GET, HEAD' "$TMP/h405"
code "405 for an unknown method" 405 -X BREW "$URL"
code "413 for a GET with a body" 413 -X GET --data-binary xyz "$URL"
code "431 for huge headers" 431 -H "X-Big: $(head -c 40000 /dev/zero | tr '\0' a)" "$URL"
code "414 for a huge URL" 414 "$URL?$(head -c 40000 /dev/zero | tr '\0' a)"
code "400 for a bad sort" 400 "${URL}hosts/?sort=bogus"
code "400 for a bad dir" 400 "${URL}hosts/?dir=up"
code "400 for a bad start" 400 "${URL}hosts/?start=abc"
code "400 for a negative start" 400 "${URL}hosts/?start=-1"
code "400 for start out of bounds" 400 "${URL}hosts/?start=999999"
code "400 for bad units" 400 "${URL}hosts/?units=furlongs"
code "400 for a bad filter" 400 "${URL}hosts/?filter=%28"
code "400 for a bad API limit" 400 "${URL}api/v1/hosts.json?limit=x"
code "malformed query: %zz" 200 "${URL}hosts/?sort=in&%zz=%&=&&"
code "malformed query: lone ?" 200 "${URL}hosts/?"
code "NUL in the path ends it" 200 "${URL}hosts/%00/"

# Markup in anything a request controls is escaped.
curl -s "${URL}hosts/?filter=%3Cscript%3Ealert(1)%3C/script%3E" >"$TMP/x.html"
refute "no <script> from the filter in /hosts/" grep -q '<script>alert' "$TMP/x.html"
grep_file "the filter is shown escaped" '&lt;script&gt;alert' "$TMP/x.html"
curl -s "${URL}conns/?filter=%22%3E%3Cimg%20src=x%3E" >"$TMP/y.html"
refute "no <img> from the filter in /conns/" grep -q '<img' "$TMP/y.html"
curl -s "${URL}hosts/%3Cb%3E/" >"$TMP/z.html"
refute "no markup from the path in a 404" grep -q '<b>' "$TMP/z.html"

# Headers.
curl -s -D "$TMP/h" -o /dev/null "${URL}hosts/"
for h in "Content-Security-Policy: default-src 'none'" \
    "X-Content-Type-Options: nosniff" "X-Robots-Tag: noindex" \
    "Content-Type: text/html"; do
	grep_file "header $h" "^$h" "$TMP/h"
done
curl -s -D "$TMP/hz" -H 'Accept-Encoding: gzip' -o "$TMP/gz" "${URL}hosts/?full=yes"
grep_file "gzip when the client takes it" '^Content-Encoding: gzip' "$TMP/hz"
check "the gzip body is the page" cmp <(gzip -dc "$TMP/gz") "$TMP/hosts.html"
curl -s -D "$TMP/hi" -o /dev/null "${URL}hosts/"
refute "no gzip when not asked" grep -q '^Content-Encoding: gzip' "$TMP/hi"
n=$(curl -sv "${URL}metrics" "${URL}api/v1/status.json" -o /dev/null \
    -o /dev/null 2>&1 | grep -c 'Re-using existing connection')
check "keep-alive: the second request reuses the connection" [ "$n" -ge 1 ]
stop

# --base: pages under a prefix, and without it.
serve --base stats
code "--base: /stats/ is the front page" 200 "${URL}stats/"
code "--base: /stats/hosts/" 200 "${URL}stats/hosts/"
code "--base: the API under the base" 200 "${URL}stats/api/v1/status.json"
code "--base: without the prefix too" 200 "${URL}hosts/"
curl -s "${URL}stats/hosts/" >"$TMP/b.html"
grep_file "--base: links are relative" 'href="\.\./style\.css"' "$TMP/b.html"
stop

# Start-up errors and when the server runs at all.
"$DSTUI" --no-tui --no-dns -r "$PCAP" -p 0 -b 127.0.0.1 2>"$TMP/a.err" &
a=$!
sleep 0.5
port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/a.err")
expect_exit "a port in use is a start-up error" 1 \
    "$DSTUI" --no-tui -r "$PCAP" -p "$port" -b 127.0.0.1
grep_file "... naming the address" "can't serve the web interface on 127\.0\.0\.1:$port: Address already in use" "$TMP/err"
kill "$a"; wait "$a" 2>/dev/null
expect_exit "a bad -b address is an error" 2 \
    "$DSTUI" --no-tui -r "$PCAP" -b 300.1.1.1
grep_file "... naming it" '^darkstat-tui: error: -b: "300\.1\.1\.1"' "$TMP/err"
expect_exit "-b with an address not on this machine" 1 \
    "$DSTUI" --no-tui -r "$PCAP" -p 0 -b 192.0.2.77
expect_exit "a bad port is a usage error" 2 "$DSTUI" --no-tui -r "$PCAP" -p 70000
expect_exit "-r without -p or -b ends with the file (darkstat)" 0 \
    timeout 20 "$DSTUI" --no-tui -r "$PCAP"
refute "... and serves nothing" grep -q listening "$TMP/err"
# --history: the web API's day rows add up to gen-pcap's truth.
"$SHARED/tools/gen-pcap" -q -n 3000 --hosts 20 --pps 0.02 --start 1790000000 \
    --seed 4 --truth "$TMP/days.json" -o "$TMP/days.pcap"
PCAP="$TMP/days.pcap" serve --history "$TMP/days.db"
curl -s "${URL}api/v1/history.json?res=day&days=30" >"$TMP/hist.json"
check "history.json: the day rows add up to the capture's IP bytes" python3 -c '
import json, sys
h, t = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
got = sum(p["bytes"] for p in h["points"])
print(got, t["valid"]["ip_bytes"], len(h["points"]))
sys.exit(got != t["valid"]["ip_bytes"] or len(h["points"]) < 2)' "$TMP/hist.json" "$TMP/days.json"
H=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["hosts"][0]["addr"])' "$TMP/days.json")
curl -s "${URL}api/v1/history.json?res=hour&days=30&host=$H" >"$TMP/hhist.json"
check "history.json: a host's hour rows add up to its bytes in and out" python3 -c '
import json, sys
h, t = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
want = [x for x in t["hosts"] if x["addr"] == sys.argv[3]][0]
got = (sum(p["bytes_in"] for p in h["points"]), sum(p["bytes_out"] for p in h["points"]))
print(got, want)
sys.exit(got != (want["ip_bytes_in"], want["ip_bytes_out"]))' "$TMP/hhist.json" "$TMP/days.json" "$H"
code "history.json: a bad res" 400 "${URL}api/v1/history.json?res=fortnight"
code "history.json: a bad host" 400 "${URL}api/v1/history.json?host=nothing"
curl -s "${URL}" >"$TMP/front.html"
grep_file "the front page has the history graphs" 'id="history" data-history=' "$TMP/front.html"
stop
PCAP="$TMP/days.pcap" serve
code "history.json without --history: 404" 404 "${URL}api/v1/history.json"
stop

serve -b ::1
grep_file "-b ::1 (IPv6) as well" 'listening on http://\[::1\]:[0-9]+/' "$TMP/srv.err"
v6=$(grep -o 'http://\[::1\]:[0-9]*/' "$TMP/srv.err")
code "served over IPv6" 200 "${v6}hosts/"
stop

# The terminal interface serves too when -p or -b is given.
if command -v tmux >/dev/null; then
	rm -f "$TMP/tui.err"
	tmux new-session -d -s "dsh$$" -x 120 -y 30 \
	    "$DSTUI -r $PCAP --no-dns -p 0 -b 127.0.0.1 2>$TMP/tui.err"
	for i in $(seq 50); do
		grep -q listening "$TMP/tui.err" 2>/dev/null && break
		sleep 0.1
	done
	tui_url=$(grep -o 'http://[^ ]*/' "$TMP/tui.err" | head -1)
	code "the terminal interface with -p serves /hosts/" 200 "${tui_url}hosts/"
	tmux send-keys -t "dsh$$" q
	sleep 0.3
	tmux kill-session -t "dsh$$" 2>/dev/null || true
fi
