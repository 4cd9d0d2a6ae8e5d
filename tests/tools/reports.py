"""Parse and compare reports in darkstat-oracle's line format.

Both darkstat-oracle and `darkstat-tui --report text` print records such as
`H ADDR in=N out=N total=N ...`, `P ADDR proto=N ...`, `T ADDR port=N ...`
and scalars such as `total_bytes N`. A record is keyed by its tag, address
and number; two reports are equal when both have the same records and every
field present in both has the same value (extra fields are ignored).
"""

import os

_TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
# Where the tests find the program and the shared data (tests/run sets them).
DSTUI = os.environ.get("DSTUI", os.path.join(_TOP, "darkstat-tui"))
SHARED = os.environ.get("SHARED", os.path.join(_TOP, "..", "shared"))
PCAPS = os.path.join(SHARED, "pcaps")
ORACLE = os.path.join(SHARED, "tools", "darkstat-oracle")

ROWS = {"H": None, "P": "proto", "T": "port", "t": "port", "U": "port", "u": "port"}
SCALARS = ("total_packets", "total_bytes", "hosts", "hosts_sum")
IGNORED = {"name"}  # darkstat-tui resolves no names in -r mode


def _fields(words):
    out = {}
    for w in words:
        if "=" in w:
            k, v = w.split("=", 1)
            out[k] = v
    return out


def parse(text):
    """Report text -> {key: {field: value}}."""
    recs = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        w = line.split()
        if w[0] in ROWS:
            f = _fields(w[2:])
            num = ROWS[w[0]]
            key = (w[0], w[1]) if num is None else (w[0], w[1], int(f.get(num, -1)))
            recs[key] = f
        elif w[0] in SCALARS:
            recs[(w[0],)] = _fields(w[1:]) if "=" in line else {"value": w[1]}
        elif w[0] == "G":
            recs[("G", w[1])] = _fields(w[2:])
        elif w[0] == "local":
            recs[("local",)] = _fields(w[1:])
    return recs


def decode_notes(text):
    """The non-zero counters of darkstat-tui's `decoded ...` line."""
    for line in text.splitlines():
        if line.startswith("decoded "):
            return " ".join(w for w in line.split()[1:] if not w.endswith("=0"))
    return ""


def diff(ref, got, graphs=False, scalars=SCALARS):
    """Differences of got from ref, as readable strings."""
    out = []
    for key in sorted(set(ref) | set(got), key=str):
        if key[0] in ("G", "local") or (len(key) == 1 and key[0] not in scalars):
            continue
        if key not in got:
            out.append("missing %s" % " ".join(map(str, key)))
            continue
        if key not in ref:
            out.append("extra %s %s" % (" ".join(map(str, key)), got[key]))
            continue
        for f in sorted(set(ref[key]) & set(got[key]) - IGNORED):
            if ref[key][f] != got[key][f]:
                out.append("%s %s=%s, want %s" % (" ".join(map(str, key)), f,
                                                  got[key][f], ref[key][f]))
    if graphs:
        # In a -r run darkstat graphs everything in one bar: a graph's sums
        # are the local in/out totals.
        g, loc = ref.get(("G", "days")), got.get(("local",))
        if g and loc and (g["in_sum"], g["out_sum"]) != (loc["in_bytes"], loc["out_bytes"]):
            out.append("graph in/out %s/%s, want %s/%s" % (
                loc["in_bytes"], loc["out_bytes"], g["in_sum"], g["out_sum"]))
    return out
