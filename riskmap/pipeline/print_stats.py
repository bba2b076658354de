"""District and city statistics and hotspots as the printed page shows them.

The engine's table and hotspot layer are read tolerantly (levels as codes,
keys or names; hotspot columns under their usual names); what they lack is
computed from the grid, so every page has its numbers.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

import shapely
from pyproj import Transformer

from riskmap.core.levels import LEVELS
from riskmap.core.project import Project
from riskmap.core.result import Result
from riskmap.render.model import AreaStats, Hotspot

LONLAT = "EPSG:4490"  # CGCS2000 geographic: what Chinese maps quote
RAISE_SHARE = 0.10  # DOMAIN.md 7: >= 10 % 重大 cells raise a district to 较大


def level_code(value: Any) -> int:
    """A level given as code, key, Chinese or English name -> code 0-4."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0
    if isinstance(value, int | np.integer | float | np.floating):
        code = int(value)
        return code if 0 <= code <= 4 else 0
    text = str(value).strip()
    for lv in LEVELS:
        if text in (
            lv.key,
            lv.name_zh,
            lv.short_zh,
            lv.colour_zh,
            lv.name_en,
            str(lv.code),
        ):
            return lv.code
    return 0


def class_of(value: float, thresholds: tuple[float, float, float]) -> int:
    if not math.isfinite(value):
        return 0
    return 1 + int(np.searchsorted(np.asarray(thresholds), value, side="right"))


def column(frame: pd.DataFrame, *names: str) -> str | None:
    lower = {str(c).lower(): c for c in frame.columns}
    for name in names:
        if name.lower() in lower:
            return lower[name.lower()]
    return None


def layer_titles(project: Project) -> dict[str, str]:
    return {spec.id: spec.title for spec in project.layers}


# ------------------------------------------------------------------ statistics


def _shares_of(classes: np.ndarray) -> tuple[int, dict[int, float]]:
    counts = np.bincount(classes.ravel(), minlength=5)[1:5]
    cells = int(counts.sum())
    shares = {lv.code: (counts[lv.code - 1] / cells if cells else 0.0) for lv in LEVELS}
    return cells, shares


def _area_level(mean: float, shares: dict[int, float], thresholds) -> tuple[int, bool]:
    base = class_of(mean, thresholds)
    if base and shares.get(4, 0.0) >= RAISE_SHARE and base < 3:
        return 3, True
    return base, False


def _number(row: pd.Series, frame: pd.DataFrame, *names: str) -> float | None:
    col = column(frame, *names)
    if col is None:
        return None
    try:
        value = float(row[col])
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def district_stats(
    result: Result, project: Project, names: list[str]
) -> list[AreaStats]:
    """Per district: the engine's row where there is one, else from the grid."""
    stats = result.stats
    titles = layer_titles(project)
    name_col = column(stats, "district", "name")
    by_name = {}
    if name_col is not None:
        by_name = {str(n): i for i, n in enumerate(stats[name_col])}
    out = []
    for i, name in enumerate(names):
        row = None
        if len(stats) == len(names) and (
            name_col is None or str(stats[name_col].iloc[i]) == name
        ):
            row = stats.iloc[i]
        elif name in by_name:
            row = stats.iloc[by_name[name]]
        mask = result.district_index == i
        cells, shares = _shares_of(result.classes[mask])
        values = result.composite[mask]
        values = values[np.isfinite(values)]
        mean = float(values.mean()) if values.size else float("nan")
        top = float(values.max()) if values.size else float("nan")
        level, raised = _area_level(mean, shares, result.thresholds)
        dominant = ""
        if row is not None:
            # The engine's figures win: its mean may be population-weighted,
            # and a district smaller than a cell gets its covering cell's.
            engine_mean = _number(row, stats, "mean")
            engine_max = _number(row, stats, "max")
            mean = mean if engine_mean is None else engine_mean
            top = top if engine_max is None else engine_max
            col = column(stats, "level_code", "level")
            if col is not None and level_code(row[col]):
                level = level_code(row[col])
                raised = bool(cells) and level > class_of(mean, result.thresholds)
            col = column(stats, "dominant_hazard", "dominant")
            if col is not None and isinstance(row[col], str) and row[col]:
                dominant = titles.get(row[col], row[col])
        out.append(AreaStats(name, cells, mean, top, shares, level, raised, dominant))
    return out


def city_stats(result: Result, title: str) -> AreaStats:
    inside = result.district_index >= 0
    cells, shares = _shares_of(result.classes[inside])
    values = result.composite[inside]
    values = values[np.isfinite(values)]
    mean = float(values.mean()) if values.size else float("nan")
    top = float(values.max()) if values.size else float("nan")
    level, raised = _area_level(mean, shares, result.thresholds)
    return AreaStats(title, cells, mean, top, shares, level, raised)


# -------------------------------------------------------------------- hotspots


class _NoLonLat:
    """Stands in for a transformer when the CRS has no geographic link."""

    @staticmethod
    def transform(x, y):
        nan = np.full(np.shape(x), np.nan)
        return nan, nan.copy()


def to_lonlat(crs: str) -> Transformer | _NoLonLat:
    """Working CRS to CGCS2000 lon/lat; NaN coordinates if there is no way."""
    try:
        return Transformer.from_crs(crs, LONLAT, always_xy=True)
    except Exception:  # an unknown or local CRS: the table shows "—"
        return _NoLonLat()


def _dominant_at(result: Result, rows: np.ndarray, cols: np.ndarray) -> list[str]:
    if not result.hazards:
        return ["" for _ in rows]
    stack = np.stack([h.values[rows, cols] * h.weight for h in result.hazards])
    best = np.nanargmax(np.nan_to_num(stack, nan=-1.0), axis=0)
    return [result.hazards[b].title for b in best]


def hotspots_from_result(
    result: Result, project: Project, to_ll: Transformer
) -> list[Hotspot]:
    frame = result.hotspots
    if frame is None or len(frame) == 0:
        return []
    titles = layer_titles(project)
    score_col = column(frame, "score", "composite", "r", "value", "max")
    frame = frame.sort_values(score_col, ascending=False) if score_col else frame
    x_col, y_col = column(frame, "x"), column(frame, "y")
    if x_col and y_col:  # the peak cell of a patch
        xs, ys = frame[x_col].to_numpy(float), frame[y_col].to_numpy(float)
    else:
        geoms = np.asarray(frame.geometry.values, dtype=object)
        points = shapely.point_on_surface(geoms)
        xs, ys = shapely.get_x(points), shapely.get_y(points)
    lon_col, lat_col = (
        column(frame, "lon", "longitude", "经度"),
        column(frame, "lat", "latitude", "纬度"),
    )
    if lon_col and lat_col:
        lons, lats = frame[lon_col].to_numpy(float), frame[lat_col].to_numpy(float)
    else:
        lons, lats = to_ll.transform(xs, ys)
    district_col = column(frame, "district", "区县")
    dom_col = column(frame, "dominant_hazard", "dominant", "hazard")
    level_col = column(frame, "level_code", "level", "class")
    out = []
    for i in range(len(frame)):
        row = frame.iloc[i]
        score = float(row[score_col]) if score_col else float("nan")
        code = (
            level_code(row[level_col])
            if level_col
            else class_of(score, result.thresholds)
        )
        dominant = (
            str(row[dom_col]) if dom_col and isinstance(row[dom_col], str) else ""
        )
        out.append(
            Hotspot(
                rank=i + 1,
                lon=float(lons[i]),
                lat=float(lats[i]),
                score=score,
                level=code or class_of(score, result.thresholds),
                dominant=titles.get(dominant, dominant),
                district=str(row[district_col]) if district_col else "",
                x=float(xs[i]),
                y=float(ys[i]),
            )
        )
    return out


def hotspots_from_grid(
    result: Result, index: int | None, to_ll: Transformer, n: int
) -> list[Hotspot]:
    """Top cells by composite, at least five cells apart, within one district."""
    flat = result.composite.ravel()
    inside = (
        result.district_index >= 0 if index is None else result.district_index == index
    )
    candidates = np.flatnonzero(
        inside.ravel() & (result.classes.ravel() >= 2) & np.isfinite(flat)
    )
    keep = min(len(candidates), max(200, 50 * n))
    if keep == 0:
        return []
    # Only the best few hundred cells are ever looked at: partition, then sort.
    best = candidates[np.argpartition(-flat[candidates], keep - 1)[:keep]]
    order = best[np.lexsort((best, -flat[best]))]  # ties: north-west first
    picked: list[int] = []
    ncols = result.grid.ncols
    min_sep = 5
    for idx in order:
        r, c = divmod(int(idx), ncols)
        if all(
            abs(r - pr) > min_sep or abs(c - pc) > min_sep
            for pr, pc in (divmod(p, ncols) for p in picked)
        ):
            picked.append(int(idx))
            if len(picked) == n:
                break
    if not picked:
        return []
    rows, cols = np.divmod(np.array(picked), ncols)
    xs = result.grid.x0 + (cols + 0.5) * result.grid.cell
    ys = result.grid.y0 - (rows + 0.5) * result.grid.cell
    lons, lats = to_ll.transform(xs, ys)
    dominants = _dominant_at(result, rows, cols)
    return [
        Hotspot(
            i + 1,
            float(lons[i]),
            float(lats[i]),
            float(flat[p]),
            int(result.classes[rows[i], cols[i]]),
            dominants[i],
            "",
            float(xs[i]),
            float(ys[i]),
        )
        for i, p in enumerate(picked)
    ]


def renumber(hotspots: list[Hotspot]) -> list[Hotspot]:
    """Copies ranked 1..n: a page's numbers never change another page's."""
    return [replace(h, rank=i + 1) for i, h in enumerate(hotspots)]
