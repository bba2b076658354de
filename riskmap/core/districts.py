"""Per-district statistics and levels (DOMAIN.md section 7, DESIGN.md CSV).

A cell belongs to the district its centre lies in (the district raster is
burnt by the hazards' polygon filler, which gives a centre on a shared edge
to exactly one district). Statistics are bincount reductions over that
raster: no loop over districts or cells.

Columns of the table (DESIGN.md ``districts.csv``):

district
    the district name as in the district layer.
cells
    cells whose centre lies in the district.
mean
    the district score: the mean composite R over its cells, weighted by
    population when an exposure layer is given (area-weighted otherwise).
max
    the largest R of its cells.
share_blue, share_yellow, share_orange, share_red
    fractions of its cells in each class (低/一般/较大/重大).
level
    the district's level, the Chinese name of the class (重大风险, 较大风险,
    一般风险 or 低风险): the class of ``mean``, raised to 较大 when at least
    10 % of its cells are 重大 (DOMAIN.md 7). ``level_code`` (1-4) carries
    the same in the GeoPackage and in memory.
dominant_hazard
    the hazard that contributes most to the district's R (summed weighted
    intensities over its cells), empty when no hazard reaches it.

A district with no cell centre inside it (smaller than a cell, or a sliver
at the edge) keeps its row: ``cells`` is 0, the shares are empty, and
``mean``/``max`` are the values of the cell holding its representative
point.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

import geopandas as gpd
import shapely

from riskmap.core.classify import classify
from riskmap.core.grid import Grid
from riskmap.core.levels import LEVELS, level

PolygonFill = Callable[[np.ndarray, Grid], tuple[np.ndarray, np.ndarray]]
#: Share of 重大 cells that raises a district to at least 较大 (DOMAIN.md 7).
RED_SHARE_RAISE = 0.10
RAISE_TO = 3  # 较大
STAT_COLUMNS = [
    "district",
    "cells",
    "mean",
    "max",
    "share_blue",
    "share_yellow",
    "share_orange",
    "share_red",
    "level",
    "dominant_hazard",
]


def district_index(geoms: np.ndarray, grid: Grid, fill: PolygonFill) -> np.ndarray:
    """int32 raster: the row of the district each cell centre lies in, -1 else.

    ``fill`` is the polygon filler ``(geoms, grid) -> (feature, flat)``
    (the hazards' scanline filler, passed in because core does not import
    the hazard package). Overlapping districts give the cell to the first.
    """
    feature, flat = fill(geoms, grid)
    out = np.full(grid.size, np.iinfo(np.int32).max, dtype=np.int64)
    if len(flat):
        np.minimum.at(out, flat, feature)
    out[out == np.iinfo(np.int32).max] = -1
    return out.astype(np.int32).reshape(grid.shape)


def district_level(score: float, share_red: float, breaks: Sequence[float]) -> int:
    """Level code of a district: the class of its score, raised to 较大 when
    at least 10 % of its cells are 重大 (DOMAIN.md 7)."""
    if not np.isfinite(score):
        return 0
    code = int(classify(np.array([score]), breaks)[0])
    if np.isfinite(share_red) and share_red >= RED_SHARE_RAISE - 1e-12:
        code = max(code, RAISE_TO)
    return code


def representative_cells(districts: gpd.GeoDataFrame, grid: Grid) -> np.ndarray:
    """Flat cell of each district's representative point (-1 off the grid)."""
    pts = shapely.point_on_surface(districts.geometry.values)
    return grid.cells_of(shapely.get_x(pts), shapely.get_y(pts))


def district_stats(
    districts: gpd.GeoDataFrame,
    index: np.ndarray,
    composite: np.ndarray,
    classes: np.ndarray,
    grid: Grid,
    breaks: Sequence[float],
    hazard_values: Sequence[np.ndarray] = (),
    hazard_weights: Sequence[float] = (),
    hazard_titles: Sequence[str] = (),
    population: np.ndarray | None = None,
) -> pd.DataFrame:
    """One row per district (input order) with the DESIGN.md columns.

    Parameters
    ----------
    districts
        Frame with a ``name`` column, one row per district polygon.
    index
        District raster from :func:`district_index`.
    composite, classes
        R and the final classes (after 就高) on the grid.
    breaks
        The class breaks in force, for the district level.
    hazard_values, hazard_weights, hazard_titles
        Per-hazard intensities, their relative weights (w~_k) and titles,
        for ``dominant_hazard``.
    population
        Optional people per cell: ``mean`` becomes population-weighted.
    """
    n = len(districts)
    idx = index.ravel()
    inside = idx >= 0
    d = idx[inside].astype(np.int64)
    r = np.asarray(composite, dtype="float64").ravel()[inside]
    cls = classes.ravel()[inside].astype(np.int64)
    cells = np.bincount(d, minlength=n)
    r0 = np.nan_to_num(r, nan=0.0)
    if population is not None:
        w = np.nan_to_num(np.asarray(population, dtype="float64").ravel()[inside])
        w = np.maximum(w, 0.0)
        wsum = np.bincount(d, w, minlength=n)
        wr = np.bincount(d, w * r0, minlength=n)
        area_mean = np.bincount(d, r0, minlength=n) / np.maximum(cells, 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(wsum > 0, wr / wsum, area_mean)
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.bincount(d, r0, minlength=n) / cells
    mx = np.full(n, -np.inf)
    if len(d):
        np.maximum.at(mx, d, r0)
    # one bincount over (district, class) pairs gives every share
    per_class = np.bincount(d * 5 + cls, minlength=5 * n).reshape(n, 5)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = per_class[:, 1:5] / cells[:, None]
    contrib = np.zeros((n, len(hazard_values)))
    for k, (h, wk) in enumerate(zip(hazard_values, hazard_weights, strict=True)):
        hv = np.asarray(h).ravel()[inside]
        sums = np.bincount(d, hv, minlength=n)
        contrib[:, k] = wk * np.nan_to_num(sums)

    empty = np.flatnonzero(cells == 0)
    if len(empty):
        # no centre inside: take the cell holding the representative point
        rep = representative_cells(districts.iloc[empty], grid)
        on_grid = rep >= 0
        flat_r = np.asarray(composite, dtype="float64").ravel()
        mean[empty] = mx[empty] = np.nan
        rows, cell = empty[on_grid], rep[on_grid]
        mean[rows] = mx[rows] = flat_r[cell]
        for k, (h, wk) in enumerate(zip(hazard_values, hazard_weights, strict=True)):
            contrib[rows, k] = wk * np.nan_to_num(np.asarray(h).ravel()[cell])
    mx[np.isneginf(mx)] = np.nan

    dominant = np.full(n, "", dtype=object)
    if len(hazard_titles):
        best = contrib.argmax(axis=1)
        has = contrib.max(axis=1) > 0
        titles = np.asarray(list(hazard_titles), dtype=object)
        dominant[has] = titles[best[has]]
    codes = np.array(
        [
            district_level(mean[i], shares[i, 3] if cells[i] else np.nan, breaks)
            for i in range(n)
        ],
        dtype=np.int64,
    )
    frame = pd.DataFrame(
        {
            "district": districts["name"].astype(str).to_numpy(),
            "cells": cells.astype(np.int64),
            "mean": mean,
            "max": mx,
            "share_blue": shares[:, 0],
            "share_yellow": shares[:, 1],
            "share_orange": shares[:, 2],
            "share_red": shares[:, 3],
            "level": [level(c).name_zh if c else "" for c in codes],
            "dominant_hazard": dominant,
            "level_code": codes,
        }
    )
    return frame


def duplicate_names(names: Sequence[str]) -> list[str]:
    """Names used by more than one district, in first-seen order."""
    seen: dict[str, int] = {}
    for name in names:
        seen[name] = seen.get(name, 0) + 1
    return [name for name, count in seen.items() if count > 1]


LEVEL_NAMES = tuple(lv.name_zh for lv in LEVELS)
