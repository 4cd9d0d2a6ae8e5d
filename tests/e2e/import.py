#!/usr/bin/env python3
"""--import: darkstat's database files, read back exactly.

* Files exported by the real darkstat 3.0.719 (darkstat-oracle) import with
  every host, protocol, port, SYN count and graph bar equal.
* Import then export, with no traffic, gives a file that decodes the same.
* A replay adds to the imported tables (-r with --import).
* Host records v1, v2 and v3, built here byte by byte, import as written.
* A truncated file is reported with its offset, renamed out of the way
  (bytes intact), the program starts empty and a later export does not
  touch it; a missing file is a notice.
"""
import glob
import json
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import reports  # noqa: E402
from reports import DSTUI, ORACLE, PCAPS  # noqa: E402

CAPTURES = ["big-tls-mixed-v4v6-7451pkts.pcap", "lt-linux-sll-tcp-dns-arp.pcap",
            "big-loopback-echo-82k-pkts.pcap"]


def say(ok, name):
    print(("ok - " if ok else "not ok - ") + name)


def run(args):
    return subprocess.run([DSTUI, "--no-tui"] + args, capture_output=True, text=True)


def oracle(tmp, cap, extra=()):
    out = os.path.join(tmp, "o-" + cap)
    r = subprocess.run([ORACLE, "-o", out, os.path.join(PCAPS, cap), "--"] + list(extra),
                       capture_output=True, text=True)
    rep = json.load(open(os.path.join(out, "report.json")))
    # darkstat wrote it as root, mode 0600; darkstat-tui reads it as nobody.
    os.chmod(os.path.join(out, "darkstat.db"), 0o644)
    return os.path.join(out, "darkstat.db"), r.stdout, rep, os.path.join(out, "parse_db.py")


def graphs_equal(ours, theirs):
    g = ours["graphs"]
    for t in theirs["graphs"]:
        mine = g[t["name"]]
        if (mine["pos"], mine["in"], mine["out"]) != (t["pos"], t["in"], t["out"]):
            return False
    return g["last"] == theirs["graph_last_real"]


def from_darkstat(tmp, empty):
    for cap in CAPTURES:
        db, text, rep, parser = oracle(tmp, cap)
        r = run(["-r", empty, "--import", db, "--report", "text"])
        d = reports.diff(reports.parse(text), reports.parse(r.stdout),
                         scalars=("hosts", "hosts_sum"))
        d = [x for x in d if "lastseen" not in x]
        say(r.returncode == 0 and not d, "%s: darkstat's export imports equal%s"
            % (cap, ": " + "; ".join(d[:4]) if d else ""))
        j = json.loads(run(["-r", empty, "--import", db, "--report", "json"]).stdout)
        say(graphs_equal(j, rep), "%s: every graph bar equal" % cap)
        again = os.path.join(tmp, "again.db")
        run(["-r", empty, "--import", db, "--export", again])
        a = subprocess.run([sys.executable, parser, db], capture_output=True, text=True).stdout
        b = subprocess.run([sys.executable, parser, again], capture_output=True, text=True).stdout
        say(a == b and a, "%s: import then export decodes identically" % cap)


def replay_adds(tmp):
    # Without eviction, so that the sums are exact.
    cap = CAPTURES[1]
    big = ["--hosts-max", "100000", "--hosts-keep", "50000",
           "--ports-max", "65536", "--ports-keep", "65535"]
    db, text, _, _ = oracle(tmp, cap, big)
    r = run(["-r", os.path.join(PCAPS, cap), "--import", db, "--report", "text"] + big)
    ref = {k: v for k, v in reports.parse(text).items() if k[0] in reports.ROWS}
    got = {k: v for k, v in reports.parse(r.stdout).items() if k[0] in reports.ROWS}
    bad = [k for k, v in ref.items() if k not in got
           or any(int(got[k][f]) != 2 * int(v[f]) for f in ("in", "out", "total", "syn") if f in v)]
    say(not bad and set(got) == set(ref), "-r with --import adds the replay to the "
        "imported tables (every counter doubled)%s" % (": %s" % bad[:3] if bad else ""))


def handmade(tmp, empty):
    """One host in each old record version, and the graphs, by hand."""
    def graphs():
        g = b"\xdaGR\x01" + struct.pack(">Q", 0)
        for n in (60, 60, 24, 31):
            g += bytes([n, 0]) + b"\0" * 16 * n
        return g
    mac = bytes.fromhex("0a0b0c0d0e0f")
    tcp = b"T" + struct.pack(">HHQQQ", 1, 22, 3, 1000, 2000)   # port, syn, in, out
    udp = b"U" + struct.pack(">HHQQ", 1, 53, 70, 80)
    proto = b"P" + struct.pack(">BBQQ", 1, 6, 1000, 2000)
    v1 = (b"HST\x01" + bytes([192, 0, 2, 1]) + mac + b"\x00" + struct.pack(">QQ", 1070, 2080)
          + proto + tcp + udp)
    v2 = (b"HST\x02" + bytes([192, 0, 2, 2]) + struct.pack(">Q", 1700000000) + mac
          + b"\x04name" + struct.pack(">QQ", 5, 6) + b"P\x00" + b"T\x00\x00" + b"U\x00\x00")
    v3 = (b"HST\x03\x06" + bytes.fromhex("20010db8000000000000000000000001")
          + struct.pack(">Q", 1700000001) + mac + b"\x00" + struct.pack(">QQ", 7, 8)
          + b"P\x00" + b"T\x00\x00" + b"U\x00\x00")
    data = b"\xda\x31\x41\x59\xdaHS\x01" + struct.pack(">I", 3) + v1 + v2 + v3 + graphs()
    path = os.path.join(tmp, "old.db")
    open(path, "wb").write(data)
    r = run(["-r", empty, "--import", path, "--report", "text"])
    want = ["H 192.0.2.1 in=1070 out=2080 total=3150 mac=0a:0b:0c:0d:0e:0f lastseen=never",
            "P 192.0.2.1 proto=6 in=1000 out=2000 total=3000",
            "T 192.0.2.1 port=22 in=1000 out=2000 total=3000 syn=3",
            "U 192.0.2.1 port=53 in=70 out=80 total=150",
            "H 192.0.2.2 in=5 out=6 total=11 mac=0a:0b:0c:0d:0e:0f lastseen=seen",
            "H 2001:db8::1 in=7 out=8 total=15 mac=0a:0b:0c:0d:0e:0f lastseen=seen"]
    for w in want:
        say(r.returncode == 0 and any(l.startswith(w) for l in r.stdout.splitlines()),
            "host records v1-v3: %s" % w)


def corrupt(tmp, empty):
    db, _, _, _ = oracle(tmp, CAPTURES[1])
    data = open(db, "rb").read()
    path = os.path.join(tmp, "cut.db")
    open(path, "wb").write(data[:len(data) // 2])
    r = run(["-r", empty, "--import", path, "--export", path, "--report", "text"])
    kept = glob.glob(path + ".corrupt-*")
    say(r.returncode == 0 and "offset" in r.stderr and "corrupt" in r.stderr,
        "truncated file reported with its offset: %s" % r.stderr.strip())
    say(len(kept) == 1 and open(kept[0], "rb").read() == data[:len(data) // 2],
        "damaged file kept byte for byte under a new name")
    say("\nhosts 0\n" in r.stdout, "started empty")
    say(open(path, "rb").read()[:4] == b"\xda\x31\x41\x59" and len(glob.glob(path + ".corrupt-*")) == 1,
        "the next export wrote a new file beside the kept one")
    r = run(["-r", empty, "--import", os.path.join(tmp, "nonexistent.db")])
    say(r.returncode == 0 and "can't import" in r.stderr, "missing file: a notice, exit 0")
    # A file that cannot be read (here a directory, which even root
    # cannot read as a file) may be fine: it is neither renamed nor
    # replaced by the export.
    unreadable = os.path.join(tmp, "unreadable.db")
    os.mkdir(unreadable)
    r = run(["-r", empty, "--import", unreadable])
    say(r.returncode == 0 and "can't import" in r.stderr and os.path.isdir(unreadable)
        and not glob.glob(unreadable + ".corrupt-*"), "unreadable file: a warning, kept as is")
    r = run(["-r", empty, "--import", unreadable, "--export", unreadable])
    say(r.returncode == 1 and "can't read" in r.stderr and os.path.isdir(unreadable),
        "unreadable file that --export would replace: refused, exit 1")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o777)   # written as nobody when started as root
        empty = os.path.join(tmp, "empty.pcap")
        with open(empty, "wb") as f:   # a pcap header and no packet
            f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        from_darkstat(tmp, empty)
        replay_adds(tmp)
        handmade(tmp, empty)
        corrupt(tmp, empty)


if __name__ == "__main__":
    main()
