"""Exact counts of points within a radius of each cell centre."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import cKDTree

from riskmap.core.grid import Grid
from riskmap.hazards.density import count_within


def brute(x, y, grid: Grid, radius: float, w=None) -> np.ndarray:
    cx, cy = np.meshgrid(grid.x_centres(), grid.y_centres())
    d2 = (cx.ravel()[:, None] - x[None, :]) ** 2 + (
        cy.ravel()[:, None] - y[None, :]
    ) ** 2
    hit = d2 <= radius * radius
    w = np.ones(len(x)) if w is None else w
    return (hit * w[None, :]).sum(axis=1).reshape(grid.shape)


@pytest.mark.parametrize(
    "radius,cell", [(200.0, 50.0), (75.0, 50.0), (30.0, 50.0), (500.0, 20.0)]
)
def test_counts_match_brute_force(radius: float, cell: float) -> None:
    rng = np.random.default_rng(int(radius))
    grid = Grid("EPSG:4545", 0.0, 1000.0, cell, int(1000 / cell), int(1200 / cell))
    # points also outside the grid: they count for cells near the edge
    x = rng.uniform(-300, 1500, 3000)
    y = rng.uniform(-300, 1300, 3000)
    np.testing.assert_array_equal(
        count_within(x, y, grid, radius), brute(x, y, grid, radius)
    )


def test_points_exactly_at_the_radius_count() -> None:
    grid = Grid("EPSG:4545", 0.0, 100.0, 50.0, 2, 2)
    # centre of cell (0, 0) is (25, 75): points exactly 200 m away in 4 directions
    x = np.array([225.0, -175.0, 25.0, 25.0, 25.0 + 120.0])
    y = np.array([75.0, 75.0, 275.0, -125.0, 75.0 + 160.0])  # last one: 200 m (3-4-5)
    got = count_within(x, y, grid, 200.0)
    assert got[0, 0] == 5


def test_weights_are_summed() -> None:
    rng = np.random.default_rng(3)
    grid = Grid("EPSG:4545", 0.0, 500.0, 25.0, 20, 20)
    x, y = rng.uniform(0, 500, (2, 400))
    w = rng.uniform(0, 10, 400)
    np.testing.assert_allclose(
        count_within(x, y, grid, 60.0, w), brute(x, y, grid, 60.0, w), rtol=1e-12
    )


def test_kdtree_agrees_on_a_larger_case() -> None:
    rng = np.random.default_rng(9)
    grid = Grid("EPSG:4545", 0.0, 5000.0, 50.0, 100, 100)
    x, y = rng.uniform(-200, 5200, (2, 20000))
    got = count_within(x, y, grid, 200.0)
    cx, cy = np.meshgrid(grid.x_centres(), grid.y_centres())
    want = cKDTree(np.column_stack([x, y])).query_ball_point(
        np.column_stack([cx.ravel(), cy.ravel()]), 200.0, return_length=True
    )
    np.testing.assert_array_equal(got.ravel(), want)


def test_nan_positions_are_ignored() -> None:
    grid = Grid("EPSG:4545", 0.0, 100.0, 50.0, 2, 2)
    got = count_within(np.array([np.nan, 25.0]), np.array([1.0, 75.0]), grid, 10.0)
    assert got.sum() == 1
