"""District statistics and levels (DOMAIN.md 7, DESIGN.md columns)."""

from __future__ import annotations

import numpy as np
import pytest

import geopandas as gpd
import shapely

from riskmap.core.classify import classify
from riskmap.core.districts import (
    STAT_COLUMNS,
    district_index,
    district_level,
    district_stats,
    duplicate_names,
)
from riskmap.core.grid import Grid
from riskmap.hazards.burn import polygon_fill

GRID = Grid("EPSG:4545", 0.0, 40.0, 10.0, 4, 4)
B = (0.25, 0.5, 0.75)


def districts() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["西区", "东区", "小区", "西区"]},
        geometry=[
            shapely.box(0, 0, 20, 40),  # west half: 8 cells
            shapely.box(20, 0, 40, 40),  # east half: 8 cells
            shapely.box(21, 21, 24, 24),  # inside the east half, no centre
            shapely.box(100, 100, 110, 110),  # off the grid
        ],
        crs="EPSG:4545",
    )


def test_index_gives_each_centre_one_district() -> None:
    idx = district_index(districts().geometry.values, GRID, polygon_fill)
    assert (idx[:, :2] == 0).all() and (idx[:, 2:] == 1).all()


def test_stats_by_hand() -> None:
    d = districts()
    idx = district_index(d.geometry.values, GRID, polygon_fill)
    r = np.zeros(GRID.shape)
    r[:, :2] = [[0.1, 0.2], [0.3, 0.4], [0.6, 0.8], [0.0, 0.0]]
    r[:, 2:] = 0.3
    r[1, 2] = 0.9  # 1 of 8 cells 重大 in the east: 12.5 % >= 10 %
    cls = classify(r, B)
    h1 = r.copy()
    h2 = np.zeros(GRID.shape)
    h2[:, :2] = 1.0
    s = district_stats(d, idx, r, cls, GRID, B, [h1, h2], [1.0, 0.2], ["滑坡", "火灾"])
    assert list(s.columns[: len(STAT_COLUMNS)]) == STAT_COLUMNS
    west, east, small, off = (s.iloc[i] for i in range(4))
    assert west.cells == 8 and west["mean"] == pytest.approx(2.4 / 8)
    assert west["max"] == pytest.approx(0.8)
    # 0.1 0.2 0 0 blue, 0.3 0.4 yellow, 0.6 orange, 0.8 red
    assert (west.share_blue, west.share_yellow, west.share_orange, west.share_red) == (
        0.5,
        0.25,
        0.125,
        0.125,
    )
    # mean 0.3 is 一般, but 12.5 % of cells are 重大: raised to 较大
    assert west.level == "较大风险" and west.level_code == 3
    assert west.dominant_hazard == "滑坡"  # sum 2.4 * 1.0 vs 8 * 0.2
    assert east["mean"] == pytest.approx((7 * 0.3 + 0.9) / 8)
    assert east.level == "较大风险"  # 12.5 % 重大
    # no centre inside: valued at the cell holding its representative point
    assert small.cells == 0 and small["mean"] == pytest.approx(0.9)
    assert np.isnan(small.share_red) and small.level == "重大风险"
    assert off.cells == 0 and np.isnan(off["mean"]) and off.level == ""


def test_population_weighted_mean() -> None:
    d = districts().iloc[:2]
    idx = district_index(d.geometry.values, GRID, polygon_fill)
    r = np.where(np.arange(16).reshape(4, 4) % 4 == 0, 1.0, 0.0)
    pop = np.zeros(GRID.shape)
    pop[0, 0] = 30.0
    pop[0, 1] = 10.0
    s = district_stats(d, idx, r, classify(r, B), GRID, B, population=pop)
    assert s.iloc[0]["mean"] == pytest.approx(0.75)
    assert s.iloc[1]["mean"] == pytest.approx(0.0)  # no people: area mean


def test_level_rule() -> None:
    assert district_level(0.2, 0.0, B) == 1
    assert district_level(0.2, 0.10, B) == 3  # exactly 10 % 重大
    assert district_level(0.2, 0.099, B) == 1
    assert district_level(0.8, 0.0, B) == 4


def test_duplicate_names() -> None:
    assert duplicate_names(["a", "b", "a", "c", "b"]) == ["a", "b"]
