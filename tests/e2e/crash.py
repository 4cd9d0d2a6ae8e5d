#!/usr/bin/env python3
"""kill -9 during exports: the export file always parses.

darkstat-tui holds 20k hosts (imported), writes --export on SIGUSR2 in a
loop, and is killed with SIGKILL at random moments, eight times. After each
kill the export file is either absent (no export finished yet) or a whole
database that darkstat-oracle's own decoder reads with every host.
"""
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from reports import DSTUI, ORACLE, SHARED  # noqa: E402

GEN = os.path.join(SHARED, "tools", "gen-pcap")


def say(ok, name):
    print(("ok - " if ok else "not ok - ") + name)


def main():
    if os.getuid() != 0:
        print("# capturing on lo needs root: skipped")
        return
    random.seed(4)
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o777)   # written as nobody when started as root
        pcap = os.path.join(tmp, "big.pcap")
        subprocess.run([GEN, "-q", "-n", "25000", "--hosts", "20000", "--seed", "8",
                        "-o", pcap], check=True)
        seed = os.path.join(tmp, "seed.db")
        subprocess.run([DSTUI, "--no-tui", "-r", pcap, "--hosts-max", "1000000",
                        "--hosts-keep", "500000", "--export", seed], check=True)
        # The oracle's decoder, written out by one oracle run.
        odir = os.path.join(tmp, "o")
        subprocess.run([ORACLE, "-o", odir, os.path.join(SHARED, "pcaps",
                        "lt-raw101-ipv4-dns.pcap")], capture_output=True)
        parser = os.path.join(odir, "parse_db.py")
        db = os.path.join(tmp, "live.db")
        bad = []
        for i in range(8):
            p = subprocess.Popen([DSTUI, "--no-tui", "--no-daemon", "-p", "0",
                                  "-b", "127.0.0.1", "-i", "lo",
                                  "-f", "ether proto 0x88b5",
                                  "--hosts-max", "1000000", "--hosts-keep", "500000",
                                  "--import", seed, "--export", db],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1.0)
            end = time.time() + random.uniform(0.05, 1.5)
            while time.time() < end:
                p.send_signal(signal.SIGUSR2)
                time.sleep(0.02)
            p.kill()
            p.wait()
            leftovers = [f for f in os.listdir(tmp) if ".tmp." in f]
            for f in leftovers:      # a temporary file may stay: never the db
                os.unlink(os.path.join(tmp, f))
            if not os.path.exists(db):
                continue
            r = subprocess.run([sys.executable, parser, db], capture_output=True, text=True)
            if r.returncode != 0 or "\nhosts 20000\n" not in r.stdout:
                bad.append("kill %d: %s" % (i, (r.stderr or r.stdout)[-200:]))
        say(os.path.exists(db), "exports were written before the kills")
        say(not bad, "after 8 kill -9 during exports, the file always parses with "
            "all 20000 hosts%s" % (": " + "; ".join(bad) if bad else ""))


if __name__ == "__main__":
    main()
