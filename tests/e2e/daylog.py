#!/usr/bin/env python3
"""--daylog: darkstat's day lines for a replay crossing midnight (UTC).

The expected lines are worked out from the capture itself (parsed here):
the graphed packets (one end in -l, the other not) before the first one
at or after midnight make the first day, dated by its first graphed
packet; the rest make the last line, dated by the last packet.
"""
import ipaddress
import os
import re
import stat
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from reports import DSTUI, SHARED  # noqa: E402

GEN = os.path.join(SHARED, "tools", "gen-pcap")
MIDNIGHT = 1700006400          # 2023-11-15 00:00:00 UTC
NET = ipaddress.ip_network("10.0.0.0/9")


def say(ok, name):
    print(("ok - " if ok else "not ok - ") + name)


def packets(path):
    """(time, src, dst, IP length) of each Ethernet IPv4/IPv6 packet."""
    d = open(path, "rb").read()
    off = 24
    while off + 16 <= len(d):
        sec, usec, cap, _ = struct.unpack("<IIII", d[off:off + 16])
        f = d[off + 16:off + 16 + cap]
        off += 16 + cap
        et = struct.unpack("!H", f[12:14])[0]
        if et == 0x0800:
            yield sec + usec / 1e6, ipaddress.ip_address(f[26:30]), \
                ipaddress.ip_address(f[30:34]), struct.unpack("!H", f[16:18])[0]
        elif et == 0x86DD:
            yield sec + usec / 1e6, ipaddress.ip_address(f[22:38]), \
                ipaddress.ip_address(f[38:54]), struct.unpack("!H", f[18:20])[0] + 40


def local(a):
    return a.version == 4 and a in NET


def expected(path):
    days = [[None, 0, 0, 0, 0]]        # start, in bytes, out bytes, in pkts, out pkts
    last = 0
    for t, s, d, n in packets(path):
        sec = int(t)
        last = sec
        out, inn = local(s), local(d)
        if out == inn:
            continue
        day = days[-1]
        if day[0] is None:
            day[0] = sec
        elif day[0] < MIDNIGHT <= sec and len(days) == 1:
            day = [sec, 0, 0, 0, 0]
            days.append(day)
        if inn:
            day[1] += n
            day[3] += 1
        else:
            day[2] += n
            day[4] += 1
    d0, d1 = days
    fmt = lambda t: time.strftime("%Y-%m-%d %H:%M:%S +0000", time.gmtime(t))
    return ["%s|%d|%d|%d|%d|%d" % (fmt(d0[0]), d0[0], d0[1], d0[2], d0[3], d0[4]),
            "%s|%d|%d|%d|%d|%d" % (fmt(last), last, d1[1], d1[2], d1[3], d1[4])], last


def main():
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o777)   # written as nobody when started as root
        pcap = os.path.join(tmp, "midnight.pcap")
        subprocess.run([GEN, "-q", "-n", "600", "--hosts", "60", "--pps", "10",
                        "--start", str(MIDNIGHT - 30), "--seed", "9", "-o", pcap], check=True)
        log = os.path.join(tmp, "day.log")
        r = subprocess.run([DSTUI, "--no-tui", "-r", pcap, "-l", str(NET), "--daylog", log],
                           capture_output=True, text=True, env=dict(os.environ, TZ="UTC"))
        say(r.returncode == 0, "replay with --daylog exits 0 %s" % r.stderr.strip())
        lines = open(log).read().splitlines()
        want, last = expected(pcap)
        data = [l for l in lines if not l.startswith("#")]
        first = int(want[0].split("|")[1])
        say(len(lines) == 4 and lines[0] == "# logging started at %s (%d)" % (
            time.strftime("%Y-%m-%d %H:%M:%S +0000", time.gmtime(first)), first),
            "a replay starts logging at its first day: %s" % lines)
        say(data == want, "day lines as the capture says: %s, want %s" % (data, want))
        say(lines[-1] == "# logging stopped at %s (%d)" % (
            time.strftime("%Y-%m-%d %H:%M:%S +0000", time.gmtime(last)), last),
            "stopped at the last packet: %s" % lines[-1])
        say(stat.S_IMODE(os.stat(log).st_mode) == 0o600, "daylog is mode 0600")
        subprocess.run([DSTUI, "--no-tui", "-r", pcap, "-l", str(NET), "--daylog", log],
                       capture_output=True, env=dict(os.environ, TZ="UTC"))
        say(len(open(log).read().splitlines()) == 8, "a second run appends")


if __name__ == "__main__":
    main()
