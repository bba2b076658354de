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
2. a chessboard distance transform of the registered cells gives, for
   each cell, the number k of cells to the nearest registered one; no
   segment is then closer to its centre than k - 1/2 cells;
3. registered cells are visited in rings of growing *square distance* from
   x (distance from x to the nearest point of the cell's square), and the
   exact point-to-segment distance to every segment registered there is
   computed. The nearest point p* of the nearest segment lies in the square
   of a registered cell at square distance <= d*, so once the rings pass the
   best distance found, that distance is exact. The search for x starts at
   square distance k - 1/2 and stops at the best distance found (or at the
   decay distance, beyond which nothing counts).

For a *value-weighted* decay, H(x) = max_s v_s * max(0, 1 - d(x, s) / D),
the same search stops at D * (1 - H_best / v_max): no farther segment can
beat the best value found, so the maximum is exact too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy import ndimage

from riskmap.core.feedback import Feedback, check
from riskmap.core.grid import Grid
from riskmap.hazards.burn import Segments, expand, segment_cells

#: Rings of the search are processed in steps of this many cells of square
#: distance: fewer, larger vectorised steps.
_RING_STEP = 0.5
#: Square distances (cells) up to which every distinct value is its own ring.
_EXACT_RINGS = 2.5
#: Cells per vectorised step, to bound the memory of the (cell, segment) pairs.
_CHUNK = 32768
#: Distances evaluated per vectorised step.
_PAIRS = 1_000_000
#: Segments per step when registering them in cells.
_SEG_CHUNK = 16384
#: Registrations kept from the first ring for the cell table (8 bytes
#: each); beyond this many they are recomputed for the cells that need them.
_KEEP_PAIRS = 24_000_000


def _cell_table(
    seg: np.ndarray, flat: np.ndarray, n_segs: int, grid: Grid, needed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """CSR table of the segments registered in each ``needed`` cell."""
    keep = needed[flat]
    table = sp.csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.int8), (flat[keep], seg[keep])),
        shape=(grid.size, max(1, n_segs)),
    )
    return table.indptr.astype(np.int64), table.indices


def _own_cells(
    segs: Segments,
    data: _SegData,
    seg_value: np.ndarray,
    grid: Grid,
    decay: float,
    out: np.ndarray,
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """First ring: each segment against the centres of the cells it crosses.

    Returns the mask of registered cells and, when there are not too many,
    the (segment, cell) registrations as int32 arrays.
    """
    registered = np.zeros(grid.size, dtype=bool)
    # registrations per segment, before clipping to the grid: an upper bound
    # that lets the kept pairs be written in place (no list + concatenate)
    bound = 2 + (
        np.abs(
            np.floor((segs.bx - grid.x0) / grid.cell)
            - np.floor((segs.ax - grid.x0) / grid.cell)
        )
        + np.abs(
            np.floor((grid.y0 - segs.by) / grid.cell)
            - np.floor((grid.y0 - segs.ay) / grid.cell)
        )
    )
    total = int(bound.sum())
    keep = total <= _KEEP_PAIRS
    seg_kept = np.empty(total if keep else 0, dtype=np.int32)
    flat_kept = np.empty(total if keep else 0, dtype=np.int32)
    filled = 0
    for start in range(0, len(segs), _SEG_CHUNK):
        idx = np.arange(start, min(start + _SEG_CHUNK, len(segs)))
        seg, flat, px, py = segment_cells(segs.take(idx), grid, with_centres=True)
        seg += start
        registered[flat] = True
        d = _seg_distance(px, py, data, seg)
        h = seg_value[seg] * np.maximum(0.0, 1.0 - d / decay)
        np.maximum.at(out, flat, h)
        if keep:
            seg_kept[filled : filled + len(seg)] = seg
            flat_kept[filled : filled + len(seg)] = flat
            filled += len(seg)
    pairs = (seg_kept[:filled], flat_kept[:filled]) if keep else None
    return registered, pairs


def _pairs_near(
    segs: Segments, grid: Grid, needed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Registrations of the segments in the ``needed`` cells, recomputed."""
    segs_out, flats = [], []
    for start in range(0, len(segs), _SEG_CHUNK):
        idx = np.arange(start, min(start + _SEG_CHUNK, len(segs)))
        seg, flat = segment_cells(segs.take(idx), grid)
        ok = needed[flat]
        segs_out.append((seg[ok] + start).astype(np.int32))
        flats.append(flat[ok].astype(np.int32))
    if not segs_out:
        e = np.empty(0, dtype=np.int32)
        return e, e
    return np.concatenate(segs_out), np.concatenate(flats)


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
    # one ring per distinct square distance near the cell (where most cells
    # end their search, so pruning between rings pays), bands beyond
    exact = sq <= _EXACT_RINGS
    band = np.where(
        exact,
        np.round(sq * 1e6).astype(np.int64),
        np.int64(10**8) + np.floor(sq / _RING_STEP).astype(np.int64),
    )
    order = np.argsort(band, kind="stable")
    di, dj, sq, band = di[order], dj[order], sq[order], band[order]
    rings = []
    for b in np.unique(band):
        sel = band == b
        rings.append((di[sel], dj[sel], sq[sel]))
    return rings


@dataclass(frozen=True)
class _SegData:
    """Segments as the search uses them: start, direction, 1 / length^2."""

    ax: np.ndarray
    ay: np.ndarray
    dx: np.ndarray
    dy: np.ndarray
    inv_l2: np.ndarray  # 0 for points (zero-length segments)

    @classmethod
    def of(cls, segs: Segments) -> _SegData:
        dx = segs.bx - segs.ax
        dy = segs.by - segs.ay
        l2 = dx * dx + dy * dy
        inv = np.zeros(len(l2))
        np.divide(1.0, l2, out=inv, where=l2 > 0)
        return cls(segs.ax, segs.ay, dx, dy, inv)


def _seg_distance(
    px: np.ndarray, py: np.ndarray, data: _SegData, s: np.ndarray
) -> np.ndarray:
    """Exact distance from points (px, py) to segments ``s`` (same length)."""
    dx = data.dx[s]
    dy = data.dy[s]
    wx = px - data.ax[s]
    wy = py - data.ay[s]
    t = wx * dx
    t += wy * dy
    t *= data.inv_l2[s]
    np.clip(t, 0.0, 1.0, out=t)
    dx *= t
    dy *= t
    wx -= dx
    wy -= dy
    wx *= wx
    wy *= wy
    wx += wy
    return np.sqrt(wx, out=wx)


def _ring_step(
    active: np.ndarray,
    offsets: np.ndarray,
    sq: np.ndarray,
    radius: np.ndarray,
    grid: Grid,
    data: _SegData,
    seg_value: np.ndarray,
    decay: float,
    indptr: np.ndarray,
    indices: np.ndarray,
    count: np.ndarray,
    registered: np.ndarray,
    out: np.ndarray,
) -> None:
    """Try the segments registered at the flat ``offsets`` of each active cell.

    Active cells lie far enough inside the padded grid that every offset
    stays on it.
    """
    target = active[:, None] + offsets[None, :]
    # offsets beyond a cell's search radius cannot hold a better segment
    ok = sq[None, :] <= radius[:, None] + 1e-9
    ok &= registered[target]
    a_pos, o_pos = np.nonzero(ok)
    if len(a_pos) == 0:
        return
    target = target[a_pos, o_pos]
    cells_all = active[a_pos]
    cx_all = grid.x0 + (cells_all % grid.ncols + 0.5) * grid.cell
    cy_all = grid.y0 - (cells_all // grid.ncols + 0.5) * grid.cell
    n = count[target]
    # split so that no step evaluates more than _PAIRS distances at once
    cuts = np.searchsorted(np.cumsum(n), np.arange(_PAIRS, n.sum(), _PAIRS), "right")
    start = 0
    for end in np.unique(np.append(np.maximum(cuts, 1), len(n))):
        sl = slice(start, int(end))
        start = int(end)
        pair, rank = expand(n[sl])
        s = indices[indptr[target[sl]][pair] + rank]
        cells = cells_all[sl][pair]
        d = _seg_distance(cx_all[sl][pair], cy_all[sl][pair], data, s)
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
    interior = np.zeros(window.grid.shape, dtype=bool)
    window.crop(interior)[...] = True
    out = _max_decay(
        segs, values, window.grid, decay, padded.ravel(), interior.ravel(), feedback
    )
    return window.crop(out.reshape(window.grid.shape)).copy()


def _max_decay(
    segs: Segments,
    values: np.ndarray,
    grid: Grid,
    decay: float,
    out: np.ndarray,
    interior: np.ndarray,
    feedback: Feedback | None,
) -> np.ndarray:
    """:func:`max_decay` on a grid that already includes the halo; only the
    ``interior`` cells are searched (the halo only holds segments)."""
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
    data = _SegData.of(segs)
    registered, pairs = _own_cells(segs, data, seg_value, grid, decay, out)
    if not registered.any():
        return out
    check(feedback)
    reach = decay / grid.cell  # in cells
    rings = _ring_offsets(reach)[1:]  # the own cell is done
    if not rings:
        return out
    first = float(rings[0][2].min())
    # a cell k cells (chessboard) from the nearest registered cell has every
    # segment at a square distance of at least k - 0.5 cells
    k = ndimage.distance_transform_cdt(
        ~registered.reshape(grid.shape), metric="chessboard"
    ).ravel()
    lower = k - 0.5
    radius = reach * (1.0 - out / vmax)
    todo = np.flatnonzero(
        interior & (lower <= radius + 1e-9) & (radius >= first - 1e-9)
    )
    if len(todo) == 0:
        return out
    # only cells within the search radius of an unfinished cell are visited
    if len(todo) > grid.size // 4:
        needed = registered
    else:
        mark = np.ones(grid.size, dtype=bool)
        mark[todo] = False
        near = ndimage.distance_transform_cdt(
            mark.reshape(grid.shape), metric="chessboard"
        ).ravel()
        needed = registered & (near <= float(radius[todo].max()) + 1.5)
        del mark, near
    if pairs is None:
        pairs = _pairs_near(segs, grid, needed)
    indptr, indices = _cell_table(pairs[0], pairs[1], len(segs), grid, needed)
    del pairs
    count = np.diff(indptr)
    registered = count > 0
    # cells enter the search when the rings reach their lower bound
    order = todo[np.argsort(lower[todo], kind="stable")]
    enter = lower[order]
    active = np.empty(0, dtype=np.int64)
    nxt = 0
    for di, dj, sq in rings:
        offsets = di * grid.ncols + dj
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
                offsets,
                sq,
                radius[part],
                grid,
                data,
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
