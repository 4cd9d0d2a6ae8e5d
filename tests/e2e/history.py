#!/usr/bin/env python3
"""--history: the SQLite history database, checked against the capture.

Every expected figure is worked out here from the packets of the capture
(parsed below), never from darkstat-tui: per-day, per-hour and per-minute
sums of each interface, per-day and per-hour sums of each host, under
eviction (--hosts-max), across a SIGUSR1 reset, after two runs into one
file, in a half-hour time zone; retention (--history-schema) counted in
rows; a garbage file, a locked file and a file of another schema version
reported in one line while the report stays right; bad --history-schema
values; live capture on lo. The replay and the reset also run on the
ASan+UBSan build when it exists.
"""
import collections
import datetime
import ipaddress
import os
import signal
import socket
import sqlite3
import stat
import struct
import subprocess
import sys
import tempfile
import time
import zoneinfo

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from reports import DSTUI, SHARED  # noqa: E402

GEN = os.path.join(SHARED, "tools", "gen-pcap")
ASAN = os.environ.get("DSTUI_ASAN", os.path.join(HERE, "..", "..",
                                                 "darkstat-tui-address-undefined"))
NET = ipaddress.ip_network("10.0.0.0/9")
START = 1700000000 + 3600 * 7 + 1234     # 2023-11-14 21:20:34 UTC
MIN, HOUR, DAY = 60, 3600, 86400


def say(ok, name):
    print(("ok - " if ok else "not ok - ") + name)
    return ok


def packets(path):
    """(seconds, src, dst, IP length) of each Ethernet IPv4/IPv6 packet."""
    d = open(path, "rb").read()
    off = 24
    while off + 16 <= len(d):
        sec, _, cap, _ = struct.unpack("<IIII", d[off:off + 16])
        f = d[off + 16:off + 16 + cap]
        off += 16 + cap
        et = struct.unpack("!H", f[12:14])[0]
        if et == 0x0800:
            yield sec, str(ipaddress.ip_address(f[26:30])), \
                str(ipaddress.ip_address(f[30:34])), struct.unpack("!H", f[16:18])[0]
        elif et == 0x86DD:
            yield sec, str(ipaddress.ip_address(f[22:38])), \
                str(ipaddress.ip_address(f[38:54])), struct.unpack("!H", f[18:20])[0] + 40


def local(a):
    a = ipaddress.ip_address(a)
    return a.version == 4 and a in NET


def bucket_utc(t, width):
    return t - t % width


def expected(path, day_start=lambda t: bucket_utc(t, DAY)):
    """Sums by (resolution, bucket) for the interface and by (res, bucket,
    addr) for hosts: [bytes_in, bytes_out, pkts_in, pkts_out(, bytes, pkts)]."""
    iface = collections.defaultdict(lambda: [0] * 6)
    host = collections.defaultdict(lambda: [0] * 4)
    last = 0
    for t, s, d, n in packets(path):
        last = max(last, t)
        for res, b in ((MIN, bucket_utc(t, MIN)), (HOUR, bucket_utc(t, HOUR)),
                       (DAY, day_start(t))):
            row = iface[(res, b)]
            out, inn = local(s), local(d)
            if inn and not out:
                row[0] += n
                row[2] += 1
            elif out and not inn:
                row[1] += n
                row[3] += 1
            row[4] += n
            row[5] += 1
            host[(res, b, d)][0] += n
            host[(res, b, d)][2] += 1
            host[(res, b, s)][1] += n
            host[(res, b, s)][3] += 1
    return iface, host, last


def kept(rows, last, keep, day_start=None):
    """The rows within the retention, counted back from the last packet."""
    now = bucket_utc(last, MIN)
    return {k: v for k, v in rows.items()
            if k[1] > now - keep[k[0]] * k[0]}


def db_rows(db):
    c = sqlite3.connect(db)
    iface = {(r, t): [bi, bo, pi, po, b, p] for r, t, bi, bo, pi, po, b, p in c.execute(
        "SELECT res, ts, SUM(bytes_in), SUM(bytes_out), SUM(pkts_in), SUM(pkts_out), "
        "SUM(bytes), SUM(pkts) FROM iface_history GROUP BY res, ts")}
    host = {(r, t, a): [bi, bo, pi, po] for r, t, a, bi, bo, pi, po in c.execute(
        "SELECT res, ts, addr, bytes_in, bytes_out, pkts_in, pkts_out FROM host_history")}
    c.close()
    return iface, host


def first_diff(got, want):
    for k in sorted(set(got) | set(want)):
        if got.get(k) != want.get(k):
            return "%s: got %s, want %s (%d rows, want %d)" % (
                k, got.get(k), want.get(k), len(got), len(want))
    return ""


def run(args, binary=DSTUI, tz="UTC", **kw):
    return subprocess.run([binary, "--no-tui"] + args, capture_output=True, text=True,
                          env=dict(os.environ, TZ=tz), **kw)


def select(rows, res):
    return {k: v for k, v in rows.items() if k[0] == res}


DEFAULT_KEEP = {MIN: 1440, HOUR: 2160, DAY: 1095}


def check_replay(tmp, pcap, want_if, want_host, last, binary, tag):
    db = os.path.join(tmp, "replay-%s.db" % tag)
    r = run(["-r", pcap, "-l", str(NET), "--history", db, "--report", "text"], binary)
    say(r.returncode == 0 and r.stderr == "",
        "%s: replay with --history exits 0, silently %s" % (tag, r.stderr.strip()[:300]))
    gi, gh = db_rows(db)
    wi, wh = kept(want_if, last, DEFAULT_KEEP), kept(want_host, last, DEFAULT_KEEP)
    days = sorted(k[1] for k in select(wi, DAY))
    say(len(days) >= 4, "%s: the capture spans %d days" % (tag, len(days)))
    for res, name in ((DAY, "day"), (HOUR, "hour"), (MIN, "minute")):
        d = first_diff(select(gi, res), select(wi, res))
        say(not d, "%s: interface %s rows as the packets say %s" % (tag, name, d))
    for res, name in ((DAY, "day"), (HOUR, "hour"), (MIN, "minute")):
        d = first_diff(select(gh, res), select(wh, res))
        say(not d, "%s: host %s rows as the packets say %s" % (tag, name, d))
    return db


def check_eviction(tmp, pcap, want_host, last):
    db = os.path.join(tmp, "evict.db")
    r = run(["-r", pcap, "-l", str(NET), "--history", db, "--hosts-max", "40",
             "--hosts-keep", "20", "--report", "text"])
    evicted = [l for l in r.stdout.splitlines() if l.startswith("hosts_evicted")]
    _, gh = db_rows(db)
    d = first_diff(select(gh, DAY), select(kept(want_host, last, DEFAULT_KEEP), DAY))
    say(r.returncode == 0 and not d, "host day rows exact under eviction (%s) %s" % (
        evicted, d))


def check_retention(tmp, pcap, want_if, want_host, last):
    db = os.path.join(tmp, "small.db")
    keep = {MIN: 10, HOUR: 5, DAY: 3}
    r = run(["-r", pcap, "-l", str(NET), "--history", db,
             "--history-schema", "minute:10,hour:5,day:3"])
    say(r.returncode == 0, "replay with --history-schema minute:10,hour:5,day:3")
    c = sqlite3.connect(db)
    for res, name in ((MIN, "minute"), (HOUR, "hour"), (DAY, "day")):
        want = len(select(kept(want_if, last, keep), res))
        got = c.execute("SELECT COUNT(*) FROM iface_history WHERE res = ?",
                        (res,)).fetchone()[0]
        say(got == want and 0 < want <= keep[res],
            "retention keeps %d interface %s rows, want %d" % (got, name, want))
        want = len(select(kept(want_host, last, keep), res))
        got = c.execute("SELECT COUNT(*) FROM host_history WHERE res = ?",
                        (res,)).fetchone()[0]
        say(got == want, "retention keeps %d host %s rows, want %d" % (got, name, want))
    spec = c.execute("SELECT value FROM meta WHERE key = 'retention'").fetchone()
    say(spec == ("minute:10,hour:5,day:3",), "meta has the retention: %s" % (spec,))
    c.close()
    # The same file with the default schema again: rows come back, and a
    # schema of minute:0 then removes every minute row.
    run(["-r", pcap, "-l", str(NET), "--history", db, "--history-schema", "minute:0"])
    c = sqlite3.connect(db)
    n = c.execute("SELECT COUNT(*) FROM iface_history WHERE res = 60").fetchone()[0]
    say(n == 0, "minute:0 keeps no minute rows (%d)" % n)
    c.close()


def check_append(tmp, pcap, want_if, last):
    db = os.path.join(tmp, "twice.db")
    for _ in range(2):
        run(["-r", pcap, "-l", str(NET), "--history", db])
    gi, _ = db_rows(db)
    want = {k: [2 * x for x in v] for k, v in select(kept(want_if, last, DEFAULT_KEEP),
                                                     DAY).items()}
    d = first_diff(select(gi, DAY), want)
    say(not d, "two runs into one file add up %s" % d)
    say(stat.S_IMODE(os.stat(db).st_mode) == 0o600, "the database is mode 0600")
    say(not os.path.exists(db + "-wal") or os.path.getsize(db + "-wal") == 0,
        "no write-ahead log left after a clean exit")


def check_timezone(tmp, pcap):
    """Days begin at local midnight: Asia/Kolkata is UTC+5:30."""
    tz = zoneinfo.ZoneInfo("Asia/Kolkata")

    def day_start(t):
        d = datetime.datetime.fromtimestamp(t, tz)
        return int(d.replace(hour=0, minute=0, second=0).timestamp())
    want_if, _, last = expected(pcap, day_start)
    db = os.path.join(tmp, "kolkata.db")
    run(["-r", pcap, "-l", str(NET), "--history", db], tz="Asia/Kolkata")
    gi, _ = db_rows(db)
    d = first_diff(select(gi, DAY), select(want_if, DAY))
    say(not d, "Asia/Kolkata: day rows begin at local midnight %s" % d)
    c = sqlite3.connect(db)
    off = c.execute("SELECT DISTINCT ts % 3600 FROM iface_history WHERE res = 3600"
                    ).fetchall()
    say(off == [(1800,)], "Asia/Kolkata: hour rows begin at local hours %s" % off)
    c.close()


def report_of(pcap, extra=()):
    return run(["-r", pcap, "-l", str(NET), "--report", "text"] + list(extra)).stdout


def check_unusable(tmp, pcap, binary=DSTUI, tag="unusable"):
    """One line naming the file and SQLite's error; the run goes on."""
    ref = report_of(pcap)
    line = 'darkstat-tui: warning: history "%s": %s; going on without history'
    bad = os.path.join(tmp, "garbage-%s.db" % tag)
    junk = bytes(range(256)) * 64
    open(bad, "wb").write(junk)
    r = run(["-r", pcap, "-l", str(NET), "--history", bad, "--report", "text"], binary)
    say(r.returncode == 0 and r.stdout == ref, "%s: garbage file: same report" % tag)
    say(r.stderr.strip() == line % (bad, "file is not a database"),
        "%s: garbage file: one line %s" % (tag, r.stderr.strip()))
    say(open(bad, "rb").read() == junk, "%s: garbage file: left as it was" % tag)

    # Another process holds an exclusive transaction on the file.
    locked = os.path.join(tmp, "locked-%s.db" % tag)
    run(["-r", pcap, "--history", locked], binary)
    c = sqlite3.connect(locked, isolation_level=None)
    c.execute("BEGIN EXCLUSIVE")
    c.execute("DELETE FROM iface_history")
    t0 = time.time()
    r = run(["-r", pcap, "-l", str(NET), "--history", locked, "--report", "text"], binary)
    took = time.time() - t0
    c.execute("ROLLBACK")
    c.close()
    say(r.returncode == 0 and r.stdout == ref, "%s: locked file: same report" % tag)
    say(r.stderr.strip() == line % (locked, "database is locked"),
        "%s: locked file: one line %s" % (tag, r.stderr.strip()))
    say(took < 10, "%s: locked file: given up after %.1f s" % (tag, took))

    # A file written by a later version.
    c = sqlite3.connect(locked)
    c.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    c.commit()
    c.close()
    before = open(locked, "rb").read()
    r = run(["-r", pcap, "--history", locked], binary)
    say(r.returncode == 0 and r.stderr.strip() == line % (
        locked, "schema version 99 (this version writes 1)"),
        "%s: another schema version: %s" % (tag, r.stderr.strip()))
    say(open(locked, "rb").read() == before, "%s: another schema version: file "
        "left as it was" % tag)

    # Another program's database.
    other = os.path.join(tmp, "other-%s.db" % tag)
    c = sqlite3.connect(other)
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    before = open(other, "rb").read()
    r = run(["-r", pcap, "--history", other], binary)
    say(r.returncode == 0 and r.stderr.strip() == line % (
        other, "not a history database (it has other tables)"),
        "%s: another program's database: %s" % (tag, r.stderr.strip()))
    say(open(other, "rb").read() == before, "%s: another program's database: "
        "left as it was" % tag)


def check_schema_option(tmp):
    for bad in ("", "minute", "minute:x", "week:3", "minute:1,minute:2", "minute:-1",
                "hour:100000001", "minute:10,", "day:3 "):
        r = subprocess.run([DSTUI, "--no-tui", "-r", "/dev/null", "--history-schema", bad],
                           capture_output=True, text=True)
        say(r.returncode == 2 and ('--history-schema: "%s"' % bad) in r.stderr
            and "usage:" in r.stderr,
            "--history-schema %r exits 2 naming it: %s" % (bad, r.stderr.splitlines()[:1]))
    r = subprocess.run([DSTUI, "--help"], capture_output=True, text=True)
    say("minute:1440,hour:2160,day:1095" in r.stdout, "--help gives the default schema")


def check_reset(tmp, binary, tag):
    """SIGUSR1 in the middle of a --realtime replay: nothing lost or doubled."""
    pcap = os.path.join(tmp, "reset.pcap")
    if not os.path.exists(pcap):
        subprocess.run([GEN, "-q", "-n", "400", "--hosts", "30", "--pps", "100",
                        "--start", str(START), "--seed", "12", "-o", pcap], check=True)
    want_if, want_host, last = expected(pcap)
    db = os.path.join(tmp, "reset-%s.db" % tag)
    p = subprocess.Popen([binary, "--no-tui", "-r", pcap, "--realtime", "-l", str(NET),
                          "--history", db, "--report", "text"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=dict(os.environ, TZ="UTC"))
    time.sleep(2)
    p.send_signal(signal.SIGUSR1)
    out, err = p.communicate(timeout=60)
    total = sum(v[4] for k, v in want_if.items() if k[0] == DAY)
    rep = [int(l.split()[1]) for l in out.splitlines() if l.startswith("total_bytes")]
    say(p.returncode == 0 and rep and 0 < rep[0] < total,
        "%s: SIGUSR1 emptied the tables halfway (report %s of %d bytes) %s" % (
            tag, rep, total, err.strip()[:300]))
    gi, gh = db_rows(db)
    d = first_diff(select(gi, DAY), select(want_if, DAY)) or \
        first_diff(select(gh, DAY), select(want_host, DAY)) or \
        first_diff(select(gh, MIN), select(want_host, MIN))
    say(not d, "%s: history across SIGUSR1: no byte lost or counted twice %s" % (tag, d))


def check_live(tmp):
    """Live capture on lo: the rows of this minute, by the clock."""
    if os.getuid() != 0:
        print("# capturing on lo needs root: skipped")
        return
    db = os.path.join(tmp, "live.db")
    port = 40000 + os.getpid() % 20000
    p = subprocess.Popen([DSTUI, "--no-tui", "--no-daemon", "-p", "0", "-b", "127.0.0.1", "-i", "lo", "-f", "udp dst port %d" % port,
                          "--history", db], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    t0 = int(time.time())
    for i in range(50):
        s.sendto(b"x" * 100, ("127.0.0.1", port))
    s.close()
    time.sleep(1)
    t1 = int(time.time())
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=30)
    c = sqlite3.connect(db)
    rows = c.execute("SELECT res, ts, iface, bytes, pkts FROM iface_history ORDER BY res, ts"
                     ).fetchall()
    hosts = c.execute("SELECT res, addr, bytes_in, bytes_out FROM host_history"
                      " WHERE res = 86400").fetchall()
    c.close()
    mins = [r for r in rows if r[0] == MIN]
    say(p.returncode == 0 and sum(r[3] for r in mins) == 50 * 128 and
        sum(r[4] for r in mins) == 50 and all(r[2] == "lo" for r in rows) and
        all(t0 - t0 % 60 <= r[1] <= t1 for r in mins),
        "live: 50 datagrams of 128 bytes in this minute's rows on lo %s %s" % (
            rows, err.strip()[:200]))
    say(hosts == [(DAY, "127.0.0.1", 6400, 6400)], "live: the host's day row %s" % hosts)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        pcap = os.path.join(tmp, "days.pcap")
        # 24000 packets, one every 20 s on average: five and a half days.
        subprocess.run([GEN, "-q", "-n", "24000", "--hosts", "120", "--pps", "0.05",
                        "--start", str(START), "--seed", "21", "-o", pcap], check=True)
        want_if, want_host, last = expected(pcap)
        check_replay(tmp, pcap, want_if, want_host, last, DSTUI, "replay")
        check_eviction(tmp, pcap, want_host, last)
        check_retention(tmp, pcap, want_if, want_host, last)
        check_append(tmp, pcap, want_if, last)
        check_timezone(tmp, pcap)
        check_unusable(tmp, pcap)
        check_schema_option(tmp)
        check_reset(tmp, DSTUI, "reset")
        check_live(tmp)
        if os.path.exists(ASAN):
            check_replay(tmp, pcap, want_if, want_host, last, ASAN, "ASan")
            check_reset(tmp, ASAN, "ASan reset")
            check_unusable(tmp, pcap, ASAN, "ASan")
        else:
            print("# no ASan build (make SANITIZE=address,undefined all): skipped")


if __name__ == "__main__":
    main()
