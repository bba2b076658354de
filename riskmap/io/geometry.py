"""Geometry checks and repairs, vectorised with shapely 2.

Loading drops features without a usable geometry (missing, empty, NaN or
infinite coordinates), drops Z and M, repairs invalid geometries with
``make_valid`` and normalises geometry types to what a hazard kind accepts.
Every change is counted so that the user hears about it. A feature keeps its
attributes and its row: parts of a GeometryCollection that suit the kind are
gathered into one multi-part geometry rather than split into new features, so
a building stays one building.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

import geopandas as gpd
import shapely

from riskmap.errors import GeometryTypeError

FAMILIES = ("point", "line", "polygon")
# shapely type ids -> family index (0 point, 1 line, 2 polygon, 3 collection)
_FAMILY_OF_TYPE = np.array([0, 1, 1, 2, 0, 1, 2, 3])
_COLLECTION = 3
_MULTI = {0: shapely.multipoints, 1: shapely.multilinestrings, 2: shapely.multipolygons}


@dataclass
class GeometryReport:
    """What cleaning did to a layer's geometries (counts of features)."""

    features_in: int = 0
    missing: int = 0  # no geometry or an empty one
    non_finite: int = 0  # NaN or infinite coordinates
    z_dropped: int = 0  # had Z or M values
    repaired: int = 0  # invalid, fixed with make_valid
    unrepairable: int = 0  # make_valid left nothing
    parts_dropped: int = 0  # collections that lost parts of another type
    to_centroid: int = 0  # polygons turned into points for a point-only kind
    wrong_type: int = 0  # dropped: no part of a type the kind accepts
    examples: dict[str, list[int]] = field(default_factory=dict)

    @property
    def dropped(self) -> int:
        return self.missing + self.non_finite + self.unrepairable + self.wrong_type

    def warnings(self, where: str) -> list[str]:
        def ex(key: str) -> str:
            ids = self.examples.get(key, [])
            return f" (e.g. feature {', '.join(map(str, ids))})" if ids else ""

        out = []
        if self.missing:
            out.append(f"{where}: dropped {self.missing} features with no or "
                       f"an empty geometry{ex('missing')}")  # fmt: skip
        if self.non_finite:
            out.append(f"{where}: dropped {self.non_finite} features with NaN or "
                       f"infinite coordinates{ex('non_finite')}")  # fmt: skip
        if self.z_dropped:
            out.append(f"{where}: ignored Z/M values of {self.z_dropped} features")
        if self.repaired:
            out.append(f"{where}: repaired {self.repaired} invalid geometries "
                       f"with make_valid{ex('repaired')}")  # fmt: skip
        if self.unrepairable:
            out.append(f"{where}: dropped {self.unrepairable} invalid geometries "
                       "that could not be repaired")  # fmt: skip
        if self.parts_dropped:
            out.append(f"{where}: dropped parts of another geometry type from "
                       f"{self.parts_dropped} features")  # fmt: skip
        if self.to_centroid:
            out.append(f"{where}: used the centroid of {self.to_centroid} "
                       "polygons, as this kind takes points")  # fmt: skip
        if self.wrong_type:
            out.append(f"{where}: dropped {self.wrong_type} features of a geometry "
                       f"type this kind does not take{ex('wrong_type')}")  # fmt: skip
        return out


def families(geoms: np.ndarray) -> np.ndarray:
    """Family index per geometry: 0 point, 1 line, 2 polygon, 3 collection, -1 none."""
    ids = shapely.get_type_id(geoms)
    out = np.full(ids.shape, -1)
    ok = ids >= 0
    out[ok] = _FAMILY_OF_TYPE[ids[ok]]
    return out


def layer_geometry_type(geoms: np.ndarray) -> str:
    """ "point", "line", "polygon", "mixed" or "none" for a geometry array."""
    fam = families(geoms)
    found = set(np.unique(fam[fam >= 0]).tolist())
    if not found:
        return "none"
    if len(found) == 1 and _COLLECTION not in found:
        return FAMILIES[found.pop()]
    return "mixed"


def _examples(index: np.ndarray, mask: np.ndarray, n: int = 5) -> list[int]:
    return [int(i) for i in index[np.flatnonzero(mask)[:n]]]


def non_finite_mask(geoms: np.ndarray) -> np.ndarray:
    """True for geometries with a NaN or infinite x or y."""
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    return _non_finite(coords, index, len(geoms))


def _non_finite(coords: np.ndarray, index: np.ndarray, n: int) -> np.ndarray:
    bad = ~np.isfinite(coords).all(axis=1)
    return np.bincount(index[bad], minlength=n) > 0


def convex_rings(
    coords: np.ndarray, index: np.ndarray, candidate: np.ndarray
) -> np.ndarray:
    """True for the ``candidate`` geometries whose coordinates form a closed,
    strictly convex ring that turns once around: such a polygon is valid
    without asking GEOS.

    ``coords`` and ``index`` are :func:`shapely.get_coordinates` of the whole
    array (finite, 2-D); ``candidate`` marks the polygons without holes. A
    ring with a repeated vertex, a straight angle, a reflex angle or more
    than one turn is not proven valid here (GEOS decides). Exact: signs of
    cross products and of edge directions, no angles.
    """
    n = len(candidate)
    out = np.zeros(n, dtype=bool)
    sel = candidate[index]
    if not sel.any():
        return out
    x, y, owner = coords[sel, 0], coords[sel, 1], index[sel]
    # edges between consecutive vertices of one ring
    same = owner[1:] == owner[:-1]
    ex = (x[1:] - x[:-1])[same]
    ey = (y[1:] - y[:-1])[same]
    e_owner = owner[:-1][same]
    if not len(ex):
        return out
    first = np.ones(len(ex), dtype=bool)
    first[1:] = e_owner[1:] != e_owner[:-1]
    group = np.flatnonzero(first)
    last = np.empty(len(ex), dtype=bool)
    last[:-1] = first[1:]
    last[-1] = True
    # each edge's successor: the next edge of its ring, or the ring's first
    nx = np.empty_like(ex)
    ny = np.empty_like(ey)
    nx[:-1], ny[:-1] = ex[1:], ey[1:]
    nx[last], ny[last] = ex[group], ey[group]
    cross = ex * ny - ey * nx
    left = np.logical_and.reduceat(cross > 0, group)
    right = np.logical_and.reduceat(cross < 0, group)
    # turning one way, the edge direction enters and leaves the lower half
    # plane once per turn: two changes of sign mean exactly one turn
    down = ey < 0
    changes = np.add.reduceat((down != (ny < 0)).astype(np.int32), group)
    g_owner = e_owner[group]
    size = np.diff(np.append(group, len(ex)))
    r0, r1 = _ends(owner, False), _ends(owner, True)
    closed = ((x[r0] == x[r1]) & (y[r0] == y[r1]))[r1 > r0]  # one per group
    out[g_owner] = (left | right) & (changes == 2) & (size >= 3) & closed
    return out


def plainly_valid_polygons(geoms: np.ndarray) -> bool:
    """Whether every geometry is a finite 2-D polygon without holes whose
    ring is convex (:func:`convex_rings`): cleaning would change none."""
    if len(geoms) == 0:
        return False
    kind = shapely.get_type_id(geoms)
    if not (kind == 3).all() or shapely.is_empty(geoms).any():
        return False
    if (shapely.has_z(geoms) | shapely.has_m(geoms)).any():
        return False
    if (shapely.get_num_interior_rings(geoms) != 0).any():
        return False
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    if not np.isfinite(coords).all():
        return False
    return bool(convex_rings(coords, index, np.ones(len(geoms), dtype=bool)).all())


def _ends(owner: np.ndarray, last: bool) -> np.ndarray:
    """Position of the first (or last) coordinate of each run of ``owner``."""
    edge = np.ones(len(owner), dtype=bool)
    if last:
        edge[:-1] = owner[1:] != owner[:-1]
    else:
        edge[1:] = owner[1:] != owner[:-1]
    return np.flatnonzero(edge)


def problems(geoms: np.ndarray) -> dict[str, int | str]:
    """Counts of what cleaning would change, without changing anything."""
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    present = geoms[~missing]
    non_finite = non_finite_mask(present)
    finite = present[~non_finite]
    valid = shapely.is_valid(finite)
    out: dict[str, int | str] = {
        "missing or empty": int(missing.sum()),
        "NaN or infinite coordinates": int(non_finite.sum()),
        "invalid": int((~valid).sum()),
        "with Z or M": int((shapely.has_z(present) | shapely.has_m(present)).sum()),
        "geometry collections": int((families(present) == _COLLECTION).sum()),
    }
    if (~valid).any():
        first = finite[np.flatnonzero(~valid)[0]]
        out["first invalid"] = str(shapely.is_valid_reason(first))
    return out


def _gather(geoms: np.ndarray, allowed: set[int]) -> tuple[np.ndarray, np.ndarray]:
    """Per collection, its parts of the highest-dimension allowed family, as
    one geometry (None when it has none); and whether parts were dropped."""
    parts, owner = shapely.get_parts(geoms, return_index=True)
    parts2, sub = shapely.get_parts(parts, return_index=True)  # nested multis
    owner = owner[sub]
    fam = families(parts2)
    keep = np.isin(fam, list(allowed)) & ~shapely.is_empty(parts2)
    best = np.full(len(geoms), -1)
    np.maximum.at(best, owner[keep], fam[keep])
    keep &= fam == best[owner]
    out = np.full(len(geoms), None, dtype=object)
    for family in allowed:
        sel = keep & (fam == family)
        if sel.any():
            targets, compact = np.unique(owner[sel], return_inverse=True)
            out[targets] = _MULTI[family](parts2[sel], indices=compact)
    counts_all = np.bincount(owner, minlength=len(geoms))
    counts_kept = np.bincount(owner[keep], minlength=len(geoms))
    return out, counts_kept < counts_all


def clean_geometries(
    frame: gpd.GeoDataFrame,
    allowed: Iterable[str] | None,
    where: str,
) -> tuple[gpd.GeoDataFrame, GeometryReport]:
    """Drop, repair and normalise geometries for a kind that takes ``allowed``.

    ``allowed`` is a set of families ("point", "line", "polygon"), or None to
    keep every type. Rows keep their index. A layer with features but none of
    an allowed type raises :class:`GeometryTypeError`.
    """
    geoms = np.asarray(frame.geometry.values._data)
    labels = frame.index.to_numpy()
    report = GeometryReport(features_in=len(geoms))

    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    report.missing = int(missing.sum())
    report.examples["missing"] = _examples(labels, missing)
    present = np.flatnonzero(~missing)
    coords, index = shapely.get_coordinates(geoms[present], return_index=True)
    non_finite = np.zeros(len(geoms), dtype=bool)
    non_finite[present] = _non_finite(coords, index, len(present))
    report.non_finite = int(non_finite.sum())
    report.examples["non_finite"] = _examples(labels, non_finite)
    keep = ~non_finite[present]
    pos = present[keep]
    geoms = geoms[pos] if len(pos) < len(geoms) else geoms.copy()

    zm = shapely.has_z(geoms) | shapely.has_m(geoms)
    if zm.any():
        report.z_dropped = int(zm.sum())
        geoms[zm] = shapely.force_2d(geoms[zm])

    fam = families(geoms)
    check = fam != 0  # points without NaN are always valid
    # most footprints are convex rings: proven valid from their coordinates
    simple = (shapely.get_type_id(geoms) == 3) & ~zm
    simple[simple] = shapely.get_num_interior_rings(geoms[simple]) == 0
    if simple.any():
        if not keep.all():
            kept = keep[index]
            coords = coords[kept]
            index = np.cumsum(keep)[index[kept]] - 1
        check &= ~convex_rings(coords, index, simple)
    invalid = np.zeros(len(geoms), dtype=bool)
    invalid[check] = ~shapely.is_valid(geoms[check])
    if invalid.any():
        report.repaired = int(invalid.sum())
        report.examples["repaired"] = _examples(labels[pos], invalid)
        geoms[invalid] = shapely.make_valid(geoms[invalid])
        fam[invalid] = families(geoms[invalid])
        report.unrepairable = int((invalid & shapely.is_empty(geoms)).sum())

    wrong = np.zeros(len(geoms), dtype=bool)
    if allowed is not None:
        wrong = _normalise_types(geoms, fam, set(allowed), report, where, frame)
        report.examples["wrong_type"] = _examples(labels[pos], wrong)
    keep = ~(wrong | shapely.is_missing(geoms) | shapely.is_empty(geoms))
    pos, geoms = pos[keep], geoms[keep]
    out = frame.iloc[pos] if len(pos) < len(frame) else frame.copy()
    series = gpd.GeoSeries(geoms, index=out.index, crs=frame.crs)
    out = out.set_geometry(series.rename(frame.geometry.name))
    return out, report


def _normalise_types(
    geoms: np.ndarray,
    fam: np.ndarray,
    allowed: set[str],
    report: GeometryReport,
    where: str,
    frame: gpd.GeoDataFrame,
) -> np.ndarray:
    """Bring ``geoms`` (changed in place) to the allowed families; returns the
    mask of features that have no allowed part and must be dropped."""
    allowed_idx = {FAMILIES.index(a) for a in allowed}
    coll = fam == _COLLECTION
    if coll.any():
        gathered, lost_parts = _gather(geoms[coll], allowed_idx)
        geoms[coll] = gathered
        has_part = ~shapely.is_missing(gathered)
        report.parts_dropped = int(np.count_nonzero(lost_parts & has_part))
        fam[coll] = np.where(has_part, families(gathered), -1)
    to_point = (fam == 2) & (allowed_idx == {0})
    if to_point.any():
        report.to_centroid = int(to_point.sum())
        geoms[to_point] = shapely.centroid(geoms[to_point])
        fam[to_point] = 0
    wrong = ~np.isin(fam, list(allowed_idx))
    if len(geoms) and wrong.all():
        found = layer_geometry_type(np.asarray(frame.geometry.values._data))
        raise GeometryTypeError(
            f"{where}: holds {found} geometries, but this kind takes "
            f"{' or '.join(sorted(allowed))}",
            "choose another hazard kind for this layer, or another file",
        )
    report.wrong_type = int(wrong.sum())
    return wrong
