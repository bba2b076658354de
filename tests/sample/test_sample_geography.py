"""The sample follows the real geography of Chongqing's main city."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.spatial import cKDTree

import geopandas as gpd
import rasterio
import shapely

from tools.samplegen.base import work_xy
from tools.samplegen.geography import CENTRES, PLACES, RIDGES

Layers = dict[str, gpd.GeoDataFrame]


def _xy(name: str) -> np.ndarray:
    return work_xy([PLACES[name]])[0]


@pytest.fixture(scope="module")
def city(work: Layers) -> shapely.Geometry:
    union = shapely.union_all(work["districts"].geometry.values)
    shapely.prepare(union)
    return union


@pytest.fixture(scope="module")
def dem(sample_path: Path):
    with rasterio.open(sample_path / "dem.tif") as src:
        return src.read(1, masked=True), src.transform


def _elevation(dem, xy: np.ndarray) -> np.ndarray:
    values, t = dem  # north-up: x = c + col * a, y = f + row * e
    cols = np.floor((xy[:, 0] - t.c) / t.a).astype(int)
    rows = np.floor((xy[:, 1] - t.f) / t.e).astype(int)
    return values[rows, cols]


def test_centres_and_places_lie_in_their_districts(work: Layers) -> None:
    districts = work["districts"]
    for centre in CENTRES:
        x, y = work_xy([centre.lonlat])[0]
        hit = districts[districts.contains(shapely.Point(x, y))]["名称"].tolist()
        assert hit == [centre.district], centre.name
    xy = work_xy(list(PLACES.values()))
    union = shapely.union_all(districts.geometry.values)
    assert shapely.contains_xy(union, xy[:, 0], xy[:, 1]).all()


def test_every_building_lies_inside_the_districts_and_off_the_rivers(
    work: Layers, city: shapely.Geometry
) -> None:
    footprints = work["highrise_buildings"].geometry.values
    assert shapely.within(footprints, city).all()
    rivers = shapely.union_all(work["rivers"].geometry.values)
    # Centre lines; the low-water channels are 360-660 m wide.
    assert shapely.distance(footprints, rivers).min() > 150.0


def test_supertall_towers_stand_in_the_cbds(work: Layers) -> None:
    b = work["highrise_buildings"]
    tall = b[b["建筑高度"] > 100]
    centres = np.array([_xy(n) for n in ("解放碑", "江北嘴", "观音桥")])
    xy = shapely.get_coordinates(tall.centroid.values)
    dist, which = cKDTree(centres).query(xy)
    assert dist.max() < 1_200.0
    # More than a handful right at 解放碑 and 江北嘴 (incl. 来福士, 环球金融中心).
    assert ((dist < 1_000.0) & (which < 2)).sum() > 5
    assert tall["名称"].str.contains("来福士").sum() == 2


def test_buildings_cluster_in_the_commercial_centres(work: Layers) -> None:
    xy = shapely.get_coordinates(work["highrise_buildings"].centroid.values)
    tree = cKDTree(xy)
    cbd = work_xy([c.lonlat for c in CENTRES if c.cbd])
    near_cbd = np.array([len(i) for i in tree.query_ball_point(cbd, 1_500.0)])
    outskirts = np.array([_xy(n) for n in ("统景", "一品", "南彭", "静观")])
    near_out = np.array([len(i) for i in tree.query_ball_point(outskirts, 1_500.0)])
    assert near_cbd.min() > 150
    assert near_out.max() < 20


def test_ridges_stand_high_and_rivers_lie_low(work: Layers, dem) -> None:
    for ridge in RIDGES:
        line = shapely.LineString(work_xy(ridge.line))
        pts = shapely.line_interpolate_point(
            line, np.linspace(0.25, 0.75, 40), normalized=True
        )
        heights = _elevation(dem, shapely.get_coordinates(pts))
        assert np.ma.median(heights) > 500, ridge.name
    for river in work["rivers"].geometry.values:
        pts = shapely.line_interpolate_point(
            river, np.linspace(0.05, 0.95, 60), normalized=True
        )
        heights = _elevation(dem, shapely.get_coordinates(pts))
        assert heights.max() < 200 and heights.min() > 150
    values = dem[0]
    assert 250 < values.mean() < 450


def test_rivers_meet_at_chaotianmen(work: Layers) -> None:
    rivers = dict(zip(work["rivers"]["名称"], work["rivers"].geometry, strict=True))
    jialing_mouth = shapely.Point(rivers["嘉陵江"].coords[-1])
    assert rivers["长江"].distance(jialing_mouth) < 300.0
    assert jialing_mouth.distance(shapely.Point(_xy("朝天门"))) < 1_000.0


def test_landslide_zones_lie_on_ridge_flanks_and_steep_banks(work: Layers, dem) -> None:
    zones = work["landslide_zones"]
    high = zones[zones["易发性"].isin(["极高", "高"])]
    xy = shapely.get_coordinates(high.geometry.representative_point().values)
    ridges = shapely.union_all([shapely.LineString(work_xy(r.line)) for r in RIDGES])
    rivers = shapely.union_all(work["rivers"].geometry.values)
    points = shapely.points(xy)
    on_ridge = shapely.distance(points, ridges) < 2_500.0
    on_bank = shapely.distance(points, rivers) < 1_200.0
    assert (on_ridge | on_bank).mean() > 0.9
    assert on_ridge.mean() > 0.6
    low = zones[zones["易发性"] == "低"]
    low_xy = shapely.get_coordinates(low.geometry.representative_point().values)
    assert np.ma.mean(_elevation(dem, xy)) > np.ma.mean(_elevation(dem, low_xy))


def test_routes_follow_the_corridors_inside_the_city(
    work: Layers, city: shapely.Geometry
) -> None:
    routes = work["hazmat_routes"].geometry.values
    assert shapely.distance(routes, city).max() < 12_000.0
    inside = shapely.length(shapely.intersection(routes, city)).sum()
    assert inside / shapely.length(routes).sum() > 0.85
    # The 绕城 ring passes within a few hundred metres of its named waypoints.
    r = work["hazmat_routes"]
    ring = shapely.union_all(r[r["路线名称"].str.contains("绕城")].geometry.values)
    assert ring.distance(shapely.Point(work_xy([(106.505, 29.375)])[0])) < 500.0


def test_fire_stations_cover_the_centres_but_not_the_outskirts(
    work: Layers, city: shapely.Geometry
) -> None:
    stations = work["fire_stations"]
    assert stations["名称"].str.endswith("消防救援站").all()
    xy = shapely.get_coordinates(stations.geometry.values)
    assert shapely.contains_xy(city, xy[:, 0], xy[:, 1]).all()
    tree = cKDTree(xy)
    cbd = work_xy([c.lonlat for c in CENTRES if c.cbd])
    assert tree.query(cbd)[0].max() < 2_000.0
    xmin, ymin, xmax, ymax = city.bounds
    gx, gy = np.meshgrid(np.arange(xmin, xmax, 500.0), np.arange(ymin, ymax, 500.0))
    inside = shapely.contains_xy(city, gx, gy)
    far = tree.query(np.column_stack([gx[inside], gy[inside]]))[0]
    assert far.max() > 10_000.0  # the outskirts are far from any station
