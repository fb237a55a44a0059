#!/usr/bin/env python3
"""The re-based charts' published data CSVs (<id>.data.csv) against figures computed here, with
nothing but the standard library, from the bundled files in data/ (issue 14).

Usage: chart_set_figures.py SRC_DIR RELEASE_DIR   (prints "ok"/"FAIL" lines;
exit status 1 if any check fails)
"""
import csv
import json
import math
import os
import sys
from collections import defaultdict

SRC, REL = sys.argv[1], sys.argv[2]
failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += not ok


def load(name):
    with open(os.path.join(SRC, "data", name), encoding="utf-8") as f:
        return json.load(f)


def items(name):
    return [it for page in load(name) for it in page["items"]]


def chart(cid, lang):
    """{series: {x: value}} of a chart's published <id>.data.csv: the plotted
    numbers with full precision and codes (series '' if none; series names
    in English, whatever `lang` says)."""
    out = defaultdict(dict)
    with open(os.path.join(REL, f"{cid}.data.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    for r in rows[1:]:
        series = r[0] if head[0] == "series" else ""
        x = r[1] if head[0] == "series" else r[0]
        v = r[head.index("value")]
        out[series][x] = float(v) if v else None
    return out


def same(got, want, what):
    """want: {x: value}; got the chart's {x: value}, equal within 1e-9."""
    keys_ok = set(got) == set(want)
    vals_ok = keys_ok and all((got[k] is None and want[k] is None) or
                              (got[k] is not None and want[k] is not None and
                               math.isclose(got[k], want[k], rel_tol=1e-9)) for k in want)
    if not vals_ok:
        diff = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))[:4]
        what += f" (differ at {diff}: chart {[got.get(k) for k in diff]}, expected {[want.get(k) for k in diff]})"
    check(vals_ok, what)


apps, decs = items("unhcr_asylum_applications_DEU.json"), items("unhcr_asylum_decisions_DEU.json")
# UNHCR's levels: first-time applications are dec_level NA (to 2020) or FI
# (from 2021), repeat applications RA; JR is the courts.  BAMF's
# first-instance decisions are every level but JR.
first, repeat = defaultdict(int), defaultdict(int)
first_by = defaultdict(lambda: defaultdict(int))
for it in apps:
    if it["dec_level"] in ("NA", "FI"):
        first[str(it["year"])] += it["applied"]
        first_by[str(it["year"])][it["coo_iso"]] += it["applied"]
    elif it["dec_level"] == "RA":
        repeat[str(it["year"])] += it["applied"]
outcome = defaultdict(lambda: defaultdict(int))
outcome_by = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
for it in decs:
    if it["dec_level"] != "JR":
        for m in ("dec_recognized", "dec_other", "dec_rejected", "dec_closed", "dec_total"):
            outcome[str(it["year"])][m] += it[m]
            outcome_by[it["coo_iso"]][str(it["year"])][m] += it[m]
years = [str(y) for y in range(2015, 2026)]
rate = {y: (outcome[y]["dec_recognized"] + outcome[y]["dec_other"]) / outcome[y]["dec_total"] * 100 for y in years}
adjusted = {y: (outcome[y]["dec_recognized"] + outcome[y]["dec_other"]) /
            (outcome[y]["dec_total"] - outcome[y]["dec_closed"]) * 100 for y in years}
check(round(rate["2023"], 1) == 51.7, f"2023 Gesamtschutzquote {rate['2023']:.2f} % rounds to BAMF's 51.7 %")
check(abs(outcome["2023"]["dec_total"] - 261601) <= 50,
      f"2023 first-instance decisions {outcome['2023']['dec_total']} = BAMF's 261,601 up to UNHCR's rounding")

for lang in ("data",):
    c = chart("applications-yearly", lang)
    s_first, s_rep = list(c)
    same(c[s_first], {y: float(v) for y, v in first.items()}, f"{lang} applications-yearly: first-time (NA+FI) 2000-2025")
    same(c[s_rep], {y: float(v) for y, v in repeat.items()}, f"{lang} applications-yearly: repeat (RA)")
    for cid in ("protection-rates-yearly", "protection-rate"):
        c = chart(cid, lang)
        s1, s2 = list(c)
        same(c[s1], rate, f"{lang} {cid}: Gesamtschutzquote 2015-2025")
        same(c[s2], adjusted, f"{lang} {cid}: bereinigte Schutzquote 2015-2025")
    c = chart("decisions-by-outcome", lang)
    for s, m in zip(c, ("dec_recognized", "dec_other", "dec_rejected", "dec_closed")):
        same(c[s], {y: float(outcome[y][m]) for y in years}, f"{lang} decisions-by-outcome: {m} ({s})")
    # Top 10 origins of the latest year's first-time applicants, largest first.
    latest = max(first_by)
    top = sorted(first_by[latest].items(), key=lambda kv: -kv[1])[:10]
    with open(os.path.join(REL, "top-origins-yearly.data.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    got = [(r[0], float(r[head.index("value")]), float(r[head.index("previous_year")])) for r in rows[1:]]
    before = str(int(latest) - 1)
    want = [(k, float(v), float(first_by[before][k])) for k, v in top]
    check(got == want, f"{lang} top-origins-yearly: the 10 largest of {latest} in order, each with {before}")
    for code, _ in top:
        cid = f"country-profile-{code.lower()}"
        c = chart(cid, lang)
        names = list(c)
        same(c[names[0]], {y: float(first_by[y].get(code)) for y in years if code in first_by[y]},
             f"{lang} {cid}: first-time applications")
        for s, m in zip(names[1:], ("dec_recognized", "dec_other", "dec_rejected", "dec_closed")):
            same(c[s], {y: float(outcome_by[code][y][m]) for y in years if y in outcome_by[code]},
                 f"{lang} {cid}: {m}")

# Eurostat migr_asyappctza (JSON-stat 2.0): decode the flat index by hand.
es = load("eurostat_migr_asyappctza.json")
ids, sizes = es["id"], es["size"]
codes = {d: sorted(es["dimension"][d]["category"]["index"], key=es["dimension"][d]["category"]["index"].get) for d in ids}
cells = defaultdict(float)  # (geo, citizen, time) summed over sex
for k, v in es["value"].items():
    off, pos = int(k), {}
    for d, s in zip(reversed(ids), reversed(sizes)):
        pos[d] = codes[d][off % s]
        off //= s
    cells[(pos["geo"], pos["citizen"], pos["time"])] += v
per_geo = defaultdict(lambda: defaultdict(float))
for (g, cit, t), v in cells.items():
    per_geo[g][t] += v
wb = load("worldbank_population.json")
pop = {(r["country"]["id"], r["date"]): r["value"] for r in wb[1] if r["value"] is not None}
iso = {"EL": "GR", "UK": "GB"}
for lang in ("data",):
    want = {}
    for g in per_geo:
        if g != "EU27_2020":
            p = pop.get((iso.get(g, g), "2024"))
            want[g] = per_geo[g]["2024"] / p * 100000 if p and "2024" in per_geo[g] else None
    got = chart("eu-applications-per-100k", lang)[""]
    same({k: v for k, v in got.items()}, {k: v for k, v in want.items() if v is not None or k in got},
         f"{lang} eu-applications-per-100k: applicants 2024 / World Bank mid-year population")
    check(abs(got["DE"] - 250570 / pop[("DE", "2024")] * 100000) < 1e-6, f"{lang} Germany 2024: 250,570 applicants")
    # Länderprofile: every reporting country, all citizenships and the five
    # largest of its latest year.
    for g in sorted(per_geo):
        if g == "EU27_2020":
            continue
        cid = f"laenderprofil-{g.lower()}"
        c = {s: {t: v for t, v in vals.items() if v is not None} for s, vals in chart(cid, lang).items()}
        names = list(c)
        latest = max(t for t in per_geo[g])
        # ties (values are rounded to 5) in the codelist's order
        top5 = sorted(((v, cit) for (gg, cit, t), v in cells.items() if gg == g and t == latest), key=lambda x: (-x[0], x[1]))[:5]
        ok = len(names) == 1 + len(top5)
        ok = ok and all(math.isclose(c[names[0]][t], v) for t, v in per_geo[g].items()) and len(c[names[0]]) == len(per_geo[g])
        for s, (_, cit) in zip(names[1:], top5):
            series = {t: v for (gg, cc, t), v in cells.items() if gg == g and cc == cit}
            ok = ok and set(c[s]) == set(series) and all(math.isclose(c[s][t], v) for t, v in series.items())
        check(ok, f"{lang} {cid}: all applicants per year and the five largest citizenships of {latest}")

sys.exit(1 if failures else 0)
