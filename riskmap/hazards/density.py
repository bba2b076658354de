"""Exact counts (or sums) of points within a radius of every cell centre.

The generic *density* mode (DOMAIN.md 6.1; the reference workload's
F = min(1, n / 5) with n = building centroids within 200 m) needs, for each
cell centre, how many points lie within the radius r. Asking a spatial index
once per cell is slow; here each point is handled once:

- a point sits somewhere in its cell; for each cell offset (di, dj) around
  it, the target centre is either *surely* within r wherever the point is in
  its sub-cell, *surely* beyond r, or *uncertain*;
- sure hits are added for all points at once: a raster of point counts
  convolved with the sure-hit stencil (row runs, so cumulative sums do it);
- only the uncertain offsets (a thin ring) are checked point by point, with
  the exact distance, and added with :func:`numpy.bincount`.

Counting is exact: a point at distance <= r (inclusive) counts. Points a
little outside the grid still count for the cells near the edge.
"""

from __future__ import annotations

import math

import numpy as np

from riskmap.core.feedback import Feedback, check
from riskmap.core.grid import Grid

#: Each cell is split into SUB x SUB parts; points are grouped by the part
#: they lie in, which halves the uncertain ring per point for SUB = 2.
SUB = 3
#: Points per vectorised step of the uncertain ring.
_CHUNK = 131072


def _stencils(
    radius_cells: float, sub: int, k: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per sub-cell part: (sure-hit mask, uncertain offsets) over [-k, k]^2.

    Offsets are (d_row, d_col) from the point's cell to the target cell.
    Positions are in cell units measured from the cell's west / north edge.
    """
    di, dj = np.mgrid[-k : k + 1, -k : k + 1]
    out = []
    for part in range(sub * sub):
        pu, pv = part % sub, part // sub
        ulo, uhi = pu / sub, (pu + 1) / sub
        vlo, vhi = pv / sub, (pv + 1) / sub
        # target centre relative to the cell's west/north edge
        tu = dj + 0.5
        tv = di + 0.5
        near_u = np.maximum(0.0, np.maximum(ulo - tu, tu - uhi))
        near_v = np.maximum(0.0, np.maximum(vlo - tv, tv - vhi))
        far_u = np.maximum(np.abs(tu - ulo), np.abs(tu - uhi))
        far_v = np.maximum(np.abs(tv - vlo), np.abs(tv - vhi))
        nearest = np.hypot(near_u, near_v)
        farthest = np.hypot(far_u, far_v)
        sure = farthest <= radius_cells * (1 - 1e-12)
        unsure = (nearest <= radius_cells * (1 + 1e-12)) & ~sure
        out.append((sure, np.stack([di[unsure], dj[unsure]], axis=1)))
    return out


def _add_runs(out: np.ndarray, counts: np.ndarray, sure: np.ndarray, k: int) -> None:
    """out[r, c] += sum of counts[r - di, c - dj] over the sure offsets.

    ``counts`` is padded by ``k`` on every side relative to ``out``; each
    stencil row is a run of ones (the stencil is convex), added with one
    cumulative-sum difference.
    """
    nrows, ncols = out.shape
    csum = np.zeros((counts.shape[0], counts.shape[1] + 1))
    np.cumsum(counts, axis=1, out=csum[:, 1:])
    for row in range(sure.shape[0]):
        cols = np.flatnonzero(sure[row])
        if len(cols) == 0:
            continue
        di = row - k
        a, b = cols[0] - k, cols[-1] - k  # dj run [a, b]
        src = slice(k - di, k - di + nrows)
        # sum over dj in [a, b] of counts[r - di, c - dj], padded column c + k
        hi = csum[src, k - a + 1 : k - a + 1 + ncols]
        lo = csum[src, k - b : k - b + ncols]
        out += hi - lo


def count_within(
    x: np.ndarray,
    y: np.ndarray,
    grid: Grid,
    radius: float,
    weights: np.ndarray | None = None,
    feedback: Feedback | None = None,
) -> np.ndarray:
    """Number (or sum of ``weights``) of points within ``radius`` of each centre.

    Parameters
    ----------
    x, y
        Point coordinates in the grid's CRS (NaN positions are ignored).
    grid
        The cells to compute.
    radius
        Metres; a point exactly at the radius counts.
    weights
        Optional value per point (default 1 each).

    Returns
    -------
    numpy.ndarray
        float64 array of ``grid.shape``.
    """
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    w = np.ones(len(x)) if weights is None else np.asarray(weights, dtype="float64")
    out = np.zeros(grid.shape)
    if radius < 0 or len(x) == 0:
        return out
    c = grid.cell
    r_cells = radius / c
    k = math.ceil(r_cells) + 1
    u = (x - grid.x0) / c
    v = (grid.y0 - y) / c
    col = np.floor(u)
    row = np.floor(v)
    keep = (
        np.isfinite(u)
        & np.isfinite(v)
        & np.isfinite(w)
        & (w != 0)
        & (row >= -k)
        & (row < grid.nrows + k)
        & (col >= -k)
        & (col < grid.ncols + k)
    )
    if not keep.all():
        u, v, row, col, w = u[keep], v[keep], row[keep], col[keep], w[keep]
    if len(u) == 0:
        return out
    fu, fv = u - col, v - row
    part = np.minimum(np.floor(fu * SUB), SUB - 1) + SUB * np.minimum(
        np.floor(fv * SUB), SUB - 1
    )
    row = row.astype(np.int64)
    col = col.astype(np.int64)
    prow, pcol = grid.nrows + 2 * k, grid.ncols + 2 * k
    pflat = (row + k) * pcol + (col + k)
    r2 = radius * radius
    for p, (sure, unsure) in enumerate(_stencils(r_cells, SUB, k)):
        check(feedback)
        sel = np.flatnonzero(part == p)
        if len(sel) == 0:
            continue
        counts = np.bincount(pflat[sel], w[sel], minlength=prow * pcol)
        _add_runs(out, counts.reshape(prow, pcol), sure, k)
        for start in range(0, len(sel), _CHUNK):
            _add_unsure(
                out, sel[start : start + _CHUNK], unsure, u, v, row, col, w, c, r2
            )
    return out


def _add_unsure(
    out: np.ndarray,
    sel: np.ndarray,
    unsure: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    row: np.ndarray,
    col: np.ndarray,
    w: np.ndarray,
    cell: float,
    r2: float,
) -> None:
    """Check the uncertain offsets of points ``sel`` one distance at a time."""
    nrows, ncols = out.shape
    if len(unsure) == 0:
        return
    prow, pcol = row[sel], col[sel]
    # offsets of each point from its cell's centre, in metres
    ou = (0.5 - (u[sel] - pcol)) * cell
    ov = (0.5 - (v[sel] - prow)) * cell
    base = prow * ncols + pcol
    pw = w[sel]
    flats, weights = [], []
    for di, dj in unsure:
        du = ou + dj * cell
        dv = ov + di * cell
        hit = du * du + dv * dv <= r2
        tr = prow + di
        tc = pcol + dj
        hit &= (tr >= 0) & (tr < nrows) & (tc >= 0) & (tc < ncols)
        flats.append(base[hit] + (di * ncols + dj))
        weights.append(pw[hit])
    flat = np.concatenate(flats)
    out += np.bincount(flat, np.concatenate(weights), minlength=out.size).reshape(
        out.shape
    )
