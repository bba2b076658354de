"""``riskmap inspect`` on KML, CRS84 GeoJSON, 3D lines and an empty layer."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

import geopandas as gpd
from shapely.geometry import LineString, Point

from riskmap.cli.commands import dispatch
from tests.io.fixtures import crs84_geojson, register_test_models


@pytest.fixture(autouse=True)
def _models(monkeypatch: pytest.MonkeyPatch) -> None:
    register_test_models(monkeypatch)


def _inspect(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    code = dispatch(argparse.Namespace(command="inspect", file=str(path), layer=None))
    assert code == 0
    return capsys.readouterr().out


def test_kml_points_with_chinese_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frame = gpd.GeoDataFrame(
        {"名称": ["甲站", "乙站"]},
        geometry=[Point(106.55, 29.56), Point(106.60, 29.61)],
        crs=4326,
    )
    path = tmp_path / "消防站.kml"
    frame.to_file(path, driver="KML")
    out = _inspect(capsys, path)
    assert "driver: LIBKML" in out or "driver: KML" in out
    assert "  geometry: point" in out and "  features: 2" in out
    assert "  crs: EPSG:4326 (from the file)" in out
    assert "  bounds: 106.550000, 29.560000 to 106.600000, 29.610000 (lon, lat)" in out
    assert "名称 (" in out


def test_crs84_geojson_is_lon_lat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _inspect(capsys, crs84_geojson(tmp_path))
    assert "  crs: EPSG:4326 (from the file)" in out
    # Longitudes first: Chongqing, not a point in the Indian Ocean.
    assert "  bounds: 106.437000, 29.557000 to 106.585000, 29.825000 (lon, lat)" in out
    assert "warning:" not in out


def test_lines_with_z_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frame = gpd.GeoDataFrame(
        {"日均车次": [3.0, 5.0]},
        geometry=[
            LineString([(500_000, 3_270_000, 250), (501_000, 3_271_000, 260)]),
            LineString([(500_000, 3_272_000, 10), (502_000, 3_272_000, 20)]),
        ],
        crs=4545,
    )
    path = tmp_path / "routes.gpkg"
    frame.to_file(path, layer="三维路线")
    out = _inspect(capsys, path)
    assert "layer: 三维路线" in out and "  geometry: line" in out
    assert "  geometry problems: with Z or M: 2" in out
    assert "  crs: EPSG:4545 (from the file)" in out
    # x 500 000 on CGCS2000 / 3-degree GK CM 108E is the central meridian.
    assert "  bounds: 108.000000, 29.5" in out


def test_an_empty_layer_names_its_declared_geometry_and_says_it_is_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frame = gpd.GeoDataFrame(
        {"易发程度": []}, geometry=gpd.GeoSeries([], crs=4545), crs=4545
    )
    path = tmp_path / "zones.gpkg"
    frame.to_file(path, layer="滑坡区", geometry_type="Polygon")
    out = _inspect(capsys, path)
    assert "  geometry: polygon" in out and "  features: 0" in out
    assert "  bounds: unknown" in out
    assert (
        "  warning: zones.gpkg, layer '滑坡区': the layer has no features: "
        "nothing to draw or score" in out
    )
    # The declared polygons suit a polygon kind: no false geometry complaint.
    assert "mapping for test_highrise: nothing [missing required: height_m]\n" in out
