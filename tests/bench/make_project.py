"""Write the benchmark's reference model as a riskmap project file.

usage: python tests/bench/make_project.py DATADIR

The model of ../shared/bench/riskmodel.py with the engine's generic modes:
H = max(0, 1 - d / 500) is a generic *value* layer with decay 500 m on the
routes, F = min(1, n / 5) a generic *density* layer (radius 200 m,
saturation 5) on the buildings, L the landslide kind with its default class
values (极高 1.0, 高 0.75, 中 0.5, 低 0.25); R = 0.40 H + 0.35 F + 0.25 L
(weighted_sum), fixed breaks 0.25 / 0.5 / 0.75, no 就高. The grid is the
districts' extent in EPSG:4545 snapped outward to 50 m, as in riskmodel.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT_NAME = "bench.riskmap.toml"

REFERENCE_PROJECT = """schema_version = 1

[project]
title = "benchmark reference model ({size})"
crs = "EPSG:4545"
cell_size = 50

[districts]
path = "districts.gpkg"
name_field = "name"

[[layers]]
id = "hazmat"
name = "危化品运输"
kind = "generic"
path = "hazmat_routes.gpkg"
weight = 0.40
[layers.params]
mode = "value"
value = 1.0
decay = 500

[[layers]]
id = "fire"
name = "高层建筑"
kind = "generic"
path = "highrise_buildings.gpkg"
weight = 0.35
[layers.params]
mode = "density"
radius = 200
saturation = 5

[[layers]]
id = "landslide"
name = "地质灾害"
kind = "landslide"
path = "landslide_zones.gpkg"
weight = 0.25

[composite]
method = "weighted_sum"
take_highest = false

[classification]
method = "fixed"
thresholds = [0.25, 0.5, 0.75]

[print]
dpi = 150
"""


def write_project(datadir: str | Path) -> Path:
    """Write ``bench.riskmap.toml`` into ``datadir`` (beside the layers)."""
    folder = Path(datadir)
    path = folder / PROJECT_NAME
    text = REFERENCE_PROJECT.format(size=folder.name)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(write_project(sys.argv[1]))
