"""Grows the bundled monthly JSON-stat for the peak-RSS benchmarks.

The added geo codes X000000... repeat the real DE series (88 months): filler
that parses like the real file, not figures; the charts still select geo=DE.

  grow_body.py SRC OUT bytes LIMIT   just under LIMIT bytes (bench/peak_rss.sh)
  grow_body.py SRC OUT cells KIND    5,000,000 declared cells (bench/peak_rss_cells.sh):
      dense (every one filled), long (the same with six decimals), sparse
      (2 % filled, a "value" object), huge (10^10 cells declared, nothing more)
"""
import json
import sys


def dump(d):
    return json.dumps(d, separators=(",", ":"))


def grown(d, order, vals, de, extra):
    """d with `extra` made-up geo codes after `order`, each holding `de`."""
    geo = d["dimension"]["geo"]["category"]
    codes = order + ["X%06d" % i for i in range(extra)]
    geo["index"] = {c: i for i, c in enumerate(codes)}
    geo["label"] = {c: geo["label"].get(c, c) for c in codes}
    d["size"][d["id"].index("geo")] = len(codes)
    d["value"] = vals + de * extra
    return codes


def to_bytes(d, order, vals, de, limit):
    base = len(dump(d))
    extra = (limit - base) // (len(dump(de)) + 40)
    codes = grown(d, order, vals, de, extra)
    s = dump(d)
    while len(s) > limit:  # shrink to fit, by what one more geo costs
        per = max(1, (len(s) - base) // max(1, extra))
        extra -= (len(s) - limit) // per + 1
        codes = grown(d, order, vals, de, extra)
        s = dump(d)
    print("%d bytes, %d geo codes, %d cells" % (len(s), len(codes), len(d["value"])))
    return s


def to_cells(d, order, vals, de, kind, nt):
    extra = 5000000 // nt - len(order)
    if kind == "long":
        de = [v + 0.123456 for v in de]
    codes = grown(d, order, vals, de, extra)
    if kind in ("sparse", "huge"):
        d["value"] = {str(i): v for i, v in enumerate(vals) if v is not None}
    if kind == "sparse":  # every 50th of the made-up cells
        for i in range(len(vals), len(codes) * nt, 50):
            d["value"][str(i)] = de[i % nt]
    elif kind == "huge":  # 10^10 cells declared, nothing more
        geo = d["dimension"]["geo"]["category"]
        geo["index"] = {c: i for i, c in enumerate(order)}
        geo["label"] = {c: geo["label"][c] for c in order}
        d["size"][d["id"].index("geo")] = len(order)
        d["size"][d["id"].index("citizen")] = 10**10 // (len(order) * nt)
        d["dimension"]["citizen"]["category"]["index"] = {"TOTAL": 0}
    s = dump(d)
    values = d["value"].values() if isinstance(d["value"], dict) else d["value"]
    n = sum(1 for v in values if v is not None)
    print("%s: %d bytes, %d cells declared, %d filled" % (kind, len(s), len(codes) * nt, n))
    return s


def main():
    src, out, mode, arg = sys.argv[1:5]
    d = json.load(open(src))
    geo = d["dimension"]["geo"]["category"]
    order = sorted(geo["index"], key=lambda k: geo["index"][k])
    nt = len(d["dimension"]["time"]["category"]["index"])
    vals = d["value"]
    de = vals[geo["index"]["DE"] * nt:(geo["index"]["DE"] + 1) * nt]
    if mode == "bytes":
        s = to_bytes(d, order, vals, de, int(arg))
    else:
        s = to_cells(d, order, vals, de, arg, nt)
    open(out, "w").write(s)


main()
