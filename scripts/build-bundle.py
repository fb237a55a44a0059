#!/usr/bin/env python3
"""Build the bundled snapshots in data/ from the collected CSVs in data/sources/.

Each snapshot is written the way its live API answers, so a source only swaps
its file:// URL for the API's URL (issue 15) and every chart stays the same:

  unhcr_asylum_applications_DEU.json, unhcr_asylum_decisions_DEU.json
      UNHCR population statistics API pages (page, maxPages, total, items with
      the API's field names), as the daemon keeps a paged response: a JSON
      array of the pages.
  eurostat_migr_asyappctza.json
      Eurostat dissemination API, JSON-stat 2.0 (dimension ids and codes as the
      API uses them, sparse value object).
  worldbank_population.json
      World Bank API v2, indicator SP.POP.TOTL: [header, rows].

No value is changed, estimated or summed into a figure the publisher did not
publish; data/PROVENANCE.md says where each number comes from.  Country codes
are converted with Debian's iso-codes (alpha-3 -> alpha-2).

Usage: scripts/build-bundle.py [--sources DIR] [--out DIR]
"""
import argparse
import csv
import json
import os
import sys

ISO_CODES = "/usr/share/iso-codes/json/iso_3166-1.json"
UNHCR_PAGE_SIZE = 1000  # the live query's limit=1000

# Eurostat's reporting countries in its protocol order (the codelist order the
# API returns for geo); aggregates first.
EUROSTAT_GEO_ORDER = [
    "EU27_2020", "BE", "BG", "CZ", "DK", "DE", "EE", "IE", "EL", "ES", "FR", "HR", "IT", "CY",
    "LV", "LT", "LU", "HU", "MT", "NL", "AT", "PL", "PT", "RO", "SI", "SK", "FI", "SE",
    "IS", "LI", "NO", "CH", "UK", "ME",
]
# Where Eurostat's codes differ from ISO 3166 alpha-2, and the non-country
# codes of the collected table (IOM's gdidata writes them as three letters).
EUROSTAT_FROM_ALPHA3 = {
    "GRC": "EL", "GBR": "UK", "EU27": "EU27_2020",
    "STL": "STLS",  # stateless
    "XKX": "XK",    # Kosovo (UN Security Council resolution 1244/99)
    # Undocumented in the package; its only candidate is Eurostat's UNK
    # (unknown citizenship): see data/PROVENANCE.md.
    "OOO": "UNK",
}
EUROSTAT_SEX = {"female": "F", "male": "M", "unknown": "UNK"}


def fail(msg):
    sys.exit("build-bundle: " + msg)


def alpha3_to_alpha2():
    with open(ISO_CODES, encoding="utf-8") as f:
        return {c["alpha_3"]: c["alpha_2"] for c in json.load(f)["3166-1"]}


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def dump(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def count(path, line, field, text):
    """The API types counts as JSON numbers (R kept them as integers)."""
    try:
        v = int(text)
    except ValueError:
        fail(f"{path}:{line}: {field}: expected a whole number, got {text!r}")
    if v < 0:
        fail(f"{path}:{line}: {field}: expected a count >= 0, got {v}")
    return v


def unhcr_pages(path, count_fields):
    """UNHCR items in the API's field order, ascending year (as the API sends
    them; within a year the collected order), cut into pages of the limit."""
    rows = read_csv(path)
    items = []
    for i, row in enumerate(rows, start=2):
        item = {"year": count(path, i, "year", row["year"])}
        for k, v in row.items():
            if k == "year":
                continue
            item[k] = count(path, i, k, v) if k in count_fields else v
        items.append(item)
    items.sort(key=lambda it: it["year"])  # stable: keeps the order within a year
    total = {f: sum(it[f] for it in items) for f in count_fields}
    n_pages = max(1, (len(items) + UNHCR_PAGE_SIZE - 1) // UNHCR_PAGE_SIZE)
    pages = []
    for p in range(n_pages):
        chunk = items[p * UNHCR_PAGE_SIZE:(p + 1) * UNHCR_PAGE_SIZE]
        pages.append(dump({"page": p + 1, "maxPages": n_pages, "total": total, "items": chunk}))
    return "[" + ",\n".join(pages) + "]\n"


def eurostat_code(a2, code, what, path):
    if code in EUROSTAT_FROM_ALPHA3:
        return EUROSTAT_FROM_ALPHA3[code]
    if code not in a2:
        fail(f"{path}: {what} {code!r} is neither ISO 3166 alpha-3 nor a known Eurostat special code")
    return a2[code]


def eurostat_jsonstat(path, a2):
    rows = read_csv(path)
    cells = {}
    for i, row in enumerate(rows, start=2):
        key = (eurostat_code(a2, row["nat"], "citizenship", path), EUROSTAT_SEX.get(row["sex"]),
               eurostat_code(a2, row["geo"], "reporting country", path), row["t"])
        if key[1] is None:
            fail(f"{path}:{i}: sex: expected female, male or unknown, got {row['sex']!r}")
        if key in cells:
            fail(f"{path}:{i}: the cell {key} appears twice")
        cells[key] = count(path, i, "n", row["n"])
    citizens = sorted({k[0] for k in cells})
    geos = [g for g in EUROSTAT_GEO_ORDER if any(k[2] == g for k in cells)]
    unknown = {k[2] for k in cells} - set(geos)
    if unknown:
        fail(f"{path}: reporting countries without a place in Eurostat's order: {sorted(unknown)}")
    years = [str(y) for y in range(int(min(k[3] for k in cells)), int(max(k[3] for k in cells)) + 1)]
    dims = [("freq", "Time frequency", ["A"]), ("unit", "Unit of measure", ["PER"]),
            ("citizen", "Country of citizenship", citizens), ("sex", "Sex", ["F", "M", "UNK"]),
            ("applicant", "Type of applicant", ["TOTAL"]), ("age", "Age class", ["TOTAL"]),
            ("geo", "Geopolitical entity (reporting)", geos), ("time", "Time", years)]
    index = {d: {c: i for i, c in enumerate(codes)} for d, _, codes in dims}
    sizes = [len(codes) for _, _, codes in dims]
    value = {}
    for (cit, sex, geo, year), v in cells.items():
        pos = [0, 0, index["citizen"][cit], index["sex"][sex], 0, 0, index["geo"][geo], index["time"][year]]
        off = 0
        for p, s in zip(pos, sizes):
            off = off * s + p
        value[off] = v
    no_data = {}
    for d, _, codes in dims:
        keyed = ("citizen", "sex", "geo", "time")
        used = {k[keyed.index(d)] for k in cells} if d in keyed else set(codes)
        empty = [index[d][c] for c in codes if c not in used]
        if empty:
            no_data[d] = empty
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": "Asylum applicants by type, citizenship, age and sex - annual aggregated data",
        "source": "ESTAT",
        "updated": "2025-05-26",
        "value": {str(k): value[k] for k in sorted(value)},
        "id": [d for d, _, _ in dims],
        "size": sizes,
        "dimension": {d: {"label": label, "category": {"index": index[d]}} for d, label, _ in dims},
        "extension": {"lang": "EN", "id": "MIGR_ASYAPPCTZA", "agencyId": "ESTAT",
                      "positions-with-no-data": no_data},
    }
    return dump(doc) + "\n"


def worldbank_population(path, a2, countries_alpha3, first, last):
    """SP.POP.TOTL as api.worldbank.org/v2/country/<codes>/indicator/SP.POP.TOTL
    ?format=json&date=<first>:<last>&per_page=1000 answers: rows newest first,
    per country in the order asked."""
    rows = read_csv(path)
    by = {}
    for i, row in enumerate(rows, start=2):
        if row["Country Code"] in countries_alpha3 and first <= int(row["Year"]) <= last:
            v = float(row["Value"])
            if v != int(v) or v < 0:
                fail(f"{path}:{i}: Value: expected a whole number of persons, got {row['Value']!r}")
            by[(row["Country Code"], row["Year"])] = (row["Country Name"], int(v))
    out = []
    for c3 in countries_alpha3:
        for year in range(last, first - 1, -1):
            name, v = by.get((c3, str(year)), (None, None))
            if name is None:
                fail(f"{path}: no population for {c3} {year}")
            out.append({"indicator": {"id": "SP.POP.TOTL", "value": "Population, total"},
                        "country": {"id": a2[c3], "value": name}, "countryiso3code": c3,
                        "date": str(year), "value": v, "unit": "", "obs_status": "", "decimal": 0})
    header = {"page": 1, "pages": 1, "per_page": 1000, "total": len(out), "sourceid": "2"}
    if len(out) > 1000:
        fail("more population rows than one page of per_page=1000")
    return dump([header, out]) + "\n"


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", default=os.path.join(here, "..", "data", "sources"))
    ap.add_argument("--out", default=os.path.join(here, "..", "data"))
    args = ap.parse_args()
    src = lambda name: os.path.join(args.sources, name)
    a2 = alpha3_to_alpha2()

    write(os.path.join(args.out, "unhcr_asylum_applications_DEU.json"),
          unhcr_pages(src("unhcr_asylum_applications_DEU.csv"), ["applied"]))
    write(os.path.join(args.out, "unhcr_asylum_decisions_DEU.json"),
          unhcr_pages(src("unhcr_asylum_decisions_DEU.csv"),
                      ["dec_recognized", "dec_other", "dec_rejected", "dec_closed", "dec_total"]))
    es = src("eurostat_migr_asyappctza_by_citizenship_sex_2011-2024.csv")
    write(os.path.join(args.out, "eurostat_migr_asyappctza.json"), eurostat_jsonstat(es, a2))
    # Population for every reporting country of the Eurostat table, its years.
    es_rows = read_csv(es)
    reporting = sorted({r["geo"] for r in es_rows if r["geo"] in a2},
                       key=lambda c: EUROSTAT_GEO_ORDER.index(eurostat_code(a2, c, "geo", es)))
    years = [int(r["t"]) for r in es_rows]
    write(os.path.join(args.out, "worldbank_population.json"),
          worldbank_population(src("worldbank_population.csv"), a2, reporting, min(years), max(years)))


if __name__ == "__main__":
    main()
