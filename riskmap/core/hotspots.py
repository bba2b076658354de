"""Hotspots: the highest-risk patches of cells and the top features per hazard.

Patches [D]: the cells in the top :data:`TOP_SHARE` of R inside the
districts (and above 0) are merged into 8-connected patches; patches are
ranked by their peak R, then by size, and the first :data:`MAX_PATCHES` are
kept. Each patch reports its peak cell (projected and lon/lat
coordinates), its district, its level and the hazard that dominates the
peak. Top features: per hazard, the :data:`TOP_FEATURES` features the model
scores highest on their own (a building's fire index B, a landslide zone's
class value...).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import ndimage

import geopandas as gpd
import shapely
from pyproj import CRS, Transformer

from riskmap.core.classify import classify
from riskmap.core.grid import Grid
from riskmap.core.levels import level

TOP_SHARE = 0.01
MAX_PATCHES = 20
TOP_FEATURES = 10
#: Batches of candidate features looked at for the top features.
MAX_BATCHES = 50

PATCH_COLUMNS = [
    "rank",
    "district",
    "score",
    "mean_score",
    "cells",
    "level",
    "dominant_hazard",
    "x",
    "y",
    "lon",
    "lat",
]
FEATURE_COLUMNS = [
    "rank",
    "layer",
    "hazard",
    "feature",
    "name",
    "score",
    "district",
    "x",
    "y",
    "lon",
    "lat",
]


def lonlat(crs: str, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Geographic coordinates on the working CRS's own datum (CGCS2000 for
    EPSG:4545), longitude first."""
    geo = CRS.from_user_input(crs).geodetic_crs
    tr = Transformer.from_crs(crs, geo, always_xy=True)
    lon, lat = tr.transform(np.asarray(x, float), np.asarray(y, float))
    return np.asarray(lon), np.asarray(lat)


def _cell_boxes(grid: Grid, flat: np.ndarray) -> np.ndarray:
    row, col = flat // grid.ncols, flat % grid.ncols
    x0 = grid.x0 + col * grid.cell
    y1 = grid.y0 - row * grid.cell
    return shapely.box(x0, y1 - grid.cell, x0 + grid.cell, y1)


def hotspot_patches(
    grid: Grid,
    composite: np.ndarray,
    district_index: np.ndarray,
    district_names: Sequence[str],
    hazard_values: Sequence[np.ndarray],
    hazard_weights: Sequence[float],
    hazard_titles: Sequence[str],
    breaks: Sequence[float],
    classes: np.ndarray | None = None,
    top_share: float = TOP_SHARE,
    max_patches: int = MAX_PATCHES,
) -> gpd.GeoDataFrame:
    """The top patches of cells as polygons with the :data:`PATCH_COLUMNS`."""
    r = np.asarray(composite, dtype="float64")
    inside = (district_index >= 0) & np.isfinite(r) & (r > 0)
    empty = gpd.GeoDataFrame({c: [] for c in PATCH_COLUMNS}, geometry=[], crs=grid.crs)
    if not inside.any():
        return empty
    cut = float(np.quantile(r[inside], 1.0 - top_share))
    hot = inside & (r >= cut)
    labels, n = ndimage.label(hot, structure=np.ones((3, 3), dtype=int))
    if n == 0:
        return empty
    flat = np.flatnonzero(labels.ravel())
    lab = labels.ravel()[flat] - 1
    vals = r.ravel()[flat]
    size = np.bincount(lab, minlength=n)
    mean = np.bincount(lab, vals, minlength=n) / size
    # peak cell of each patch: highest R, first in raster order on ties
    order = np.lexsort((flat, -vals, lab))
    first = np.ones(len(order), dtype=bool)
    first[1:] = lab[order][1:] != lab[order][:-1]
    peak_flat = flat[order][first]
    peak_val = vals[order][first]
    rank = np.lexsort((-size, -peak_val))[:max_patches]
    peak = peak_flat[rank]
    prow, pcol = peak // grid.ncols, peak % grid.ncols
    x = grid.x0 + (pcol + 0.5) * grid.cell
    y = grid.y0 - (prow + 0.5) * grid.cell
    lon, lat = lonlat(grid.crs, x, y)
    didx = district_index.ravel()[peak]
    names = np.asarray(list(district_names), dtype=object)
    contrib = np.array(
        [
            [
                wk * float(np.nan_to_num(h.ravel()[p]))
                for h, wk in zip(hazard_values, hazard_weights, strict=True)
            ]
            for p in peak
        ]
    ).reshape(len(peak), len(hazard_values))
    titles = np.asarray(list(hazard_titles), dtype=object)
    dominant = [
        str(titles[c.argmax()]) if len(c) and c.max() > 0 else "" for c in contrib
    ]
    if classes is None:
        codes = classify(peak_val[rank], breaks)
    else:
        codes = classes.ravel()[peak]
    geoms = []
    for lab_id in np.lexsort((-size, -peak_val))[:max_patches]:
        cells = flat[lab == lab_id]
        geoms.append(shapely.coverage_union_all(_cell_boxes(grid, cells)))
    return gpd.GeoDataFrame(
        {
            "rank": np.arange(1, len(peak) + 1),
            "district": [str(names[d]) if d >= 0 else "" for d in didx],
            "score": peak_val[rank],
            "mean_score": mean[rank],
            "cells": size[rank].astype(np.int64),
            "level": [level(int(c)).name_zh if c else "" for c in codes],
            "dominant_hazard": dominant,
            "x": x,
            "y": y,
            "lon": lon,
            "lat": lat,
        },
        geometry=geoms,
        crs=grid.crs,
    )


def top_features(
    grid: Grid,
    layer_id: str,
    title: str,
    frame: gpd.GeoDataFrame,
    scores: np.ndarray,
    district_index: np.ndarray,
    district_names: Sequence[str],
    n: int = TOP_FEATURES,
) -> gpd.GeoDataFrame:
    """The ``n`` features of one layer with the highest own score (> 0)
    whose representative point lies in a district."""
    s = np.asarray(scores, dtype="float64")
    ok = np.flatnonzero(np.isfinite(s) & (s > 0))
    ranked = ok[np.lexsort((ok, -s[ok]))]
    geoms = frame.geometry.values
    flat_index = district_index.ravel()
    picks, xs, ys, ds = [], [], [], []
    # best first, in batches: only as many representative points as needed
    batch = max(4 * n, 64)
    for start in range(0, min(len(ranked), batch * MAX_BATCHES), batch):
        idx = ranked[start : start + batch]
        pts = shapely.point_on_surface(geoms[idx])
        x, y = shapely.get_x(pts), shapely.get_y(pts)
        cells = grid.cells_of(x, y)
        d = np.where(cells >= 0, flat_index[np.maximum(cells, 0)], -1)
        keep = d >= 0
        picks.append(idx[keep])
        xs.append(x[keep])
        ys.append(y[keep])
        ds.append(d[keep])
        if sum(len(p) for p in picks) >= n:
            break
    pick = _cat(picks, np.int64)[:n]
    x, y = _cat(xs, float)[:n], _cat(ys, float)[:n]
    didx = _cat(ds, np.int64)[:n]
    pts = shapely.points(x, y)
    lon, lat = lonlat(grid.crs, x, y) if len(pick) else (x, y)
    names = np.asarray(list(district_names), dtype=object)
    label = _name_column(frame)
    return gpd.GeoDataFrame(
        {
            "rank": np.arange(1, len(pick) + 1),
            "layer": layer_id,
            "hazard": title,
            "feature": pick.astype(np.int64),
            "name": (
                frame[label].iloc[pick].astype(str).to_numpy()
                if label
                else [""] * len(pick)
            ),
            "score": s[pick],
            "district": [str(names[d]) if d >= 0 else "" for d in didx],
            "x": x,
            "y": y,
            "lon": lon,
            "lat": lat,
        },
        geometry=pts,
        crs=grid.crs,
    )


def _cat(parts: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(parts) if parts else np.empty(0, dtype=dtype)


_NAME_COLUMNS = ("name", "名称", "route_name", "building", "zone_id", "id")


def _name_column(frame: pd.DataFrame) -> str | None:
    lower = {str(c).casefold(): c for c in frame.columns}
    for cand in _NAME_COLUMNS:
        if cand in lower:
            return lower[cand]
    return None


def concat_features(frames: Sequence[gpd.GeoDataFrame], crs: str) -> gpd.GeoDataFrame:
    """The top features of every layer in one frame (empty columns if none)."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return gpd.GeoDataFrame({c: [] for c in FEATURE_COLUMNS}, geometry=[], crs=crs)
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=crs)
