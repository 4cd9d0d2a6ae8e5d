#!/usr/bin/env python3
"""Captures darkstat mis-decodes, against tshark.

tests/pcap/tshark.list names each capture darkstat 3.0.719 decodes wrongly
(VLAN tags, MPLS, IPv4 options, IPv6 extension headers, fragments, link
types it refuses...) and why. For those, tests/tools/tshark-ref computes the
reference from tshark's dissection, and darkstat-tui must report the same
hosts, protocols, ports and SYNs. Frames tshark itself finds malformed in
their IP layer are left out of the reference; darkstat-tui must have counted
exactly that many as malformed.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import reports  # noqa: E402
from reports import DSTUI, PCAPS  # noqa: E402

TSHARK_REF = os.path.join(HERE, "..", "tools", "tshark-ref")


# tshark-ref does not model eviction: lift darkstat's limits.
UNBOUNDED = ["--hosts-max", "10000000", "--hosts-keep", "5000000",
             "--ports-max", "65536", "--ports-keep", "65535"]


def listed():
    """(file, reason, tshark-ref options) for each line of tshark.list."""
    with open(os.path.join(HERE, "..", "pcap", "tshark.list")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, why, opts = (line.rstrip("\n").split("\t") + ["", ""])[:3]
                yield name.strip(), why.strip(), opts.split()


def malformed_in_ref(ref_text):
    n = 0
    for m in re.finditer(r"^# skipped_malformed_\S+ (\d+)", ref_text, re.M):
        n += int(m.group(1))
    return n


def sizes_check():
    """The packet-size histogram against tshark's IP lengths."""
    import json
    name = "big-tls-mixed-v4v6-7451pkts.pcap"
    pcap = os.path.join(PCAPS, name)
    t = subprocess.run(["tshark", "-n", "-r", pcap, "-T", "fields", "-E", "occurrence=f",
                        "-e", "ip.len", "-e", "ipv6.plen"], capture_output=True, text=True)
    bounds = [63, 127, 255, 511, 1023, 1500, 9000]
    want = [0] * 8
    for line in t.stdout.splitlines():
        v4, _, v6 = line.partition("\t")
        n = int(v4) if v4 else int(v6) + 40 if v6 else None
        if n is not None:
            want[next((i for i, b in enumerate(bounds) if n <= b), 7)] += 1
    rep = json.loads(subprocess.run([DSTUI, "--no-tui", "-r", pcap, "--report", "json"],
                                    capture_output=True, text=True).stdout)
    got = [b["packets"] for b in rep["sizes"]]
    print("%s - %s: packet sizes %s, tshark %s" % ("ok" if got == want else "not ok",
                                                  name, got, want))


def main():
    sizes_check()
    cases = list(listed())
    for name, why, opts in cases:
        pcap = os.path.join(PCAPS, name)
        ref = subprocess.run([TSHARK_REF] + opts + [pcap], capture_output=True, text=True)
        ours = subprocess.run([DSTUI, "--no-tui", "-r", pcap, "--report", "text"] + UNBOUNDED,
                              capture_output=True, text=True)
        if ref.returncode != 0 or ours.returncode != 0:
            print("not ok - %s: tshark-ref exit %d, darkstat-tui exit %d: %s%s" % (
                name, ref.returncode, ours.returncode, ref.stderr.strip(), ours.stderr.strip()))
            continue
        d = reports.diff(reports.parse(ref.stdout), reports.parse(ours.stdout),
                         scalars=("total_packets", "total_bytes", "hosts", "hosts_sum"))
        got_bad = re.search(r"^malformed total=(\d+)", ours.stdout, re.M)
        want_bad = malformed_in_ref(ref.stdout)
        if got_bad and int(got_bad.group(1)) != want_bad:
            d.append("malformed %s, tshark %d" % (got_bad.group(1), want_bad))
        if d:
            print("not ok - %s (%s): %d differences: %s" % (name, why, len(d), "; ".join(d[:5])))
        else:
            print("ok - %s (%s) equals tshark" % (name, why))
    if len(cases) < 20:
        print("not ok - tests/pcap/tshark.list names only %d captures" % len(cases))


if __name__ == "__main__":
    main()
