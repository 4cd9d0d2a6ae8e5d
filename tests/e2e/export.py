#!/usr/bin/env python3
"""The --export file: darkstat's format, read back by the real darkstat.

For a few captures, darkstat-tui writes its database; darkstat-oracle then
decodes that file with its own decoder and, with --http, has the real
darkstat 3.0.719 --import it and serve it. Every host, protocol and port
row in the decoded file, the hosts page and each host's page must equal
darkstat-tui's own report. Also: the file is replaced atomically, is mode
0600, and a failed export is reported and leaves the old file untouched.
"""
import html
import os
import re
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import reports  # noqa: E402

from reports import DSTUI, ORACLE, PCAPS  # noqa: E402
WRAPPER = os.path.join(HERE, "..", "tools", "darkstat-with-db")

CAPTURES = ["lt-en10mb-mixed-tcp-udp-icmp-igmp.pcap", "big-tls-mixed-v4v6-7451pkts.pcap",
            "lt-linux-sll-tcp-dns-arp.pcap", "vlan-mpls-mixed.pcap"]
SECTIONS = {"TCP ports on this host": "T", "TCP ports on remote hosts": "t",
            "UDP ports on this host": "U", "UDP ports on remote hosts": "u",
            "IP protocols": "P"}


def say(ok, name):
    print(("ok - " if ok else "not ok - ") + name)


def num(s):
    return s.replace(",", "")


def cells(row):
    return [html.unescape(re.sub(r"<[^>]*>", "", c)).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def hosts_page(text):
    """/hosts/?full=yes: {addr: (in, out, total)}."""
    out = {}
    for row in re.findall(r"<tr class=\"alt\d\">(.*?)</tr>", text, re.S):
        c = cells(row)
        out[c[0]] = (num(c[-4]), num(c[-3]), num(c[-2]))
    return out


def host_page(text):
    """/hosts/ADDR/: {(tag, number): (in, out, total[, syn])} of shown rows."""
    rows = {}
    parts = re.split(r"<h3>(.*?)</h3>", text)
    for title, body in zip(parts[1::2], parts[2::2]):
        tag = SECTIONS.get(title.strip())
        if tag is None:
            continue
        for row in re.findall(r"<tr class=\"alt\d\">(.*?)</tr>", body, re.S):
            c = [num(x) for x in cells(row)]
            # port, service, in, out, total[, syn] / proto, name, in, out, total
            rows[(tag, int(c[0]))] = tuple(c[2:])
    return rows


def compare_http(http, mine):
    errs = []
    hp = open(os.path.join(http, "hosts_total.html")).read()
    shown = hosts_page(hp)
    hosts = {k[1]: v for k, v in mine.items() if k[0] == "H"}
    if set(shown) != set(hosts):
        errs.append("hosts page lists %d hosts, we have %d" % (len(shown), len(hosts)))
    for a, (i, o, t) in shown.items():
        h = hosts.get(a)
        if h and (h["in"], h["out"], h["total"]) != (i, o, t):
            errs.append("hosts page %s: %s/%s/%s, want %s/%s/%s" % (a, i, o, t, h["in"], h["out"], h["total"]))
    for a in hosts:
        page = os.path.join(http, "host_%s.html" % a.replace(":", "_"))
        if not os.path.exists(page):
            errs.append("no page for %s" % a)
            continue
        for (tag, n), vals in host_page(open(page).read()).items():
            r = mine.get((tag, a, n))
            want = r and (r["in"], r["out"], r["total"]) + ((r["syn"],) if "syn" in r else ())
            if want != vals:
                errs.append("%s page %s %d: %s, want %s" % (a, tag, n, vals, want))
    return errs


def interop(tmp, cap):
    db = os.path.join(tmp, "ours.db")
    r = subprocess.run([DSTUI, "--no-tui", "-r", os.path.join(PCAPS, cap), "--export", db,
                        "--report", "text"], capture_output=True, text=True)
    if r.returncode != 0:
        say(False, "%s: darkstat-tui exited %d" % (cap, r.returncode))
        return
    mine = reports.parse(r.stdout)
    odir = os.path.join(tmp, "oracle-" + cap)
    env = dict(os.environ, DB_TO_SERVE=db)
    o = subprocess.run([ORACLE, "--darkstat", WRAPPER, "--http", "-o", odir,
                        os.path.join(PCAPS, cap)], capture_output=True, text=True, env=env)
    if o.returncode != 0:
        say(False, "%s: oracle failed: %s" % (cap, o.stderr.strip()[-300:]))
        return
    # The decoded file: hosts, protocols, ports, SYNs (lastseen is the
    # oracle's guess from the run's start time: not comparable here).
    d = [x for x in reports.diff(reports.parse(o.stdout), mine, scalars=("hosts", "hosts_sum"))
         if "lastseen" not in x]
    say(not d, "%s: export decodes to our report%s" % (cap, ": " + "; ".join(d[:4]) if d else ""))
    if os.getuid() != 0:
        print("# %s: darkstat --import needs root to capture on lo: skipped" % cap)
        return
    e = compare_http(os.path.join(odir, "http"), mine)
    say(not e, "%s: real darkstat imports it and serves the same figures%s"
        % (cap, ": " + "; ".join(e[:4]) if e else ""))


def atomicity(tmp):
    cap = os.path.join(PCAPS, CAPTURES[0])
    db = os.path.join(tmp, "a.db")
    with open(db, "w") as f:
        f.write("old")
    r = subprocess.run([DSTUI, "--no-tui", "-r", cap, "--export", db], capture_output=True)
    data = open(db, "rb").read()
    say(r.returncode == 0 and data[:4] == b"\xda\x31\x41\x59", "export replaces the old file")
    say(stat.S_IMODE(os.stat(db).st_mode) == 0o600, "export file is mode 0600")
    say(not any(".tmp." in x for x in os.listdir(tmp)), "no temporary file left behind")
    # A path below a regular file cannot be created, even by root.
    old = os.path.join(tmp, "keep.db")
    with open(old, "w") as f:
        f.write("keep me")
    r = subprocess.run([DSTUI, "--no-tui", "-r", cap, "--export", os.path.join(old, "x.db")],
                       capture_output=True, text=True)
    say(r.returncode == 1 and "export" in r.stderr and open(old).read() == "keep me",
        "failed export: exit 1, reported, old file untouched (%s)" % r.stderr.strip())


def main():
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o777)   # written as nobody when started as root
        for cap in CAPTURES:
            interop(tmp, cap)
        atomicity(tmp)


if __name__ == "__main__":
    main()
