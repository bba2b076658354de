"""A synthetic DEM shaped like the main city's terrain, and a population grid.

The DEM follows the four NNE-SSW anticline ridges (缙云山, 中梁山, 铜锣山,
明月山) with steep flanks, rolling hills at 250-400 m between them, and the
Yangtze and Jialing valleys cut down to their water levels (about 165-182 m),
so the rivers cross the ridges in gorges as they do in reality. It is not
survey data: shapes and heights are only plausible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

import shapely

from tools.samplegen.base import Base, work_xy
from tools.samplegen.geography import RIDGES, RIVERS

DEM_CELL = 100.0
POP_CELL = 250.0
DEM_NODATA = -32768
POP_NODATA = -1
#: Persons living in the nine districts (order of the 2020 census, rounded).
POPULATION_TOTAL = 9_600_000


@dataclass
class Raster:
    """A north-up raster in EPSG:4545: ``x0``/``y0`` is the top-left corner."""

    values: np.ndarray
    x0: float
    y0: float
    cell: float
    nodata: float

    @property
    def shape(self) -> tuple[int, int]:
        return self.values.shape

    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        rows, cols = self.shape
        x = self.x0 + (np.arange(cols) + 0.5) * self.cell
        y = self.y0 - (np.arange(rows) + 0.5) * self.cell
        return np.meshgrid(x, y)

    def index(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of points (clipped to the raster)."""
        rows, cols = self.shape
        col = np.clip(((x - self.x0) // self.cell).astype(int), 0, cols - 1)
        row = np.clip(((self.y0 - y) // self.cell).astype(int), 0, rows - 1)
        return row, col

    def sample(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return self.values[self.index(x, y)]


def grid_over(base: Base, cell: float, margin: float) -> Raster:
    xmin, ymin, xmax, ymax = base.union_work.bounds
    x0 = np.floor((xmin - margin) / cell) * cell
    y0 = np.ceil((ymax + margin) / cell) * cell
    cols = int(np.ceil((xmax + margin - x0) / cell))
    rows = int(np.ceil((y0 - (ymin - margin)) / cell))
    return Raster(np.zeros((rows, cols)), float(x0), float(y0), cell, 0.0)


def _burn_line(
    grid: Raster, line: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Cells crossed by a polyline (work CRS) holding values interpolated along it.

    Returns (mask, value raster); the line is sampled every quarter cell.
    """
    geom = shapely.LineString(line)
    steps = np.linspace(0.0, 1.0, int(geom.length / (grid.cell / 4)) + 2)
    pts = shapely.get_coordinates(
        shapely.line_interpolate_point(geom, steps, normalized=True)
    )
    along = np.interp(steps, np.linspace(0, 1, len(values)), values)
    row, col = grid.index(pts[:, 0], pts[:, 1])
    mask = np.zeros(grid.shape, bool)
    out = np.zeros(grid.shape)
    mask[row, col] = True
    out[row, col] = along
    return mask, out


def _nearest(
    grid: Raster, mask: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Distance (m) to the nearest burnt cell and that cell's value."""
    dist, (ri, ci) = ndimage.distance_transform_edt(~mask, return_indices=True)
    return dist * grid.cell, values[ri, ci]


def _smooth_noise(rng: np.random.Generator, shape: tuple[int, int], sigma: float):
    noise = ndimage.gaussian_filter(rng.standard_normal(shape), sigma, mode="reflect")
    return noise / noise.std()


def _taper(u: np.ndarray, ramp: float = 0.12) -> np.ndarray:
    t = np.clip(np.minimum(u, 1 - u) / ramp, 0, 1)
    return t * t * (3 - 2 * t)


def river_levels(base: Base, grid: Raster) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per river: distance to its centre line (m) and its water level there."""
    out = []
    for river in RIVERS:
        line = np.asarray(base.rivers_work[river.name].coords)
        mask, level = _burn_line(grid, line, np.asarray(river.level))
        out.append(_nearest(grid, mask, level))
    return out


def make_dem(base: Base, rng: np.random.Generator) -> Raster:
    """Elevation in metres (int16) on 100 m cells over the districts + 2 km."""
    grid = grid_over(base, DEM_CELL, 2000.0)
    x, y = grid.centres()
    ymid = 0.5 * (y.min() + y.max())
    rivers = river_levels(base, grid)
    to_river = np.minimum.reduce([dist for dist, _ in rivers])
    # Rolling hills (丘陵) rising away from the rivers and a little towards the
    # north and south ends of the city.
    z = 215.0 + 110.0 * (1.0 - np.exp(-to_river / 2500.0))
    z += 35.0 * _smooth_noise(rng, grid.shape, 18) + 12.0 * _smooth_noise(
        rng, grid.shape, 4
    )
    z += 90.0 * ((y - ymid) / 60_000.0) ** 2
    for ridge in RIDGES:
        line = work_xy(ridge.line)
        mask, along = _burn_line(grid, line, np.array([0.0, 1.0]))
        dist, u = _nearest(grid, mask, along)
        dist = np.clip(dist + 250.0 * _smooth_noise(rng, grid.shape, 10), 0, None)
        phase = rng.uniform(0, 2 * np.pi)
        relief = (
            ridge.relief * _taper(u) * (0.85 + 0.15 * np.sin(5 * np.pi * u + phase))
        )
        # A plateau-topped anticline with steep flanks (slopes of 20-30 degrees).
        z += relief / (1.0 + (dist / ridge.half_width) ** 6)
    for river, (dist, level) in zip(RIVERS, rivers, strict=True):
        reach = 2.2 * river.half_width
        carve = 1.0 - np.exp(-np.clip(dist - river.half_width, 0, None) / reach)
        z = level + np.clip(z - level, 0, None) * carve
    z = ndimage.gaussian_filter(z, 0.8)
    inside = shapely.contains_xy(base.union_work.buffer(2000.0), x, y)
    dem = np.where(inside, np.round(z), DEM_NODATA).astype(np.int16)
    return Raster(dem, grid.x0, grid.y0, grid.cell, DEM_NODATA)


def slope_degrees(dem: Raster) -> np.ndarray:
    z = dem.values.astype(float)
    z[dem.values == dem.nodata] = np.nan
    gy, gx = np.gradient(z, dem.cell)
    return np.degrees(np.arctan(np.hypot(gx, gy)))


def make_population(
    base: Base, buildings_xy: np.ndarray, floor_area: np.ndarray
) -> Raster:
    """Persons per 250 m cell: high-rise floor space plus a rural background.

    Residents follow residential floor area (about 35 m² each); the rest of
    the districts get a thin background so that villages are not empty. The
    grid is scaled to :data:`POPULATION_TOTAL`.
    """
    grid = grid_over(base, POP_CELL, 0.0)
    x, y = grid.centres()
    inside = shapely.contains_xy(base.union_work, x, y)
    water = shapely.contains_xy(base.water_work(), x, y)
    land = inside & ~water
    row, col = grid.index(buildings_xy[:, 0], buildings_xy[:, 1])
    urban = np.zeros(grid.shape)
    np.add.at(urban, (row, col), floor_area / 35.0)
    urban = ndimage.gaussian_filter(urban, 1.0)
    background = np.where(land, 1.0, 0.0)
    background = ndimage.gaussian_filter(background, 2.0) * land
    weights = urban / urban[land].sum() * 0.85 + background / background.sum() * 0.15
    people = np.round(weights * POPULATION_TOTAL * land)
    values = np.where(inside, people, POP_NODATA).astype(np.int32)
    return Raster(values, grid.x0, grid.y0, grid.cell, POP_NODATA)
