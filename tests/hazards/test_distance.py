"""The exact distance search, against shapely's distances on random data."""

from __future__ import annotations

import numpy as np
import pytest

import shapely

from riskmap.core.grid import Grid
from riskmap.hazards.burn import segments_of
from riskmap.hazards.distance import max_decay, nearest_distance

#: The documented bound: distances are exact up to floating point.
BOUND_M = 1e-6


def centre_points(grid: Grid) -> np.ndarray:
    x, y = np.meshgrid(grid.x_centres(), grid.y_centres())
    return shapely.points(x.ravel(), y.ravel())


def exact(geoms: np.ndarray, grid: Grid) -> np.ndarray:
    """Distance from every centre to the nearest geometry, by brute force."""
    pts = centre_points(grid)
    d = np.full(len(pts), np.inf)
    for g in geoms:
        d = np.minimum(d, shapely.distance(pts, g))
    return d.reshape(grid.shape)


def random_walks(rng: np.random.Generator, n: int, box: tuple) -> np.ndarray:
    x0, y0, x1, y1 = box
    out = []
    for _ in range(n):
        k = rng.integers(2, 9)
        start = rng.uniform([x0, y0], [x1, y1])
        steps = rng.normal(0, 60, (k - 1, 2))
        xy = np.vstack([start, start + np.cumsum(steps, axis=0)])
        out.append(shapely.linestrings(xy))
    return np.array(out, dtype=object)


@pytest.mark.parametrize("seed,n,cell", [(0, 5, 50.0), (1, 60, 50.0), (2, 300, 25.0)])
def test_distance_to_lines_is_exact(seed: int, n: int, cell: float) -> None:
    rng = np.random.default_rng(seed)
    grid = Grid("EPSG:4545", 0.0, 2000.0, cell, int(2000 / cell), int(2400 / cell))
    # some lines reach outside the grid; they still count for edge cells
    lines = random_walks(rng, n, (-300, -300, 2700, 2300))
    got = nearest_distance(segments_of(lines), grid, 500.0)
    want = exact(lines, grid)
    near = want < 500.0
    assert np.abs(got[near] - want[near]).max() < BOUND_M
    assert np.isinf(got[want > 500.0 + BOUND_M]).all()


def test_distance_to_points_and_polygon_outlines() -> None:
    rng = np.random.default_rng(5)
    grid = Grid("EPSG:4545", 0.0, 1000.0, 20.0, 50, 50)
    pts = shapely.points(rng.uniform(-100, 1100, (40, 2)))
    polys = shapely.buffer(shapely.points(rng.uniform(0, 1000, (8, 2))), 40.0)
    geoms = np.concatenate([pts, shapely.boundary(polys)])
    got = nearest_distance(segments_of(geoms), grid, 300.0)
    want = exact(geoms, grid)
    near = want < 300.0
    assert np.abs(got[near] - want[near]).max() < BOUND_M


def test_value_weighted_decay_takes_the_best_feature() -> None:
    rng = np.random.default_rng(7)
    grid = Grid("EPSG:4545", 0.0, 1500.0, 50.0, 30, 30)
    lines = random_walks(rng, 40, (0, 0, 1500, 1500))
    values = rng.uniform(0.1, 1.0, len(lines))
    got = max_decay(segments_of(lines), values, grid, 400.0)
    pts = centre_points(grid)
    want = np.zeros(len(pts))
    for g, v in zip(lines, values, strict=True):
        want = np.maximum(want, v * np.maximum(0, 1 - shapely.distance(pts, g) / 400))
    np.testing.assert_allclose(got.ravel(), want, atol=1e-9)


def test_initial_values_are_kept() -> None:
    grid = Grid("EPSG:4545", 0.0, 100.0, 10.0, 10, 10)
    line = np.array([shapely.LineString([(5, 95), (95, 95)])], dtype=object)
    start = np.full(grid.shape, 0.9)
    got = max_decay(segments_of(line), np.array([1.0]), grid, 50.0, start)
    assert (got >= 0.9).all()
    assert got[0, 0] == pytest.approx(1.0)


def test_the_reference_decay_at_hand_computed_cells() -> None:
    # a horizontal route along y = 1000; cell centres at 25, 75, ... m
    grid = Grid("EPSG:4545", 0.0, 1300.0, 50.0, 12, 4)
    route = np.array([shapely.LineString([(-100, 1000), (300, 1000)])], dtype=object)
    h = max_decay(segments_of(route), np.array([1.0]), grid, 500.0)
    # row r has its centre at y = 1275 - 50 r: distance |275 - 50 r|
    for r in range(12):
        d = abs(275 - 50 * r)
        assert h[r, 1] == pytest.approx(max(0.0, 1 - d / 500), abs=1e-12)


def test_small_steps_give_the_same_distances(monkeypatch: pytest.MonkeyPatch) -> None:
    from riskmap.hazards import distance

    rng = np.random.default_rng(11)
    grid = Grid("EPSG:4545", 0.0, 1000.0, 25.0, 40, 40)
    lines = random_walks(rng, 80, (-100, -100, 1100, 1100))
    want = nearest_distance(segments_of(lines), grid, 300.0)
    # chunked registration, recomputed registrations, split evaluations
    monkeypatch.setattr(distance, "_SEG_CHUNK", 7)
    monkeypatch.setattr(distance, "_KEEP_PAIRS", 10)
    monkeypatch.setattr(distance, "_CHUNK", 13)
    monkeypatch.setattr(distance, "_PAIRS", 17)
    got = nearest_distance(segments_of(lines), grid, 300.0)
    np.testing.assert_array_equal(got, want)
    assert np.isfinite(got).sum() > 100


@pytest.mark.parametrize("decay", [10.0, 35.0, 120.0, 2000.0])
def test_awkward_geometry_and_short_or_long_decay(decay: float) -> None:
    grid = Grid("EPSG:4545", 0.0, 500.0, 50.0, 10, 10)
    lines = np.array(
        [
            shapely.LineString([(0, 250), (500, 250)]),  # along a cell edge
            shapely.LineString([(100, 0), (100, 500)]),  # along a column edge
            shapely.LineString([(0, 0), (500, 500)]),  # through cell corners
            shapely.LineString([(330, 330), (330, 330), (340, 335)]),  # repeated vertex
            shapely.LineString([(-900, -900), (-800, -950)]),  # far outside
            shapely.Point(425, 75),
        ],
        dtype=object,
    )
    got = max_decay(segments_of(lines), np.ones(len(lines)), grid, decay)
    want = np.maximum(0, 1 - exact(lines, grid) / decay)
    np.testing.assert_allclose(got, want, atol=1e-9)
