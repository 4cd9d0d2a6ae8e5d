#!/bin/bash
# A real Prometheus server (the Debian package) scrapes /metrics of three
# replay servers: every host's host_bytes_total{dir="in"|"out"} as read back
# from Prometheus' query API equals the real darkstat's in/out for that host
# (darkstat-oracle), the totals match darkstat's, the labels are darkstat's
# (interface, ip, mac, dir), the targets are up with no scrape error, the
# types are counters, and --metrics-hosts 3 exports the three busiest hosts
# only. Also checks contrib/prometheus/prometheus.yml with promtool.
# Everything listens on 127.0.0.1 only.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../prometheus.sh"
SLL="$PCAPS/lt-linux-sll-tcp-dns-arp.pcap"	# darkstat decodes both right
SIT="$PCAPS/tun-6in4-sit.pcap"			# Ethernet: real MACs
SAMPLE="$(dirname "$0")/../../contrib/prometheus/prometheus.yml"
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT

if ! command -v prometheus >/dev/null; then
	not_ok "prometheus is installed (contrib/install-deps)"
	exit 0
fi
echo "# $(prometheus --version 2>&1 | head -1)"

promtool check config "$SAMPLE" >"$TMP/promtool.out" 2>&1
grep_file "promtool accepts contrib/prometheus/prometheus.yml" \
    'SUCCESS' "$TMP/promtool.out"


# serve NAME PCAP ARGS...: a replay server on 127.0.0.1; sets PORT_NAME.
serve() {
	local name=$1 pcap=$2 err="$TMP/$1.err" i url=; shift 2
	"$DSTUI" --no-tui --no-dns -r "$pcap" -p 0 -b 127.0.0.1 "$@" \
	    2>"$err" &
	PIDS+=($!)
	for i in $(seq 200); do
		url=$(grep -o 'http://[^ ]*/' "$err" 2>/dev/null | head -1)
		[ -n "$url" ] && grep -q "end of the capture file" "$err" && break
		sleep 0.05
	done
	grep_file "$name: replay served until SIGTERM" "end of the capture file" "$err"
	url=${url%/}
	printf -v "PORT_$name" %s "${url##*:}"
}

# darkstat's reports, made while the servers start.
"$SHARED/tools/darkstat-oracle" -o "$TMP/sll" "$SLL" >/dev/null 2>&1 &
o1=$!
"$SHARED/tools/darkstat-oracle" -o "$TMP/sit" "$SIT" >/dev/null 2>&1 &
o2=$!

serve sll "$SLL"
serve sit "$SIT"
serve top3 "$SLL" --metrics-hosts 3

cat >"$TMP/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: darkstat-tui
    static_configs:
      - targets: ['127.0.0.1:$PORT_sll']
        labels: {replay: sll}
      - targets: ['127.0.0.1:$PORT_sit']
        labels: {replay: sit}
      - targets: ['127.0.0.1:$PORT_top3']
        labels: {replay: top3}
EOF

start_prometheus
wait "$o1" "$o2"
check "darkstat-oracle reported both captures" \
    grep -q '^H ' "$TMP/sll/report.txt" "$TMP/sit/report.txt"
# Every host of each report, twice (in, out), and 3 hosts of top3.
want=$(( ( $(grep -c '^H ' "$TMP/sll/report.txt") +
    $(grep -c '^H ' "$TMP/sit/report.txt") + 3) * 2 ))
start=$SECONDS
got=
while [ $((SECONDS - start)) -lt 20 ]; do
	got=$(query 'count(host_bytes_total)' | python3 -c '
import json, sys
r = json.load(sys.stdin)["data"]["result"]
print(r[0]["value"][1] if r else 0)' 2>/dev/null)
	[ "$got" = "$want" ] && break
	sleep 0.5
done
check "Prometheus has all $want host_bytes_total series (got ${got:-none} after $((SECONDS - start)) s)" \
    [ "$got" = "$want" ]

query 'host_bytes_total' >"$TMP/bytes.json"
query 'host_packets_total' >"$TMP/packets.json"
query 'up' >"$TMP/up.json"
query 'darkstat_tui_bytes_total' >"$TMP/total.json"
query 'sum by (replay) (host_bytes_total{dir="in"})' >"$TMP/sum_in.json"
query 'sum by (replay) (host_bytes_total{dir="out"})' >"$TMP/sum_out.json"
query 'sum by (replay) (host_packets_total{dir="in"})' >"$TMP/pkts_in.json"
curl -s "$PROM/api/v1/targets" >"$TMP/targets.json"
curl -s "$PROM/api/v1/metadata" >"$TMP/metadata.json"

# The figures against darkstat's reports: each check prints its own line.
python3 - "$TMP" <<'EOF'
import json, sys
tmp = sys.argv[1]

def load(name):
    d = json.load(open(f"{tmp}/{name}.json"))
    assert d["status"] == "success", d
    return d["data"]

def report(name):
    hosts, tot = {}, {}
    for line in open(f"{tmp}/{name}/report.txt"):
        f = line.split()
        if f and f[0] == "H":
            kv = dict(x.split("=", 1) for x in f[2:])
            hosts[f[1]] = (int(kv["in"]), int(kv["out"]), kv["mac"],
                           int(kv["total"]))
        elif len(f) == 2 and f[0] in ("total_bytes", "total_packets"):
            tot[f[0]] = int(f[1])
    return hosts, tot

def check(name, cond, why=""):
    print(("ok - " if cond else "not ok - ") + name +
          ("" if cond or not why else f" ({why})"))

def by_replay(data):
    out = {}
    for s in data["result"]:
        out.setdefault(s["metric"].get("replay"), []).append(s)
    return out

reports = {"sll": report("sll"), "sit": report("sit")}
reports["top3"] = reports["sll"]
series = by_replay(load("bytes"))
for replay in ("sll", "sit", "top3"):
    hosts, tot = reports[replay]
    got = {}
    for s in series.get(replay, []):
        m = s["metric"]
        got[(m.get("ip"), m.get("dir"))] = int(s["value"][1])
    if replay == "top3":
        busiest = sorted(hosts, key=lambda h: -hosts[h][3])[:3]
        check("top3: --metrics-hosts 3 exports darkstat's 3 busiest hosts "
              + ", ".join(busiest),
              sorted({ip for ip, _ in got}) == sorted(busiest),
              f"got {sorted({ip for ip, _ in got})}")
        hosts = {h: hosts[h] for h in busiest}
    for h, (hin, hout, _, _) in hosts.items():
        g = (got.get((h, "in")), got.get((h, "out")))
        check(f"{replay}: host_bytes_total {h} in={hin} out={hout} as darkstat",
              g == (hin, hout), f"Prometheus has in={g[0]} out={g[1]}")
    check(f"{replay}: no host series darkstat does not report",
          {ip for ip, _ in got} <= set(hosts),
          f"extra {sorted({ip for ip, _ in got} - set(hosts))}")

# Labels: darkstat's four plus Prometheus' job and instance (and our replay).
for replay, ss in series.items():
    hosts = reports[replay][0]
    keys = {tuple(sorted(s["metric"])) for s in ss}
    want = ("__name__", "dir", "instance", "interface", "ip", "job", "mac",
            "replay")
    check(f"{replay}: labels interface, ip, mac, dir (and job, instance)",
          keys == {want}, f"label sets {keys}")
    ifs = {s["metric"].get("interface") for s in ss}
    check(f"{replay}: one non-empty interface label", len(ifs) == 1 and
          "" not in ifs and None not in ifs, f"{ifs}")
    bad = [s["metric"] for s in ss if s["metric"].get("ip") in hosts and
           s["metric"].get("mac") != hosts[s["metric"]["ip"]][2]]
    check(f"{replay}: mac labels are darkstat's", not bad, f"{bad[:2]}")
    dirs = {}
    for s in ss:
        dirs.setdefault(s["metric"].get("ip"), []).append(s["metric"].get("dir"))
    bad = {ip: d for ip, d in dirs.items() if sorted(d) != ["in", "out"]}
    check(f"{replay}: dir is in and out, one series each per host", not bad,
          f"{bad}")

# Totals through PromQL aggregation.
for name, idx, key in (("sum_in", "in", "total_bytes"),
                       ("sum_out", "out", "total_bytes"),
                       ("pkts_in", "in packets", "total_packets")):
    for s in load(name)["result"]:
        replay = s["metric"].get("replay")
        if replay == "top3":
            continue
        want = reports[replay][1][key]
        check(f"{replay}: sum(host_{'packets' if 'packets' in idx else 'bytes'}"
              f"_total{{dir=\"{idx.split()[0]}\"}}) is darkstat's {key} {want}",
              int(s["value"][1]) == want, f"got {s['value'][1]}")
for s in load("total")["result"]:
    replay = s["metric"].get("replay")
    want = reports[replay][1]["total_bytes"]
    check(f"{replay}: darkstat_tui_bytes_total is darkstat's {want}",
          int(s["value"][1]) == want, f"got {s['value'][1]}")

# The targets.
up = {s["metric"].get("replay"): s["value"][1] for s in load("up")["result"]
      if s["metric"].get("job") == "darkstat-tui"}
check("up is 1 for the three targets of job darkstat-tui",
      up == {"sll": "1", "sit": "1", "top3": "1"}, f"up {up}")
t = load("targets")["activeTargets"]
bad = [(x["labels"].get("replay"), x["health"], x["lastError"]) for x in t
       if x["health"] != "up" or x["lastError"]]
check("targets: all healthy, no scrape error", len(t) == 3 and not bad,
      f"{len(t)} targets, {bad}")
md = load("metadata")
for m in ("host_bytes_total", "host_packets_total", "darkstat_tui_bytes_total"):
    types = {x["type"] for x in md.get(m, [])}
    check(f"metadata: {m} is a counter", types == {"counter"}, f"{types}")
EOF
check "Prometheus logged no error" \
    bash -c "! grep -q 'level=error' '$TMP/prometheus.log'"
