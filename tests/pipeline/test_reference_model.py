"""The benchmark's reference model as the project file it scores
(tests/bench/make_project.py).

../shared/bench/riskmodel.py: L = max class value of the landslide polygons
containing the centre; H = max(0, 1 - d / 500) with d the distance to the
nearest route; F = min(1, n / 5) with n the building centroids within 200
m; R = 0.40 H + 0.35 F + 0.25 L; fixed breaks, no 就高. The same model
expressed with the generic and landslide kinds must give the reference
numbers, computed here by brute force with shapely.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import geopandas as gpd
import shapely

from riskmap.io.project_file import load_project
from riskmap.pipeline.loading import load_project_data
from riskmap.pipeline.scoring import score_project
from tests.bench.make_project import PROJECT_NAME, write_project

X0, Y0 = 600000.0, 3260000.0
VALUES = {"极高": 1.0, "高": 0.75, "中": 0.5, "低": 0.25}


@pytest.fixture
def bench_like(tmp_path: Path) -> Path:
    rng = np.random.default_rng(42)
    # districts in lon/lat (EPSG:4490) like the benchmark's
    d = gpd.GeoDataFrame(
        {"name": ["甲区", "乙区"]},
        geometry=[
            shapely.box(X0, Y0, X0 + 1500, Y0 + 2000),
            shapely.box(X0 + 1500, Y0, X0 + 3000, Y0 + 2000),
        ],
        crs="EPSG:4545",
    ).to_crs("EPSG:4490")
    d.to_file(tmp_path / "districts.gpkg", engine="pyogrio")
    routes = []
    for _ in range(30):
        start = rng.uniform([X0 - 300, Y0 - 300], [X0 + 3300, Y0 + 2300])
        routes.append(
            shapely.LineString(start + np.cumsum(rng.normal(0, 150, (6, 2)), 0))
        )
    gpd.GeoDataFrame(
        {"daily_trips": rng.integers(1, 400, 30)}, geometry=routes, crs="EPSG:4545"
    ).to_crs("EPSG:4326").to_file(tmp_path / "hazmat_routes.gpkg", engine="pyogrio")
    xy = rng.uniform([X0, Y0], [X0 + 3000, Y0 + 2000], (400, 2))
    boxes = [shapely.box(x, y, x + 30, y + 20) for x, y in xy]
    gpd.GeoDataFrame(
        {"height_m": rng.uniform(24, 300, 400)}, geometry=boxes, crs="EPSG:4545"
    ).to_file(tmp_path / "highrise_buildings.gpkg", engine="pyogrio")
    zones = shapely.buffer(
        shapely.points(rng.uniform([X0, Y0], [X0 + 3000, Y0 + 2000], (25, 2))),
        rng.uniform(50, 300, 25),
    )
    gpd.GeoDataFrame(
        {"susceptibility": rng.choice(list(VALUES), 25)},
        geometry=zones,
        crs="EPSG:4545",
    ).to_file(tmp_path / "landslide_zones.gpkg", engine="pyogrio")
    write_project(tmp_path)  # the very project the benchmark scores
    return tmp_path


def test_reference_model_numbers(bench_like: Path) -> None:
    project = load_project(bench_like / PROJECT_NAME)
    data = load_project_data(project)
    r = score_project(project, data)
    g = r.grid
    cx, cy = np.meshgrid(g.x_centres(), g.y_centres())
    pts = shapely.points(cx, cy)
    routes = data.vectors["hazmat"].frame.geometry.values
    d = np.min([shapely.distance(pts, line) for line in routes], axis=0)
    h = np.maximum(0, 1 - d / 500)
    cent = shapely.get_coordinates(
        shapely.centroid(data.vectors["fire"].frame.geometry.values)
    )
    n = (
        (cx[..., None] - cent[:, 0]) ** 2 + (cy[..., None] - cent[:, 1]) ** 2 <= 200**2
    ).sum(axis=-1)
    f = np.minimum(1, n / 5)
    zones = data.vectors["landslide"].frame
    lv = np.zeros(g.shape)
    for geom, cls in zip(zones.geometry, zones["susceptibility"], strict=True):
        lv = np.where(
            shapely.contains_properly(geom, pts), np.maximum(lv, VALUES[cls]), lv
        )
    want = 0.40 * h + 0.35 * f + 0.25 * lv
    inside = r.district_index >= 0
    np.testing.assert_allclose(r.composite[inside], want[inside], atol=1e-6)
    assert not r.raised.any()
    # per district: cells and mean as the reference computes them
    for i, row in r.stats.iterrows():
        sel = r.district_index == i
        assert row.cells == sel.sum()
        assert row["mean"] == pytest.approx(want[sel].mean(), abs=1e-6)


def test_loading_for_scoring_only_gives_the_same_map(bench_like: Path) -> None:
    project = load_project(bench_like / PROJECT_NAME)
    full = load_project_data(project)
    lean = load_project_data(project, attributes="used", positions=True)
    # the density layer keeps one point per footprint, the others their shapes
    fire = lean.vectors["fire"]
    assert fire.positions_only and not full.vectors["fire"].positions_only
    assert set(shapely.get_type_id(fire.frame.geometry.values)) == {0}
    assert fire.source.geometry_type == "polygon"
    assert list(fire.frame.columns) == ["geometry"]  # no attribute is mapped
    assert "susceptibility" in lean.vectors["landslide"].frame.columns
    assert "daily_trips" not in lean.vectors["hazmat"].frame.columns
    assert lean.warnings == full.warnings
    a, b = score_project(project, full), score_project(project, lean)
    np.testing.assert_array_equal(a.composite, b.composite)
    assert a.stats.equals(b.stats)


def test_positions_of_repaired_footprints_match_the_full_load(bench_like: Path) -> None:
    path = bench_like / "highrise_buildings.gpkg"
    frame = gpd.read_file(path)
    bowtie = shapely.from_wkt(
        f"POLYGON (({X0} {Y0}, {X0 + 40} {Y0 + 40}, {X0 + 40} {Y0}, {X0} {Y0 + 40}, {X0} {Y0}))"
    )
    frame.loc[3, "geometry"] = bowtie
    frame.to_file(path, engine="pyogrio")
    project = load_project(bench_like / PROJECT_NAME)
    full = load_project_data(project)
    lean = load_project_data(project, attributes="used", positions=True)
    assert any("repaired 1 invalid" in w for w in lean.warnings)
    assert lean.warnings == full.warnings
    a, b = score_project(project, full), score_project(project, lean)
    np.testing.assert_array_equal(a.composite, b.composite)
