#!/usr/bin/env python3
"""The -r reader (src/pcapfile.c) against libpcap's.

1. Every shared capture, read from the file and from a pipe: the same
   packets (--hexdump: caplen and bytes), --report json, messages and
   exit status as with DARKSTAT_TUI_PCAP_READER=libpcap (libpcap reads
   the records), and our reader in use exactly for the classic 2.4 files
   (--verbose says which).
2. Files built here byte by byte (both byte orders, micro- and
   nanoseconds, records cut in their header or their data, caplen above
   the snapshot length or above 262144, no record at all, chunk
   boundaries, filters): frames, packets, bytes, cut packets, first and
   last time stamps worked out from the bytes written; the error message
   and the packet count against tcpdump -r (libpcap) and the libpcap
   reader. On the ASan+UBSan build too when it is there.
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from reports import DSTUI, SHARED  # noqa: E402

PCAPS = os.path.join(SHARED, "pcaps")
DSTUI_ASAN = os.environ.get("DSTUI_ASAN",
                            os.path.join(HERE, "..", "..", "darkstat-tui-address-undefined"))
LIBPCAP = dict(os.environ, DARKSTAT_TUI_PCAP_READER="libpcap")
SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|runtime error")
READER = re.compile(r"^darkstat-tui: .*: records read by (\w+)\n", re.M)
failed = 0


def ok(cond, name, why=""):
    global failed
    if cond:
        print("ok - %s" % name)
    else:
        failed += 1
        print("not ok - %s%s" % (name, " (%s)" % why if why else ""))


def run(binary, path, args=(), env=None, pipe=False, hexdump=False):
    """(exit status, stdout, stderr) of a replay of path; hexdump: with
    --hexdump, every packet as it was handed to the decoder (and --verbose)."""
    cmd = [binary, "--no-tui", "--report", "json"] + (["--hexdump"] if hexdump else [])
    cmd += list(args) + ["-r", "/dev/stdin" if pipe else path]
    if pipe:
        with open(path, "rb") as f:
            # cat, so that stdin is a pipe and not the file itself
            cat = subprocess.Popen(["cat"], stdin=f, stdout=subprocess.PIPE)
            r = subprocess.run(cmd, stdin=cat.stdout, capture_output=True, env=env)
            cat.stdout.close()
            cat.wait()
    else:
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, env=env)
    return r.returncode, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")


def reader_of(binary, path, env=None, pipe=False):
    """Which reader --verbose (--hexdump) says reads the records, or None."""
    m = re.search(r"records read by (\w+)", run(binary, path, env=env, pipe=pipe,
                                                 hexdump=True)[2])
    return m.group(1) if m else None


def classic(path):
    """Is it a pcap file of one of the four standard magics, version 2.4?"""
    with open(path, "rb") as f:
        h = f.read(8)
    for e in "<>":
        if len(h) == 8 and struct.unpack(e + "IHH", h) in ((0xa1b2c3d4, 2, 4),
                                                          (0xa1b23c4d, 2, 4)):
            return True
    return False


def same_as_libpcap(binary, path, name, args=(), pipe=False):
    """Our reader and libpcap's give the same packets, report, messages
    and exit; returns ours, the report alone on stdout."""
    a = run(binary, path, args, pipe=pipe, hexdump=True)
    b = run(binary, path, args, env=LIBPCAP, pipe=pipe, hexdump=True)
    ok(not SANITIZER.search(a[2] + b[2]), "%s: no sanitizer report" % name,
       a[2][:300] + b[2][:300])
    a = (a[0], a[1], READER.sub("", a[2]))
    b = (b[0], b[1], READER.sub("", b[2]))
    ok(a == b, "%s: the same packets, report, messages and exit as libpcap's reader" % name,
       "ours: exit %d %r; libpcap: exit %d %r" % (a[0], a[2][:200], b[0], b[2][:200]))
    # The report after the packets, and the messages without --verbose's.
    i = a[1].find('{"sources"')
    return (a[0], a[1][i:] if i >= 0 else "",
            "".join(l for l in a[2].splitlines(True) if re.search(r"warning|error", l)))


def shared_captures():
    files = sorted(f for f in os.listdir(PCAPS) if re.search(r"\.(pcap|cap|pcapng)$", f))
    ok(len(files) >= 135, "%d shared captures" % len(files))
    for f in files:
        path = os.path.join(PCAPS, f)
        for pipe in (False, True):
            name = f + (" through a pipe" if pipe else "")
            a = run(DSTUI, path, pipe=pipe, hexdump=True)
            b = run(DSTUI, path, env=LIBPCAP, pipe=pipe, hexdump=True)
            # libpcap's run says whether libpcap opens the file at all.
            want = None
            if READER.search(b[2]):
                want = "pcapfile" if classic(path) else "libpcap"
            got = READER.search(a[2])
            ok((got and got.group(1)) == want, "%s: records read by %s" % (name, want),
               "read by %s" % (got and got.group(1)))
            a = (a[0], a[1], READER.sub("", a[2]))
            b = (b[0], b[1], READER.sub("", b[2]))
            ok(a == b, "%s: the same packets, report, messages and exit as libpcap's reader"
               % name,
               "ours: exit %d %r; libpcap: exit %d %r" % (a[0], a[2][:200], b[0], b[2][:200]))


# ---------------------------------------------------------- built files

def frame(i, size):
    """An Ethernet/IPv4/UDP frame of size bytes from 10.0.<i>: IP length
    size - 14."""
    ip_len = size - 14
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, ip_len, i & 0xffff, 0, 64, 17, 0,
                     bytes([10, 0, (i >> 8) & 0xff, i & 0xff]), bytes([192, 0, 2, 1]))
    udp = struct.pack(">HHHH", 1024 + i % 1000, 53, ip_len - 20, 0)
    body = bytes((i + k) & 0xff for k in range(ip_len - 28))
    return b"\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x00" + ip + udp + body


class Built:
    """A capture written record by record, with what it must read as."""

    def __init__(self, endian="<", nano=False, snaplen=65535, magic=None, version=(2, 4),
                 linktype=1):
        self.e = endian
        m = magic or (0xa1b23c4d if nano else 0xa1b2c3d4)
        self.data = bytearray(struct.pack(endian + "IHHiIII", m, version[0], version[1],
                                          0, 0, snaplen, linktype))
        self.snapshot = snaplen if 0 < snaplen < 2 ** 31 else 262144
        self.frames = self.bytes = self.cut = 0
        self.stamps = []

    def record(self, i, size, sec=None, frac=0, pad=0):
        """A whole record: frame i of size bytes (IP length size - 14),
        then pad bytes of trailer."""
        f = frame(i, size) + bytes(pad)
        sec = 1700000000 + i if sec is None else sec
        self.data += struct.pack(self.e + "IIII", sec, frac, len(f), len(f)) + f
        self.frames += 1
        self.bytes += size - 14
        if self.snapshot < len(f):
            self.cut += 1
        self.stamps.append(sec)

    def raw(self, b):
        self.data += b

    def write(self, path):
        with open(path, "wb") as f:
            f.write(self.data)


def tcpdump(path):
    """(packets, libpcap's message or None) as tcpdump -r reads it."""
    r = subprocess.run(["tcpdump", "-n", "-q", "-r", path], capture_output=True, text=True)
    m = re.search(r"pcap_loop: (.*)", r.stderr)
    return len(r.stdout.splitlines()), m.group(1) if m else None


def expect(binary, path, name, b, error=None, args=()):
    """path read by both readers as b says: figures, error, exit."""
    rc, out, err = same_as_libpcap(binary, path, name, args)
    n, msg = tcpdump(path) if not args else (None, None)
    if n is not None:
        ok((n, msg) == (b.frames, error), "%s: tcpdump -r reads %d packets, then %r"
           % (name, b.frames, error), "tcpdump: %d, %r" % (n, msg))
    if b.frames == 0 and error:
        ok(rc == 1 and "error: %s: %s" % (path, error) in err,
           "%s: exit 1, libpcap's message" % name, "exit %d: %s" % (rc, err[:300]))
        return
    if rc != 0:
        ok(False, "%s: read" % name, "exit %d: %s" % (rc, err[:300]))
        return
    rep = json.loads(out)
    t = rep["totals"]
    got = (t["frames"], t["packets"], t["bytes"], t["cut_packets"], t["first_ts"], t["last_ts"],
           rep["sources"][0]["error"])
    want = (b.frames, b.frames, b.bytes, b.cut, min(b.stamps, default=0),
            max(b.stamps, default=0), error)
    ok(got == want, "%s: frames, packets, bytes, cut, first and last stamps, error" % name,
       "got %s, want %s" % (got, want))
    if error:
        ok("%s; kept the %d packets before it" % (error, b.frames) in err,
           "%s: the warning names the error and the packets kept" % name, err[:300])


def built_cases(tmp):
    """(name, Built, expected error, extra arguments)"""
    cases = []

    def add(name, b, error=None, args=()):
        cases.append((name, b, error, args))

    for e, en in (("<", "little-endian"), (">", "big-endian")):
        for nano in (False, True):
            b = Built(e, nano)
            for i in range(40):
                b.record(i, 60 + 37 * i % 1400, frac=(999999999 if nano else 999999) - i)
            add("%s %s" % (en, "nanosecond" if nano else "microsecond"), b)
            # Cut within the 5th record's header, and within its data.
            b = Built(e, nano)
            for i in range(4):
                b.record(i, 100)
            b.raw(struct.pack(e + "IIII", 1700000009, 0, 100, 100)[:7])
            add("%s%s: cut in a record header" % (en, " nano" if nano else ""), b,
                "truncated dump file; tried to read 16 header bytes, only got 7")
            b = Built(e, nano)
            for i in range(4):
                b.record(i, 100)
            b.raw(struct.pack(e + "IIII", 1700000009, 0, 100, 100) + frame(9, 100)[:30])
            add("%s%s: cut in a record's data" % (en, " nano" if nano else ""), b,
                "truncated dump file; tried to read 100 captured bytes, only got 30")
    b = Built()
    b.raw(struct.pack("<IIII", 1, 0, 60, 60)[:5])
    add("cut in the first record header", b,
        "truncated dump file; tried to read 16 header bytes, only got 5")
    add("no record after the file header", Built())
    # caplen above the file's snapshot length: cut to it, the rest skipped.
    b = Built(snaplen=64)
    for i in range(10):
        b.record(i, 50 + 10 * i)
    add("caplen > snaplen: cut to the snaplen", b)
    for have, msg in ((50, "tried to read 64 captured bytes, only got 50"),
                      (80, "tried to read 100 captured bytes, only got 80")):
        b = Built(snaplen=64)
        b.record(0, 100)
        b.raw(struct.pack("<IIII", 1700000001, 0, 100, 100) + frame(1, 100)[:have])
        add("caplen > snaplen, %d of 100 bytes there" % have, b, "truncated dump file; " + msg)
    for snaplen, msg in ((65535, "bigger than snaplen of 65535"),
                         (300000, "bigger than maximum of 262144"),
                         (0, "bigger than snaplen of 262144")):
        b = Built(snaplen=snaplen)
        b.record(0, 100)
        b.record(1, 100)
        b.raw(struct.pack("<IIII", 1700000002, 0, 262145, 262145) + bytes(1000))
        add("caplen 262145, snaplen %d" % snaplen, b,
            "invalid packet capture length 262145, " + msg)
    # A snaplen of 0 means 262144: a record of 262144 bytes is read whole.
    b = Built(snaplen=0)
    b.record(0, 1000)
    b.record(1, 1000, pad=262144 - 1000)
    b.record(2, 1000)
    add("snaplen 0, a 262144-byte record", b)
    # Records across the 1 MiB reads, and large ones across their ends.
    b = Built(snaplen=262144)
    for i in range(12000):
        b.record(i, 60 + (i * 7919) % 1455, pad=0 if i % 1000 else 200000)
    add("12000 records over several reads", b)
    # A filter: the packets it drops are not frames.
    b, f = Built(), Built()
    for i in range(30):
        b.record(i, 100)
        if i % 3 == 0:
            f.record(i, 100)
    f.data = b.data
    add("-f keeps a third of the packets", f, args=("-f", " or ".join(
        "udp src port %d" % (1024 + i) for i in range(0, 30, 3))))
    return cases


def not_ours(tmp):
    """Files that stay with libpcap: the same, and libpcap reads them."""
    for name, b in (("modified (Kuznetsov) magic", Built(magic=0xa1b2cd34)),
                    ("version 2.3", Built(version=(2, 3))),
                    ("big-endian LINUX_SLL (pseudo-header swapped)", Built(">", linktype=113))):
        for i in range(3):
            b.record(i, 80)
        path = os.path.join(tmp, "other.pcap")
        b.write(path)
        same_as_libpcap(DSTUI, path, name)
        ok(reader_of(DSTUI, path) == "libpcap", "%s: records read by libpcap" % name)


def pipes(tmp):
    """A FIFO and a pipe: our reader, the same figures."""
    b = Built(">", True)
    for i in range(2000):
        b.record(i, 60 + i % 1000)
    path = os.path.join(tmp, "pipe.pcap")
    b.write(path)
    ok(reader_of(DSTUI, path, pipe=True) == "pcapfile", "a pipe: records read by pcapfile")
    a = same_as_libpcap(DSTUI, path, "a pipe", pipe=True)
    fifo = os.path.join(tmp, "fifo")
    os.mkfifo(fifo)
    os.chmod(tmp, 0o777)
    w = subprocess.Popen("cat %s > %s" % (path, fifo), shell=True)
    r = run(DSTUI, fifo)
    w.wait()
    t = json.loads(r[1])["totals"] if r[0] == 0 else {}
    ok((t.get("frames"), t.get("bytes")) == (b.frames, b.bytes),
       "a FIFO: %d frames, %d bytes" % (b.frames, b.bytes), "exit %d %s" % (r[0], r[2][:200]))
    ok(json.loads(a[1])["totals"]["frames"] == b.frames, "a pipe: %d frames" % b.frames)


def main():
    shared_captures()
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o777)
        binaries = [DSTUI] + ([DSTUI_ASAN] if os.access(DSTUI_ASAN, os.X_OK) else [])
        for name, b, error, args in built_cases(tmp):
            path = os.path.join(tmp, "built.pcap")
            b.write(path)
            ok(reader_of(DSTUI, path) == "pcapfile", "%s: records read by pcapfile" % name)
            for binary in binaries:
                expect(binary, path, name + (" (ASan)" if binary != DSTUI else ""), b,
                       error, args)
        not_ours(tmp)
        pipes(tmp)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
