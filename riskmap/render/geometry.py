"""Shapely geometries to matplotlib paths, vectorised, culled to a view.

Building a matplotlib collection from 100k shapely geometries costs more than
drawing it, so each layer is flattened once into one vertex array with path
codes and the index of the feature each vertex belongs to. Any view then
takes a compound path of the features it overlaps with one boolean mask.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.path import Path

import shapely

View = tuple[float, float, float, float]  # xmin, ymin, xmax, ymax

_POINT, _LINESTRING, _LINEARRING, _POLYGON = 0, 1, 2, 3


@dataclass
class PathArrays:
    """Features flattened into one vertex list for compound paths."""

    vertices: np.ndarray  # (N, 2) float64
    codes: np.ndarray  # (N,) uint8 path codes
    owner: np.ndarray  # (N,) index of the feature each vertex belongs to
    bounds: np.ndarray  # (n, 4) per feature, NaN for empty features

    def path(self, features: np.ndarray | None = None) -> Path:
        """One compound path of the features where ``features`` is True."""
        if features is None:
            return Path(self.vertices, self.codes)
        keep = features[self.owner]
        return Path(self.vertices[keep], self.codes[keep])

    def __len__(self) -> int:
        return len(self.bounds)

    def extend(self, more: PathArrays) -> None:
        """Append the vertices of ``more`` (same features, more of them)."""
        self.vertices = np.concatenate([self.vertices, more.vertices])
        self.codes = np.concatenate([self.codes, more.codes])
        self.owner = np.concatenate([self.owner, more.owner])


def in_view(bounds: np.ndarray, view: View) -> np.ndarray:
    """Which bounding boxes overlap ``view`` (False for empty features)."""
    xmin, ymin, xmax, ymax = view
    with np.errstate(invalid="ignore"):
        return (
            (bounds[:, 0] <= xmax)
            & (bounds[:, 2] >= xmin)
            & (bounds[:, 1] <= ymax)
            & (bounds[:, 3] >= ymin)
        )


def _codes_for_runs(run_index: np.ndarray, closed: bool) -> np.ndarray:
    """MOVETO at the start of every run of equal indices, LINETO elsewhere."""
    codes = np.full(len(run_index), Path.LINETO, dtype=np.uint8)
    if len(run_index):
        starts = np.flatnonzero(np.r_[True, run_index[1:] != run_index[:-1]])
        codes[starts] = Path.MOVETO
        if closed:
            ends = np.r_[starts[1:] - 1, len(run_index) - 1]
            codes[ends] = Path.CLOSEPOLY
    return codes


def polygon_arrays(geometries: np.ndarray) -> PathArrays:
    """Polygons (and multipolygons) as fillable compound-path arrays.

    Exteriors run counter-clockwise and holes clockwise, so holes stay empty
    under the non-zero fill rule that Agg and PDF use.
    """
    geometries = np.asarray(geometries, dtype=object)
    bounds = shapely.bounds(geometries)
    types = shapely.get_type_id(geometries)
    if len(geometries) and (
        (types == _POLYGON).all()
        and not shapely.get_num_interior_rings(geometries).any()
    ):
        # Plain polygons (footprints): one ring each, no parts to take apart.
        coords, owner = shapely.get_coordinates(geometries, return_index=True)
        coords = _counter_clockwise(coords, owner)
        codes = _codes_for_runs(owner, closed=True)
        return PathArrays(coords, codes, owner.astype(np.int64), bounds)
    parts, part_owner = shapely.get_parts(geometries, return_index=True)
    polygons = shapely.get_type_id(parts) == _POLYGON
    parts, part_owner = parts[polygons], part_owner[polygons]
    parts = shapely.orient_polygons(parts)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, vertex_ring = shapely.get_coordinates(rings, return_index=True)
    codes = _codes_for_runs(vertex_ring, closed=True)
    owner = part_owner[ring_part[vertex_ring]] if len(coords) else vertex_ring
    return PathArrays(coords, codes, owner.astype(np.int64), bounds)


def _counter_clockwise(coords: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Closed rings (runs of equal ``ring``) turned counter-clockwise."""
    n = len(coords)
    if n < 2:
        return coords
    x, y = coords[:, 0], coords[:, 1]
    cross = np.zeros(n)
    cross[:-1] = x[:-1] * y[1:] - x[1:] * y[:-1]
    last = np.r_[ring[1:] != ring[:-1], True]
    cross[last] = 0.0  # no edge from a ring's last vertex to the next ring
    starts = np.flatnonzero(np.r_[True, ring[1:] != ring[:-1]])
    area2 = np.add.reduceat(cross, starts)
    if not (area2 < 0).any():
        return coords
    ends = np.r_[starts[1:], n]
    run = np.repeat(np.arange(len(starts)), ends - starts)
    index = np.arange(n)
    flip = area2[run] < 0
    index[flip] = (starts[run] + ends[run] - 1 - index)[flip]
    return coords[index]


def line_arrays(geometries: np.ndarray) -> PathArrays:
    """Lines (and polygon boundaries) as stroke-only compound-path arrays."""
    geometries = np.asarray(geometries, dtype=object)
    bounds = shapely.bounds(geometries)
    parts, part_owner = shapely.get_parts(geometries, return_index=True)
    types = shapely.get_type_id(parts)
    polygons = types == _POLYGON
    if polygons.any():
        rings, ring_part = shapely.get_rings(parts[polygons], return_index=True)
        parts = np.concatenate([parts[~polygons], rings])
        part_owner = np.concatenate(
            [part_owner[~polygons], part_owner[polygons][ring_part]]
        )
        types = shapely.get_type_id(parts)
    lines = (types == _LINESTRING) | (types == _LINEARRING)
    parts, part_owner = parts[lines], part_owner[lines]
    coords, vertex_part = shapely.get_coordinates(parts, return_index=True)
    codes = _codes_for_runs(vertex_part, closed=False)
    owner = part_owner[vertex_part] if len(coords) else vertex_part
    return PathArrays(coords, codes, owner.astype(np.int64), bounds)


def point_coordinates(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(xy, owner): one row per point part; other geometries give the centre
    of each part's bounding box (where a dot stands for a tiny feature)."""
    geometries = np.asarray(geometries, dtype=object)
    types = shapely.get_type_id(geometries)
    if (types >= 4).any():
        parts, owner = shapely.get_parts(geometries, return_index=True)
    else:  # no multi-part geometries: no parts to take apart
        parts, owner = geometries, np.arange(len(geometries))
    keep = ~shapely.is_empty(parts) & (shapely.get_type_id(parts) >= 0)
    parts, owner = parts[keep], owner[keep]
    b = shapely.bounds(parts)
    xy = np.column_stack([(b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2])
    return xy, owner.astype(np.int64)


def polygon_path(geometry: object) -> Path:
    """A fillable path of one (multi)polygon, holes kept."""
    return polygon_arrays(np.array([geometry], dtype=object)).path()


def outline_path(geometries: np.ndarray) -> Path:
    """The boundaries of polygons as one stroke-only path."""
    return line_arrays(np.asarray(geometries, dtype=object)).path()


def mask_outside(geometry: object, view: View) -> Path:
    """A fillable path covering ``view`` except ``geometry`` (the focus area)."""
    xmin, ymin, xmax, ymax = view
    pad = max(xmax - xmin, ymax - ymin)
    frame = shapely.box(xmin - pad, ymin - pad, xmax + pad, ymax + pad)
    return polygon_path(shapely.difference(frame, geometry))
