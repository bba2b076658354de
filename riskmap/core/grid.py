"""The analysis grid: square cells in the working CRS, row 0 at the north.

Values are taken at cell centres (DOMAIN.md section 0). Work runs in tiles of
whole rows so that a large city at fine resolution never needs every
full-size working array at once; a tile is computed on a *window* that adds a
halo around it, so that features just outside the tile (or outside the grid)
still reach the cells they should.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Grid:
    """Square cells of ``cell`` metres; (x0, y0) is the north-west corner."""

    crs: str
    x0: float  # west edge
    y0: float  # north edge
    cell: float
    nrows: int
    ncols: int

    @classmethod
    def covering(
        cls, bounds: tuple[float, float, float, float], cell: float, crs: str
    ) -> Grid:
        """The grid over ``bounds`` snapped outward to multiples of ``cell``."""
        xmin, ymin, xmax, ymax = bounds
        x0 = math.floor(xmin / cell) * cell
        y1 = math.floor(ymin / cell) * cell
        x1 = math.ceil(xmax / cell) * cell
        y0 = math.ceil(ymax / cell) * cell
        ncols = max(1, round((x1 - x0) / cell))
        nrows = max(1, round((y0 - y1) / cell))
        return cls(crs, float(x0), float(y0), float(cell), int(nrows), int(ncols))

    @property
    def shape(self) -> tuple[int, int]:
        return self.nrows, self.ncols

    @property
    def size(self) -> int:
        return self.nrows * self.ncols

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return (
            self.x0,
            self.y0 - self.nrows * self.cell,
            self.x0 + self.ncols * self.cell,
            self.y0,
        )

    @property
    def transform(self) -> tuple[float, float, float, float, float, float]:
        """Affine coefficients (a, b, c, d, e, f) as rasterio/affine order them."""
        return (self.cell, 0.0, self.x0, 0.0, -self.cell, self.y0)

    def x_centres(self) -> np.ndarray:
        return self.x0 + (np.arange(self.ncols) + 0.5) * self.cell

    def y_centres(self, row0: int = 0, row1: int | None = None) -> np.ndarray:
        row1 = self.nrows if row1 is None else row1
        return self.y0 - (np.arange(row0, row1) + 0.5) * self.cell

    def centre(self, row: int, col: int) -> tuple[float, float]:
        """Projected coordinates of the centre of cell (row, col)."""
        return (
            self.x0 + (col + 0.5) * self.cell,
            self.y0 - (row + 0.5) * self.cell,
        )

    def cell_of(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, col) of the cell holding point (x, y), or None outside."""
        col = math.floor((x - self.x0) / self.cell)
        row = math.floor((self.y0 - y) / self.cell)
        if 0 <= row < self.nrows and 0 <= col < self.ncols:
            return row, col
        return None

    def cells_of(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Flat cell index of each point, -1 for points outside the grid.

        A point on a shared cell edge belongs to the cell east / south of it,
        the same half-open rule as :meth:`cell_of`.
        """
        col = np.floor((np.asarray(x, dtype="float64") - self.x0) / self.cell)
        row = np.floor((self.y0 - np.asarray(y, dtype="float64")) / self.cell)
        inside = (row >= 0) & (row < self.nrows) & (col >= 0) & (col < self.ncols)
        flat = np.where(inside, row * self.ncols + col, -1)
        return flat.astype(np.int64)

    def tiles(self, rows_per_tile: int) -> Iterator[GridTile]:
        rows_per_tile = max(1, int(rows_per_tile))
        for row0 in range(0, self.nrows, rows_per_tile):
            yield GridTile(self, row0, min(self.nrows, row0 + rows_per_tile))

    def whole(self) -> GridTile:
        """The whole grid as one tile."""
        return GridTile(self, 0, self.nrows)


@dataclass(frozen=True)
class GridTile:
    """Rows ``row0:row1`` of a grid, as a grid of their own."""

    grid: Grid
    row0: int
    row1: int

    @property
    def shape(self) -> tuple[int, int]:
        return self.row1 - self.row0, self.grid.ncols

    @property
    def as_grid(self) -> Grid:
        g = self.grid
        return Grid(g.crs, g.x0, g.y0 - self.row0 * g.cell, g.cell, *self.shape)

    @property
    def rows(self) -> slice:
        return slice(self.row0, self.row1)

    def window(self, halo_m: float) -> Window:
        """The tile grown by at least ``halo_m`` metres on every side.

        The window may reach beyond the grid: features outside the district
        extent still affect the cells near its edge.
        """
        g = self.grid
        pad = max(0, math.ceil(max(0.0, float(halo_m)) / g.cell))
        nrows, ncols = self.shape
        wgrid = Grid(
            g.crs,
            g.x0 - pad * g.cell,
            g.y0 - (self.row0 - pad) * g.cell,
            g.cell,
            nrows + 2 * pad,
            ncols + 2 * pad,
        )
        return Window(wgrid, pad, nrows, ncols)


@dataclass(frozen=True)
class Window:
    """A grid around a tile; ``crop`` cuts a window array back to the tile."""

    grid: Grid
    pad: int
    nrows: int
    ncols: int

    def crop(self, values: np.ndarray) -> np.ndarray:
        p = self.pad
        return values[p : p + self.nrows, p : p + self.ncols]
