#!/usr/bin/env python3
"""The web pages against the real darkstat's pages.

darkstat-oracle --http serves each capture's darkstat database with the
real darkstat 3.0.719 and saves its pages; darkstat-tui replays the same
capture with -p 0 and serves its own. Every figure in darkstat's host
list (IP, MAC, In, Out, Total) and in each host page's five tables (ports
with SYN counts, protocols) must be on darkstat-tui's pages, in the same
place (same URL, same table title and column names).
"""
import glob
import html.parser
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
from reports import DSTUI, ORACLE, PCAPS  # noqa: E402

CAPTURES = [
    "lt-linux-sll-tcp-dns-arp.pcap",
    "big-tls-mixed-v4v6-7451pkts.pcap",
    "lt-linux-sll-nanosec-tcp-handshake.pcap",
]
HOST_COLS = ["IP", "MAC Address", "In", "Out", "Total"]


class Tables(html.parser.HTMLParser):
    """Tables of a page: (title of the h3/h2 before it, header, rows)."""

    def __init__(self):
        super().__init__()
        self.tables, self.title, self.text = [], None, None
        self.row = self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3", "td", "th"):
            self.text = ""
        if tag == "table":
            self.tables.append([self.title, None, []])
        elif tag == "tr":
            self.row = []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3") and self.text is not None:
            self.title = self.text.strip()
        elif tag in ("td", "th") and self.row is not None:
            # darkstat closes <th> with </td> in host pages: either ends it
            self.row.append(re.sub(r"\s+", " ", self.text or "").strip()
                            .rstrip(" \u25b2\u25bc"))
            self.text = None
        elif tag == "tr" and self.row is not None and self.tables:
            t = self.tables[-1]
            if t[1] is None:
                t[1] = self.row
            else:
                t[2].append(self.row)
            self.row = None
        if tag in ("h2", "h3"):
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text += data


def tables(page):
    p = Tables()
    p.feed(page)
    return {t[0]: (t[1], t[2]) for t in p.tables}


def columns(table, names):
    header, rows = table
    idx = [header.index(n) for n in names if n in header]
    return sorted(tuple(r[i] for i in idx) for r in rows)


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode()


def serve(pcap, err):
    p = subprocess.Popen([DSTUI, "--no-tui", "--no-dns", "-r", pcap, "-p", "0",
                          "-b", "127.0.0.1"], stderr=err)
    for _ in range(200):
        time.sleep(0.05)
        with open(err.name) as f:
            text = f.read()
        if "end of the capture file" in text:
            return p, re.search(r"http://\S+/", text).group(0)
    p.kill()
    raise RuntimeError("darkstat-tui did not start: " + text)


def check(name, cond, detail=""):
    print(("ok - " if cond else "not ok - ") + name +
          ("" if cond else " (%s)" % detail))


def compare(pcap):
    name = os.path.basename(pcap)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([ORACLE, "--http", "-o", tmp, pcap],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ref = os.path.join(tmp, "http")
        if not os.path.exists(os.path.join(ref, "hosts_total.html")):
            check(name + ": darkstat-oracle --http served pages", False,
                  "no pages in " + ref)
            return
        with open(os.path.join(tmp, "err"), "w") as err:
            proc, url = serve(pcap, err)
        try:
            for sort in ("total", "in", "out"):
                want = tables(open(os.path.join(ref, "hosts_%s.html" % sort)).read())
                got = tables(fetch(url + "hosts/?full=yes&sort=" + sort))
                w, g = columns(want["Hosts"], HOST_COLS), columns(got["Hosts"], HOST_COLS)
                check("%s: /hosts/?sort=%s as darkstat (%d hosts)" % (name, sort, len(w)),
                      w == g, "darkstat %s, darkstat-tui %s" % (w[:3], g[:3]))
                order_w = [r[0] for r in want["Hosts"][1]]
                key = {"total": 5, "in": 3, "out": 4}[sort]
                vals = [int(r[key].replace(",", "")) for r in got["Hosts"][1]]
                check("%s: sorted by %s, descending" % (name, sort),
                      vals == sorted(vals, reverse=True) and len(order_w) == len(vals))
            pages = sorted(glob.glob(os.path.join(ref, "host_*.html")))
            same = 0
            for page in pages:
                text = open(page).read()
                addr = re.search(r"<h2 class=\"pageheader\">([^<]+)</h2>", text).group(1)
                want = tables(text)
                got = tables(fetch(url + "hosts/%s/" % addr))
                bad = []
                for title, table in want.items():
                    if title not in got:
                        bad.append("no table " + str(title))
                        continue
                    cols = [c for c in table[0] if c not in ("Service", "Protocol")]
                    if columns(table, cols) != columns(got[title], cols):
                        bad.append(title)
                empty_w = len(re.findall("The table is empty", text))
                empty_g = len(re.findall("The table is empty",
                                         fetch(url + "hosts/%s/" % addr).split("<h3>Connections")[0]))
                if empty_w != empty_g:
                    bad.append("empty tables %d vs %d" % (empty_w, empty_g))
                check("%s: /hosts/%s/ tables as darkstat" % (name, addr), not bad, bad)
                same += not bad
            check("%s: darkstat's host pages compared (%d)" % (name, len(pages)), len(pages) > 0)
            idx = fetch(url)
            for span in ("rf", "tb", "tp", "pc", "pd"):
                check("%s: front page has darkstat's <span id=%s>" % (name, span),
                      'id="%s"' % span in idx)
            xml = fetch(url + "graphs.xml")
            wxml = open(os.path.join(ref, "graphs.xml")).read()
            shape = lambda x: [re.sub(r'"[^"]*"', '""', l) for l in x.splitlines()]
            check("%s: graphs.xml has darkstat's shape" % name, shape(xml) == shape(wxml))
        finally:
            proc.terminate()
            proc.wait()


def main():
    if os.geteuid() != 0:
        print("# darkstat-oracle --http needs root: skipped")
        return
    for c in CAPTURES:
        compare(os.path.join(PCAPS, c))


main()
