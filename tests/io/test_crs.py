"""CRS parsing, the working-CRS choice, GCJ-02/BD-09 and coordinate checks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import geopandas as gpd
import pyogrio
import shapely
from pyproj import Transformer

from riskmap.errors import CRSMismatchError, SettingsError
from riskmap.io.crs import check_working_crs, choose_working_crs, parse_crs
from riskmap.io.gcj02 import wgs84_to_bd09, wgs84_to_gcj02
from riskmap.io.sources import finish, prepare
from tests.io.fixtures import LAT, LON, write_csv

TO_4545 = Transformer.from_crs(4326, 4545, always_xy=True)


@pytest.mark.parametrize("text", ["GCJ-02", "GCJ02", "gcj-02", "gcj_02", " Gcj02 "])
def test_gcj_spellings(text: str) -> None:
    crs, offset, label = parse_crs(text, "x")
    assert (crs.to_epsg(), offset, label) == (4326, "GCJ-02", "GCJ-02")


@pytest.mark.parametrize("text", ["BD-09", "bd09", "BD09LL"])
def test_bd_spellings(text: str) -> None:
    assert parse_crs(text, "x")[1] == "BD-09"


def test_named_and_coded_crs() -> None:
    assert parse_crs("CGCS2000", "x")[2] == "EPSG:4490"
    assert parse_crs("epsg:4545", "x")[2] == "EPSG:4545"
    with pytest.raises(
        SettingsError, match=r"layer 'a': source_crs: 'EPSG:99999' is not a coordinate"
    ):
        parse_crs("EPSG:99999", "layer 'a': source_crs")


def test_working_crs_must_be_projected_metres() -> None:
    assert check_working_crs("EPSG:4545") == "EPSG:4545"
    for bad in ("EPSG:4326", "GCJ-02", "EPSG:2249"):  # degrees, offset, US feet
        with pytest.raises(
            SettingsError,
            match=r"\[project\] crs: the working CRS must be projected in metres",
        ):
            check_working_crs(bad)


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [
        (106.55, 29.56, "EPSG:4545"),  # 渝中
        (106.0, 29.6, "EPSG:4545"),  # west of 106.5E, still one city grid
        (109.9, 31.0, "EPSG:4545"),  # 巫山, east of 109.5E
        (116.40, 39.90, "EPSG:4548"),  # Beijing, CM 117E
        (104.06, 30.66, "EPSG:4544"),  # Chengdu, CM 105E
        (121.47, 31.23, "EPSG:4549"),  # Shanghai, CM 120E
        (2.35, 48.85, "EPSG:32631"),  # Paris, UTM 31N
        (-70.6, -33.4, "EPSG:32719"),  # Santiago, UTM 19S
    ],
)
def test_working_crs_choice(lon: float, lat: float, code: str) -> None:
    assert choose_working_crs(lon, lat) == code


def _offset_points(folder: Path, forward, name: str, crs: int | None) -> Path:  # type: ignore[no-untyped-def]
    olon, olat = forward(LON, LAT)
    frame = gpd.GeoDataFrame(
        {"id": [0, 1, 2]}, geometry=shapely.points(olon, olat), crs=crs
    )
    path = folder / name
    pyogrio.write_dataframe(frame, path)
    return path


@pytest.mark.parametrize(
    ("forward", "declared"), [(wgs84_to_gcj02, "GCJ-02"), (wgs84_to_bd09, "BD-09")]
)
def test_consumer_map_offsets_are_removed_to_the_centimetre(
    tmp_path: Path, forward, declared: str
) -> None:  # type: ignore[no-untyped-def]
    # Points forward-transformed from known WGS 84 positions, labelled as
    # WGS 84 as Amap/Baidu exports are: the declaration must convert them.
    path = _offset_points(tmp_path, forward, "offset.gpkg", 4326)
    layer = prepare(path, source_crs=declared)
    frame, info = finish(layer, "EPSG:4545")
    ex, ey = TO_4545.transform(LON, LAT)
    coords = shapely.get_coordinates(frame.geometry.values._data)
    np.testing.assert_allclose(coords[:, 0], ex, atol=0.01)
    np.testing.assert_allclose(coords[:, 1], ey, atol=0.01)
    assert info.crs == declared
    assert f"converted from {declared} to WGS 84" in info.crs_how
    assert any(
        f"source_crs {declared} overrides the file's CRS EPSG:4326" in w
        for w in layer.warnings
    )
    # Without the declaration the layer is hundreds of metres off.
    plain, _ = finish(prepare(path), "EPSG:4545")
    shift = np.hypot(*(shapely.get_coordinates(plain.geometry.values._data) - coords).T)
    assert (shift > 100).all()


def test_gcj_lines_are_converted_vertex_by_vertex(tmp_path: Path) -> None:
    glon, glat = wgs84_to_gcj02(LON, LAT)
    line = shapely.linestrings(np.column_stack([glon, glat]))
    path = tmp_path / "route.geojson"
    pyogrio.write_dataframe(
        gpd.GeoDataFrame({"id": [1]}, geometry=[line], crs=4326), path
    )
    frame, _ = finish(prepare(path, source_crs="gcj02"), "EPSG:4545")
    ex, ey = TO_4545.transform(LON, LAT)
    coords = shapely.get_coordinates(frame.geometry.values._data)
    np.testing.assert_allclose(coords, np.column_stack([ex, ey]), atol=0.01)


def test_out_of_range_coordinates_name_the_count_and_first_feature(
    tmp_path: Path,
) -> None:
    lon = np.array([106.5, 106.6, 250.0, 106.7, 300.0])
    lat = np.array([29.5, 29.6, 29.7, 95.0, 29.9])
    frame = gpd.GeoDataFrame(
        {"id": range(5)}, geometry=shapely.points(lon, lat), crs=4326
    )
    path = tmp_path / "oor.gpkg"
    pyogrio.write_dataframe(frame, path)
    with pytest.raises(CRSMismatchError) as err:
        prepare(path)
    assert str(err.value).startswith(
        "oor.gpkg: 3 features have coordinates outside longitude -180..180 / "
        "latitude -90..90 (first: feature 2) for EPSG:4326"
    )


def test_swapped_lat_lon_in_a_geographic_layer(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"id": range(3)}, geometry=shapely.points(LAT, LON), crs=4490
    )
    path = tmp_path / "swapped.gpkg"
    pyogrio.write_dataframe(frame, path)
    with pytest.raises(
        CRSMismatchError, match=r"swapped.gpkg: longitude and latitude seem swapped"
    ):
        prepare(path)


def test_swapped_but_in_range_is_caught_by_the_china_check(tmp_path: Path) -> None:
    # Xinjiang (lon 80-88, lat 40-45) swapped stays within +-90 on both axes.
    path = write_csv(tmp_path / "xj.csv", "lon,lat\n40.1,80.2\n44.8,87.6\n")
    with pytest.raises(CRSMismatchError, match=r"x and y seem swapped"):
        prepare(path)


def test_swapped_projected_columns(tmp_path: Path) -> None:
    ex, ey = TO_4545.transform(LON, LAT)
    rows = "\n".join(f"{y:.2f},{x:.2f}" for x, y in zip(ex, ey, strict=True))
    path = write_csv(tmp_path / "surv.csv", "x,y\n" + rows)  # surveyors' X is northing
    with pytest.raises(CRSMismatchError, match=r"x and y seem swapped"):
        prepare(path, source_crs="EPSG:4545")


def test_data_far_from_its_crs_area_warns(tmp_path: Path) -> None:
    # Chongqing Gauss-Krüger metres labelled as France's Lambert-93
    ex, ey = TO_4545.transform(LON, LAT)
    frame = gpd.GeoDataFrame(
        {"id": range(3)}, geometry=shapely.points(ex, ey), crs=2154
    )
    path = tmp_path / "far.gpkg"
    pyogrio.write_dataframe(frame, path)
    layer = prepare(path)
    assert any("far outside where EPSG:2154 is used" in w for w in layer.warnings)


def test_coordinates_the_target_cannot_hold(tmp_path: Path) -> None:
    # Metres without the zone prefix labelled as the prefixed zone 36 system
    ex, ey = TO_4545.transform(LON, LAT)
    frame = gpd.GeoDataFrame(
        {"id": range(3)}, geometry=shapely.points(ex, ey), crs=4524
    )
    path = tmp_path / "prefix.gpkg"
    pyogrio.write_dataframe(frame, path)
    with pytest.raises(
        CRSMismatchError,
        match=r"prefix.gpkg: 3 features cannot be projected to EPSG:4545 \(first: feature 0\)",
    ):
        finish(prepare(path), "EPSG:4545")


@pytest.mark.parametrize("code", [4545, 4490, 4326, 32648, 4547])
def test_lonlat_of_cgcs2000_and_wgs84_systems_match_proj_to_wgs84(code: int) -> None:
    from pyproj import CRS, Transformer

    from riskmap.io.crs import SourceCRS, lonlat_bounds

    crs = CRS.from_epsg(code)
    to_wgs84 = Transformer.from_crs(crs, 4326, always_xy=True)
    lon0, lat0 = (106.3, 29.4) if code != 4547 else (114.0, 22.5)
    x0, y0 = Transformer.from_crs(4326, crs, always_xy=True).transform(lon0, lat0)
    x1, y1 = Transformer.from_crs(4326, crs, always_xy=True).transform(
        lon0 + 0.3, lat0 + 0.2
    )
    bounds = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    want = to_wgs84.transform_bounds(*bounds, densify_pts=21)
    got = lonlat_bounds(bounds, SourceCRS(crs, None, f"EPSG:{code}", "test"))
    assert got == pytest.approx(want, abs=1e-12)
