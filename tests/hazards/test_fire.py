"""High-rise fire index B (DOMAIN.md 4.2) with hand-computed expectations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import shapely

from riskmap.core.grid import Grid
from riskmap.hazards import vocab
from tests.hazards.conftest import CRS, frame, loaded, run_model

GRID = Grid(CRS, 0.0, 200.0, 50.0, 4, 4)
W = {
    "height": 0.20,
    "use": 0.15,
    "era": 0.15,
    "systems": 0.20,
    "travel": 0.20,
    "access": 0.10,
}


def test_a_building_with_every_attribute_missing_scores_neutral() -> None:
    f = frame([shapely.box(60, 110, 80, 130)], height_m=[np.nan])
    h, ctx, prep = run_model("highrise_fire", f, GRID)
    assert prep.feature_scores[0] == pytest.approx(0.5)
    assert h[1, 1] == pytest.approx(0.5)
    notes = " ".join(ctx.notes)
    for name in ("height", "use", "era", "systems", "access"):
        assert f"1 buildings took the neutral score 0.5 for '{name}'" in notes
    assert "no fire-station layer" in notes


def test_hand_computed_index_with_a_fire_station() -> None:
    # 住宅 60 m: 一类 (0.7); use 0.5; built 2010 (0.5); sprinkler not required
    # under 100 m and working (0), alarm required over 54 m and faulty (0.5):
    # systems 0.5; station 3 km away at 30 km/h = 6 min: (6 - 4) / 6;
    # lift present, stair missing, access compliant: one missing, 0.5
    f = frame(
        [shapely.box(60, 110, 80, 130)],
        height_m=[60.0],
        use=["住宅"],
        year_built=[2010],
        sprinkler=["有"],
        alarm=["故障"],
        fire_lift=["有"],
        防烟楼梯间=["无"],
        消防车道=["合格"],
    )
    stations = loaded("stations", frame([shapely.Point(70 + 3000, 120)], name=["s1"]))
    h, _ctx, prep = run_model(
        "highrise_fire",
        f,
        GRID,
        params={"stations": "stations"},
        vectors={"stations": stations},
    )
    want = (
        W["height"] * 0.7
        + W["use"] * 0.5
        + W["era"] * 0.5
        + W["systems"] * 0.5
        + W["travel"] * (2 / 6)
        + W["access"] * 0.5
    )
    assert prep.feature_scores[0] == pytest.approx(want)
    assert h[1, 1] == pytest.approx(want, rel=1e-6)


@pytest.mark.parametrize(
    "height,use,score",
    [
        (101.0, "住宅", 1.0),
        (55.0, "住宅", 0.7),
        (40.0, "住宅", 0.4),
        (51.0, "办公", 0.7),
        (30.0, "办公", 0.4),
        (30.0, "医院", 0.7),
        (30.0, "养老", 0.7),
    ],
)
def test_height_classes(height: float, use: str, score: float) -> None:
    f = frame([shapely.Point(70, 120)], height_m=[height], use=[use])
    _, _, prep = run_model(
        "highrise_fire",
        f,
        GRID,
        params={
            "w_height": 1.0,
            "w_use": 0,
            "w_era": 0,
            "w_systems": 0,
            "w_travel": 0,
            "w_access": 0,
        },
    )
    assert prep.feature_scores[0] == pytest.approx(score)


def test_buildings_that_are_not_high_rise_are_left_out() -> None:
    f = frame(
        [shapely.Point(70, 120), shapely.Point(120, 120)],
        height_m=[20.0, 26.0],
        use=["住宅", "商业"],
    )
    h, ctx, prep = run_model("highrise_fire", f, GRID)
    assert prep.feature_scores[0] == 0
    assert prep.feature_scores[1] > 0  # public above 24 m is high-rise
    assert h[1, 1] == 0 and h[1, 2] > 0
    assert any("1 buildings are not high-rise" in n for n in ctx.notes)


def test_floors_stand_in_for_a_missing_height() -> None:
    f = frame([shapely.Point(70, 120)], height_m=[np.nan], floors=[40])
    _, ctx, prep = run_model(
        "highrise_fire",
        f,
        GRID,
        params={
            "w_height": 1.0,
            "w_use": 0,
            "w_era": 0,
            "w_systems": 0,
            "w_travel": 0,
            "w_access": 0,
        },
    )
    assert prep.feature_scores[0] == pytest.approx(1.0)  # 120 m
    assert any("estimated as floors x 3 m" in n for n in ctx.notes)


def test_a_footprint_touches_every_cell_it_overlaps() -> None:
    # a 20 m square on the corner shared by cells (1,1), (1,2), (2,1), (2,2)
    f = frame([shapely.box(90, 90, 110, 110)], height_m=[80.0], use=["办公"])
    h, _, prep = run_model("highrise_fire", f, GRID)
    b = prep.feature_scores[0]
    assert b > 0
    np.testing.assert_allclose(h[1:3, 1:3], b, rtol=1e-6)
    assert h[0].max() == 0 and h[3].max() == 0


def test_largest_index_per_cell_and_tiles_agree() -> None:
    rng = np.random.default_rng(4)
    grid = Grid(CRS, 0.0, 1000.0, 50.0, 20, 20)
    boxes = [
        shapely.box(x, y, x + 30, y + 25) for x, y in rng.uniform(0, 970, (200, 2))
    ]
    f = frame(
        boxes,
        height_m=rng.uniform(20, 150, 200),
        use=rng.choice(["住宅", "商业", "医院", "学校"], 200),
        year_built=rng.integers(1980, 2024, 200),
    )
    whole, _, _ = run_model("highrise_fire", f, grid)
    tiled, _, _ = run_model("highrise_fire", f, grid, rows_per_tile=3)
    np.testing.assert_array_equal(whole, tiled)


def test_vocabularies() -> None:
    state, bad = vocab.parse_system(
        pd.Series(
            ["有", "无", "故障", "正常", "Yes", 0, 1.0, "部分", "缺失", "乱码", None]
        )
    )
    np.testing.assert_array_equal(
        state[:9], [0.0, 1.0, 0.5, 0.0, 0.0, 1.0, 0.0, 0.5, 1.0]
    )
    assert np.isnan(state[9]) and np.isnan(state[10]) and bad == 1
    flags, bad = vocab.parse_flag(pd.Series(["达标", "不达标", "是", "否", "true", 0]))
    np.testing.assert_array_equal(flags, [1, 0, 1, 0, 1, 0])
    uses, _ = vocab.parse_use(
        pd.Series(["商住", "Hospital", "老年人照料", "旅馆", "其他"])
    )
    assert list(uses) == ["mixed", "medical", "elderly", "hotel", "public"]
    year, _ = vocab.parse_completion(
        pd.Series(["2015-06-01", "2015", 1995, "1996年3月"])
    )
    from riskmap.hazards.fire import ERA_1995, ERA_2014

    assert year[0] >= ERA_2014 > year[1]
    assert year[2] < ERA_1995 < year[3]


def test_placeholders_are_missing_values() -> None:
    # height 0 and "不详" mean "unknown": neutral scores, counted, not dropped
    f = frame([shapely.Point(70, 120)], height_m=[0.0], sprinkler=["不详"])
    _, ctx, prep = run_model("highrise_fire", f, GRID)
    assert prep.feature_scores[0] == pytest.approx(0.5)
    notes = " ".join(ctx.notes)
    assert "1 heights not usable as 'height_m'" in notes
    assert "'sprinkler' values not understood" not in notes


@pytest.mark.parametrize("sites", [1, 7, 300])
def test_nearest_site_distance_direct_and_indexed(sites: int) -> None:
    from scipy.spatial import cKDTree

    from riskmap.hazards.fire import nearest_site_distance

    rng = np.random.default_rng(sites)
    x, y = rng.uniform(0, 5000, (2, 1000))
    sx, sy = rng.uniform(0, 5000, (2, sites))
    want, _ = cKDTree(np.column_stack([sx, sy])).query(np.column_stack([x, y]))
    np.testing.assert_allclose(nearest_site_distance(x, y, sx, sy), want, rtol=1e-12)
