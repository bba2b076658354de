"""Vector geometry onto grid cells, vectorised end to end.

Every function here takes whole geometry arrays and works on coordinate
arrays from :func:`shapely.get_coordinates`; there is no Python loop over
features or cells. The conventions follow DOMAIN.md section 0 (values at
cell centres):

- a polygon *covers* a cell when the cell centre lies inside it. A centre on
  a shared edge belongs to exactly one of two neighbouring polygons (the
  half-open rule of scanline filling), so districts never share a cell;
- a line or a polygon outline *passes through* every cell its segments enter
  (the start cell plus the cell beyond each crossing of a cell edge);
- a point falls in the cell holding it (a point on an edge goes east/south).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

import shapely

from riskmap.core.grid import Grid

_POINT, _LINESTRING, _LINEARRING, _POLYGON = 0, 1, 2, 3


@dataclass(frozen=True)
class Segments:
    """Straight segments (a -> b) with the index of the feature they belong to.

    Points are stored as segments of length zero, so distance code handles
    points, lines and polygon outlines alike.
    """

    ax: np.ndarray
    ay: np.ndarray
    bx: np.ndarray
    by: np.ndarray
    feature: np.ndarray

    def __len__(self) -> int:
        return len(self.ax)

    def take(self, index: np.ndarray) -> Segments:
        return Segments(
            self.ax[index],
            self.ay[index],
            self.bx[index],
            self.by[index],
            self.feature[index],
        )

    def bounds(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        return (
            np.minimum(self.ax, self.bx),
            np.minimum(self.ay, self.by),
            np.maximum(self.ax, self.bx),
            np.maximum(self.ay, self.by),
        )

    def near(self, grid: Grid, margin: float = 0.0) -> Segments:
        """The segments whose bounding box comes within ``margin`` of ``grid``."""
        x0, y0, x1, y1 = grid.bounds
        sx0, sy0, sx1, sy1 = self.bounds()
        keep = (
            (sx1 >= x0 - margin)
            & (sx0 <= x1 + margin)
            & (sy1 >= y0 - margin)
            & (sy0 <= y1 + margin)
        )
        return self if keep.all() else self.take(np.flatnonzero(keep))


def _empty_segments() -> Segments:
    f = np.empty(0, dtype="float64")
    return Segments(f, f, f, f, np.empty(0, dtype=np.int64))


def _parts(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    geoms = np.asarray(geoms, dtype=object)
    parts, index = shapely.get_parts(geoms, return_index=True)
    ok = ~shapely.is_empty(parts)
    parts, index = parts[ok], index[ok]
    return parts, index.astype(np.int64), shapely.get_type_id(parts)


@dataclass(frozen=True)
class _Paths:
    """Coordinates of linear paths (lines and polygon rings) of features.

    ``path_of`` gives the path of each coordinate; ``owner`` and
    ``exterior`` describe each path (its feature, and whether it is a
    polygon's exterior ring or a line, as opposed to a hole).
    """

    xy: np.ndarray
    path_of: np.ndarray
    owner: np.ndarray
    exterior: np.ndarray


def _paths(geoms: np.ndarray, polygons: bool) -> _Paths:
    """Rings of the polygon features (``polygons``) or the line features.

    Single polygons without holes and single lines are read straight from
    the coordinate array (no per-part geometry objects are made); other
    features go through :func:`shapely.get_parts` / :func:`shapely.get_rings`.
    """
    geoms = np.asarray(geoms, dtype=object)
    kind = shapely.get_type_id(geoms)
    if polygons:
        simple = (kind == _POLYGON) & (shapely.get_num_interior_rings(geoms) == 0)
        complex_ = (kind == 6) | ((kind == _POLYGON) & ~simple)
    else:
        simple = (kind == _LINESTRING) | (kind == _LINEARRING)
        complex_ = kind == 5
    chunks = []
    idx = np.flatnonzero(simple & ~shapely.is_empty(geoms))
    if len(idx):
        xy, of = shapely.get_coordinates(geoms[idx], return_index=True)
        chunks.append((xy, of, idx.astype(np.int64), np.ones(len(idx), dtype=bool)))
    idx = np.flatnonzero(complex_)
    if len(idx):
        parts, owner, pkind = _parts(geoms[idx])
        owner = idx[owner]
        if polygons:
            keep = pkind == _POLYGON
            rings, ring_of = shapely.get_rings(parts[keep], return_index=True)
            exterior = np.ones(len(rings), dtype=bool)
            exterior[1:] = ring_of[1:] != ring_of[:-1]
            paths, path_owner = rings, owner[keep][ring_of]
        else:
            keep = (pkind == _LINESTRING) | (pkind == _LINEARRING)
            paths, path_owner = parts[keep], owner[keep]
            exterior = np.ones(len(paths), dtype=bool)
        xy, of = shapely.get_coordinates(paths, return_index=True)
        chunks.append((xy, of, path_owner.astype(np.int64), exterior))
    if not chunks:
        e = np.empty(0, dtype=np.int64)
        return _Paths(np.empty((0, 2)), e, e, np.empty(0, dtype=bool))
    xys, ofs, owners, exts = [], [], [], []
    shift = 0
    for xy, of, owner, ext in chunks:
        xys.append(xy)
        ofs.append(of + shift)
        owners.append(owner)
        exts.append(ext)
        shift += len(owner)
    return _Paths(
        np.concatenate(xys),
        np.concatenate(ofs),
        np.concatenate(owners),
        np.concatenate(exts),
    )


def _edges(paths: _Paths) -> Segments:
    if len(paths.path_of) == 0:
        return _empty_segments()
    xy, line_of = paths.xy, paths.path_of
    same = line_of[1:] == line_of[:-1]
    a = xy[:-1][same]
    b = xy[1:][same]
    return Segments(
        np.ascontiguousarray(a[:, 0]),
        np.ascontiguousarray(a[:, 1]),
        np.ascontiguousarray(b[:, 0]),
        np.ascontiguousarray(b[:, 1]),
        paths.owner[line_of[:-1][same]],
    )


#: Features per step of :func:`segments_of` (bounds its working memory).
SEGMENT_CHUNK = 32768


def segments_of(geoms: np.ndarray) -> Segments:
    """Segments of lines, of polygon outlines (every ring) and of points.

    ``feature`` indexes ``geoms``; multi-part features contribute every part.
    """
    geoms = np.asarray(geoms, dtype=object)
    if len(geoms) > SEGMENT_CHUNK:
        parts = [
            segments_of(geoms[i : i + SEGMENT_CHUNK])
            for i in range(0, len(geoms), SEGMENT_CHUNK)
        ]
        return Segments(
            *(
                np.concatenate([getattr(p, name) for p in parts])
                for name in ("ax", "ay", "bx", "by")
            ),
            np.concatenate(
                [p.feature + i * SEGMENT_CHUNK for i, p in enumerate(parts)]
            ),
        )
    kind = shapely.get_type_id(geoms)
    chunks: list[Segments] = []
    if np.isin(kind, (1, 2, 5)).any():
        chunks.append(_edges(_paths(geoms, polygons=False)))
    if np.isin(kind, (3, 6)).any():
        chunks.append(_edges(_paths(geoms, polygons=True)))
    pts = np.flatnonzero(np.isin(kind, (0, 4)))
    if len(pts):
        xy, of = shapely.get_coordinates(geoms[pts], return_index=True)
        x = np.ascontiguousarray(xy[:, 0])
        y = np.ascontiguousarray(xy[:, 1])
        chunks.append(Segments(x, y, x.copy(), y.copy(), pts[of].astype(np.int64)))
    if not chunks:
        return _empty_segments()
    if len(chunks) == 1:
        return chunks[0]
    return Segments(
        *(
            np.concatenate([getattr(c, name) for c in chunks])
            for name in ("ax", "ay", "bx", "by", "feature")
        )
    )


def expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, rank) pairs for ``counts[i]`` items owned by each i.

    ``owner`` repeats each index ``counts[i]`` times; ``rank`` numbers the
    items of each owner from 0. The workhorse of every variable-length
    expansion here.
    """
    counts = np.asarray(counts, dtype=np.int64)
    owner = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    starts = np.cumsum(counts) - counts
    rank = np.arange(len(owner), dtype=np.int64) - np.repeat(starts, counts)
    return owner, rank


def segment_cells(
    segs: Segments, grid: Grid, with_centres: bool = False
) -> tuple[np.ndarray, ...]:
    """(segment index, flat cell) for every cell a segment passes through.

    Each segment registers its start cell, its end cell and the cell beyond
    every crossing of a vertical or horizontal cell edge; every point of a
    segment therefore lies in the closed square of a registered cell (the
    property the exact distance search relies on). Pairs outside ``grid``
    are dropped; a pair may repeat. ``with_centres`` adds the x and y of
    each cell's centre.
    """
    n = len(segs)
    if n == 0:
        e = np.empty(0, dtype=np.int64)
        f = np.empty(0)
        return (e, e, f, f) if with_centres else (e, e)
    c = grid.cell
    u1 = (segs.ax - grid.x0) / c
    v1 = (grid.y0 - segs.ay) / c
    u2 = (segs.bx - grid.x0) / c
    v2 = (grid.y0 - segs.by) / c
    fu1, fv1, fu2, fv2 = np.floor(u1), np.floor(v1), np.floor(u2), np.floor(v2)
    ids = [np.arange(n, dtype=np.int64)] * 2
    rows = [fv1, fv2]
    cols = [fu1, fu2]

    du, dv = u2 - u1, v2 - v1
    # crossings of vertical edges u = k, k in (min u, max u]
    cnt = np.abs(fu2 - fu1).astype(np.int64)
    if cnt.any():
        has = cnt > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            slope = np.where(has, dv / du, 0.0)
        s, k = expand(cnt)
        k = k + (np.minimum(fu1, fu2) + 1)[s]
        ids.append(s)
        rows.append(np.floor(v1[s] + (k - u1[s]) * slope[s]))
        cols.append(k - (du < 0)[s])
    # crossings of horizontal edges v = m
    cnt = np.abs(fv2 - fv1).astype(np.int64)
    if cnt.any():
        has = cnt > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            slope = np.where(has, du / dv, 0.0)
        s, m = expand(cnt)
        m = m + (np.minimum(fv1, fv2) + 1)[s]
        ids.append(s)
        rows.append(m - (dv < 0)[s])
        cols.append(np.floor(u1[s] + (m - v1[s]) * slope[s]))
    seg = np.concatenate(ids)
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    ok = (row >= 0) & (row < grid.nrows) & (col >= 0) & (col < grid.ncols)
    if not ok.all():
        seg, row, col = seg[ok], row[ok], col[ok]
    flat = (row * grid.ncols + col).astype(np.int64)
    if with_centres:
        return seg, flat, grid.x0 + (col + 0.5) * c, grid.y0 - (row + 0.5) * c
    return seg, flat


def _row_crossings(
    segs: Segments, grid: Grid
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where polygon outline segments cross the rows' centre lines.

    A segment crosses row r when min(y) <= y_r < max(y) (half-open, so a
    vertex on a centre line is counted once). Returns (segment, row, x).
    """
    c = grid.cell
    ymin = np.minimum(segs.ay, segs.by)
    ymax = np.maximum(segs.ay, segs.by)
    r_lo = np.floor((grid.y0 - ymax) / c - 0.5) + 1
    r_hi = np.floor((grid.y0 - ymin) / c - 0.5)
    # a centre exactly at ymax is excluded: y_r < ymax
    r_lo = np.maximum(r_lo, 0)
    r_hi = np.minimum(r_hi, grid.nrows - 1)
    flat = segs.ay != segs.by
    cnt = np.where(flat & (r_hi >= r_lo), r_hi - r_lo + 1, 0).astype(np.int64)
    s, k = expand(cnt)
    row = r_lo[s] + k
    yr = grid.y0 - (row + 0.5) * c
    # guard the half-open rule against rounding in r_lo/r_hi
    keep = (yr >= ymin[s]) & (yr < ymax[s])
    s, row, yr = s[keep], row[keep], yr[keep]
    x = segs.ax[s] + (yr - segs.ay[s]) * (segs.bx[s] - segs.ax[s]) / (
        segs.by[s] - segs.ay[s]
    )
    return s, row.astype(np.int64), x


#: Features per step of :func:`polygon_fill` (bounds its working memory).
FILL_CHUNK = 16384


def polygon_fill(geoms: np.ndarray, grid: Grid) -> tuple[np.ndarray, np.ndarray]:
    """(feature index, flat cell) for every cell whose centre lies in a polygon.

    Scanline filling with the even-odd rule over all rings of a feature, so
    holes are left out and the parts of a multipolygon are all filled. A
    centre on a vertical edge belongs to the polygon east of it, one on a
    horizontal edge to the polygon south of it.
    """
    geoms = np.asarray(geoms, dtype=object)
    if len(geoms) > FILL_CHUNK:
        parts = [
            polygon_fill(geoms[i : i + FILL_CHUNK], grid)
            for i in range(0, len(geoms), FILL_CHUNK)
        ]
        return (
            np.concatenate([f + i * FILL_CHUNK for i, (f, _) in enumerate(parts)]),
            np.concatenate([flat for _, flat in parts]),
        )
    empty = np.empty(0, dtype=np.int64)
    segs = _edges(_paths(geoms, polygons=True))
    if len(segs) == 0:
        return empty, empty
    s, row, x = _row_crossings(segs, grid)
    if len(s) == 0:
        return empty, empty
    feature = segs.feature[s]
    key = feature * grid.nrows + row
    gid, uniq = pd.factorize(key, sort=False)
    gid = gid.astype(np.int64)
    count = np.bincount(gid)
    g_feature = uniq // grid.nrows
    g_row = uniq % grid.nrows

    # rows crossed exactly twice (every convex ring): one span, no sorting
    lo = np.full(len(uniq), np.inf)
    hi = np.full(len(uniq), -np.inf)
    np.minimum.at(lo, gid, x)
    np.maximum.at(hi, gid, x)
    two = count == 2
    span_feature = [g_feature[two]]
    span_row = [g_row[two]]
    span_lo = [lo[two]]
    span_hi = [hi[two]]
    many = ~two[gid]
    if many.any():
        # holes and concave rings: sort the crossings of those rows and pair
        # them (even-odd rule)
        mg, mx = gid[many], x[many]
        order = np.lexsort((mx, mg))
        mg, mx = mg[order], mx[order]
        span_feature.append(g_feature[mg[0::2]])
        span_row.append(g_row[mg[0::2]])
        span_lo.append(mx[0::2])
        span_hi.append(mx[1::2])
    f = np.concatenate(span_feature)
    r = np.concatenate(span_row)
    xa = np.concatenate(span_lo)
    xb = np.concatenate(span_hi)
    c0 = np.maximum(np.ceil((xa - grid.x0) / grid.cell - 0.5), 0)
    c1 = np.minimum(np.ceil((xb - grid.x0) / grid.cell - 0.5), grid.ncols)
    cnt = np.maximum(c1 - c0, 0).astype(np.int64)
    span, k = expand(cnt)
    flat = r[span] * grid.ncols + c0[span].astype(np.int64) + k
    return f[span], flat


def burn_max(
    n_cells: int, flat: np.ndarray, values: np.ndarray, fill: float = 0.0
) -> np.ndarray:
    """Per cell, the largest of the values burnt into it (``fill`` elsewhere)."""
    out = np.full(n_cells, -np.inf)
    if len(flat):
        np.maximum.at(out, flat, values)
    out[np.isneginf(out)] = fill
    return out


#: Features per step of :func:`polygon_centroids` (bounds its memory).
CENTROID_CHUNK = 131072


def polygon_centroids(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Area centroids of polygon features (holes subtracted), vectorised.

    Computed with the shoelace formula in coordinates relative to each
    ring's first vertex, so large projected coordinates lose no precision.
    Features with no area fall back to the mean of their vertices.
    """
    geoms = np.asarray(geoms, dtype=object)
    if len(geoms) > CENTROID_CHUNK:
        parts = [
            _polygon_centroids(geoms[i : i + CENTROID_CHUNK])
            for i in range(0, len(geoms), CENTROID_CHUNK)
        ]
        return (
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts]),
        )
    return _polygon_centroids(geoms)


def _polygon_centroids(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(geoms)
    cx = np.full(n, np.nan)
    cy = np.full(n, np.nan)
    paths = _paths(geoms, polygons=True)
    if len(paths.owner) == 0:
        return cx, cy
    xy, ring_of = paths.xy, paths.path_of
    ring_owner, exterior = paths.owner, paths.exterior
    first = np.ones(len(ring_of), dtype=bool)
    first[1:] = ring_of[1:] != ring_of[:-1]
    ox, oy = xy[first, 0], xy[first, 1]
    # coordinates relative to each ring's first vertex (no precision loss)
    lx = xy[:, 0] - ox[ring_of]
    ly = xy[:, 1] - oy[ring_of]
    # shoelace terms of consecutive vertices; pairs across rings weigh 0
    cross = lx[:-1] * ly[1:]
    cross -= lx[1:] * ly[:-1]
    cross *= ~first[1:]
    ring = ring_of[:-1]
    nr = len(ring_owner)
    area2 = np.bincount(ring, cross, minlength=nr)
    sx = np.bincount(ring, (lx[:-1] + lx[1:]) * cross, minlength=nr)
    sy = np.bincount(ring, (ly[:-1] + ly[1:]) * cross, minlength=nr)
    with np.errstate(invalid="ignore", divide="ignore"):
        rx = sx / (3.0 * area2) + ox
        ry = sy / (3.0 * area2) + oy
    weight = np.where(exterior, 1.0, -1.0) * np.abs(area2)
    ok = weight != 0
    total = np.bincount(ring_owner[ok], weight[ok], minlength=n)
    wx = np.bincount(ring_owner[ok], weight[ok] * rx[ok], minlength=n)
    wy = np.bincount(ring_owner[ok], weight[ok] * ry[ok], minlength=n)
    has = total > 0
    cx[has] = wx[has] / total[has]
    cy[has] = wy[has] / total[has]
    missing = np.flatnonzero(~has)
    if len(missing):
        owner_xy = ring_owner[ring_of]
        cnt = np.bincount(owner_xy, minlength=n)
        mx = np.bincount(owner_xy, xy[:, 0], minlength=n)
        my = np.bincount(owner_xy, xy[:, 1], minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            cx[missing] = mx[missing] / cnt[missing]
            cy[missing] = my[missing] / cnt[missing]
    return cx, cy


def representative_xy(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One position per feature: the point itself, or the centroid.

    Polygons use :func:`polygon_centroids`; points their coordinates;
    lines and multi-points the GEOS centroid. Missing geometries give NaN.
    """
    geoms = np.asarray(geoms, dtype=object)
    n = len(geoms)
    cx = np.full(n, np.nan)
    cy = np.full(n, np.nan)
    if n == 0:
        return cx, cy
    kind = shapely.get_type_id(geoms)
    point = kind == _POINT
    if point.any():
        cx[point] = shapely.get_x(geoms[point])
        cy[point] = shapely.get_y(geoms[point])
    poly = (kind == _POLYGON) | (kind == 6)  # polygon, multipolygon
    if poly.any():
        idx = np.flatnonzero(poly)
        px, py = polygon_centroids(geoms[idx])
        cx[idx], cy[idx] = px, py
    other = ~(point | poly) & (kind >= 0)
    if other.any():
        cent = shapely.centroid(geoms[other])
        cx[other] = shapely.get_x(cent)
        cy[other] = shapely.get_y(cent)
    return cx, cy
