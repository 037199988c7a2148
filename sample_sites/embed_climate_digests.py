#!/usr/bin/env python3
"""Embeds climate digests into the sample sites, made by `headroom-cli climate digest`
from the EPW files in tests/data/weather (digests are never written by hand), then puts
each site into canonical form with `headroom-cli format`. With --check, changes nothing
and fails when an embedded digest differs from the one its EPW file gives today.

usage: sample_sites/embed_climate_digests.py BUILD/app/headroom-cli [--check]
"""
import json
import pathlib
import subprocess
import sys

# Which weather file of tests/data/weather each sample site's digest is made from
# (tests/data/README.md gives each file's origin and licence).
SOURCES = {
    "st-joseph-county-in.json": "USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw",
    "st-joseph-county-in-plan.json": "USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw",
    "loudoun-county-va.json": "USA_VA_Sterling-Washington.Dulles.Intl.AP.724030_TMY3.epw",
    "umatilla-county-or.json": "USA_WA_Pasco-Tri.Cities.AP.727845_TMY3.epw",
    "phoenix-az.json": "USA_AZ_Phoenix-Sky.Harbor.Intl.AP.722780_TMY3.epw",
    "singapore.json": "SGP_SG_Changi.Intl.AP.486980_TMYx.epw",
}


def main():
    if len(sys.argv) not in (2, 3) or (len(sys.argv) == 3 and sys.argv[2] != "--check"):
        sys.exit(__doc__.strip().splitlines()[-1])
    cli = sys.argv[1]
    check = len(sys.argv) == 3
    here = pathlib.Path(__file__).resolve().parent
    weather = here.parent / "tests" / "data" / "weather"
    stale = []
    for site_name, epw in SOURCES.items():
        site_path = here / site_name
        site = json.loads(site_path.read_text(encoding="utf-8"))
        digest = json.loads(subprocess.run([cli, "climate", "digest", str(weather / epw)],
                                           check=True, capture_output=True, text=True).stdout)
        if check:
            if site["climate"].get("digest") != digest:
                stale.append(site_name)
            continue
        site["climate"]["digest"] = digest
        site_path.write_text(json.dumps(site, ensure_ascii=False) + "\n", encoding="utf-8")
        subprocess.run([cli, "format", str(site_path)], check=True)
        print(f"{site_name}: digest of {epw}")
    if stale:
        sys.exit("stale climate digests (run sample_sites/embed_climate_digests.py "
                 f"{cli}): " + ", ".join(stale))
    if check:
        print(f"{len(SOURCES)} digests match their EPW files")


if __name__ == "__main__":
    main()
