#!/usr/bin/env python3
"""The web interface under abuse: 10,000 idle connections and slowloris
clients held open while a normal client still gets /hosts/ in under a
second; the idle ones are dropped after --http-timeout; 100,000 requests
with keep-alive leave the server's memory flat (RSS before and after).
The 1M-request soak is `make stress` (see tests/README)."""
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
from reports import DSTUI, PCAPS  # noqa: E402

IDLE = 10000
REQUESTS = int(os.environ.get("ABUSE_REQUESTS", "100000"))


def check(name, cond, detail=""):
    print(("ok - " if cond else "not ok - ") + name +
          ("" if cond else " (%s)" % detail))


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def timed_get(url):
    t = time.monotonic()
    with urllib.request.urlopen(url, timeout=10) as r:
        r.read()
        code = r.status
    return code, time.monotonic() - t


def hammer(port, path, n):
    """n keep-alive GETs on one connection; the number answered 200."""
    s = socket.create_connection(("127.0.0.1", port))
    req = ("GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % path).encode()
    done, buf = 0, b""
    for _ in range(n):
        s.sendall(req)
        while True:
            i = buf.find(b"\r\n\r\n")
            if i >= 0:
                m = re.search(rb"Content-Length: (\d+)", buf[:i])
                need = i + 4 + int(m.group(1))
                if len(buf) >= need:
                    done += buf.startswith(b"HTTP/1.1 200")
                    buf = buf[need:]
                    break
            chunk = s.recv(65536)
            if not chunk:
                return done
            buf += chunk
    s.close()
    return done


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < IDLE + 1000:
        print("# not enough file descriptors (%d): skipped" % hard)
        return
    err = tempfile.NamedTemporaryFile("w+", delete=False)
    srv = subprocess.Popen([DSTUI, "--no-tui", "--no-dns", "-r",
                            os.path.join(PCAPS, "big-tls-mixed-v4v6-7451pkts.pcap"),
                            "-p", "0", "-b", "127.0.0.1", "--http-timeout", "5"],
                           stderr=err)
    url = None
    for _ in range(200):
        time.sleep(0.05)
        text = open(err.name).read()
        if "end of the capture file" in text:
            url = re.search(r"http://\S+/", text).group(0)
            break
    port = int(url.rsplit(":", 1)[1].strip("/"))
    try:
        code, secs = timed_get(url + "hosts/")
        check("/hosts/ before the abuse: %.3f s" % secs, code == 200)
        idle = []
        for i in range(IDLE):
            try:
                idle.append(socket.create_connection(("127.0.0.1", port)))
            except OSError as e:
                break
        # slowloris: a request that never ends, one header line at a time
        slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(50)]
        for s in slow:
            s.sendall(b"GET /hosts/ HTTP/1.1\r\nHost: x\r\n")
        stop = threading.Event()

        def drip():
            while not stop.wait(1):
                for s in slow:
                    try:
                        s.sendall(b"X-a: b\r\n")
                    except OSError:
                        pass
        th = threading.Thread(target=drip)
        th.start()
        check("%d idle connections opened" % IDLE, len(idle) == IDLE, len(idle))
        time.sleep(1)
        code, secs = timed_get(url + "hosts/")
        check("/hosts/ with %d idle and 50 slowloris connections in under "
              "a second (%.3f s)" % (len(idle), secs), code == 200 and secs < 1,
              "status %d" % code)
        fds = len(os.listdir("/proc/%d/fd" % srv.pid))
        check("the server holds them (%d descriptors)" % fds, fds >= IDLE)
        time.sleep(7)
        fds2 = len(os.listdir("/proc/%d/fd" % srv.pid))
        # The slowloris ones keep sending, so they are not idle: each
        # holds one of --http-conns slots, and nothing more.
        check("--http-timeout 5 closed the idle ones (%d -> %d descriptors, "
              "50 of them slowloris)" % (fds, fds2), fds2 < 50 + 20, fds2)
        stop.set()
        th.join()
        for s in idle + slow:
            s.close()
        code, secs = timed_get(url + "hosts/")
        check("/hosts/ afterwards (%.3f s)" % secs, code == 200)

        # memory over many requests: warm up, then REQUESTS more
        hammer(port, "/api/v1/status.json", 2000)
        before = rss_kb(srv.pid)
        t = time.monotonic()
        per = REQUESTS // 4
        results = [0] * 4

        def worker(i, path):
            results[i] = hammer(port, path, per)
        ths = [threading.Thread(target=worker, args=(i, p)) for i, p in
               enumerate(["/api/v1/status.json", "/hosts/", "/metrics",
                          "/graphs.xml"])]
        for x in ths:
            x.start()
        for x in ths:
            x.join()
        secs = time.monotonic() - t
        after = rss_kb(srv.pid)
        check("%d keep-alive requests answered in %.1f s" % (sum(results), secs),
              sum(results) == per * 4, results)
        check("RSS flat over them: %d kB before, %d kB after" % (before, after),
              after < before * 1.1 + 2048)
    finally:
        srv.terminate()
        rc = srv.wait()
        check("clean exit on SIGTERM", rc == 0, rc)
        os.unlink(err.name)


main()
