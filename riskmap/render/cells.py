"""The classified risk surface: image crops, class boundaries, hatch areas.

Everything here works on the window of the grid that a view needs, so the
cost of a district page depends on the district's size, not the city's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.path import Path

from riskmap.core.grid import Grid
from riskmap.render.geometry import View


@dataclass(frozen=True)
class Window:
    """Rows ``r0:r1`` and columns ``c0:c1`` of a grid, with their extent."""

    r0: int
    r1: int
    c0: int
    c1: int
    x0: float  # west edge
    y0: float  # north edge
    cell: float

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(left, right, bottom, top) as imshow wants it."""
        return (
            self.x0,
            self.x0 + (self.c1 - self.c0) * self.cell,
            self.y0 - (self.r1 - self.r0) * self.cell,
            self.y0,
        )

    @property
    def empty(self) -> bool:
        return self.r1 <= self.r0 or self.c1 <= self.c0


def window(grid: Grid, view: View, pad: int = 1) -> Window:
    """The grid cells that ``view`` overlaps, ``pad`` cells wider."""
    xmin, ymin, xmax, ymax = view
    c0 = int(np.floor((xmin - grid.x0) / grid.cell)) - pad
    c1 = int(np.ceil((xmax - grid.x0) / grid.cell)) + pad
    r0 = int(np.floor((grid.y0 - ymax) / grid.cell)) - pad
    r1 = int(np.ceil((grid.y0 - ymin) / grid.cell)) + pad
    c0, c1 = max(0, c0), min(grid.ncols, c1)
    r0, r1 = max(0, r0), min(grid.nrows, r1)
    return Window(
        r0, r1, c0, c1, grid.x0 + c0 * grid.cell, grid.y0 - r0 * grid.cell, grid.cell
    )


def coarsen(classes: np.ndarray, win: Window, factor: int) -> tuple[np.ndarray, Window]:
    """Blocks of ``factor`` x ``factor`` cells, each taking its highest class.

    Used where cells are far smaller than a hatch pattern: the highest class
    is kept so that a small 重大 patch never disappears from the page.
    """
    if factor <= 1:
        return classes, win
    rows, cols = classes.shape
    pr, pc = (-rows) % factor, (-cols) % factor
    padded = np.pad(classes, ((0, pr), (0, pc)))
    blocks = padded.reshape(
        (rows + pr) // factor, factor, (cols + pc) // factor, factor
    ).max(axis=(1, 3))
    coarse = Window(
        0,
        blocks.shape[0],
        0,
        blocks.shape[1],
        win.x0,
        win.y0,
        win.cell * factor,
    )
    return blocks, coarse


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, start, stop) of every horizontal run of True in a 2-D mask."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    change = np.diff(padded, axis=1)
    rows, starts = np.nonzero(change == 1)
    _, stops = np.nonzero(change == -1)
    return rows, starts, stops


def _rectangles(x0: np.ndarray, x1: np.ndarray, y0: np.ndarray, y1: np.ndarray) -> Path:
    n = len(x0)
    verts = np.empty((n, 5, 2))
    verts[:, 0] = np.c_[x0, y0]
    verts[:, 1] = np.c_[x1, y0]
    verts[:, 2] = np.c_[x1, y1]
    verts[:, 3] = np.c_[x0, y1]
    verts[:, 4] = verts[:, 0]
    codes = np.tile(
        np.array(
            [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY],
            dtype=np.uint8,
        ),
        n,
    )
    return Path(verts.reshape(-1, 2), codes)


def class_area_path(classes: np.ndarray, win: Window, code: int) -> Path | None:
    """The cells of one class as a compound path of row runs (for hatching)."""
    rows, starts, stops = _runs(classes == code)
    if not len(rows):
        return None
    top = win.y0 - rows * win.cell
    return _rectangles(
        win.x0 + starts * win.cell, win.x0 + stops * win.cell, top - win.cell, top
    )


def _segments(x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> Path:
    verts = np.empty((len(x0), 2, 2))
    verts[:, 0] = np.c_[x0, y0]
    verts[:, 1] = np.c_[x1, y1]
    codes = np.tile(np.array([Path.MOVETO, Path.LINETO], dtype=np.uint8), len(x0))
    return Path(verts.reshape(-1, 2), codes)


def class_boundary_path(classes: np.ndarray, win: Window) -> Path | None:
    """Cell edges where the class changes, merged into straight runs."""
    parts = []
    if classes.shape[0] > 1:
        rows, starts, stops = _runs(classes[1:] != classes[:-1])
        y = win.y0 - (rows + 1) * win.cell
        parts.append((win.x0 + starts * win.cell, y, win.x0 + stops * win.cell, y))
    if classes.shape[1] > 1:
        cols, starts, stops = _runs((classes[:, 1:] != classes[:, :-1]).T)
        x = win.x0 + (cols + 1) * win.cell
        parts.append((x, win.y0 - starts * win.cell, x, win.y0 - stops * win.cell))
    if not parts or not sum(len(p[0]) for p in parts):
        return None
    x0, y0, x1, y1 = (np.concatenate([p[i] for p in parts]) for i in range(4))
    return _segments(x0, y0, x1, y1)
