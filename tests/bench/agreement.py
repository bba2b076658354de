"""riskmap's outputs against a peer's, with compare.py's conventions.

compare.py (shared benchmark folder) compares two peers' district_stats.csv
and risk_R.tif. Here the same numbers are computed with one difference:
riskmap leaves R empty (NaN) outside every district while the peers fill the
whole grid, so the per-cell figures are over the cells both have (the
cells whose centre lies inside a district). Classes use compare.py's rule
(``numpy.digitize`` with breaks 0.25 / 0.5 / 0.75, lower bound inclusive).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

import rasterio

BREAKS = [0.25, 0.5, 0.75]
CLASS_KEYS = ("blue", "yellow", "orange", "red")


def compare_outputs(a: Path, b: Path) -> dict:
    """Differences A - B of district statistics and per-cell R (see module)."""
    try:
        sa = pd.read_csv(a / "district_stats.csv").set_index("district")
        sb = pd.read_csv(b / "district_stats.csv").set_index("district")
    except OSError as exc:
        return {"error": f"cannot read district_stats.csv: {exc}"}
    sb = sb.reindex(sa.index)
    d = sa - sb
    out: dict = {
        "districts": len(sa),
        "districts_missing_in_b": int(sb["mean_R"].isna().sum()),
        "n_cells_max_abs_diff": int(np.nanmax(np.abs(d["n_cells"]))),
        "mean_R_max_abs_diff": float(np.nanmax(np.abs(d["mean_R"]))),
        "mean_R_mean_diff": float(np.nanmean(d["mean_R"])),
        "max_R_max_abs_diff": float(np.nanmax(np.abs(d["max_R"]))),
        "share_max_abs_diff": {
            k: float(np.nanmax(np.abs(d[f"share_{k}"]))) for k in CLASS_KEYS
        },
        "per_district_mean_R_diff": {
            str(k): round(float(v), 5) for k, v in d["mean_R"].items()
        },
    }
    with rasterio.open(a / "risk_R.tif") as ra, rasterio.open(b / "risk_R.tif") as rb:
        same = ra.transform == rb.transform and ra.shape == rb.shape
        out["same_grid"] = bool(same and ra.crs == rb.crs)
        if not same:
            return out
        ga = ra.read(1).astype("float64")
        gb = rb.read(1).astype("float64")
    both = np.isfinite(ga) & np.isfinite(gb)
    va, vb = ga[both], gb[both]
    diff = va - vb
    ca, cb = np.digitize(va, BREAKS), np.digitize(vb, BREAKS)
    out["raster"] = {
        "cells_compared": int(both.sum()),
        "R_mean_diff": float(diff.mean()),
        "R_abs_diff_p50": float(np.percentile(np.abs(diff), 50)),
        "R_abs_diff_p99": float(np.percentile(np.abs(diff), 99)),
        "R_abs_diff_max": float(np.abs(diff).max()),
        "cells_abs_diff_gt_0.01": float((np.abs(diff) > 0.01).mean()),
        "cells_abs_diff_gt_0.04": float((np.abs(diff) > 0.04).mean()),
        "class_agreement": float((ca == cb).mean()),
        "cells_R_exactly_0.75": [int((va == 0.75).sum()), int((vb == 0.75).sum())],
    }
    return out
