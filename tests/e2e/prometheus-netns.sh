#!/bin/bash
# Two darkstat-tui capturing live, each in its own network namespace, and one
# Prometheus in the root namespace scraping both with
# contrib/prometheus/prometheus.yml (its two targets and its intervals
# replaced): both targets up, host_bytes_total/host_packets_total of each
# receiving address equal to the UDP datagrams this test sent it (IP length
# 20 + 8 + payload), a second burst seen by the next scrapes, each instance
# seeing only its own traffic, darkstat's labels (interface=eth0, the veth
# MACs), and the README's PromQL examples answering. Traffic stays on
# 127.0.0.1 and inside two veth pairs made (and removed) by this test.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../prometheus.sh"
if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null; then
	ok "skipped (needs root)"
	exit 0
fi
if ! command -v prometheus >/dev/null; then
	not_ok "prometheus is installed (contrib/install-deps)"
	exit 0
fi
SAMPLE="$(dirname "$0")/../../contrib/prometheus/prometheus.yml"
ns=dsp$$
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
	ip netns del "${ns}a" 2>/dev/null
	ip netns del "${ns}b" 2>/dev/null
	ip link del "${ns}0" 2>/dev/null
	ip link del "${ns}1" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

# ${ns}0 (10.203.0.1) <-> ${ns}a: eth0 10.203.0.2, site "gateway"
# ${ns}1 (10.203.1.1) <-> ${ns}b: eth0 10.203.1.2, site "office"
for i in 0 1; do
	side=$([ $i = 0 ] && echo a || echo b)
	ip netns add "$ns$side"
	ip link add "$ns$i" type veth peer name eth0 netns "$ns$side"
	# No IPv6: its autoconfiguration chatter would add hosts.
	echo 1 >"/proc/sys/net/ipv6/conf/$ns$i/disable_ipv6"
	ip netns exec "$ns$side" sh -c "echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6"
	ip addr add "10.203.$i.1/24" dev "$ns$i"
	ip link set "$ns$i" up
	ip netns exec "$ns$side" ip addr add "10.203.$i.2/24" dev eth0
	ip netns exec "$ns$side" ip link set eth0 up
	ip netns exec "$ns$side" ip link set lo up
done
MAC0=$(cat "/sys/class/net/${ns}0/address")
MAC1=$(cat "/sys/class/net/${ns}1/address")
MACA=$(ip netns exec "${ns}a" cat /sys/class/net/eth0/address)
MACB=$(ip netns exec "${ns}b" cat /sys/class/net/eth0/address)

# darkstat-tui in each namespace, serving on its veth address. The scrapes
# cross the same veth: the filter leaves them out of the figures.
nd=
"$DSTUI" --help 2>&1 | grep -q -- --no-daemon && nd=--no-daemon
for i in 0 1; do
	side=$([ $i = 0 ] && echo a || echo b)
	ip netns exec "$ns$side" "$DSTUI" --no-tui $nd --no-dns -i eth0 \
	    -f "not tcp port 9100" -p 9100 -b "10.203.$i.2" \
	    2>"$TMP/ds$side.err" &
	PIDS+=($!)
done
# The capture is open before the web server listens (main.c): once
# /metrics answers, what is sent is counted.
for i in 0 1; do
	n=0
	until curl -sf -o /dev/null "http://10.203.$i.2:9100/metrics" ||
	    [ $n -ge 100 ]; do sleep 0.1; n=$((n + 1)); done
	check "darkstat-tui in namespace $i serves /metrics on 10.203.$i.2:9100" \
	    curl -sf -o /dev/null "http://10.203.$i.2:9100/metrics"
done

# send ADDR COUNT PAYLOAD: UDP datagrams from the root namespace to port 9.
send() {
	python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(int(sys.argv[2])):
    s.sendto(b"x" * int(sys.argv[3]), (sys.argv[1], 9))' "$@"
}
# First burst: 25 x 200 bytes to a, 9 x 1200 bytes to b.
send 10.203.0.2 25 200
send 10.203.1.2 9 1200
A1=$((25 * 228)) B1=$((9 * 1228)) PA1=25 PB1=9

# The sample configuration, pointed at the two namespaces, scraping every
# second. Nothing may be left pointing at its documentation addresses.
sed -e "s/192\.0\.2\.1:667/10.203.0.2:9100/" \
    -e "s/192\.0\.2\.2:667/10.203.1.2:9100/" \
    -e "s/\(scrape_interval\|evaluation_interval\|scrape_timeout\): [0-9]*s/\1: 1s/" \
    "$SAMPLE" >"$TMP/prometheus.yml"
if grep -q '192\.0\.2\.' "$TMP/prometheus.yml" ||
    ! grep -q "10.203.0.2:9100" "$TMP/prometheus.yml" ||
    ! grep -q "10.203.1.2:9100" "$TMP/prometheus.yml"; then
	not_ok "the sample's targets replaced (contrib/prometheus/prometheus.yml changed?)"
	exit 0
fi
ok "the sample configuration with its targets replaced"

start_prometheus

# value PROMQL: the single value of an instant query ("" if none).
value() {
	query "$1" | python3 -c '
import json, sys
r = json.load(sys.stdin)["data"]["result"]
print(r[0]["value"][1] if len(r) == 1 else "")' 2>/dev/null
}
# wait_for NAME PROMQL WANT: poll (up to 20 s) until PROMQL's value is WANT.
wait_for() {
	local name=$1 q=$2 want=$3 got= start=$SECONDS
	while [ $((SECONDS - start)) -lt 20 ]; do
		got=$(value "$q")
		[ "$got" = "$want" ] && break
		sleep 0.5
	done
	if [ "$got" = "$want" ]; then ok "$name"; else
		not_ok "$name (got ${got:-nothing}, want $want)"; fi
}
rx() { echo "sum(host_$1_total{site=\"$2\",ip=\"$3\",dir=\"in\"})"; }

wait_for "gateway: host_bytes_total{ip=10.203.0.2,dir=in} is 25 x 228 = $A1" \
    "$(rx bytes gateway 10.203.0.2)" "$A1"
wait_for "office: host_bytes_total{ip=10.203.1.2,dir=in} is 9 x 1228 = $B1" \
    "$(rx bytes office 10.203.1.2)" "$B1"
wait_for "gateway: host_packets_total in is $PA1" \
    "$(rx packets gateway 10.203.0.2)" "$PA1"
wait_for "office: host_packets_total in is $PB1" \
    "$(rx packets office 10.203.1.2)" "$PB1"

# Second burst, seen by the next scrapes: /metrics is live.
send 10.203.0.2 40 1000
send 10.203.1.2 3 60
A2=$((A1 + 40 * 1028)) B2=$((B1 + 3 * 88))
wait_for "gateway: a second burst of 40 x 1028 scraped (total $A2)" \
    "$(rx bytes gateway 10.203.0.2)" "$A2"
wait_for "office: a second burst of 3 x 88 scraped (total $B2)" \
    "$(rx bytes office 10.203.1.2)" "$B2"
sleep 1.5	# two more scrapes, for rate() below

query 'up{job="darkstat-tui"}' >"$TMP/up.json"
query 'host_bytes_total' >"$TMP/bytes.json"
query 'topk(10, rate(host_bytes_total[5m]))' >"$TMP/topk.json"
query 'sum by (instance) (rate(host_bytes_total{dir="in"}[5m]))' >"$TMP/rate.json"
curl -s "$PROM/api/v1/targets" >"$TMP/targets.json"

python3 - "$TMP" "$A2" "$B2" "$MAC0" "$MAC1" "$MACA" "$MACB" <<'EOF'
import json, sys
tmp, a2, b2, mac0, mac1, maca, macb = sys.argv[1:]
a2, b2 = int(a2), int(b2)

def load(name):
    d = json.load(open(f"{tmp}/{name}.json"))
    assert d["status"] == "success", d
    return d["data"]

def check(name, cond, why=""):
    print(("ok - " if cond else "not ok - ") + name +
          ("" if cond or not why else f" ({why})"))

up = {s["metric"].get("site"): (s["metric"].get("instance"), s["value"][1])
      for s in load("up")["result"]}
check("up is 1 for both targets, instances 10.203.0.2:9100 and 10.203.1.2:9100",
      up == {"gateway": ("10.203.0.2:9100", "1"),
             "office": ("10.203.1.2:9100", "1")}, f"{up}")
t = load("targets")["activeTargets"]
bad = [(x["labels"].get("site"), x["health"], x["lastError"]) for x in t
       if x["health"] != "up" or x["lastError"]]
check("targets: both healthy, no scrape error", len(t) == 2 and not bad,
      f"{len(t)} targets, {bad}")

ser = {}
for s in load("bytes")["result"]:
    m = s["metric"]
    ser[(m.get("site"), m.get("ip"), m.get("dir"))] = (m, int(s["value"][1]))
for site, me, peer, other, sent, rmac, smac in (
        ("gateway", "10.203.0.2", "10.203.0.1", "10.203.1.", a2, maca, mac0),
        ("office", "10.203.1.2", "10.203.1.1", "10.203.0.", b2, macb, mac1)):
    m, v = ser.get((site, me, "in"), ({}, None))
    check(f"{site}: labels interface=eth0, ip, mac of its eth0, dir",
          m.get("interface") == "eth0" and m.get("mac") == rmac and
          m.get("job") == "darkstat-tui", f"{m}")
    m, v = ser.get((site, peer, "out"), ({}, None))
    check(f"{site}: the sender {peer} sent {sent} bytes, its MAC {smac}",
          v == sent and m.get("mac") == smac, f"{v} {m.get('mac')}")
    mine = {ip for (s, ip, _) in ser if s == site}
    check(f"{site}: none of the other namespace's hosts",
          not any(ip.startswith(other) for ip in mine), f"{sorted(mine)}")
    check(f"{site}: no host but its own veth pair's",
          mine <= {me, peer}, f"{sorted(mine)}")

topk = load("topk")["result"]
check("topk(10, rate(host_bytes_total[5m])): the busiest is a receiver or "
      "sender, at a positive rate", len(topk) >= 1 and
      max(topk, key=lambda s: float(s["value"][1]))["metric"].get("ip") in
      ("10.203.0.2", "10.203.0.1") and
      max(float(s["value"][1]) for s in topk) > 0, f"{topk[:2]}")
rate = {s["metric"].get("instance"): float(s["value"][1])
        for s in load("rate")["result"]}
check("sum by (instance) (rate(host_bytes_total{dir=\"in\"}[5m])): "
      "one positive rate per instance",
      sorted(rate) == ["10.203.0.2:9100", "10.203.1.2:9100"] and
      all(v > 0 for v in rate.values()), f"{rate}")
EOF
check "Prometheus logged no error" \
    bash -c "! grep -q 'level=error' '$TMP/prometheus.log'"
for i in 0 1; do
	side=$([ $i = 0 ] && echo a || echo b)
	check "darkstat-tui in namespace $side: only its address on stderr" \
	    [ "$(cat "$TMP/ds$side.err")" = \
	    "darkstat-tui: listening on http://10.203.$i.2:9100/" ]
done
