#!/usr/bin/env python3
"""Generate the country label tables in config/labels/ from the bundle's codes.

Names come from Debian's iso-codes (ISO 3166-1; German from its gettext
catalogue), preferring the short common name (common_name: "Syria", "Iran")
over the official list name ("Syrian Arab Republic").  A few codes have no
ISO entry (Eurostat's and UNHCR's non-country codes) or an ISO name a
newspaper would not print ("Palästina, Staat"): EDITORIAL names them, and a
used code with a comma left in its name stops the script, so a new code is
named on purpose, not by accident.

  eurostat-country.json  every geo and citizen code of data/eurostat_migr_asyappctza.json
                         (ISO alpha-2, Eurostat's EL/UK, EU27_2020, UNK, STLS, XK) and ALL
  unhcr-origin.json      every coo_iso code of the UNHCR pages (ISO alpha-3, UNHCR's
                         UNK and XXA)

Usage: scripts/build-labels.py [--data DIR] [--out DIR]
"""
import argparse
import gettext
import json
import os
import sys

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
LOCALEDIR = "/usr/share/locale"

# Codes without an ISO entry, or whose ISO name reads like a register entry.
EDITORIAL = {
    # Eurostat
    "EU27_2020": ("EU (27 Staaten)", "EU (27 countries)"),
    "UNK": ("Unbekannt", "Unknown"),
    "STLS": ("Staatenlos", "Stateless"),
    "XK": ("Kosovo", "Kosovo"),
    "ALL": ("Insgesamt", "All citizenships"),  # combine:citizen:ALL=*
    # UNHCR (ISO alpha-3 style codes of its own)
    "XXA": ("Staatenlos", "Stateless"),
    # ISO names too formal for a chart
    "RUS": ("Russland", "Russia"), "RU": ("Russland", "Russia"),
    "PSE": ("Palästinensische Gebiete", "Palestinian Territories"),
    "PS": ("Palästinensische Gebiete", "Palestinian Territories"),
    "COD": ("DR Kongo", "DR Congo"), "CD": ("DR Kongo", "DR Congo"),
    "COG": ("Republik Kongo", "Republic of the Congo"), "CG": ("Republik Kongo", "Republic of the Congo"),
    "GBR": ("Vereinigtes Königreich", "United Kingdom"),
    "USA": ("USA", "United States"), "US": ("USA", "United States"),
    "CAF": ("Zentralafrikan. Republik", "Central African Rep."),
    "CF": ("Zentralafrikan. Republik", "Central African Rep."),
    "MDA": ("Moldau", "Moldova"), "MD": ("Moldau", "Moldova"),
}
# Eurostat writes Greece and the United Kingdom as EL and UK.
EUROSTAT_TO_ISO = {"EL": "GR", "UK": "GB"}


def fail(msg):
    sys.exit("build-labels: " + msg)


class Names:
    def __init__(self):
        with open(ISO_JSON, encoding="utf-8") as f:
            entries = json.load(f)["3166-1"]
        self.by = {}
        for e in entries:
            self.by[e["alpha_2"]] = e
            self.by[e["alpha_3"]] = e
        self.de = gettext.translation("iso_3166-1", localedir=LOCALEDIR, languages=["de"])

    def name(self, code):
        if code in EDITORIAL:
            return EDITORIAL[code]
        e = self.by.get(EUROSTAT_TO_ISO.get(code, code))
        if not e:
            fail(f"no name for code {code!r}: not in iso-codes and not in EDITORIAL")
        en = e.get("common_name", e["name"])
        de = self.de.gettext(en)
        if de == en and "common_name" in e and ", " not in self.de.gettext(e["name"]):
            de = self.de.gettext(e["name"])  # no German common name: the German list name
        for n in (de, en):
            if ", " in n:
                fail(f"{code}: the ISO name {n!r} is a register entry; give it a name in EDITORIAL")
        return de, en


def table(names, codes):
    out = {}
    for code in sorted(codes):
        de, en = names.name(code)
        out[code] = {"de": de, "en": en, "id": code.lower().replace("_", "-")}
    lines = [f"  {json.dumps(c)}: {json.dumps(v, ensure_ascii=False)}" for c, v in out.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(here, "..", "data"))
    ap.add_argument("--out", default=os.path.join(here, "..", "config", "labels"))
    args = ap.parse_args()
    names = Names()

    with open(os.path.join(args.data, "eurostat_migr_asyappctza.json"), encoding="utf-8") as f:
        es = json.load(f)
    codes = set(es["dimension"]["geo"]["category"]["index"]) | set(es["dimension"]["citizen"]["category"]["index"])
    codes.add("ALL")
    eurostat = table(names, codes)

    coo = set()
    for name in ("unhcr_asylum_applications_DEU.json", "unhcr_asylum_decisions_DEU.json"):
        with open(os.path.join(args.data, name), encoding="utf-8") as f:
            for page in json.load(f):
                coo.update(item["coo_iso"] for item in page["items"])
    unhcr = table(names, coo)

    for fname, text in (("eurostat-country.json", eurostat), ("unhcr-origin.json", unhcr)):
        with open(os.path.join(args.out, fname), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
