"""Time riskmap's phases on one benchmark data set, in one process.

usage: python tests/bench/run_phases.py DATADIR OUTDIR [--no-atlas]

DATADIR holds the benchmark's GeoPackages (and gets ``bench.riskmap.toml``,
see make_project.py). Prints one JSON line like the peers do, with seconds:

load_reproject
    :func:`riskmap.pipeline.loading.load_project_data` as ``riskmap score``
    calls it (only what scoring uses: mapped attributes, centroids of the
    density layer's footprints): the four layers read, checked, cleaned and
    brought to EPSG:4545.
score
    :func:`riskmap.pipeline.scoring.score_project` from its start to its
    "district statistics" status (grid, every hazard surface, the composite
    and the classes), plus writing ``risk.tif`` and ``classes.tif``.
aggregate
    the rest of ``score_project`` (district statistics, hotspots, top
    features, fingerprint), plus writing ``districts.csv``,
    ``districts.gpkg`` and ``hotspots.gpkg``.
atlas
    :func:`riskmap.pipeline.printing.export_atlas` at 150 dpi (overview page
    plus one page per district), when printing is available.
atlas_load
    not a peer phase: the pages draw every layer's own geometry (footprints,
    not centroids), so the atlas needs the full load ``riskmap atlas`` does;
    its time is reported apart.

Not in any phase (as for the peers): the imports (``import_s``), and writing
``risk_R.tif`` / ``district_stats.csv`` in the peers' format for compare.py.
"""

from __future__ import annotations

import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from affine import Affine  # noqa: E402

import rasterio  # noqa: E402

import riskmap.hazards  # noqa: E402, F401
from riskmap.core.feedback import NullFeedback  # noqa: E402
from riskmap.io import outputs  # noqa: E402
from riskmap.pipeline.loading import load_project_data, open_project  # noqa: E402
from riskmap.pipeline.scoring import score_project  # noqa: E402

try:  # printing lands separately; the other phases do not need it
    from riskmap.pipeline.printing import export_atlas
except ImportError:  # pragma: no cover - depends on the checkout
    export_atlas = None

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_project import write_project  # noqa: E402

T_IMPORTED = time.perf_counter()

CLASS_KEYS = ("blue", "yellow", "orange", "red")


class StatusClock(NullFeedback):
    """Records when each status was first announced."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float]] = []

    def set_status(self, text: str) -> None:
        self.marks.append((text, time.perf_counter()))

    def first(self, prefix: str) -> float | None:
        return next((t for s, t in self.marks if s.startswith(prefix)), None)


def write_peer_format(result, out: Path) -> None:
    """risk_R.tif (band 1 = R) and district_stats.csv as the peers write them."""
    g = result.grid
    profile = {
        "driver": "GTiff",
        "width": g.ncols,
        "height": g.nrows,
        "count": 1,
        "dtype": "float32",
        "crs": g.crs,
        "transform": Affine(*g.transform),
        "compress": "deflate",
        "nodata": float("nan"),
    }
    with rasterio.open(out / "risk_R.tif", "w", **profile) as dst:
        dst.write(np.asarray(result.composite, dtype=np.float32), 1)
    s = result.stats
    frame = pd.DataFrame(
        {
            "district": s["district"],
            "n_cells": s["cells"],
            "mean_R": s["mean"],
            "max_R": s["max"],
            **{f"share_{k}": s[f"share_{k}"] for k in CLASS_KEYS},
        }
    )
    frame.to_csv(out / "district_stats.csv", index=False, float_format="%.6f")


def run(datadir: Path, out: Path, atlas: bool) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    project = open_project(write_project(datadir))
    phases: dict[str, float | None] = {}
    steps: dict[str, float] = {}

    t = time.perf_counter()
    data = load_project_data(project, attributes="used", positions=True)
    phases["load_reproject"] = time.perf_counter() - t

    clock = StatusClock()
    t = time.perf_counter()
    result = score_project(project, data, clock)
    t_end = time.perf_counter()
    t_stats = clock.first("district statistics") or t_end
    for (name, t0), (_, t1) in zip(
        clock.marks, [*clock.marks[1:], ("", t_end)], strict=True
    ):
        steps[name] = steps.get(name, 0.0) + (t1 - t0)
    t_w = time.perf_counter()
    outputs.write_risk_tif(result, out / "risk.tif")
    outputs.write_classes_tif(result, out / "classes.tif")
    steps["write rasters"] = time.perf_counter() - t_w
    phases["score"] = (t_stats - t) + steps["write rasters"]

    t_w = time.perf_counter()
    outputs.write_districts_csv(result, out / "districts.csv")
    outputs.write_districts_gpkg(result, out / "districts.gpkg")
    outputs.write_hotspots_gpkg(result, out / "hotspots.gpkg")
    steps["write tables"] = time.perf_counter() - t_w
    phases["aggregate"] = (t_end - t_stats) + steps["write tables"]

    write_peer_format(result, out)

    pages = None
    phases["atlas"] = None
    if atlas and export_atlas is not None:
        t = time.perf_counter()
        del data
        data = load_project_data(project)
        phases["atlas_load"] = time.perf_counter() - t
        t = time.perf_counter()
        report = export_atlas(project, data, result, out / "atlas.pdf", dpi=150)
        phases["atlas"] = time.perf_counter() - t
        pages = report.pages
    g = result.grid
    return {
        "peer": "riskmap",
        "data": datadir.name,
        "cells": int(g.size),
        "grid": [g.ncols, g.nrows],
        "districts": len(result.stats),
        "pages": pages,
        "import_s": round(T_IMPORTED - T_START, 3),
        "phases": {k: (None if v is None else round(v, 3)) for k, v in phases.items()},
        "steps": {k: round(v, 3) for k, v in steps.items()},
        "total_s": round(time.perf_counter() - T_START, 3),
        "peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
        "warnings": len(result.warnings),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("datadir", type=Path)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--no-atlas", action="store_true")
    args = ap.parse_args()
    record = run(args.datadir, args.outdir, atlas=not args.no_atlas)
    print(json.dumps(record, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
