#!/usr/bin/env python3
"""Compare darkstat-tui with the real darkstat 3.0.719 on the shared captures.

For every capture that darkstat decodes correctly (not bad-*, not listed in
tests/pcap/tshark.list, readable by darkstat), run darkstat-oracle and
darkstat-tui with the same -l and options, and require every host's
in/out/total, MAC and last-seen state, every protocol and port row with its
SYN count, the totals and the graph (local in/out) figures to be equal.
Then the eviction cases: small --hosts-max/--hosts-keep/--ports-max/
--ports-keep, --highest-port and --local-only on the larger captures.
"""
import ipaddress
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import reports  # noqa: E402

from reports import DSTUI, ORACLE, PCAPS  # noqa: E402

# Eviction and option cases: (capture, darkstat options).
CASES = [
    ("big-synflood-spoofed-37k-hosts.pcap", ["--hosts-max", "100", "--hosts-keep", "50"]),
    ("big-synflood-spoofed-37k-hosts.pcap", ["--hosts-max", "1000", "--hosts-keep", "999"]),
    ("big-loopback-echo-82k-pkts.pcap", ["--ports-max", "10", "--ports-keep", "5"]),
    ("big-loopback-echo-82k-pkts.pcap", ["--ports-max", "1", "--ports-keep", "0"]),
    ("big-tls-mixed-v4v6-7451pkts.pcap", ["--hosts-max", "20", "--hosts-keep", "7",
                                          "--ports-max", "4", "--ports-keep", "2"]),
    ("big-tls-mixed-v4v6-7451pkts.pcap", ["--highest-port", "1024"]),
    ("big-tls-mixed-v4v6-7451pkts.pcap", ["--local-only"]),
    ("big-tls-mixed-v4v6-7451pkts.pcap", ["--hosts-max", "0"]),
    ("big-tls-mixed-v4v6-7451pkts.pcap", ["--ports-max", "0"]),
    ("lt-linux-sll-tcp-dns-arp.pcap", ["--hosts-max", "3", "--hosts-keep", "1"]),
]


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def listed():
    names = set()
    with open(os.path.join(HERE, "..", "pcap", "tshark.list")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                names.add(line.split("\t")[0].strip())
    return names


def local_net(oracle_report):
    """A -l for the capture: the /24 (or /64) of its first host."""
    for line in oracle_report.splitlines():
        if line.startswith("H "):
            ip = ipaddress.ip_address(line.split()[1])
            plen = 24 if ip.version == 4 else 64
            return str(ipaddress.ip_network("%s/%d" % (ip, plen), strict=False))
    return None


def compare(name, pcap, extra, check_notes):
    o = run([ORACLE, pcap, "--"] + extra)
    if o.returncode != 0:
        return None  # darkstat cannot read it: no reference
    net = local_net(o.stdout)
    if net:
        o = run([ORACLE, "-l", net, pcap, "--"] + extra)
    args = [DSTUI, "--no-tui", "-r", pcap, "--report", "text"] + extra
    if net:
        args += ["-l", net]
    m = run(args)
    if m.returncode != 0:
        return ["darkstat-tui exited %d: %s" % (m.returncode, m.stderr.strip())]
    if check_notes:
        notes = reports.decode_notes(m.stdout)
        if notes:
            return ["uses features darkstat mis-decodes (%s) but is not in "
                    "tests/pcap/tshark.list" % notes]
    return reports.diff(reports.parse(o.stdout), reports.parse(m.stdout),
                        graphs=True)


def main():
    skip = listed()
    names = sorted(f for f in os.listdir(PCAPS)
                   if f.endswith((".pcap", ".pcapng", ".cap"))
                   and not f.startswith("bad-") and f not in skip)
    todo = [(n, [], True) for n in names] + [(n, e, False) for n, e in CASES]
    compared = 0
    for n, extra, first in todo:
        label = n + ("" if not extra else " " + " ".join(extra))
        diffs = compare(label, os.path.join(PCAPS, n), extra, first)
        if diffs is None:
            print("# %s: darkstat cannot read it, no reference" % label)
            continue
        compared += 1
        if diffs:
            print("not ok - %s: %d differences: %s" % (label, len(diffs), "; ".join(diffs[:5])))
        else:
            print("ok - %s equals darkstat" % label)
    if compared < 40:
        print("not ok - only %d captures had a darkstat reference" % compared)


if __name__ == "__main__":
    main()
