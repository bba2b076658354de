"""Hazardous-goods routes along the expressway and ring-road corridors."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

import geopandas as gpd
import shapely
from shapely.ops import substring

from tools.samplegen.base import geom_to_lonlat, round_coords, work_xy
from tools.samplegen.geography import ROUTES, Route

SECTION_M = 3_000.0  # length of one 路段 (record) in the register
#: Typical UN numbers per class (the first is the most common).
UN_NUMBERS: dict[str, tuple[str, ...]] = {
    "2.1": ("1075", "1971", "1965"),
    "2.2": ("1066", "1073", "1977"),
    "2.3": ("1017", "1005"),
    "3": ("1203", "1202", "1230", "1993"),
    "5.1": ("1942", "2014"),
    "6.1": ("1710", "1593"),
    "8": ("1789", "1830", "1824"),
    "9": ("3082", "3077"),
}


def _wiggle(line: np.ndarray, rng: np.random.Generator, closed: bool) -> np.ndarray:
    """Roads do not run straight between waypoints: add a smooth sideways
    offset of a few tens of metres, zero at the ends of an open route."""
    geom = shapely.LineString(line)
    n = max(int(geom.length / 100.0), 8)
    pts = shapely.get_coordinates(
        shapely.line_interpolate_point(geom, np.linspace(0, 1, n), normalized=True)
    )
    s = np.linspace(0, geom.length, n)
    offset = np.zeros(n)
    for wavelength, amplitude in ((4000.0, 70.0), (1500.0, 30.0), (600.0, 10.0)):
        offset += amplitude * np.sin(2 * np.pi * s / wavelength + rng.uniform(0, 6.3))
    if not closed:
        offset *= np.minimum(1.0, np.minimum(s, s[-1] - s) / 800.0)
    else:
        offset -= np.linspace(offset[0], offset[-1], n)
    tangent = np.gradient(pts, axis=0)
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])
    normal /= np.linalg.norm(normal, axis=1, keepdims=True)
    return pts + normal * offset[:, None]


def _sections(line: np.ndarray) -> list[np.ndarray]:
    geom = shapely.LineString(line)
    count = max(1, round(geom.length / SECTION_M))
    cuts = np.linspace(0, geom.length, count + 1)
    parts = []
    for a, b in itertools.pairwise(cuts):
        part = substring(geom, a, b)
        parts.append(shapely.get_coordinates(shapely.simplify(part, 5.0)))
    return parts


def _route_records(route: Route, code: str, rng: np.random.Generator) -> list[dict]:
    line = work_xy(route.line)
    if route.closed:
        line = np.vstack([line, line[:1]])
    sections = _sections(_wiggle(line, rng, route.closed))
    # Traffic varies smoothly along the corridor (a random walk per section).
    level = np.exp(np.cumsum(rng.normal(0, 0.15, len(sections))))
    level = 0.55 + 0.45 * level / level.max()
    records = []
    for i, coords in enumerate(sections):
        for un_class, peak in route.trips.items():
            numbers = UN_NUMBERS[un_class]
            records.append(
                {
                    "路线名称": route.name,
                    "路段编号": f"{code}-{i + 1:02d}",
                    "日均车次": max(
                        1, round(peak * level[i] * rng.uniform(0.85, 1.15))
                    ),
                    "危险货物类别": un_class,
                    "UN编号": numbers[int(rng.integers(0, len(numbers)))],
                    "道路类型": route.road_type,
                    "geometry": shapely.LineString(coords),
                }
            )
    return records


def make_routes(rng: np.random.Generator) -> gpd.GeoDataFrame:
    """One record per route section and UN class, in WGS 84 (as GPS tracks)."""
    records = []
    for i, route in enumerate(ROUTES):
        records += _route_records(route, f"WH{i + 1:02d}", rng)
    frame = pd.DataFrame.from_records(records)
    geoms = np.array([geom_to_lonlat(g) for g in frame.pop("geometry")])
    frame["日均车次"] = frame["日均车次"].astype("Int32")
    n = len(frame)
    # A register compiled from permits is never clean: a few records lack the
    # trip count or write the class as "第3类".
    frame.loc[rng.random(n) < 0.01, "日均车次"] = pd.NA
    odd = (rng.random(n) < 0.02) & (frame["危险货物类别"] == "3")
    frame.loc[odd, "危险货物类别"] = "第3类"
    return gpd.GeoDataFrame(frame, geometry=round_coords(geoms, 7), crs="EPSG:4326")
