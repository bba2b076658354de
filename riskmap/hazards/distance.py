"""Exact distances from cell centres to lines, outlines and points.

The reference models (DOMAIN.md 5.3 and the generic *value* mode with a
decay distance) need the distance from each cell centre to the geometry
itself. Measuring to burnt cells instead (what a proximity raster does) is
off by up to about 0.7 cell; here the distance is **exact** (to floating
point, below a micrometre) and still vectorised:

1. every segment is registered in the cells it passes through
   (:func:`riskmap.hazards.burn.segment_cells`) and measured from their
   centres (the first ring below, which settles most cells of a dense
   network); a cell -> segments table is then built for the cells the
   remaining search needs;
2. a Euclidean distance transform of the registered cells gives, for each
   cell centre x, the distance e(x) to the nearest registered cell centre;
   no segment point is closer to x than e(x) - h (h = half the cell
   diagonal);
3. registered cells are visited in rings of growing *square distance* from
   x (distance from x to the nearest point of the cell's square), and the
   exact point-to-segment distance to every segment registered there is
   computed. The nearest point p* of the nearest segment lies in the square
   of a registered cell at square distance <= d*, so once the rings pass the
   best distance found, that distance is exact. The search for x starts at
   square distance e(x) - h and stops at the best distance found (or at the
   decay distance, beyond which nothing counts).

For a *value-weighted* decay, H(x) = max_s v_s * max(0, 1 - d(x, s) / D),
the same search stops at D * (1 - H_best / v_max): no farther segment can
beat the best value found, so the maximum is exact too.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy import ndimage

from riskmap.core.feedback import Feedback, check
from riskmap.core.grid import Grid
from riskmap.hazards.burn import Segments, expand, segment_cells

#: Rings of the search are processed in steps of this many cells of square
#: distance: fewer, larger vectorised steps.
_RING_STEP = 0.5
#: Cells per vectorised step, to bound the memory of the (cell, segment) pairs.
_CHUNK = 131072
#: Segments per step when registering them in cells.
_SEG_CHUNK = 262144


def _cell_table(
    segs: Segments, grid: Grid, needed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """CSR table of the segments registered in each ``needed`` cell."""
    segs_out, flats = [], []
    for start in range(0, len(segs), _SEG_CHUNK):
        part = segs.take(np.arange(start, min(start + _SEG_CHUNK, len(segs))))
        seg, flat = segment_cells(part, grid)
        keep = needed[flat]
        segs_out.append((seg[keep] + start).astype(np.int32))
        flats.append(flat[keep].astype(np.int32))
    seg = np.concatenate(segs_out)
    flat = np.concatenate(flats)
    table = sp.csr_matrix(
        (np.ones(len(seg), dtype=np.int8), (flat, seg)),
        shape=(grid.size, max(1, len(segs))),
    )
    return table.indptr.astype(np.int64), table.indices


def _own_cells(
    segs: Segments, seg_value: np.ndarray, grid: Grid, decay: float, out: np.ndarray
) -> np.ndarray:
    """First ring: each segment against the centres of the cells it crosses.

    Returns the mask of cells some segment passes through.
    """
    registered = np.zeros(grid.size, dtype=bool)
    ncols, cell = grid.ncols, grid.cell
    for start in range(0, len(segs), _SEG_CHUNK):
        idx = np.arange(start, min(start + _SEG_CHUNK, len(segs)))
        seg, flat = segment_cells(segs.take(idx), grid)
        seg += start
        registered[flat] = True
        px = grid.x0 + (flat % ncols + 0.5) * cell
        py = grid.y0 - (flat // ncols + 0.5) * cell
        d = _seg_distance(px, py, segs, seg)
        h = seg_value[seg] * np.maximum(0.0, 1.0 - d / decay)
        np.maximum.at(out, flat, h)
    return registered


def _ring_offsets(
    reach_cells: float,
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Cell offsets grouped in rings of growing square distance (cells).

    Each ring is (d_row, d_col, square distance) of its offsets.
    """
    k = int(np.ceil(reach_cells)) + 1
    di, dj = np.mgrid[-k : k + 1, -k : k + 1]
    di, dj = di.ravel(), dj.ravel()
    sq = np.hypot(np.maximum(np.abs(di) - 0.5, 0.0), np.maximum(np.abs(dj) - 0.5, 0.0))
    keep = sq <= reach_cells + 1e-9
    di, dj, sq = di[keep], dj[keep], sq[keep]
    band = np.floor(sq / _RING_STEP).astype(np.int64)
    order = np.argsort(band, kind="stable")
    di, dj, sq, band = di[order], dj[order], sq[order], band[order]
    rings = []
    for b in np.unique(band):
        sel = band == b
        rings.append((di[sel], dj[sel], sq[sel]))
    return rings


def _seg_distance(
    px: np.ndarray, py: np.ndarray, segs: Segments, s: np.ndarray
) -> np.ndarray:
    """Exact distance from points (px, py) to segments ``s`` (same length)."""
    ax = segs.ax[s]
    ay = segs.ay[s]
    dx = segs.bx[s] - ax
    dy = segs.by[s] - ay
    wx = px - ax
    wy = py - ay
    l2 = dx * dx + dy * dy
    t = wx * dx + wy * dy
    np.divide(t, l2, out=t, where=l2 > 0)
    t[l2 <= 0] = 0.0
    np.clip(t, 0.0, 1.0, out=t)
    wx -= t * dx
    wy -= t * dy
    return np.hypot(wx, wy)


def _ring_step(
    active: np.ndarray,
    di: np.ndarray,
    dj: np.ndarray,
    sq: np.ndarray,
    radius: np.ndarray,
    grid: Grid,
    segs: Segments,
    seg_value: np.ndarray,
    decay: float,
    indptr: np.ndarray,
    indices: np.ndarray,
    count: np.ndarray,
    registered: np.ndarray,
    out: np.ndarray,
) -> None:
    """Try the segments registered at offsets (di, dj) of each active cell."""
    ncols, nrows, cell = grid.ncols, grid.nrows, grid.cell
    row = active // ncols
    col = active % ncols
    a_idx, o_idx = expand(np.full(len(active), len(di), dtype=np.int64))
    # offsets beyond the cell's search radius cannot hold a better segment
    near = sq[o_idx] <= radius[a_idx] + 1e-9
    a_idx, o_idx = a_idx[near], o_idx[near]
    r2 = row[a_idx] + di[o_idx]
    c2 = col[a_idx] + dj[o_idx]
    ok = (r2 >= 0) & (r2 < nrows) & (c2 >= 0) & (c2 < ncols)
    target = np.where(ok, r2 * ncols + c2, 0)
    ok &= registered[target]
    if not ok.any():
        return
    a_idx, target = a_idx[ok], target[ok]
    pair, rank = expand(count[target])
    s = indices[indptr[target][pair] + rank]
    cells = active[a_idx[pair]]
    px = grid.x0 + (cells % ncols + 0.5) * cell
    py = grid.y0 - (cells // ncols + 0.5) * cell
    d = _seg_distance(px, py, segs, s)
    h = seg_value[s] * np.maximum(0.0, 1.0 - d / decay)
    np.maximum.at(out, cells, h)


def max_decay(
    segs: Segments,
    values: np.ndarray,
    grid: Grid,
    decay: float,
    initial: np.ndarray | None = None,
    feedback: Feedback | None = None,
) -> np.ndarray:
    """H(x) = max over segments of v * max(0, 1 - d(x, segment) / decay).

    Parameters
    ----------
    segs
        Segments of lines, outlines or points (zero-length segments);
        segments outside ``grid`` but within ``decay`` of it count.
    values
        The value v of each *feature* (indexed by ``segs.feature``), >= 0.
    grid
        The cells to compute.
    decay
        The distance D in metres at which the value has fallen to 0.
    initial
        Optional per-cell starting values (for example the values of the
        polygons that contain the centre); the result is never below them.

    Returns
    -------
    numpy.ndarray
        float64 array of ``grid.shape``. Distances are exact (see the module
        docstring); the only error is floating-point rounding.
    """
    start = np.zeros(grid.shape) if initial is None else np.asarray(initial, float)
    if decay <= 0 or len(segs) == 0:
        return start.reshape(grid.shape).copy()
    # work on the grid grown by the decay distance, so that segments just
    # outside it are registered in cells and found
    window = grid.whole().window(decay + grid.cell)
    padded = np.zeros(window.grid.shape)
    window.crop(padded)[...] = start.reshape(grid.shape)
    out = _max_decay(segs, values, window.grid, decay, padded.ravel(), feedback)
    return window.crop(out.reshape(window.grid.shape)).copy()


def _max_decay(
    segs: Segments,
    values: np.ndarray,
    grid: Grid,
    decay: float,
    out: np.ndarray,
    feedback: Feedback | None,
) -> np.ndarray:
    """:func:`max_decay` on a grid that already includes the halo."""
    segs = segs.near(grid, decay)
    if len(segs) == 0:
        return out
    seg_value = np.asarray(values, dtype="float64")[segs.feature]
    live = seg_value > 0
    if not live.all():
        segs, seg_value = segs.take(np.flatnonzero(live)), seg_value[live]
    if len(segs) == 0:
        return out
    vmax = float(seg_value.max())
    check(feedback)
    registered = _own_cells(segs, seg_value, grid, decay, out)
    if not registered.any():
        return out
    check(feedback)
    reach = decay / grid.cell  # in cells
    rings = _ring_offsets(reach)[1:]  # the own cell is done
    if not rings:
        return out
    first = float(rings[0][2].min())
    e = ndimage.distance_transform_edt(~registered.reshape(grid.shape)).ravel()
    # no segment is nearer to a centre than e - h (in cells of square distance)
    lower = e - np.sqrt(0.5)
    radius = reach * (1.0 - out / vmax)
    todo = np.flatnonzero((lower <= radius + 1e-9) & (radius >= first - 1e-9))
    if len(todo) == 0:
        return out
    # only cells within the search radius of an unfinished cell are visited
    if len(todo) > grid.size // 4:
        needed = registered
    else:
        mark = np.ones(grid.size, dtype=bool)
        mark[todo] = False
        near = ndimage.distance_transform_edt(mark.reshape(grid.shape)).ravel()
        needed = registered & (near <= float(radius[todo].max()) + 1.5)
        del mark, near
    del e
    indptr, indices = _cell_table(segs, grid, needed)
    count = np.diff(indptr)
    registered = count > 0
    # cells enter the search when the rings reach their lower bound
    order = todo[np.argsort(lower[todo], kind="stable")]
    enter = lower[order]
    active = np.empty(0, dtype=np.int64)
    nxt = 0
    for di, dj, sq in rings:
        sq_min = float(sq.min())
        hi = int(np.searchsorted(enter, sq_min + _RING_STEP + 1e-9, side="right"))
        if hi > nxt:
            active = np.concatenate([active, order[nxt:hi]])
            nxt = hi
        if len(active):
            radius = reach * (1.0 - out[active] / vmax)
            keep = radius >= sq_min - 1e-9
            active, radius = active[keep], radius[keep]
        if len(active) == 0:
            if nxt >= len(order):
                break
            continue
        check(feedback)
        for start in range(0, len(active), _CHUNK):
            part = slice(start, start + _CHUNK)
            _ring_step(
                active[part],
                di,
                dj,
                sq,
                radius[part],
                grid,
                segs,
                seg_value,
                decay,
                indptr,
                indices,
                count,
                registered,
                out,
            )
    return out


def nearest_distance(
    segs: Segments,
    grid: Grid,
    max_distance: float,
    feedback: Feedback | None = None,
) -> np.ndarray:
    """Exact distance from each cell centre to the nearest segment.

    Cells farther than ``max_distance`` get ``inf``.
    """
    ones = np.ones(int(segs.feature.max()) + 1 if len(segs) else 0)
    h = max_decay(segs, ones, grid, max_distance, feedback=feedback)
    d = (1.0 - h) * max_distance
    d[h <= 0] = np.inf
    return d
