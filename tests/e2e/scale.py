#!/usr/bin/env python3
"""Big generated captures against gen-pcap's own ground truth (--truth).

gen-pcap writes every packet byte by byte and records what it wrote: per
host the packets and IP bytes each way, per protocol and per server port
the totals, and the packets it damaged on purpose. darkstat-tui must find
exactly those figures: every host, nothing more, every byte, every
malformed packet counted as malformed and nowhere else.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from reports import DSTUI, SHARED  # noqa: E402

GEN = os.path.join(SHARED, "tools", "gen-pcap")
UNBOUNDED = ["--hosts-max", "10000000", "--hosts-keep", "5000000",
             "--ports-max", "65536", "--ports-keep", "65535"]

# (name, gen-pcap arguments)
CASES = [
    ("ether-100k-hosts-vlan-qinq-pppoe",
     ["-n", "200000", "--hosts", "100000", "--ipv6-share", "0.4", "--vlan-share", "0.3",
      "--qinq-share", "0.2", "--pppoe-share", "0.1", "--corrupt-share", "0.02", "--seed", "11"]),
    ("ether-snaplen-96", ["-n", "30000", "--hosts", "3000", "--snaplen", "96",
                          "--vlan-share", "0.5", "--pppoe-share", "0.2", "--seed", "12"]),
    ("ether-nanosecond-bigendian", ["-n", "20000", "--hosts", "2000", "--nanosecond",
                                    "--big-endian", "--seed", "13"]),
    ("ether-packed-10-8", ["-n", "50000", "--hosts", "40000", "--ipv6-share", "0.5",
                           "--v4-net", "10.0.0.0/8", "--v6-net", "2001:db8::/64", "--seed", "14"]),
] + [
    ("linktype-" + lt.lower(),
     ["-n", "20000", "--hosts", "5000", "-l", lt, "--corrupt-share", "0.03",
      "--ipv6-share", "0.5", "--seed", "20"]
     + (["--vlan-share", "0.4", "--qinq-share", "0.3"] if lt in ("LINUX_SLL", "LINUX_SLL2") else []))
    for lt in ("LINUX_SLL", "LINUX_SLL2", "RAW", "NULL", "LOOP", "PPP", "PPP_ETHER")
]


def check(name, gen_args, tmp):
    pcap = os.path.join(tmp, name + ".pcap")
    truth_file = os.path.join(tmp, name + ".truth.json")
    subprocess.run([GEN, "-q", "-o", pcap, "--truth", truth_file] + gen_args, check=True)
    with open(truth_file) as f:
        truth = json.load(f)
    r = subprocess.run([DSTUI, "--no-tui", "-r", pcap, "--report", "json"] + UNBOUNDED,
                       capture_output=True, text=True)
    os.unlink(pcap)
    if r.returncode != 0:
        return ["exit %d: %s" % (r.returncode, r.stderr.strip())]
    rep = json.loads(r.stdout)
    errs = []

    def eq(what, got, want):
        if got != want:
            errs.append("%s: %s, want %s" % (what, got, want))

    tot = rep["totals"]
    eq("packets", tot["packets"], truth["valid"]["pkts"])
    eq("bytes", tot["bytes"], truth["valid"]["ip_bytes"])
    eq("malformed", rep["malformed"]["total"], truth["corrupt"]["pkts"])
    eq("frames", tot["frames"], truth["packets"])
    eq("hosts", tot["hosts"], truth["hosts_seen"])
    hosts = {h["addr"]: h for h in rep["hosts"]}
    bad = 0
    for t in truth["hosts"]:
        h = hosts.get(t["addr"])
        got = (h["in"], h["out"], h["pkts_in"], h["pkts_out"]) if h else None
        want = (t["ip_bytes_in"], t["ip_bytes_out"], t["pkts_in"], t["pkts_out"])
        if got != want:
            bad += 1
            if bad <= 3:
                errs.append("host %s: %s, want %s" % (t["addr"], got, want))
    eq("hosts that differ", bad, 0)
    f = rep["ifaces"][0]
    eq("iface bytes by family", f["v4_bytes"] + f["v6_bytes"], truth["valid"]["ip_bytes"])
    for name_, key in (("tcp", "tcp_bytes"), ("udp", "udp_bytes")):
        eq("iface %s bytes" % name_, f[key], truth["protocols"].get(name_, {}).get("ip_bytes", 0))
    eq("iface icmp bytes", f["icmp_bytes"], sum(truth["protocols"].get(p, {}).get("ip_bytes", 0)
                                                for p in ("icmp", "icmpv6")))
    eq("size buckets hold every packet", sum(b["packets"] for b in rep["sizes"]), tot["packets"])
    # Each packet is one sender's "out" under its protocol.
    proto_out = {}
    for h in rep["hosts"]:
        for p in h["protocols"]:
            proto_out[p["proto"]] = proto_out.get(p["proto"], 0) + p["out"]
    for name_, num in (("tcp", 6), ("udp", 17), ("icmp", 1), ("icmpv6", 58)):
        eq("protocol %s bytes" % name_, proto_out.get(num, 0),
           truth["protocols"].get(name_, {}).get("ip_bytes", 0))
    # Server ports (below the clients' 32768..61000): both directions of
    # their conversations, on the server's "ports on this host" table.
    port_total = {}
    for h in rep["hosts"]:
        for table, proto in (("tcp", "tcp"), ("udp", "udp")):
            for p in h[table]:
                if p["port"] < 32768:
                    k = "%s/%d" % (proto, p["port"])
                    port_total[k] = port_total.get(k, 0) + p["total"]
    for k, v in truth["server_ports"].items():
        eq("port %s bytes" % k, port_total.get(k, 0), v["ip_bytes"])
    return errs


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in CASES:
            errs = check(name, args, tmp)
            if errs:
                print("not ok - %s: %s" % (name, "; ".join(errs[:6])))
            else:
                print("ok - %s matches gen-pcap's truth" % name)


if __name__ == "__main__":
    sys.exit(main())
