#!/usr/bin/env python3
"""Connection tracking against tshark, a generated scan, and live HTTP.

* Every TCP connection darkstat-tui reports matches one tshark tcp.stream
  (no reassembly): the same ends, packets and IP bytes each way; and every
  stream still in the table (ended less than 60 s before the capture's
  last packet) is reported. Who sent the first RST decides reset_by.
* A port scan built here byte by byte raises the scan alarm; a real SYN
  flood raises the flood alarm on the address tshark sees the SYNs go to;
  no other shared capture raises any.
* A short HTTP exchange on loopback, captured live, leaves exactly one
  CLOSED row.
"""
import collections
import ipaddress
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import http.server

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from reports import DSTUI, PCAPS  # noqa: E402

CAPTURES = ["tcp-print-flags-session.pcap", "tcp-fin-rst-close.pcap",
            "lt-linux-sll-tcp-dns-arp.pcap", "lt-raw101-ipv4-ipv6-tcp-http.pcap",
            "tcp-scan-null-fin-xmas.pcap", "big-tls-mixed-v4v6-7451pkts.pcap",
            "snap-tcp-snaplen96.pcap"]
CONN = re.compile(r"^C 6 (\S+) (\S+) state=(\S+) guessed=(\d) reset_by=(\S+) "
                  r"pkts=(\d+)/(\d+) bytes=(\d+)/(\d+) .* last_seen=(-?\d+)$")


def say(ok, name):
    print(("ok - " if ok else "not ok - ") + name)


def ends(s):
    """'[v6]:port' or 'v4:port' -> (address, port)."""
    host, _, port = s.rpartition(":")
    return str(ipaddress.ip_address(host.strip("[]"))), int(port)


def ours(pcap, extra=()):
    r = subprocess.run([DSTUI, "--no-tui", "-r", pcap, "--report", "text"] + list(extra),
                       capture_output=True, text=True)
    conns = []
    for line in r.stdout.splitlines():
        m = CONN.match(line)
        if m:
            conns.append({"c": ends(m.group(1)), "s": ends(m.group(2)), "state": m.group(3),
                          "guessed": m.group(4), "reset_by": m.group(5),
                          "pkts": (int(m.group(6)), int(m.group(7))),
                          "bytes": (int(m.group(8)), int(m.group(9))),
                          "last": int(m.group(10))})
    alarm = re.search(r"^alarm kind=(\S+) addr=(\S+) count=(\d+) since=\S+ raised=(\d+)",
                      r.stdout, re.M)
    return conns, alarm.groups() if alarm else None


def tshark_streams(pcap):
    """tcp.stream -> {ends, pkts/bytes per direction from its first sender, rst, last}."""
    t = subprocess.run(["tshark", "-n", "-r", pcap, "-o", "tcp.desegment_tcp_streams:FALSE",
                        "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
                        "-T", "fields", "-E", "occurrence=f", "-e", "tcp.stream",
                        "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.srcport", "-e", "ip.dst",
                        "-e", "ipv6.dst", "-e", "tcp.dstport", "-e", "ip.len", "-e", "ipv6.plen",
                        "-e", "tcp.flags", "-e", "frame.time_epoch"],
                       capture_output=True, text=True)
    streams = {}
    for line in t.stdout.splitlines():
        f = line.split("\t")
        if not f[0] or not f[3]:
            continue
        src = (str(ipaddress.ip_address(f[1] or f[2])), int(f[3]))
        dst = (str(ipaddress.ip_address(f[4] or f[5])), int(f[6]))
        n = int(f[7]) if f[7] else int(f[8]) + 40
        s = streams.setdefault(int(f[0]), {"ends": {src, dst}, "by": {}, "rst": None})
        d = s["by"].setdefault(src, [0, 0])
        d[0] += 1
        d[1] += n
        if int(f[9], 16) & 4 and s["rst"] is None:
            s["rst"] = src
        s["last"] = float(f[10])
    return streams, (float(line.split("\t")[10]) if t.stdout else 0)


def against_tshark(cap):
    pcap = os.path.join(PCAPS, cap)
    conns, _ = ours(pcap, ["--conn-timeout", "86400"])
    streams, end = tshark_streams(pcap)
    bad, matched = [], set()
    for c in conns:
        cands = [k for k, s in streams.items() if s["ends"] == {c["c"], c["s"]} and k not in matched]
        ok = False
        for k in cands:
            s = streams[k]
            got = (c["pkts"][0], c["bytes"][0], c["pkts"][1], c["bytes"][1])
            want = tuple(s["by"].get(c["c"], [0, 0]) + s["by"].get(c["s"], [0, 0]))
            if got == want:
                matched.add(k)
                ok = True
                if s["rst"] is not None:
                    who = "client" if s["rst"] == c["c"] else "server"
                    if c["state"] != "RESET" or c["reset_by"] != who:
                        bad.append("%s->%s: %s by %s, tshark: RST from the %s" % (
                            c["c"], c["s"], c["state"], c["reset_by"], who))
                break
        if not ok:
            bad.append("%s->%s %s/%s pkts: no tshark stream matches" % (c["c"], c["s"], c["pkts"], c["bytes"]))
    # Streams that ended recently must still be in the table.
    missing = [k for k, s in streams.items() if k not in matched and end - s["last"] < 50]
    if missing:
        bad.append("%d recent streams not reported" % len(missing))
    say(not bad and conns, "%s: %d connections equal tshark's streams%s" % (
        cap, len(conns), ": " + "; ".join(bad[:3]) if bad else ""))


def pcap_file(path, packets):
    """Write an Ethernet pcap of (time, frame) pairs."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for ts, frame in packets:
            f.write(struct.pack("<IIII", int(ts), int((ts % 1) * 1e6), len(frame), len(frame)))
            f.write(frame)


def syn(src, dst, sport, dport):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, 1000, 0, 0x50, 0x02, 1024, 0, 0)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40, 1, 0, 64, 6, 0,
                     socket.inet_aton(src), socket.inet_aton(dst))
    return b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + ip + tcp


def scan_alarm(tmp):
    # 300 ports of one target in 3 seconds, then one packet to close the
    # last second.
    pkts = [(1700000000 + i / 100.0, syn("192.0.2.66", "198.51.100.7", 40000, 1 + i))
            for i in range(300)]
    pkts.append((1700000004, syn("192.0.2.1", "198.51.100.7", 40000, 80)))
    path = os.path.join(tmp, "scan.pcap")
    pcap_file(path, pkts)
    _, alarm = ours(path)
    say(alarm and alarm[0] == "scan" and alarm[1] == "192.0.2.66" and int(alarm[3]) == 1,
        "a generated scan of 300 ports raises the scan alarm: %s" % (alarm,))
    _, alarm = ours(path, ["--syn-alarm", "400"])
    say(alarm and alarm[0] == "none" and alarm[3] == "0", "below --syn-alarm: no alarm")
    alarm_over_http(tmp, path)


def alarm_over_http(tmp, path):
    """The same alarm in the web interface: status.json, /metrics, pages."""
    err = os.path.join(tmp, "srv.err")
    with open(err, "w") as e:
        srv = subprocess.Popen([DSTUI, "--no-tui", "--no-dns", "-r", path, "-p", "0",
                                "-b", "127.0.0.1"], stderr=e)
    try:
        for _ in range(200):
            time.sleep(0.05)
            text = open(err).read()
            if "end of the capture file" in text:
                break
        url = re.search(r"http://\S+/", text).group(0)
        get = lambda u: urllib.request.urlopen(url + u, timeout=10).read().decode()
        st = json.loads(get("api/v1/status.json"))["alarm"]
        say(st["kind"] == "scan" and st["addr"] == "192.0.2.66" and st["raised"] == 1,
            "status.json shows the scan alarm: %s" % st)
        m = get("metrics")
        say('darkstat_tui_alarm{kind="scan"} 1\n' in m and
            "darkstat_tui_alarm_raised_total 1\n" in m, "/metrics shows the scan alarm")
        say("ALARM: port scan from 192.0.2.66" in get("hosts/"),
            "the pages show the alarm")
    finally:
        srv.terminate()
        srv.wait()


def no_false_alarms():
    flood = "big-synflood-spoofed-37k-hosts.pcap"
    bad = []
    for cap in sorted(os.listdir(PCAPS)):
        if not cap.endswith((".pcap", ".pcapng", ".cap")) or cap == flood:
            continue
        _, alarm = ours(os.path.join(PCAPS, cap))
        if alarm and alarm[3] != "0":
            bad.append("%s: %s" % (cap, alarm))
    say(not bad, "no alarm on the other shared captures%s" % (": " + "; ".join(bad) if bad else ""))
    t = subprocess.run(["tshark", "-n", "-r", os.path.join(PCAPS, flood), "-Y",
                        "tcp.flags.syn == 1 && tcp.flags.ack == 0", "-T", "fields",
                        "-e", "ip.dst"], capture_output=True, text=True)
    target = collections.Counter(t.stdout.split()).most_common(1)[0][0]
    _, alarm = ours(os.path.join(PCAPS, flood))
    say(alarm and alarm[0] == "flood" and alarm[1] == target,
        "the real SYN flood raises the flood alarm on %s: %s" % (target, alarm))


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def live_http(tmp):
    if os.getuid() != 0:
        print("# live capture on lo needs root: skipped")
        return
    srv = http.server.HTTPServer(("127.0.0.1", 0), Quiet)
    port = srv.server_address[1]
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    mon = subprocess.Popen([DSTUI, "--no-tui", "--no-daemon", "-p", "0", "-b", "127.0.0.1", "-i", "lo", "-f", "tcp port %d" % port,
                            "--report", "text"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    time.sleep(1.5)
    subprocess.run(["curl", "-s", "-o", "/dev/null", "http://127.0.0.1:%d/" % port], cwd=tmp)
    time.sleep(1.5)
    mon.send_signal(signal.SIGTERM)
    out, err = mon.communicate(timeout=20)
    srv.shutdown()
    rows = [l for l in out.splitlines() if l.startswith("C ")]
    say(len(rows) == 1 and "state=CLOSED" in rows[0] and "guessed=0" in rows[0],
        "one HTTP exchange on lo: exactly one CLOSED row: %s" % rows)


def main():
    for cap in CAPTURES:
        against_tshark(cap)
    with tempfile.TemporaryDirectory() as tmp:
        scan_alarm(tmp)
        no_false_alarms()
        live_http(tmp)


if __name__ == "__main__":
    main()
